/**
 * The unified model: what every department's data looks like once its connector has
 * normalized it. ISO dates, money as decimal strings in yuan, English enums. The cache holds
 * these (role-independent), the credit rules read them, and resolvers map them to the schema.
 */

import type { Department } from '../departments/registry.ts';

/** The source departments and their type come from the registry (src/departments/registry.ts). */
export { DEPARTMENT_NAMES, type Department } from '../departments/registry.ts';

/** A decimal amount of yuan written as a string (`"12500.00"`). */
export type Money = string;
/** An ISO calendar date (`2026-11-01`). */
export type IsoDate = string;

/** An administrative penalty from tax, market regulation or environment. */
export interface Penalty {
  department: Department;
  /** The decision document number (处罚决定书文号). */
  id: string;
  date: IsoDate;
  /** Kinds of penalty (警告, 罚款, 责令停产停业, …), split from the source's joined text. */
  kinds: string[];
  amount: Money | null;
  fact: string;
  authority: string | null;
}

/** Registration status (登记状态). */
export type RegistrationStatus =
  'EXISTING' | 'OPERATING' | 'MOVED_OUT' | 'SUSPENDED' | 'ANNULLED' | 'REVOKED' | 'DEREGISTERED';

/** The legal representative (法定代表人); the ID number is personal data (docs/access.md). */
export interface LegalRepresentative {
  name: string;
  idNumber: string;
}

/** Registration basics from market regulation. */
export interface Registration {
  uscc: string;
  name: string;
  legalRepresentative: LegalRepresentative;
  entityType: string;
  status: RegistrationStatus;
  /** The source's own status text (存续, 吊销 …). */
  statusText: string;
  establishedOn: IsoDate;
  registeredCapital: { text: string; amount: Money | null; currency: string | null };
  authority: string;
  address: string;
  scope: string;
  /** GB/T 4754-2017 class (国民经济行业分类), e.g. C1391. */
  industryCode: string;
  /** The latest 核准日期. */
  approvedOn: IsoDate;
}

/** A listing on a market-regulation list (经营异常名录 or 严重违法失信名单). */
export interface MarketListing {
  /** Stable id built from the list and the listing date (listings carry no number). */
  id: string;
  reason: string;
  listedOn: IsoDate;
  authority: string;
  removedOn: IsoDate | null;
  removalReason: string | null;
}

/** Tax data of one enterprise. */
export interface TaxProfile {
  ratings: Array<{ year: number; grade: 'A' | 'B' | 'M' | 'C' | 'D' }>;
  arrears: Money;
  abnormalTaxpayer: boolean;
  majorCases: Array<{ id: string; fact: string; listedOn: IsoDate; removedOn: IsoDate | null }>;
  taxPaid: Array<{ year: number; amount: Money }>;
  penalties: Penalty[];
}

/** Market-regulation records of one enterprise (registration is loaded on its own). */
export interface MarketRecords {
  penalties: Penalty[];
  abnormalOperations: MarketListing[];
  seriousViolations: MarketListing[];
}

/** Environmental credit card (环保信用评价). */
export type EnvironmentalCard = 'GREEN' | 'BLUE' | 'YELLOW' | 'RED' | 'BLACK';

/** Ecology and environment data of one enterprise. */
export interface EnvironmentProfile {
  ratings: Array<{ year: number; card: EnvironmentalCard }>;
  penalties: Penalty[];
}

/** A court dishonest-debtor entry (失信被执行人). */
export interface DishonestDebtorEntry {
  caseCode: string;
  court: string;
  publishedOn: IsoDate;
  performance: string;
  duty: string;
  situation: string;
  onList: boolean;
  removedOn: IsoDate | null;
}

/** An enforcement case (被执行人). */
export interface EnforcementCase {
  caseCode: string;
  court: string;
  filedOn: IsoDate;
  amount: Money;
}

/** A consumption restriction order (限制消费令). */
export interface ConsumptionRestriction {
  caseCode: string;
  court: string;
  issuedOn: IsoDate;
}

