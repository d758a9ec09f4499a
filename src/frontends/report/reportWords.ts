/** The report's words: labels of departments, severities, states and kinds; document numbers; Beijing time. */
import { declaredDepartments, everyDepartmentLabel } from '../../departments/declared/declarations.ts';
import { escapeHtml } from '../../util/escapeHtml.ts';

export const esc = escapeHtml;
/** The five's labels and the declared departments' (src/departments/declared/). */
export const DEPARTMENT = everyDepartmentLabel();
/** Severities and record states, the hall's words too (src/frontends/labels.ts). */
export { RECORD_STATUS_LABEL as STATUS, SEVERITY_LABEL as SEVERITY } from '../labels.ts';
export const COMMITMENT: Record<string, string> = {
  FULFILLED: '已履约',
  PENDING: '履约中',
  BREACHED: '未履约',
};
export const OBJECTION: Record<string, string> = {
  OPEN: '处理中',
  UPHELD: '异议成立',
  REJECTED: '异议不成立',
};
/** Record kinds under 失信惩戒 (joint punishment lists and court measures); the rest of the non-penalty records follow them. */
export const PUNISHMENT_KINDS = new Set([
  'DISHONEST_DEBTOR',
  'ENFORCEMENT_CASE',
  'CONSUMPTION_RESTRICTION',
  'SERIOUS_VIOLATION',
  'MAJOR_TAX_CASE',
  'BLACK_LIST',
]);
export const KIND: Record<string, string> = {
  ADMINISTRATIVE_PENALTY: '行政处罚',
  DISHONEST_DEBTOR: '失信被执行人',
  ENFORCEMENT_CASE: '被执行人',
  CONSUMPTION_RESTRICTION: '限制消费',
  ABNORMAL_OPERATIONS: '经营异常名录',
  SERIOUS_VIOLATION: '严重违法失信名单',
  MAJOR_TAX_CASE: '重大税收违法失信案件',
  TAX_GRADE_D: '纳税信用D级',
  TAX_ARREARS: '欠税',
  ABNORMAL_TAXPAYER: '非正常户',
  BLACK_LIST: '严重失信主体名单',
  BREACHED_COMMITMENT: '未履行信用承诺',
  ENVIRONMENTAL_CARD: '环保信用评价',
  // The declared departments' record kinds, named as their declarations title them.
  ...Object.fromEntries(
    declaredDepartments().flatMap((d) => (d.records ?? []).map((r) => [r.kind, r.title])),
  ),
};
export const SOURCE: Record<string, string> = {
  OK: '正常',
  STALE: '缓存（部门暂不可用）',
  UNAVAILABLE: '不可用',
};

/** A record's document number for people: its id without the department prefix and kind suffix (`court:(2026)粤1581执113号#ENFORCEMENT_CASE` → `(2026)粤1581执113号`). */
export function documentNumber(id: string): string {
  return id.replace(/^[a-z]+:/, '').replace(/#[A-Z_]+$/, '');
}

/** A record reference for people: its department and document number (`market:汕市监罚〔2026〕1号` → `市场监管 汕市监罚〔2026〕1号`). */
export function recordRefWords(ref: string): string {
  if (ref === 'evaluation') return '信用评价结果';
  const dept = /^([a-z]+):/.exec(ref)?.[1];
  return `${dept ? `${DEPARTMENT[dept.toUpperCase()] ?? dept} ` : ''}${documentNumber(ref)}`;
}

const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An instant as Beijing time, `2026-11-01 16:00:00`. */
export function beijingTime(iso: string | number): string {
  const parts = Object.fromEntries(BEIJING.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}:${parts.second}`;
}
