/** Who is asking (README.md "How a request flows", step 2), derived from a verified token. */
import type { RoleTraits } from './roles.ts';

/** The roles of docs/access.md (plus `developer`: the public view and the schema). */
/** `reviewer`: an official who approves rule-set versions regulators propose (docs/rules.md "Review of rule-set changes"). */
/** `department`: a department's own system (its org names the department), receiving the alerts about enterprises with its records (docs/rules.md "Supervision and alerts", 通报). */
export const ROLES = [
  'public',
  'enterprise',
  'clerk',
  'regulator',
  'bank',
  'developer',
  'department',
  'reviewer',
] as const;
/** One role. */
export type Role = (typeof ROLES)[number];

/** Why a caller reads beyond the public view (`X-Purpose`). */
export const PURPOSES = [
  'LICENSING',
  'PROCUREMENT',
  'BIDDING',
  'SUBSIDY',
  'PRE_CREDIT',
  'SUPERVISION',
  'SELF_QUERY',
  'INVESTIGATION',
] as const;
/** One purpose. */
export type Purpose = (typeof PURPOSES)[number];
/** Each purpose in words (as the schema describes it). */
export const PURPOSE_WORDS: Record<string, string> = {
  LICENSING: '行政许可',
  PROCUREMENT: '政府采购',
  BIDDING: '招标投标',
  SUBSIDY: '财政补贴',
  PRE_CREDIT: '预授信',
  SUPERVISION: '监管',
  SELF_QUERY: '企业自查',
  INVESTIGATION: '调查',
};

/** The caller. */
export interface Principal {
  role: Role;
  /** Token subject (a user id); null for the public. */
  subject: string | null;
  /** Organization (a bank's code, a department, a service hall). */
  org: string | null;
  /** For an enterprise user: its USCC. */
  uscc: string | null;
  /** The declared purpose of this request, if any. */
  purpose: Purpose | null;
  /** When the caller's token expires (ms since the epoch, its `exp`); absent for the public. */
  expiresAt?: number;
  /** A regulator's region, a region-code prefix (4415 the city, 441581 a county): all it sees (docs/rules.md "Supervision and alerts"). */
  region?: string | null;
  /** A regulator's department: the only one it draws for. */
  department?: string | null;
  /** Its role's traits, as the authenticator's role table states them (src/auth/roles.ts); absent: the built-in row. */
  traits?: RoleTraits;
}

/** The anonymous caller. */
export const PUBLIC: Principal = { role: 'public', subject: null, org: null, uscc: null, purpose: null };