/** Court data of one enterprise. */
export interface JudicialRecords {
  dishonestDebtor: DishonestDebtorEntry[];
  enforcementCases: EnforcementCase[];
  consumptionRestrictions: ConsumptionRestriction[];
}

/** What the public credit platform holds for one enterprise. */
export interface CreditPlatformRecords {
  /** Credit commitments (信用承诺); a PENDING one past `dueOn` counts as BREACHED (docs/rules.md "Approval checks"). */
  commitments: Array<{
    id: string;
    type: string;
    matter: string;
    content: string;
    signedOn: IsoDate;
    /** When a PENDING commitment must be met; null: no deadline. */
    dueOn: IsoDate | null;
    status: 'FULFILLED' | 'PENDING' | 'BREACHED';
  }>;
  /** Reorganisation plans a court approved (重整计划): earlier records stop counting (docs/rules.md "Approval checks"). */
  reorganizations: Array<{ caseNo: string; court: string; approvedOn: IsoDate }>;
  lists: Array<{
    id: string;
    list: 'RED' | 'BLACK';
    domain: string;
    reason: string;
    authority: string;
    listedOn: IsoDate;
    removedOn: IsoDate | null;
  }>;
  repairs: Array<{ recordRef: string; repairedOn: IsoDate }>;
  /** Objections (异议) to a record, or to the grade itself (`recordRef` `evaluation`). */
  objections: Array<{
    id: string;
    recordRef: string;
    status: 'OPEN' | 'UPHELD' | 'REJECTED';
    filedOn: IsoDate;
    resolvedOn: IsoDate | null;
  }>;
}

/** One credit commitment. */
export type CommitmentRecord = CreditPlatformRecords['commitments'][number];

/** Everything the departments hold for one enterprise; a department that could not answer is absent. */
/**
 * One record a declared department's answer holds, as its declaration maps it
 * (src/departments/declared/records.ts): the records code makes it into a unified record.
 */
export interface DeclaredRecordFacts {
  /** The declared department's name (as its declaration gives it). */
  department: string;
  /** Its key, the record reference's prefix (`<key>:<id>`). */
  key: string;
  localId: string;
  kind: string;
  severity: 'MINOR' | 'GENERAL' | 'SERIOUS';
  nature: 'EVENT' | 'STATE';
  title: string;
  /** An event's date; a state's start. */
  date: IsoDate;
  /** A state's end, when it has ended. */
  endedOn: IsoDate | null;
  /**
   * Whether the public view shows it: only where the declaration says its records are public
   * information; otherwise officials and the enterprise alone see it (its department's audiences).
   */
  published: boolean;
}

export interface EnterpriseData {
  uscc: string;
  /** The declared departments' records (their profiles are read by their own fields). */
  declared?: DeclaredRecordFacts[];
  /** The declared departments' own ratings of the enterprise, by department (those whose declaration keeps one). */
  declaredRatings?: Readonly<Record<string, string | null>>;
  registration?: Registration | null;
  tax?: TaxProfile | null;
  market?: MarketRecords | null;
  environment?: EnvironmentProfile | null;
  judicial?: JudicialRecords | null;
  credit?: CreditPlatformRecords | null;
}

/** A consent an enterprise gave a grantee (a bank) on the credit platform. */
export interface Consent {
  id: string;
  uscc: string;
  grantee: string;
  scopes: string[];
  purpose: string;
  /** ISO timestamp. */
  expiresAt: string;
  createdAt: string;
  revokedAt: string | null;
  status: 'ACTIVE' | 'REVOKED' | 'EXPIRED';
}

/** One entry of the credit platform's change feed. */
export interface CreditChange {
  seq: number;
  uscc: string;
  kind: 'REPAIR' | 'OBJECTION' | 'CONSENT' | 'LIST' | 'RECORD' | 'COMMITMENT' | 'REORGANIZATION';
  at: string;
}
