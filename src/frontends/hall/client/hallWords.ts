/**
 * The service-hall page's words and shapes (hall.ts): labels in Chinese, the check's query and the
 * answer it expects, error texts. Bundled with hall.ts for the browser.
 */
import { escapeHtml } from '../../../util/escapeHtml.ts';
import { DEPARTMENT_LABEL } from '../../labels.ts';

export const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
export const esc = escapeHtml;

export const PURPOSE: Record<string, string> = {
  ADMINISTRATIVE_LICENSING: 'LICENSING',
  GOVERNMENT_PROCUREMENT: 'PROCUREMENT',
  BIDDING: 'BIDDING',
  FISCAL_SUBSIDY: 'SUBSIDY',
  HONOURS: 'LICENSING',
  QUALIFICATION_GRADING: 'LICENSING',
  TOLERANCE_ACCEPTANCE: 'LICENSING',
  COMMITMENT_SYSTEM: 'LICENSING',
};
export const VERDICT: Record<string, string> = {
  FAST_TRACK: '绿色通道',
  NORMAL: '正常办理',
  RESTRICTED: '限制办理',
  INCOMPLETE: '无法完成核查',
};
/** The five's labels, and the declared departments' from the page's words.js (their freshness is in `sources`). */
export const DEPARTMENT: Readonly<Record<string, string>> = {
  ...DEPARTMENT_LABEL,
  ...((window as { CG_DEPARTMENTS?: Record<string, string> }).CG_DEPARTMENTS ?? {}),
};
export const STATUS: Record<string, string> = {
  OK: '正常',
  STALE: '数据过期（缓存）',
  UNAVAILABLE: '不可用',
};
/** Severities and record states in the report's words (src/frontends/labels.ts; the code stays beside them for quoting). */
export { RECORD_STATUS_LABEL as RECORD_STATUS, SEVERITY_LABEL as SEVERITY } from '../../labels.ts';
/** A time in Beijing, as people here read it. */
export const beijing = (ms: number): string =>
  new Date(ms).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** Error codes a clerk may need to quote, in words, with the code in brackets. */
export const ERROR_TEXT: Record<string, string> = {
  UNAUTHENTICATED: '登录已失效，请重新登录',
  FORBIDDEN: '当前账号无权进行此项核查',
  PURPOSE_REQUIRED: '缺少查询目的',
  RATE_LIMITED: '查询过于频繁，请稍后再试',
  OPERATION_TIMEOUT: '核查超时，请重试',
  AUDIT_UNAVAILABLE: '审计日志暂不可写，本次核查未执行，请稍后重试',
  INTERNAL_SERVER_ERROR: '服务内部错误，请稍后重试',
};
/** How long a check may take before the page says so and offers to retry. */
export const CHECK_TIMEOUT_MS = 15_000;
export const REASON: Record<string, string> = {
  LENGTH: '应为18位',
  CHARACTER: '含不允许的字符（不使用 I、O、Z、S、V）',
  REGION_DIGIT: '第3–8位（行政区划码）须为数字',
};

export const CHECK = `query HallCheck($u: USCC!, $m: Matter!) {
  creditCheck(uscc: $u, matter: $m) {
    uscc name verdict reasons complete missingDepartments stale
    measures { code name kind legalBasis recordIds }
    basis { evaluation { grade label ruleSet ruleSetName version evaluatedAt basis { rule ruleName records { id } } missingDepartments disputed }
            records { id department title severity status date }
            incentives { id domain reason authority listedOn }
            interviews { department kind heldOn rectifyBy rectifiedOn overdue } }
    sources { department status fetchedAt ageSeconds }
    receipt { number checkedAt code verifyPath }
  }
}`;

/** The part of a creditCheck answer the page shows. */
export interface Check {
  uscc: string;
  name: string | null;
  verdict: string;
  /** The departments whose silence made the verdict INCOMPLETE. */
  missingDepartments: string[];
  complete: boolean;
  stale: boolean;
  measures: Array<{ name: string; kind: string; legalBasis: string; recordIds: string[] }>;
  basis: {
    evaluation: {
      grade: string;
      label: string;
      ruleSet: string;
      /** The rule set's name in Chinese. */
      ruleSetName: string;
      version: string;
      evaluatedAt: string;
      /** The rule that fired, and its words. */
      basis: { rule: string; ruleName: string };
      /** Departments missing: the grade is provisional (docs/rules.md "Grades and completeness"). */
      missingDepartments: string[];
      /** The enterprise objects to the grade. */
      disputed: boolean;
    };
    /** Active red-list entries (守信激励): the basis of a good verdict. */
    incentives: Array<{ id: string; domain: string; reason: string; authority: string; listedOn: string }>;
    /** 约谈 on record (null: no ledger): shown, not graded. */
    interviews: Array<{
      department: string;
      kind: string;
      heldOn: string;
      rectifyBy: string;
      rectifiedOn: string | null;
      overdue: boolean;
    }> | null;
    records: Array<{
      id: string;
      department: string;
      title: string;
      severity: string;
      status: string;
      date: string;
    }>;
  };
  sources: Array<{ department: string; status: string; ageSeconds: number | null }>;
  /** The printout's receipt: number, gateway time, verification code and where to verify. */
  receipt: { number: string; checkedAt: string; code: string; verifyPath: string };
}
