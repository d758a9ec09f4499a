/** Chinese labels the people's pages share (the hall page's script bundles this module too). */

/** Departments as a window clerk and a report reader name them. */
export const DEPARTMENT_LABEL: Readonly<Record<string, string>> = {
  TAX: '税务',
  MARKET: '市场监管',
  ENVIRONMENT: '生态环境',
  COURT: '法院',
  CREDIT: '公共信用信息平台',
};
