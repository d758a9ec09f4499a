/** Word lists the generator draws Chinese names and places from (汕尾市 and its districts). */

/** The city's real district codes (GB/T 2260) with their names. */
export const DISTRICTS: ReadonlyArray<{ code: string; name: string; court: string }> = [
  { code: '441502', name: '城区', court: '汕尾市城区人民法院' },
  { code: '441521', name: '海丰县', court: '海丰县人民法院' },
  { code: '441523', name: '陆河县', court: '陆河县人民法院' },
  { code: '441581', name: '陆丰市', court: '陆丰市人民法院' },
];

export const SURNAMES = ['陈', '林', '黄', '张', '李', '王', '吴', '刘', '蔡', '杨', '郑', '许', '彭', '钟', '叶', '罗', '庄', '曾', '余', '卓'];
export const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀', '华', '平', '刚', '桂', '海', '文', '建', '志', '国', '丽', '晓', '红'];
export const TRADE_WORDS = ['海鸿', '粤丰', '汕顺', '鑫达', '宏图', '恒信', '瑞丰', '金港', '永盛', '华峰', '嘉禾', '兴业', '东方', '蓝海', '品尚', '善美', '德润', '新城', '银湾', '红海', '凯达', '聚源', '泰和', '万象', '星辰', '远航', '汇通', '宝丽', '福临', '明珠'];
export const INDUSTRIES = [
  { word: '科技', scope: '软件开发；信息技术咨询服务；电子产品销售。' },
  { word: '贸易', scope: '日用百货销售；五金产品批发；食品销售（仅销售预包装食品）。' },
  { word: '建筑工程', scope: '房屋建筑和市政基础设施项目工程总承包；建筑劳务分包。' },
  { word: '水产', scope: '水产养殖；水产品批发；水产品零售。' },
  { word: '食品', scope: '食品生产；食品销售；农副产品销售。' },
  { word: '物流', scope: '道路货物运输（不含危险货物）；普通货物仓储服务。' },
  { word: '电子', scope: '电子元器件制造；电子元器件批发。' },
  { word: '环保科技', scope: '污水处理及其再生利用；固体废物治理。' },
  { word: '实业', scope: '以自有资金从事投资活动；企业管理咨询。' },
  { word: '餐饮管理', scope: '餐饮服务；餐饮管理。' },
];
export const SHOP_KINDS = ['餐饮店', '便利店', '五金店', '服装店', '水产档', '理发店', '汽车修理店'];
export const CROPS = ['荔枝种植', '茶叶', '水产养殖', '蔬菜种植', '青梅种植'];
export const STREETS = ['香洲街道', '凤山街道', '海城镇', '城东街道', '河城街道', '东海街道', '红草镇'];
