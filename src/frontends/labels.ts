/** Chinese labels the people's pages share (the hall page's script bundles this module too). */

import { DEPARTMENT_LABELS } from '../departments/registry.ts';

/** Roles as the people's pages name them (the hall's sign-in, the enterprise's data tracker). */
export const ROLE_LABEL: Readonly<Record<string, string>> = {
  clerk: '窗口人员',
  regulator: '监管人员',
  enterprise: '企业用户',
  bank: '银行',
  developer: '开发者',
  department: '部门业务系统',
  reviewer: '规则审核人员',
};

/** Departments as a window clerk and a report reader name them (the registry's labels). */
export const DEPARTMENT_LABEL: Readonly<Record<string, string>> = DEPARTMENT_LABELS;

/** Severities of records, as the hall and the report print them (the schema's words). */
export const SEVERITY_LABEL: Readonly<Record<string, string>> = {
  MINOR: '轻微',
  GENERAL: '一般',
  SERIOUS: '严重',
};

/** A record's state, as the hall and the report print it: the schema's words (RecordStatus). */
export const RECORD_STATUS_LABEL: Readonly<Record<string, string>> = {
  ACTIVE: '有效',
  DISPUTED: '异议处理中',
  EXPIRED: '公示期满',
  REPAIRED: '已修复',
  REMOVED: '已移出',
  REORGANIZED: '重整前记录',
};
