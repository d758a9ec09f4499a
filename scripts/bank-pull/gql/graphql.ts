/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO 8601 calendar date, `YYYY-MM-DD` (日期). */
  Date: { input: string; output: string; }
  /** An ISO 8601 instant in UTC, `2026-11-01T08:00:00.000Z` (时间). */
  DateTime: { input: string; output: string; }
  /** An amount of money in yuan as a decimal string with two places, `"12500.00"` (金额，元); never a float. */
  Money: { input: string; output: string; }
  /**
   * Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters of `0-9 A-H J-N P-R T U W X Y`.
   * Input is trimmed and upper-cased; a malformed code is refused with `INVALID_USCC` naming the position.
   */
  USCC: { input: string; output: string; }
};

/** What a caller may read (访问权限). */
export type Access = {
  __typename?: 'Access';
  /** For a bank: the consents it currently reads under (有效授权). */
  consents: Array<Consent>;
  /** Seconds until the caller's token expires, by the gateway's clock; null for the public (登录剩余有效期（秒）). */
  expiresInSeconds?: Maybe<Scalars['Int']['output']>;
  /** Field groups readable, as Type.field, for any enterprise or for the caller's own (可读字段组). */
  fieldGroups: Array<FieldGroupAccess>;
  /** Approval matters the caller may check (可核查事项). */
  matters: Array<Matter>;
  /** The caller's organization (所属机构). */
  organization?: Maybe<Scalars['String']['output']>;
  /** The purpose declared in X-Purpose (查询目的). */
  purpose?: Maybe<Purpose>;
  /** The caller's role (角色). */
  role: Role;
  /** For an enterprise user, its code (本企业代码). */
  uscc?: Maybe<Scalars['USCC']['output']>;
};

/** Kinds of risk alert (预警类型), docs/rules.md#supervision-and-alerts. */
export type AlertKind =
  /** 3 or more general-or-serious records from one department within 12 months (同一领域多次失信). */
  | 'FREQUENT_IN_DOMAIN'
  /** The grade fell since the previous evaluation the gateway computed (信用等级下降). */
  | 'GRADE_DROP'
  /** General-or-serious records from 2 or more departments, 3 or more in all, within 12 months (跨领域失信). */
  | 'MULTI_DOMAIN';

/** One archived audit entry (审计记录), as its replica's hash chain holds it. */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  /** What was done: read, consent.grant, consent.revoke, objection.file, commitment.register, inspection.draw, inspection.publish (操作类型). */
  action: Scalars['String']['output'];
  /** When (时间). */
  at: Scalars['DateTime']['output'];
  /** The enterprises it concerned, by code; `city` for a city-wide action such as a draw (涉及企业). */
  enterprises: Array<Scalars['String']['output']>;
  /** The field groups read (访问字段组). */
  fieldGroups: Array<Scalars['String']['output']>;
  /** The entry's hash in its chain (哈希). */
  hash: Scalars['String']['output'];
  /** The operation the client named (操作名称). */
  operationName?: Maybe<Scalars['String']['output']>;
  /** The principal's organization (机构). */
  organization?: Maybe<Scalars['String']['output']>;
  /** How it ended: served, partial, or a write's outcome (结果). */
  outcome: Scalars['String']['output'];
  /** The principal, a token subject (用户). */
  principal?: Maybe<Scalars['String']['output']>;
  /** The declared purpose (查询目的). */
  purpose?: Maybe<Purpose>;
  /** The replica whose chain holds it (副本). */
  replica: Scalars['String']['output'];
  /** The request's id (请求编号). */
  requestId: Scalars['String']['output'];
  /** The principal's role (角色). */
  role: Role;
  /** Its sequence number in that chain, a decimal string (序号). */
  seq: Scalars['String']['output'];
};

/** A page of the audit trail (审计记录分页). */
export type AuditTrailConnection = {
  __typename?: 'AuditTrailConnection';
  /** This page, newest first (本页). */
  edges: Array<AuditTrailEdge>;
  /** Paging (分页信息). */
  pageInfo: PageInfo;
};

/** One audit entry with its cursor (审计记录条目). */
export type AuditTrailEdge = {
  __typename?: 'AuditTrailEdge';
  /** Where this entry is (游标). */
  cursor: Scalars['String']['output'];
  /** The entry (审计记录). */
  node: AuditEntry;
};

/** Whose audit trail (审计记录查询对象): exactly one field. */
export type AuditTrailFilter = {
  /** Entries of this organization (机构). */
  organization?: InputMaybe<Scalars['String']['input']>;
  /** Entries by this principal, a token subject (用户). */
  principal?: InputMaybe<Scalars['String']['input']>;
  /** Entries about this enterprise (企业). */
  uscc?: InputMaybe<Scalars['USCC']['input']>;
};

/** What a check's verdict rests on (核查依据). */
export type CheckBasis = {
  __typename?: 'CheckBasis';
  /** The evaluation (信用评价). */
  evaluation: Evaluation;
  /** The enterprise's active red-list entries (守信激励): the basis of a good verdict (docs/rules.md#approval-checks FAST_TRACK), shown whatever the verdict. */
  incentives: Array<ListEntry>;
  /** Credit-risk interviews with the enterprise (约谈记录), newest first: part of its credit record, shown to the clerk, not graded and no restriction; null without the city ledger. */
  interviews?: Maybe<Array<Interview>>;
  /** Records behind the restrictions (限制依据记录). */
  records: Array<DishonestyRecord>;
};

/** An approval check's receipt (核查回执): what a printout filed with the approval states, and how to verify it. */
export type CheckReceipt = {
  __typename?: 'CheckReceipt';
  /** When the gateway checked (核查时间). */
  checkedAt: Scalars['DateTime']['output'];
  /** A short code certifying exactly this number, enterprise, matter, verdict and time (核验码). */
  code: Scalars['String']['output'];
  /** The check's number; its audit entry carries it (核查编号). */
  number: Scalars['String']['output'];
  /** Where the printout is verified: the path, with every fact it states (核验地址). */
  verifyPath: Scalars['String']['output'];
};

/** A credit commitment (信用承诺). */
export type Commitment = {
  __typename?: 'Commitment';
  /** What was promised (承诺内容). */
  content: Scalars['String']['output'];
  /** When it must be met (履约期限); null for no deadline. */
  dueOn?: Maybe<Scalars['Date']['output']>;
  /** Identifier (承诺编号). */
  id: Scalars['String']['output'];
  /** The matter committed for (承诺事项). */
  matter: Scalars['String']['output'];
  /** Still PENDING past its due date: counted as BREACHED in grades, checks and alerts (逾期未履约), docs/rules.md#approval-checks. */
  overdue: Scalars['Boolean']['output'];
  /** Date signed (签署日期). */
  signedOn: Scalars['Date']['output'];
  /** Fulfilment status (履约状态) as the platform records it. */
  status: CommitmentStatus;
  /** Commitment type (承诺类型), e.g. 告知承诺. */
  type: Scalars['String']['output'];
};

/** A commitment a department must verify (待核查承诺). */
export type CommitmentCheck = {
  __typename?: 'CommitmentCheck';
  /** The day it was decided, Beijing time (核查日期). */
  decidedOn?: Maybe<Scalars['Date']['output']>;
  /** The verifying department (核查部门). */
  department: Department;
  /** Due today or earlier and not decided (已到期待核查). */
  due: Scalars['Boolean']['output'];
  /** The day it must be met by (履约期限); null for none. */
  dueOn?: Maybe<Scalars['Date']['output']>;
  /** The commitment's number at the platform (承诺编号). */
  id: Scalars['ID']['output'];
  /** The matter it was accepted for (承诺事项). */
  matter: Scalars['String']['output'];
  /** Past its due day and not decided (逾期未核查). */
  overdue: Scalars['Boolean']['output'];
  /** Its status as the department decided it (核查状态). */
  status: CommitmentStatus;
  /** Commitment type (承诺类型). */
  type: Scalars['String']['output'];
  /** The enterprise that committed (统一社会信用代码). */
  uscc: Scalars['USCC']['output'];
};

/** A commitment an approval system accepted (告知承诺登记). */
export type CommitmentInput = {
  /** What was promised (承诺内容). */
  content: Scalars['String']['input'];
  /** When it must be met (履约期限); past it a PENDING commitment counts as BREACHED. Omit for no deadline — except for a 容缺受理 commitment, which needs one. */
  dueDate?: InputMaybe<Scalars['Date']['input']>;
  /** The matter it was accepted for (承诺事项). */
  matter: Scalars['String']['input'];
  /** Commitment type (承诺类型), e.g. 告知承诺. */
  type: Scalars['String']['input'];
  /** The enterprise that committed (承诺主体). */
  uscc: Scalars['USCC']['input'];
  /** The department that will verify it (核查部门), built in or declared: the commitment is put on its list (commitmentsToVerify) when the ledger is there. */
  verifyingDepartment?: InputMaybe<Department>;
};

/** Why a commitment was not registered (承诺登记拒绝原因). */
export type CommitmentRefusal =
  /** A 容缺受理 commitment (accepted with documents missing) needs a due date, or it never falls due (容缺受理须设履约期限). */
  | 'DUE_DATE_REQUIRED'
  /** The content or matter is empty or too long, or the due date is past (内容无效). */
  | 'INVALID_COMMITMENT'
  /** The credit platform refused it (平台拒绝). */
  | 'PLATFORM_REFUSED'
  /** No registry knows the enterprise (主体不存在). */
  | 'UNKNOWN_ENTERPRISE';

/** The outcome of registering a commitment (承诺登记结果). */
export type CommitmentResult = {
  __typename?: 'CommitmentResult';
  /** Whether the platform recorded it (是否登记). */
  accepted: Scalars['Boolean']['output'];
  /** The commitment's id at the credit platform (承诺编号). */
  id?: Maybe<Scalars['String']['output']>;
  /** Why not, when refused (拒绝原因). */
  refusal?: Maybe<CommitmentRefusal>;
};

/** How a commitment stands (承诺履约状态). */
export type CommitmentStatus =
  /** Breached (违诺). */
  | 'BREACHED'
  /** Fulfilled (已履约). */
  | 'FULFILLED'
  /** Not yet due (履约中). */
  | 'PENDING';

/** A verifying department's verdict (核查结论). */
export type CommitmentVerdict =
  /** Not met (未履约、失信). */
  | 'BREACHED'
  /** Met (已履约). */
  | 'FULFILLED';

/** A consent (授权), after India's Account Aggregator consent artefact. */
export type Consent = {
  __typename?: 'Consent';
  /** When it was given (授权时间). */
  createdAt: Scalars['DateTime']['output'];
  /** When it ends (到期时间). */
  expiresAt: Scalars['DateTime']['output'];
  /** The bank it consented to (被授权机构). */
  grantee: Scalars['String']['output'];
  /** Identifier (授权编号). */
  id: Scalars['ID']['output'];
  /** For what purpose (授权目的). */
  purpose: Scalars['String']['output'];
  /** When it was revoked (撤销时间). */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** What it opens (授权范围). */
  scopes: Array<Scalars['String']['output']>;
  /** How it stands (状态). */
  status: ConsentStatus;
  /** The enterprise that consented (授权企业). */
  uscc: Scalars['USCC']['output'];
};

/** Why a consent change was refused (拒绝原因). */
export type ConsentRefusal =
  /** The expiry is not in the future (到期时间无效). */
  | 'EXPIRY_NOT_IN_FUTURE'
  /** The credit platform refused it (平台拒绝). */
  | 'PLATFORM_REFUSED'
  /** No such consent of this enterprise (授权不存在). */
  | 'UNKNOWN_CONSENT';

/** The outcome of a consent change (授权操作结果). */
export type ConsentResult = {
  __typename?: 'ConsentResult';
  /** Whether it was done (是否成功). */
  accepted: Scalars['Boolean']['output'];
  /** The consent as it now stands (授权). */
  consent?: Maybe<Consent>;
  /** Why not, when refused (拒绝原因). */
  refusal?: Maybe<ConsentRefusal>;
};

/** What a consent opens (授权范围). */
export type ConsentScope =
  /** Tax arrears (欠税信息). */
  | 'ARREARS'
  /** Credit commitments (信用承诺). */
  | 'COMMITMENTS'
  /** The public credit evaluation: grade, rule, rule-set version, date, completeness — not records beyond the public view (信用评价结果). */
  | 'EVALUATION'
  /** Declared by SOCIAL_INSURANCE (人社): the profile fields its declaration opens to a bank holding this consent. */
  | 'SOCIAL_INSURANCE'
  /** Tax paid per year (年度纳税金额). */
  | 'TAX_PAID'
  /** Tax rating history (纳税信用等级历史). */
  | 'TAX_RATINGS';

/** How a consent stands (授权状态). */
export type ConsentStatus =
  /** In force (有效). */
  | 'ACTIVE'
  /** Past its expiry (已过期). */
  | 'EXPIRED'
  /** Revoked by the enterprise (已撤销). */
  | 'REVOKED';

/** A consumption restriction order (限制消费令). */
export type ConsumptionRestriction = {
  __typename?: 'ConsumptionRestriction';
  /** Case number (案号). */
  caseCode: Scalars['String']['output'];
  /** Issuing court (发布法院). */
  court: Scalars['String']['output'];
  /** Date issued (发布日期). */
  issuedOn: Scalars['Date']['output'];
};

/** An approval check's answer (信用核查结果). */
export type CreditCheck = {
  __typename?: 'CreditCheck';
  /** The grade and records behind the verdict (核查依据). */
  basis: CheckBasis;
  /** Whether every department answered (数据完整); a check with a department missing is never FAST_TRACK. */
  complete: Scalars['Boolean']['output'];
  /** The matter checked (审批事项). */
  matter: Matter;
  /** The measures that apply (适用措施). */
  measures: Array<Measure>;
  /** The departments whose silence made the verdict INCOMPLETE (未能核查的部门); empty for any other verdict. */
  missingDepartments: Array<Department>;
  /** Registered name (企业名称), when the registry answered. */
  name?: Maybe<Scalars['String']['output']>;
  /** Why, in a clerk's words (结论说明). */
  reasons: Array<Scalars['String']['output']>;
  /** The check's receipt for the printout: number, time and verification code (核查回执). */
  receipt: CheckReceipt;
  /** Each department's freshness (数据来源状态). */
  sources: Array<SourceStatus>;
  /** Whether any department's data was served stale from cache (含过期数据). */
  stale: Scalars['Boolean']['output'];
  /** The applicant's code (统一社会信用代码). */
  uscc: Scalars['USCC']['output'];
  /** The verdict (核查结论). */
  verdict: Verdict;
};

/** One credit event (信用事件): exactly the part for its kind is set. */
export type CreditEvent = {
  __typename?: 'CreditEvent';
  /** For ALERT_RAISED: the alert (预警类型). */
  alert?: Maybe<AlertKind>;
  /** When the gateway recorded it (记录时间). */
  at: Scalars['DateTime']['output'];
  /** For alert events: the records behind the alert that this receiver may read (预警依据) — a department its own records and others' published ones; regulators and the enterprise all. */
  basis?: Maybe<Array<EventRecord>>;
  /** For consent events: the consent (授权). */
  consent?: Maybe<EventConsent>;
  /** For OBJECTION_OVERDUE, COMMITMENT_OVERDUE and INTERVIEW_OVERDUE: the deadline let pass (逾期事项). */
  deadline?: Maybe<EventDeadline>;
  /** For GRADE_CHANGED: the grades (等级变化). */
  grade?: Maybe<GradeChange>;
  /** Its id, stable and increasing (事件编号); pass it as `after` to resume. */
  id: Scalars['ID']['output'];
  /** What changed (事件类型). */
  kind: CreditEventKind;
  /** For list events: the entry (名单条目). */
  listEntry?: Maybe<EventListEntry>;
  /** For objection events: the objection (异议). */
  objection?: Maybe<EventObjection>;
  /** For record events: the record (记录). */
  record?: Maybe<EventRecord>;
  /** The enterprise (统一社会信用代码). */
  uscc: Scalars['USCC']['output'];
};

/** Which events (事件筛选条件). */
export type CreditEventFilter = {
  /** Only these kinds (事件类型). */
  kinds?: InputMaybe<Array<CreditEventKind>>;
  /** Only about these enterprises (企业). */
  usccs?: InputMaybe<Array<Scalars['USCC']['input']>>;
};

/** What changed (事件类型), docs/rules.md#supervision-and-alerts. */
export type CreditEventKind =
  /** A risk alert raised (风险预警). */
  | 'ALERT_RAISED'
  /** A commitment its verifying department left pending past its due date (承诺逾期未核查); to that department. */
  | 'COMMITMENT_OVERDUE'
  /** A consent granted (授权). */
  | 'CONSENT_GRANTED'
  /** A consent revoked (撤销授权). */
  | 'CONSENT_REVOKED'
  /** The complete grade changed (评价等级变化). */
  | 'GRADE_CHANGED'
  /** An interview's rectification not marked done by its deadline (约谈整改逾期); to the interviewing department. */
  | 'INTERVIEW_OVERDUE'
  /** Put on a list (列入名单). */
  | 'LIST_ENTRY'
  /** Taken off a list (移出名单). */
  | 'LIST_REMOVAL'
  /** An objection filed (提出异议). */
  | 'OBJECTION_FILED'
  /** An objection its producing department left unanswered past the answer deadline (异议逾期未答复); to that department. */
  | 'OBJECTION_OVERDUE'
  /** An objection resolved (异议处理完毕). */
  | 'OBJECTION_RESOLVED'
  /** A new general or serious record in force (新增失信记录). */
  | 'RECORD_ADDED'
  /** A record no longer in force: removed or past its window (记录移出). */
  | 'RECORD_REMOVED'
  /** A record repaired (信用修复). */
  | 'RECORD_REPAIRED';

/** What the public credit platform holds for one enterprise (公共信用信息平台). */
export type CreditPlatformRecords = {
  __typename?: 'CreditPlatformRecords';
  /** Credit commitments (信用承诺). */
  commitments?: Maybe<Array<Commitment>>;
  /** Red (honour) and black list entries (红黑名单). */
  lists: Array<ListEntry>;
  /** Objections filed (异议记录). */
  objections?: Maybe<Array<Objection>>;
  /** Reorganisation plans a court approved (重整计划): records dated before the latest no longer count (docs/rules.md#approval-checks). */
  reorganizations?: Maybe<Array<Reorganization>>;
  /** Completed credit repairs (信用修复记录). */
  repairs?: Maybe<Array<Repair>>;
};

/** One read of an enterprise's data beyond the public view (一次数据访问). */
export type DataAccess = {
  __typename?: 'DataAccess';
  /** When it was read (访问时间). */
  at: Scalars['DateTime']['output'];
  /** The field groups read, as Type.field (访问字段组). */
  fieldGroups: Array<Scalars['String']['output']>;
  /** The operation the reader's client named (操作名称). */
  operationName?: Maybe<Scalars['String']['output']>;
  /** The reader's organization: a bank's code, a department, a service hall (访问机构). */
  organization?: Maybe<Scalars['String']['output']>;
  /** The purpose the reader declared (查询目的). */
  purpose?: Maybe<Purpose>;
  /** The reader's role (访问角色). */
  role: Role;
};

/** A page of reads of an enterprise's data (数据访问记录分页). */
export type DataAccessConnection = {
  __typename?: 'DataAccessConnection';
  /** This page, newest first (本页). */
  edges: Array<DataAccessEdge>;
  /** Paging (分页信息). */
  pageInfo: PageInfo;
};

/** One read with its cursor (访问记录条目). */
export type DataAccessEdge = {
  __typename?: 'DataAccessEdge';
  /** Where this entry is (游标). */
  cursor: Scalars['String']['output'];
  /** The read (访问记录). */
  node: DataAccess;
};

/** A source department (数据来源部门). */
export type Department =
  /** Courts (法院). */
  | 'COURT'
  /** Public credit platform (公共信用信息平台). */
  | 'CREDIT'
  /** Ecology and environment (生态环境). */
  | 'ENVIRONMENT'
  /** A declared department, LICENSING (行政许可). */
  | 'LICENSING'
  /** Market regulation (市场监管). */
  | 'MARKET'
  /** A declared department, SOCIAL_INSURANCE (人社). */
  | 'SOCIAL_INSURANCE'
  /** Tax (税务). */
  | 'TAX'
  /** A declared department, UTILITIES (水电气). */
  | 'UTILITIES';

/** An entry on the list of dishonest judgment debtors (失信被执行人名单). */
export type DishonestDebtorEntry = {
  __typename?: 'DishonestDebtorEntry';
  /** Case number (案号). */
  caseCode: Scalars['String']['output'];
  /** Enforcing court (执行法院). */
  court: Scalars['String']['output'];
  /** The duty set by the judgment (生效法律文书确定的义务). */
  duty: Scalars['String']['output'];
  /** Whether still on the list (是否在列). */
  onList: Scalars['Boolean']['output'];
  /** Performance of the duty (履行情况), e.g. 全部未履行. */
  performance: Scalars['String']['output'];
  /** Date published (发布日期). */
  publishedOn: Scalars['Date']['output'];
  /** Date removed (移除日期). */
  removedOn?: Maybe<Scalars['Date']['output']>;
  /** The dishonest conduct (失信被执行人行为具体情形). */
  situation: Scalars['String']['output'];
};

/** One negative record from any department, unified (失信信息记录); docs/rules.md#records-and-severity, docs/rules.md#publicity-and-repair. */
export type DishonestyRecord = {
  __typename?: 'DishonestyRecord';
  /** Decision date of an event, start of a state (决定日期/起始日期). */
  date: Scalars['Date']['output'];
  /** Source department (来源部门). */
  department: Department;
  /** End of a state, when it has ended (终止日期). */
  endedOn?: Maybe<Scalars['Date']['output']>;
  /** Unique among the enterprise's records (记录标识): the record reference, with the kind added where one court case number names two records. */
  id: Scalars['String']['output'];
  /** What kind of record (记录类别). */
  kind: RecordKind;
  /** A dated event or a state that holds until removed (事件/状态). */
  nature: RecordNature;
  /** The penalty itself, for an administrative penalty (处罚详情). */
  penalty?: Maybe<Penalty>;
  /** The publicity window (公示期限). */
  publicity: Publicity;
  /** `<department>:<record id>`, the credit platform's record reference for repairs and objections (记录编号). */
  recordRef: Scalars['String']['output'];
  /** Severity (严重程度). */
  severity: Severity;
  /** Where the record stands today (记录状态). */
  status: RecordStatus;
  /** A short description (摘要). */
  title: Scalars['String']['output'];
};

/** One tier of a draw (抽查级别). */
export type DrawTier = {
  __typename?: 'DrawTier';
  /** Enterprises drawn: round(N × base × multiple) (抽取数). */
  drawn: Scalars['Int']['output'];
  /** Enterprises in it (总数). */
  population: Scalars['Int']['output'];
  /** The tier (监管级别). */
  tier: Scalars['String']['output'];
};

/** An enterprise a draw chose (抽中企业). */
export type DrawnEnterprise = {
  __typename?: 'DrawnEnterprise';
  /** Its tier (监管级别). */
  tier: Scalars['String']['output'];
  /** The code (统一社会信用代码). */
  uscc: Scalars['USCC']['output'];
};

/** An enforcement case (被执行人案件). */
export type EnforcementCase = {
  __typename?: 'EnforcementCase';
  /** Amount to be enforced (执行标的). */
  amount: Scalars['Money']['output'];
  /** Case number (案号). */
  caseCode: Scalars['String']['output'];
  /** Enforcing court (执行法院). */
  court: Scalars['String']['output'];
  /** Filing date (立案日期). */
  filedOn: Scalars['Date']['output'];
};

/** An enterprise's credit profile (企业信用档案), federated from the departments that hold its data. */
export type Enterprise = {
  __typename?: 'Enterprise';
  /** The code's decoded parts (代码解析). */
  code: UsccParts;
  /** What the public credit platform holds (公共信用信息平台): commitments, lists, repairs, objections. */
  credit?: Maybe<CreditPlatformRecords>;
  /** Ecology and environment data (生态环境信息): credit cards and penalties. */
  environment?: Maybe<EnvironmentProfile>;
  /** Public credit evaluation (公共信用综合评价), docs/rules.md#grades-and-completeness. */
  evaluation?: Maybe<Evaluation>;
  /** Credit-risk interviews with the enterprise (约谈记录), newest first: part of its credit record, not graded. */
  interviews?: Maybe<Array<Interview>>;
  /** Court records (司法信息): dishonest-debtor entries, enforcement cases, consumption restrictions. */
  judicial?: Maybe<JudicialRecords>;
  /** Administrative licences published under 双公示 (行政许可), each with its decision, validity and state. Declared department LICENSING (行政许可); null when it does not know the enterprise. */
  licensing?: Maybe<LicensingProfile>;
  /** Market-regulation records (市场监管信息): penalties and lists. */
  market?: Maybe<MarketRecords>;
  /** Registered name (企业名称), from market regulation. */
  name?: Maybe<Scalars['String']['output']>;
  /** Every negative record from any department (失信信息), unified, newest first; by default only records in force (有效记录). Null with `SOURCE_UNAVAILABLE` (CREDIT) for callers other than the enterprise while the credit platform cannot say which records were repaired. */
  records?: Maybe<Array<DishonestyRecord>>;
  /** Registration basics (登记信息), from market regulation (市场监管). */
  registration?: Maybe<Registration>;
  /** Risk alerts (信用风险预警), docs/rules.md#supervision-and-alerts. */
  riskAlerts?: Maybe<Array<RiskAlert>>;
  /** Social insurance registration and arrears (社会保险参保与欠费) from the human resources and social security bureau. Declared department SOCIAL_INSURANCE (人社); null when it does not know the enterprise. */
  socialInsurance?: Maybe<SocialInsuranceProfile>;
  /** Where each department's part of this profile came from and how fresh it is (数据来源状态). */
  sources: Array<SourceStatus>;
  /** Graded supervision (分级分类监管), docs/rules.md#supervision-and-alerts: with a department, its own base inspection ratio. */
  supervision?: Maybe<Supervision>;
  /** Tax data (税务信息), from the tax system (税务). */
  tax?: Maybe<TaxProfile>;
  /** Unified Social Credit Code (统一社会信用代码). */
  uscc: Scalars['USCC']['output'];
  /** Water, electricity and gas accounts in arrears (水电气欠费) from the utilities' shared query service. Declared department UTILITIES (水电气); null when it does not know the enterprise. */
  utilities?: Maybe<UtilitiesProfile>;
};


/** An enterprise's credit profile (企业信用档案), federated from the departments that hold its data. */
export type EnterpriseRecordsArgs = {
  includeHistory?: InputMaybe<Scalars['Boolean']['input']>;
};


/** An enterprise's credit profile (企业信用档案), federated from the departments that hold its data. */
export type EnterpriseSupervisionArgs = {
  department?: InputMaybe<Department>;
};

/** A page of search results (检索结果分页), Relay-style. */
export type EnterpriseConnection = {
  __typename?: 'EnterpriseConnection';
  /** The results on this page (本页结果). */
  edges: Array<EnterpriseEdge>;
  /** Paging state (分页信息). */
  pageInfo: PageInfo;
  /** Matches in all (匹配总数). */
  totalCount: Scalars['Int']['output'];
};

/** One search result (检索结果). */
export type EnterpriseEdge = {
  __typename?: 'EnterpriseEdge';
  /** Opaque cursor of this result (游标). */
  cursor: Scalars['String']['output'];
  /** The enterprise (企业). */
  node: EnterpriseSummary;
};

/** What a search result shows before the profile is opened (检索摘要). */
export type EnterpriseSummary = {
  __typename?: 'EnterpriseSummary';
  /** Registered name (企业名称). */
  name: Scalars['String']['output'];
  /** The full profile (完整信用档案). */
  profile: Enterprise;
  /** Unified Social Credit Code (统一社会信用代码). */
  uscc: Scalars['USCC']['output'];
};

/** Ecology and environment data (生态环境信息) of one enterprise. */
export type EnvironmentProfile = {
  __typename?: 'EnvironmentProfile';
  /** The latest card (最新环保信用等级). */
  latestCard?: Maybe<EnvironmentalCard>;
  /** Environmental penalties (环境行政处罚). */
  penalties?: Maybe<Array<Penalty>>;
  /** Environmental credit cards by year, newest first (环保信用评价). */
  ratings: Array<EnvironmentalRating>;
};

/** An environmental credit card (环保信用评价结果). */
export type EnvironmentalCard =
  /** Black: seriously dishonest, where a city uses it (黑牌，环保严重失信). */
  | 'BLACK'
  /** Blue: acceptable (蓝牌，环保良好). */
  | 'BLUE'
  /** Green: good (绿牌，环保诚信). */
  | 'GREEN'
  /** Red: dishonest (红牌，环保不良). */
  | 'RED'
  /** Yellow: warning (黄牌，环保警示). */
  | 'YELLOW';

/** One year's environmental card (年度环保信用评价). */
export type EnvironmentalRating = {
  __typename?: 'EnvironmentalRating';
  /** Card (评价等级). */
  card: EnvironmentalCard;
  /** Year (年度). */
  year: Scalars['Int']['output'];
};

/** A public credit evaluation with its basis (公共信用综合评价结果). */
export type Evaluation = {
  __typename?: 'Evaluation';
  /** The rule that fired and the records that decided it (评价依据). */
  basis: EvaluationBasis;
  /** Whether every department answered (数据完整); false means the grade is computed from the rest. */
  complete: Scalars['Boolean']['output'];
  /** The enterprise objects to this grade and the platform has not yet decided (评价异议处理中). */
  disputed: Scalars['Boolean']['output'];
  /** Evaluation date (评价日期). */
  evaluatedAt: Scalars['Date']['output'];
  /** The grade (评价等级), e.g. A, B, C, D; the rule set defines the grades. */
  grade: Scalars['String']['output'];
  /** The grade as shown to people (等级名称), e.g. A（守信）, B（一般失信）, C（严重失信）, D（吊销营业执照）. */
  label: Scalars['String']['output'];
  /** Departments whose data was missing (缺失数据的部门). */
  missingDepartments: Array<Department>;
  /** The evaluation period (评价周期). */
  period: Period;
  /** Rule set that produced it (评价规则集). */
  ruleSet: Scalars['String']['output'];
  /** The rule set's name as people read it (评价规则名称), e.g. 汕尾市信用分级分类（优/良/中/差）. */
  ruleSetName: Scalars['String']['output'];
  /** Version of the rule set (规则版本). */
  version: Scalars['String']['output'];
};

/** Why a grade is what it is (评价依据). */
export type EvaluationBasis = {
  __typename?: 'EvaluationBasis';
  /** The records that decided it (依据记录). */
  records: Array<DishonestyRecord>;
  /** The rule that fired (适用规则), e.g. SERIOUS_IN_FORCE. */
  rule: Scalars['String']['output'];
  /** The rule in words, as the rule set names it (评价依据), e.g. 有效期内有严重失信记录. */
  ruleName: Scalars['String']['output'];
};

/** A consent as an event names it (事件中的授权). */
export type EventConsent = {
  __typename?: 'EventConsent';
  /** When it expires (到期时间). */
  expiresAt: Scalars['DateTime']['output'];
  /** The bank (被授权机构). */
  grantee: Scalars['String']['output'];
  /** Its id (授权编号). */
  id: Scalars['String']['output'];
  /** Its purpose (授权目的). */
  purpose: Scalars['String']['output'];
  /** Its scopes (授权范围). */
  scopes: Array<Scalars['String']['output']>;
};

/** A deadline a department let pass (逾期事项), told once the day after it. */
export type EventDeadline = {
  __typename?: 'EventDeadline';
  /** What it concerns: the record objected to, the commitment's matter, or the interview's kind (事项). */
  about: Scalars['String']['output'];
  /** The department that let it pass (责任部门). */
  department: Department;
  /** The date it fell due (期限). */
  dueOn: Scalars['Date']['output'];
  /** The objection's, commitment's or interview's number (编号). */
  id: Scalars['ID']['output'];
};

/** A list entry as an event names it (事件中的名单条目). */
export type EventListEntry = {
  __typename?: 'EventListEntry';
  /** Its domain (领域). */
  domain: Scalars['String']['output'];
  /** Its id (条目编号). */
  id: Scalars['String']['output'];
  /** RED or BLACK (红名单/黑名单). */
  list: Scalars['String']['output'];
  /** When listed (列入日期). */
  listedOn: Scalars['Date']['output'];
  /** When removed (移出日期). */
  removedOn?: Maybe<Scalars['Date']['output']>;
};

/** An objection as an event names it (事件中的异议). */
export type EventObjection = {
  __typename?: 'EventObjection';
  /** Its id (异议编号). */
  id: Scalars['String']['output'];
  /** The record it is about, or `evaluation` (异议对象). */
  recordRef: Scalars['String']['output'];
  /** OPEN, UPHELD or REJECTED (状态). */
  status: Scalars['String']['output'];
};

/** A record as an event names it (事件中的记录). */
export type EventRecord = {
  __typename?: 'EventRecord';
  /** Its date (日期). */
  date: Scalars['Date']['output'];
  /** Its department (部门). */
  department: Department;
  /** The record's id (记录编号). */
  id: Scalars['String']['output'];
  /** Its kind (记录类型). */
  kind: Scalars['String']['output'];
  /** Within its publicity window (是否公示). */
  published: Scalars['Boolean']['output'];
  /** How heavy (严重程度): MINOR, GENERAL, SERIOUS. */
  severity: Scalars['String']['output'];
  /** Where it stands now (状态). */
  status: Scalars['String']['output'];
  /** Its title (标题). */
  title: Scalars['String']['output'];
};

/** One readable field group (可读字段组). */
export type FieldGroupAccess = {
  __typename?: 'FieldGroupAccess';
  /** Under what condition (条件): ANY, OWN_ENTERPRISE, or CONSENT:<scope>. */
  condition: Scalars['String']['output'];
  /** The field, as Type.field (字段). */
  field: Scalars['String']['output'];
};

/** A grade change (等级变化). */
export type GradeChange = {
  __typename?: 'GradeChange';
  /** The evaluation's date (评价日期). */
  evaluatedAt: Scalars['Date']['output'];
  /** The previous grade (原等级). */
  from: Scalars['String']['output'];
  /** The rule set (规则集). */
  ruleSet: Scalars['String']['output'];
  /** The new grade (新等级). */
  to: Scalars['String']['output'];
};

/** How many of a grade in a tier (等级与级别数量). */
export type GradeTierCount = {
  __typename?: 'GradeTierCount';
  /** How many (数量). */
  count: Scalars['Int']['output'];
  /** The grade (评价等级). */
  grade: Scalars['String']['output'];
  /** The tier (监管级别). */
  tier: Scalars['String']['output'];
};

/** A consent to grant (授权申请). */
export type GrantConsentInput = {
  /** When it ends; in the future (到期时间). */
  expiresAt: Scalars['DateTime']['input'];
  /** The bank (被授权机构代码). */
  grantee: Scalars['String']['input'];
  /** For what purpose (授权目的). */
  purpose: Purpose;
  /** What to open (授权范围). */
  scopes: Array<ConsentScope>;
};

/** A recorded 双随机 draw (双随机抽查记录). */
export type InspectionDraw = {
  __typename?: 'InspectionDraw';
  /** Drawn although the population was incomplete, by the regulator's choice (接受不完整范围抽取). */
  acceptedIncomplete: Scalars['Boolean']['output'];
  /** Two inspectors drawn for each enterprise from the department's pool, never one who declared a conflict (检查人员分派). */
  assignments: Array<InspectorAssignment>;
  /** How much of the city the ledger held when drawn (抽取时账本覆盖情况); null for draws recorded before it was kept. */
  coverage?: Maybe<LedgerCoverage>;
  /** The inspecting department (检查部门). */
  department: Department;
  /** When it was drawn (抽取时间). */
  drawnAt: Scalars['DateTime']['output'];
  /** The enterprises drawn (抽中企业). */
  enterprises: Array<DrawnEnterprise>;
  /** The draw's number (抽查编号). */
  id: Scalars['ID']['output'];
  /** Drawn enterprises for which the pool had fewer than two eligible inspectors (检查人员不足的企业). */
  inspectorsShort: Array<Scalars['USCC']['output']>;
  /** The inspection item drawn for (抽查事项); null for draws recorded before items were kept. */
  item?: Maybe<InspectionItem>;
  /** When it was published (公开时间); null until then. */
  publishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The draw as recorded, as JSON for `npm run draw:rerun` (抽查原始记录): seed and its hash, the population snapshot by tier, the inspector pool, the result. Regulators (it holds the tiers). */
  record: Scalars['String']['output'];
  /** SHA-256 of the draw's record (原始记录摘要), published with the draw: whoever is given the record (an auditor, a court) checks it is the one this draw was made from — `npm run draw:rerun` prints it — while the public never reads the tiers in it. */
  recordHash: Scalars['String']['output'];
  /** The earlier draw of the same department and population that day which this one repeats (重复抽取所替代的抽查编号). */
  repeatOf?: Maybe<Scalars['ID']['output']>;
  /** Why it was drawn again (重复抽取理由). */
  repeatReason?: Maybe<Scalars['String']['output']>;
  /** Each inspected enterprise's result, as recorded (检查结果). */
  results: Array<InspectionResult>;
  /** Drawn more than 30 days ago with results still pending (逾期未录入结果). */
  resultsOverdue: Scalars['Boolean']['output'];
  /** Drawn enterprises without a result yet (待录入结果数). */
  resultsPending: Scalars['Int']['output'];
  /** The day by which the results recorded must be public (结果公示期限): 20 working days after the first was recorded (docs/rules.md "Working days"); null once the draw is published (its results are public as recorded) or before any result. CALENDAR_NOT_COVERED when the day falls in a year the working-day calendar does not hold. Regulators. */
  resultsPublicBy?: Maybe<Scalars['Date']['output']>;
  /** Working days from today to resultsPublicBy, negative once past (距公示期限工作日); null with it. Regulators. */
  resultsPublicDaysLeft?: Maybe<Scalars['Int']['output']>;
  /** The seed, drawn by the gateway (never chosen by the caller), so anyone can reproduce the draw (随机种子). */
  seed: Scalars['String']['output'];
  /** When the seed's hash was recorded (种子承诺时间). */
  seedCommittedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The SHA-256 of the seed, recorded before the population was read (随机种子哈希); null for draws recorded before it was kept. */
  seedHash?: Maybe<Scalars['String']['output']>;
  /** How many were in each tier and how many were drawn (各级别总数与抽取数). */
  tiers: Array<DrawTier>;
};

/** An inspection item of a department (抽查事项). */
export type InspectionItem = {
  __typename?: 'InspectionItem';
  /** Whether it is in use (是否启用). */
  active: Scalars['Boolean']['output'];
  /** The department's own code for it (事项代码). */
  code: Scalars['String']['output'];
  /** The department (检查部门). */
  department: Department;
  /** Its number (事项编号). */
  id: Scalars['ID']['output'];
  /** The law or rule it rests on (检查依据). */
  legalBasis: Scalars['String']['output'];
  /** What is inspected (抽查事项名称). */
  name: Scalars['String']['output'];
};

/** An inspection item to add or change (抽查事项). */
export type InspectionItemInput = {
  /** Whether it is in use (是否启用). */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** The department's code for it (事项代码), 1 to 40 characters. */
  code: Scalars['String']['input'];
  /** The department (检查部门). */
  department: Department;
  /** The law or rule it rests on (检查依据). */
  legalBasis: Scalars['String']['input'];
  /** What is inspected (事项名称). */
  name: Scalars['String']['input'];
};

/** An inspection's result (检查结果). */
export type InspectionResult = {
  __typename?: 'InspectionResult';
  /** When it was inspected (检查日期). */
  inspectedOn: Scalars['Date']['output'];
  /** The note (备注). */
  note: Scalars['String']['output'];
  /** When it was recorded (录入时间). */
  recordedAt: Scalars['DateTime']['output'];
  /** The result (检查结果). */
  result: InspectionResultKind;
  /** The result in words (检查结果文字). */
  resultText: Scalars['String']['output'];
  /** The enterprise (统一社会信用代码). */
  uscc: Scalars['USCC']['output'];
};

/** The fixed list of inspection results (检查结果), docs/rules.md#supervision-and-alerts. */
export type InspectionResultKind =
  /** A problem found and ordered corrected (发现问题已责令改正). */
  | 'CORRECTED'
  /** Disclosed information hid the truth or was false (公示信息隐瞒真实情况、弄虚作假). */
  | 'FALSE_DISCLOSURE'
  /** A problem found, to be dealt with later (发现问题待后续处理). */
  | 'FOLLOW_UP'
  /** Information that must be disclosed was not (未按规定公示应当公示的信息). */
  | 'NOT_DISCLOSED'
  /** None of the inspected activity found (未发现开展本次抽查涉及的经营活动). */
  | 'NO_ACTIVITY'
  /** No problem found (未发现问题). */
  | 'NO_PROBLEM'
  /** Seriously obstructed the inspection (不配合检查情节严重). */
  | 'OBSTRUCTED'
  /** Cannot be reached at the registered address (通过登记的住所（经营场所）无法联系). */
  | 'UNREACHABLE';

/** An inspector in a department's pool (检查人员). */
export type Inspector = {
  __typename?: 'Inspector';
  /** Whether they are drawn (是否在库). */
  active: Scalars['Boolean']['output'];
  /** Enterprises they must not inspect (回避企业). */
  conflicts: Array<InspectorConflict>;
  /** The department (所属部门). */
  department: Department;
  /** Their number (人员编号). */
  id: Scalars['ID']['output'];
  /** Name (姓名). */
  name: Scalars['String']['output'];
  /** The region code prefix they serve (负责区域): drawn first for enterprises there. */
  region: Scalars['String']['output'];
  /** Unit (所在单位). */
  unit: Scalars['String']['output'];
};

/** Two inspectors drawn for an enterprise (检查人员分派). */
export type InspectorAssignment = {
  __typename?: 'InspectorAssignment';
  /** The inspectors drawn (抽中的检查人员); fewer than two when the pool had fewer eligible. */
  inspectors: Array<Inspector>;
  /** The enterprise (统一社会信用代码). */
  uscc: Scalars['USCC']['output'];
};

/** An enterprise an inspector must not inspect (回避). */
export type InspectorConflict = {
  __typename?: 'InspectorConflict';
  /** Why (回避理由). */
  reason: Scalars['String']['output'];
  /** The enterprise (统一社会信用代码). */
  uscc: Scalars['USCC']['output'];
};

/** What an inspector import did (导入结果). */
export type InspectorImport = {
  __typename?: 'InspectorImport';
  /** Inspectors added (新增人数). */
  added: Scalars['Int']['output'];
  /** The inspectors imported, in the file's order (导入的检查人员). */
  inspectors: Array<Inspector>;
  /** Inspectors changed (更新人数). */
  updated: Scalars['Int']['output'];
};

/** An inspector to add (no id) or change (检查人员). */
export type InspectorInput = {
  /** Whether they are drawn (是否在库). */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** The department (所属部门). */
  department: Department;
  /** The inspector to change; omitted to add one (人员编号). */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Name (姓名). */
  name: Scalars['String']['input'];
  /** The region code prefix they serve, 2 to 6 digits (负责区域). */
  region: Scalars['String']['input'];
  /** Unit (所在单位). */
  unit: Scalars['String']['input'];
};

/** A credit-risk interview (约谈记录). */
export type Interview = {
  __typename?: 'Interview';
  /** The interviewing department (约谈部门). */
  department: Department;
  /** The day it was held (约谈日期). */
  heldOn: Scalars['Date']['output'];
  /** Its number (约谈编号). */
  id: Scalars['ID']['output'];
  /** Prompt or warning (约谈类型). */
  kind: InterviewKind;
  /** The officials who held it (约谈人员). */
  officials: Scalars['String']['output'];
  /** Past its deadline and not marked done (整改逾期). */
  overdue: Scalars['Boolean']['output'];
  /** The day the rectification was marked done (整改完成日期). */
  rectifiedOn?: Maybe<Scalars['Date']['output']>;
  /** The rectification deadline (整改期限). */
  rectifyBy: Scalars['Date']['output'];
  /** What was required (整改要求). */
  required: Scalars['String']['output'];
  /** The enterprise (统一社会信用代码). */
  uscc: Scalars['USCC']['output'];
};

/** A candidate for an interview (约谈候选企业). */
export type InterviewCandidate = {
  __typename?: 'InterviewCandidate';
  /** Its alerts in the ledger (风险预警). */
  alertKinds: Array<AlertKind>;
  /** Its grade in the ledger (信用等级). */
  grade?: Maybe<Scalars['String']['output']>;
  /** Its registered name, as the ledger keeps it (企业名称). */
  name?: Maybe<Scalars['String']['output']>;
  /** Why it is a candidate (列入原因). */
  reasons: Array<InterviewReason>;
  /** The enterprise (统一社会信用代码). */
  uscc: Scalars['USCC']['output'];
};

/** An interview to record (约谈). */
export type InterviewInput = {
  /** The interviewing department (约谈部门). */
  department: Department;
  /** The day it was held (约谈日期). */
  heldOn: Scalars['Date']['input'];
  /** Prompt or warning (约谈类型). */
  kind: InterviewKind;
  /** The officials who held it, 1 to 200 characters (约谈人员). */
  officials: Scalars['String']['input'];
  /** The rectification deadline, after the interview (整改期限). */
  rectifyBy: Scalars['Date']['input'];
  /** What the enterprise was required to do, 1 to 2,000 characters (整改要求). */
  required: Scalars['String']['input'];
  /** The enterprise (统一社会信用代码). */
  uscc: Scalars['USCC']['input'];
};

/** A prompt or a warning interview (约谈类型: 提示约谈 or 警示约谈). */
export type InterviewKind =
  /** A prompt interview (提示约谈). */
  | 'PROMPT'
  /** A warning interview (警示约谈). */
  | 'WARNING';

/** Why an enterprise is a candidate for an interview (列入原因). */
export type InterviewReason =
  /** It carries a risk alert (存在风险预警). */
  | 'ALERT'
  /** Graded C or D (信用等级为C或D). */
  | 'GRADE'
  /** A rectification deadline passed without being marked done (整改逾期). */
  | 'RECTIFICATION_OVERDUE';

/** Court records (司法信息) of one enterprise. */
export type JudicialRecords = {
  __typename?: 'JudicialRecords';
  /** Consumption restriction orders (限制消费令). */
  consumptionRestrictions?: Maybe<Array<ConsumptionRestriction>>;
  /** Dishonest judgment-debtor entries (失信被执行人). */
  dishonestDebtor: Array<DishonestDebtorEntry>;
  /** Enforcement cases (被执行人). */
  enforcementCases?: Maybe<Array<EnforcementCase>>;
};

/** How much of the city the ledger holds, and how current (账本覆盖情况). City-wide: a filtered roster or draw is a part of it. */
export type LedgerCoverage = {
  __typename?: 'LedgerCoverage';
  /** When this was counted (统计时间). */
  asOf: Scalars['DateTime']['output'];
  /** Enterprises with a complete assessment (完整评价数). */
  complete: Scalars['Int']['output'];
  /** Registry enterprises with no assessment at all (未评价数); null while the registry's size is unknown. */
  missing?: Maybe<Scalars['Int']['output']>;
  /** Complete assessments older than the re-evaluation cycle (逾期未复评数). */
  overdue: Scalars['Int']['output'];
  /** Enterprises assessed only provisionally: a department did not answer; retried until complete (暂定评价数). */
  provisional: Scalars['Int']['output'];
  /** Enterprises in market regulation's registry at the backfill's last page (登记总数); null before it read one. */
  registry?: Maybe<Scalars['Int']['output']>;
  /** Whether every registry enterprise has a complete, current assessment (覆盖完整). */
  whole: Scalars['Boolean']['output'];
};

/** The legal representative (法定代表人). */
export type LegalRepresentative = {
  __typename?: 'LegalRepresentative';
  /** Resident ID number (身份证号码); masked (at most a third visible, e.g. `440************234`) for every audience but the enterprise itself and regulators. */
  idNumber: Scalars['String']['output'];
  /** Name (姓名). */
  name: Scalars['String']['output'];
};

/** The licences granted to the enterprise (行政许可决定), newest decision first. */
export type Licence = {
  __typename?: 'Licence';
  /** The licensing authority (许可机关). */
  authority?: Maybe<Scalars['String']['output']>;
  /** The licence category (许可类别: 普通, 特许, 认可, 核准, 登记, 其他). */
  category?: Maybe<Scalars['String']['output']>;
  /** The licence certificate's name (许可证书名称). */
  certificate?: Maybe<Scalars['String']['output']>;
  /** What is licensed (许可内容). */
  content?: Maybe<Scalars['String']['output']>;
  /** The decision date (许可决定日期). */
  decidedOn?: Maybe<Scalars['Date']['output']>;
  /** The decision's document number (许可决定文书号). */
  decisionNumber?: Maybe<Scalars['String']['output']>;
  /** Whether the licence is in force (当前状态: 有效). */
  inForce?: Maybe<Scalars['Boolean']['output']>;
  /** The licence number (许可编号). */
  number?: Maybe<Scalars['String']['output']>;
  /** Why it is no longer in force (状态原因: 撤销, 注销, 吊销), when it is not. */
  stateReason?: Maybe<Scalars['String']['output']>;
  /** The licence decision's title (许可决定文书名称). */
  title?: Maybe<Scalars['String']['output']>;
  /** Valid from (有效期自). */
  validFrom?: Maybe<Scalars['Date']['output']>;
  /** Valid until (有效期至); null when open-ended (长期). */
  validUntil?: Maybe<Scalars['Date']['output']>;
};

/** An enterprise's administrative licences (行政许可信息), as published under 双公示. */
export type LicensingProfile = {
  __typename?: 'LicensingProfile';
  /** The licences granted to the enterprise (行政许可决定), newest decision first. */
  licences: Array<Licence>;
};

/** A red or black list entry (红黑名单记录). */
export type ListEntry = {
  __typename?: 'ListEntry';
  /** Deciding authority (认定部门). */
  authority: Scalars['String']['output'];
  /** Domain (领域), e.g. 安全生产. */
  domain: Scalars['String']['output'];
  /** Identifier (名单记录编号). */
  id: Scalars['String']['output'];
  /** Which list (名单类别). */
  list: ListKind;
  /** Date listed (列入日期). */
  listedOn: Scalars['Date']['output'];
  /** Reason (列入事由). */
  reason: Scalars['String']['output'];
  /** Date removed (移出日期). */
  removedOn?: Maybe<Scalars['Date']['output']>;
};

/** Red (honour) or black list (红名单/黑名单). */
export type ListKind =
  /** Black list: seriously dishonest (黑名单，失信惩戒). */
  | 'BLACK'
  /** Red list: trustworthy (红名单，守信激励). */
  | 'RED';

/** A major tax-violation case (重大税收违法失信案件). */
export type MajorTaxCase = {
  __typename?: 'MajorTaxCase';
  /** The violation (违法事实). */
  fact: Scalars['String']['output'];
  /** Case number (案件编号). */
  id: Scalars['String']['output'];
  /** Date listed (列入日期). */
  listedOn: Scalars['Date']['output'];
  /** Date removed (移出日期), null while listed. */
  removedOn?: Maybe<Scalars['Date']['output']>;
};

/** A listing on a market-regulation list (名录记录). */
export type MarketListing = {
  __typename?: 'MarketListing';
  /** Deciding authority (作出决定机关). */
  authority: Scalars['String']['output'];
  /** Identifier built from the list and listing date (记录标识). */
  id: Scalars['String']['output'];
  /** Date listed (列入日期). */
  listedOn: Scalars['Date']['output'];
  /** Why it was listed (列入原因). */
  reason: Scalars['String']['output'];
  /** Why it was removed (移出原因). */
  removalReason?: Maybe<Scalars['String']['output']>;
  /** Date removed (移出日期), null while listed. */
  removedOn?: Maybe<Scalars['Date']['output']>;
};

/** Market-regulation records (市场监管信息) of one enterprise. */
export type MarketRecords = {
  __typename?: 'MarketRecords';
  /** Abnormal-operations list entries (经营异常名录). */
  abnormalOperations: Array<MarketListing>;
  /** Administrative penalties (行政处罚). */
  penalties: Array<Penalty>;
  /** Serious violation list entries (严重违法失信名单). */
  seriousViolations: Array<MarketListing>;
};

/** Approval matters (审批事项), docs/rules.md#approval-checks. */
export type Matter =
  /** Administrative licensing (行政许可). */
  | 'ADMINISTRATIVE_LICENSING'
  /** Bidding and tendering (招标投标). */
  | 'BIDDING'
  /** The commitment system (告知承诺制). */
  | 'COMMITMENT_SYSTEM'
  /** Fiscal subsidies (财政资金补贴). */
  | 'FISCAL_SUBSIDY'
  /** Government procurement (政府采购). */
  | 'GOVERNMENT_PROCUREMENT'
  /** Honours and awards (评优评先). */
  | 'HONOURS'
  /** Qualification grading (资质等级评定). */
  | 'QUALIFICATION_GRADING'
  /** Tolerance acceptance (容缺受理). */
  | 'TOLERANCE_ACCEPTANCE';

/** A measure that applies (适用措施). */
export type Measure = {
  __typename?: 'Measure';
  /** Measure code (措施代码), from the rule set. */
  code: Scalars['String']['output'];
  /** Incentive or restriction (措施类别). */
  kind: MeasureKind;
  /** The legal basis text (法律依据). */
  legalBasis: Scalars['String']['output'];
  /** Measure name (措施名称). */
  name: Scalars['String']['output'];
  /** Ids of the records that triggered it (触发记录). */
  recordIds: Array<Scalars['String']['output']>;
};

/** Incentive or restriction (激励/惩戒). */
export type MeasureKind =
  /** Joint incentive (守信激励). */
  | 'INCENTIVE'
  /** Joint punishment (失信惩戒). */
  | 'RESTRICTION';

export type Mutation = {
  __typename?: 'Mutation';
  /** Answers an objection in writing (异议书面答复), once: accepted (the department corrects or removes its record in its own system, which reaches the platform and its change feed) or rejected with reasons. The answering department's own system; audited. */
  answerObjection: ObjectionProgress;
  /** A reviewer — never the proposer — approves a proposed version (审核批准): recorded with both names; it takes effect at its time on every replica. */
  approveRuleSet: RuleSetVersion;
  /** Closes the investigation of an enterprise (结束调查): its INVESTIGATION reads so far then show in its data tracker, each at its own time (until closed they are held back, INVESTIGATION_HOLD_DAYS at most, so the tracker does not tip off the subject). Answers when it was closed. Regulators of the enterprise's region; audited. */
  closeInvestigation: Scalars['DateTime']['output'];
  /** Declares that an inspector must not inspect an enterprise, and why (回避). Regulators; audited. */
  declareInspectorConflict: Inspector;
  /** Draws enterprises for a department's random inspection (双随机抽查), docs/rules.md#supervision-and-alerts: round(N × base × multiple) per tier, uniformly from the seed; recorded and reproducible. Regulators. */
  drawInspection: InspectionDraw;
  /** An enterprise files an objection to one of its records, or to its grade with recordRef `evaluation` (提出异议). */
  fileObjection: ObjectionResult;
  /** An enterprise grants a bank consent to read scoped fields for a purpose until an expiry (授权). */
  grantConsent: ConsentResult;
  /** Adds or changes a department's inspectors from a CSV (批量导入检查人员): a header row naming 姓名, 单位, 区域 and optionally 编号 and 在库 (or name, unit, region, id, active); UTF-8, a byte-order mark allowed, at most 2,000 rows. A row with 编号 changes that inspector; one without changes the department's inspector of the same name and unit, or adds one. All or nothing: any bad row refuses the import with BAD_USER_INPUT listing every bad line (`extensions.lines`). Regulators; audited. */
  importInspectors: InspectorImport;
  /** Marks an interview's rectification done (整改完成), once. The interviewing department's own system; audited. */
  markRectified: Interview;
  /** A regulator proposes a new version of the rule set in use (提出规则集修订): the file's JSON, checked for shape and lawfulness like a shipped one, and when it should take effect. It answers nothing until a reviewer approves it. */
  proposeRuleSet: RuleSetVersion;
  /** Publishes a draw (一公开): from then on anyone may read it. Regulators. */
  publishDraw?: Maybe<InspectionDraw>;
  /** Records a drawn enterprise's inspection result from the fixed list, with its date and a note (录入检查结果); a later one corrects it, the earlier kept. Regulators; audited. */
  recordInspectionResult: InspectionResult;
  /** Records a credit-risk interview (录入约谈记录): it enters the enterprise's credit record, shown but not graded. The interviewing department's own system; audited. */
  recordInterview: Interview;
  /** An approval system registers the commitment it accepted from an applicant (登记告知承诺), written to the credit platform; clerks, audited. */
  registerCommitment: CommitmentResult;
  /** Registers a webhook (登记事件回调): events the organization may receive are POSTed to `url`, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: HMAC-SHA256 with the secret shown once here). The URL's host:port must be in WEBHOOK_ALLOWED_HOSTS. Regulators, banks (for the purpose declared now), departments. */
  registerWebhook: WebhookRegistration;
  /** Removes one of the organization's webhooks (删除事件回调): nothing more is delivered to it. Null when there is no such webhook. */
  removeWebhook?: Maybe<Webhook>;
  /** An enterprise revokes one of its consents (撤销授权). */
  revokeConsent: ConsentResult;
  /** Gives one of the organization's webhooks a new signing secret (轮换回调签名密钥): shown once; the old secret keeps signing beside it (two signatures per delivery) for `overlapHours`, so the receiver can switch without losing a delivery. Null when there is no such live webhook. */
  rotateWebhookSecret?: Maybe<WebhookRegistration>;
  /** Adds an inspection item, or changes the department's item with the same code (维护抽查事项). Regulators; audited. */
  saveInspectionItem: InspectionItem;
  /** Adds an inspector (no id) or changes one (维护检查人员). Regulators; audited. */
  saveInspector: Inspector;
  /** Records the verifying department's verdict on a commitment, once (承诺核查): FULFILLED or BREACHED, set at the credit platform (its status then feeds the grade and the checks). The verifying department's own system; audited. */
  verifyCommitment: CommitmentCheck;
};


export type MutationAnswerObjectionArgs = {
  answer: Scalars['String']['input'];
  decision: ObjectionDecision;
  id: Scalars['ID']['input'];
};


export type MutationApproveRuleSetArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCloseInvestigationArgs = {
  uscc: Scalars['USCC']['input'];
};


export type MutationDeclareInspectorConflictArgs = {
  inspectorId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  uscc: Scalars['USCC']['input'];
};


export type MutationDrawInspectionArgs = {
  acceptIncomplete?: InputMaybe<Scalars['Boolean']['input']>;
  department: Department;
  item?: InputMaybe<Scalars['ID']['input']>;
  population: RosterFilter;
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationFileObjectionArgs = {
  input: ObjectionInput;
};


export type MutationGrantConsentArgs = {
  input: GrantConsentInput;
};


export type MutationImportInspectorsArgs = {
  csv: Scalars['String']['input'];
  department: Department;
};


export type MutationMarkRectifiedArgs = {
  id: Scalars['ID']['input'];
};


export type MutationProposeRuleSetArgs = {
  content: Scalars['String']['input'];
  effectiveAt: Scalars['DateTime']['input'];
};


export type MutationPublishDrawArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRecordInspectionResultArgs = {
  drawId: Scalars['ID']['input'];
  inspectedOn: Scalars['Date']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  result: InspectionResultKind;
  uscc: Scalars['USCC']['input'];
};


export type MutationRecordInterviewArgs = {
  input: InterviewInput;
};


export type MutationRegisterCommitmentArgs = {
  input: CommitmentInput;
};


export type MutationRegisterWebhookArgs = {
  filter?: InputMaybe<WebhookFilter>;
  kinds: Array<CreditEventKind>;
  url: Scalars['String']['input'];
};


export type MutationRemoveWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeConsentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRotateWebhookSecretArgs = {
  id: Scalars['ID']['input'];
  overlapHours?: InputMaybe<Scalars['Int']['input']>;
};


export type MutationSaveInspectionItemArgs = {
  input: InspectionItemInput;
};


export type MutationSaveInspectorArgs = {
  input: InspectorInput;
};


export type MutationVerifyCommitmentArgs = {
  id: Scalars['ID']['input'];
  status: CommitmentVerdict;
};

/** An objection to a record (异议). */
export type Objection = {
  __typename?: 'Objection';
  /** Date filed (提出日期). */
  filedOn: Scalars['Date']['output'];
  /** Identifier (异议编号). */
  id: Scalars['String']['output'];
  /** The gateway's workflow on it: who answers, by when, and the answer (处理进度); null for an objection not filed through the gateway. */
  progress?: Maybe<ObjectionProgress>;
  /** The disputed record, `<department>:<id>` (异议记录). */
  recordRef: Scalars['String']['output'];
  /** Date resolved (办结日期). */
  resolvedOn?: Maybe<Scalars['Date']['output']>;
  /** How it stands (处理状态). */
  status: ObjectionStatus;
};

/** A department's decision on an objection (处理意见). */
export type ObjectionDecision =
  /** The objection holds: the record is corrected or removed (异议成立，予以更正或删除). */
  | 'ACCEPTED'
  /** The objection does not hold, for the reasons given (异议不成立). */
  | 'REJECTED';

/** An objection to file (异议申请). */
export type ObjectionInput = {
  /** Why the record is wrong (异议理由). */
  reason: Scalars['String']['input'];
  /** The record, `<department>:<id>` as in DishonestyRecord.recordRef (异议记录). */
  recordRef: Scalars['String']['input'];
};

/** Where an objection filed through the gateway stands (异议处理进度): who answers and by when (docs/rules.md "Objections"). */
export type ObjectionProgress = {
  __typename?: 'ObjectionProgress';
  /** The written answer (书面答复). */
  answer?: Maybe<Scalars['String']['output']>;
  /** The written answer is due by this day: 2 working days after filing (答复期限); null when the working-day calendar does not hold the year. */
  answerDueOn?: Maybe<Scalars['Date']['output']>;
  /** The day it was answered, Beijing time (答复日期). */
  answeredOn?: Maybe<Scalars['Date']['output']>;
  /** The comparison is due by this day: 5 working days after filing (核查期限); null likewise. */
  compareDueOn?: Maybe<Scalars['Date']['output']>;
  /** Whether the deadlines could be counted (工作日历是否覆盖); false: the calendar lacks the year, and the deadlines must be set by hand. */
  deadlinesKnown: Scalars['Boolean']['output'];
  /** The department's decision, once answered (处理意见). */
  decision?: Maybe<ObjectionDecision>;
  /** The department that must answer: the record's producer, the credit platform for the grade (答复部门). */
  department: Department;
  /** The day it was filed, Beijing time (提出日期). */
  filedOn: Scalars['Date']['output'];
  /** The objection's number at the platform (异议编号). */
  id: Scalars['ID']['output'];
  /** Unanswered past the answer's deadline (逾期未答复). */
  overdue: Scalars['Boolean']['output'];
  /** The enterprise's reason (异议理由). */
  reason: Scalars['String']['output'];
  /** The disputed record, `<department>:<id>`, or `evaluation` for the grade (异议记录). */
  recordRef: Scalars['String']['output'];
  /** The objecting enterprise (统一社会信用代码). */
  uscc: Scalars['USCC']['output'];
};

/** Why an objection was refused (异议拒绝原因). */
export type ObjectionRefusal =
  /** The reason is empty or too long (理由无效). */
  | 'INVALID_REASON'
  /** The credit platform refused it (平台拒绝). */
  | 'PLATFORM_REFUSED'
  /** No such record of this enterprise (记录不存在). */
  | 'UNKNOWN_RECORD';

/** The outcome of filing an objection (异议提交结果). */
export type ObjectionResult = {
  __typename?: 'ObjectionResult';
  /** Whether it was filed (是否受理). */
  accepted: Scalars['Boolean']['output'];
  /** The objection (异议). */
  objection?: Maybe<Objection>;
  /** Why not, when refused (拒绝原因). */
  refusal?: Maybe<ObjectionRefusal>;
};

/** How an objection stands (异议处理状态). */
export type ObjectionStatus =
  /** Being handled (处理中). */
  | 'OPEN'
  /** Rejected: the record stands (异议不成立). */
  | 'REJECTED'
  /** Upheld: the record is withdrawn (异议成立). */
  | 'UPHELD';

/** Relay paging state (分页信息). */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last result on this page (末条游标). */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more results follow (是否有下一页). */
  hasNextPage: Scalars['Boolean']['output'];
};

/** An administrative penalty (行政处罚) from any department. */
export type Penalty = {
  __typename?: 'Penalty';
  /** Fine or confiscation (罚没金额). */
  amount?: Maybe<Scalars['Money']['output']>;
  /** The deciding authority (处罚机关), when the source names it. */
  authority?: Maybe<Scalars['String']['output']>;
  /** Decision date (处罚决定日期). */
  date: Scalars['Date']['output'];
  /** The department that decided it (处罚部门). */
  department: Department;
  /** The violation (违法行为). */
  fact: Scalars['String']['output'];
  /** Decision document number (处罚决定书文号). */
  id: Scalars['String']['output'];
  /** Kinds of penalty (处罚种类), e.g. 罚款, 责令停产停业. */
  kinds: Array<Scalars['String']['output']>;
};

/** A date range (期间). */
export type Period = {
  __typename?: 'Period';
  /** First day, exclusive (起始日，不含). */
  from: Scalars['Date']['output'];
  /** Last day, inclusive (截止日). */
  to: Scalars['Date']['output'];
};

/** A record's publicity window (公示期限). */
export type Publicity = {
  __typename?: 'Publicity';
  /** Start of the window (公示起始日). */
  from: Scalars['Date']['output'];
  /** Whether the record is published at all (是否公示). */
  published: Scalars['Boolean']['output'];
  /** Earliest date a repair may end publicity (最短公示期满日). */
  repairableFrom?: Maybe<Scalars['Date']['output']>;
  /** End of the window (公示截止日); for a state, its removal date once removed. */
  until?: Maybe<Scalars['Date']['output']>;
};

/** Why data is read (查询目的), sent as X-Purpose. */
export type Purpose =
  /** Bidding (招标投标). */
  | 'BIDDING'
  /** Investigation (调查). */
  | 'INVESTIGATION'
  /** Administrative licensing (行政许可). */
  | 'LICENSING'
  /** Bank pre-credit assessment (预授信). */
  | 'PRE_CREDIT'
  /** Government procurement (政府采购). */
  | 'PROCUREMENT'
  /** An enterprise reading its own data (自查). */
  | 'SELF_QUERY'
  /** Fiscal subsidy (财政补贴). */
  | 'SUBSIDY'
  /** Supervision (监管). */
  | 'SUPERVISION';

export type Query = {
  __typename?: 'Query';
  /** The audit trail (审计记录): every archived entry about an enterprise, of an organization, or by one principal, with principal ids, newest first. Regulators; audited. */
  auditTrail: AuditTrailConnection;
  /** The commitments a department must verify (承诺核查清单), those due first; decided ones too when asked. A department's own system (its organization names the department) and regulators. */
  commitmentsToVerify: Array<CommitmentCheck>;
  /**
   * The approval check (联合奖惩核查) an approval system embeds: for one enterprise and one matter, the
   * verdict, the measures that apply with their legal basis, the grade behind it, and whether any
   * department's data was stale or missing. Null when no registry knows the code.
   */
  creditCheck?: Maybe<CreditCheck>;
  /** One enterprise's credit profile (企业信用档案), or null when no department knows the code. */
  enterprise?: Maybe<Enterprise>;
  /** Up to 100 profiles at once (批量查询), in input order, null where unknown. */
  enterprises: Array<Maybe<Enterprise>>;
  /** One recorded draw (抽查记录): regulators always; anyone once it is published (一公开). */
  inspectionDraw?: Maybe<InspectionDraw>;
  /** Recorded 双随机 draws, newest first (抽查记录). Regulators. */
  inspectionDraws: Array<InspectionDraw>;
  /** A department's inspection items (抽查事项清单), each with its legal basis. Regulators. */
  inspectionItems: Array<InspectionItem>;
  /** A department's inspectors (检查人员名录库) with the enterprises each must not inspect (回避). Regulators. */
  inspectors: Array<Inspector>;
  /** A department's candidates for a credit-risk interview (约谈候选名单), by code: enterprises with its records in force graded C or D or carrying an alert, and those it interviewed whose rectification deadline passed without being marked done (谁认定、谁约谈). A department's own system and regulators. */
  interviewCandidates: Array<InterviewCandidate>;
  /** What the caller may read (访问权限说明): field groups, matters, and the consents it reads under; like X-Road's allowedMethods. */
  myAccess: Access;
  /** The calling enterprise's consents, all statuses (本企业授权记录). */
  myConsents: Array<Consent>;
  /** Who read this enterprise's data beyond the public view (数据访问记录), docs/access.md, as Estonia's Data Tracker shows citizens: organization, role, purpose, time, field groups and operation, newest first; individual officials' ids are not shown. From the audit archive (a read appears within seconds). The calling enterprise user only, for its own enterprise; audited. */
  myDataAccess: DataAccessConnection;
  /** Objections a department must answer (异议处理队列), oldest first, with their deadlines; answered ones too when asked. A department's own system (its organization names the department) and regulators. */
  objectionQueue: Array<ObjectionProgress>;
  /** Enterprises carrying a risk alert (风险预警名单), from the city ledger or by sweeping the registry in order; for regulators, and for a department's own system its alerts (通报), each basis record one it may read: its own and the published records of others. */
  riskAlerts: RiskAlertConnection;
  /** The city's roster (监管名录), docs/rules.md#supervision-and-alerts: latest complete assessments by grade, tier, region, alert and department; keyset-paged by code, with counts per tier. Regulators. */
  roster: Roster;
  /** Rule-set versions proposed and approved for the rule set in use, newest proposal first (规则集版本审核记录). Regulators and reviewers. */
  ruleSetVersions: Array<RuleSetVersion>;
  /** Enterprises whose registered name contains a keyword (按名称检索), from market regulation's registry. */
  searchEnterprises: EnterpriseConnection;
  /** A webhook's deliveries, newest first, with their attempts and outcomes (推送记录). Its organization. */
  webhookDeliveries: Array<WebhookDelivery>;
  /** The caller's organization's webhooks (本机构的事件回调). Regulators, banks, departments. */
  webhooks: Array<Webhook>;
};


export type QueryAuditTrailArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter: AuditTrailFilter;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryCommitmentsToVerifyArgs = {
  department: Department;
  includeDecided?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryCreditCheckArgs = {
  matter: Matter;
  uscc: Scalars['USCC']['input'];
};


export type QueryEnterpriseArgs = {
  uscc: Scalars['USCC']['input'];
};


export type QueryEnterprisesArgs = {
  usccs: Array<Scalars['USCC']['input']>;
};


export type QueryInspectionDrawArgs = {
  id: Scalars['ID']['input'];
};


export type QueryInspectionDrawsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryInspectionItemsArgs = {
  department: Department;
  includeInactive?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryInspectorsArgs = {
  department: Department;
  includeInactive?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryInterviewCandidatesArgs = {
  department: Department;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryMyDataAccessArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryObjectionQueueArgs = {
  department: Department;
  includeAnswered?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryRiskAlertsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  department?: InputMaybe<Department>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<AlertKind>;
};


export type QueryRosterArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter: RosterFilter;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySearchEnterprisesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  keyword: Scalars['String']['input'];
};


export type QueryWebhookDeliveriesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  webhookId: Scalars['ID']['input'];
};

/** Kinds of negative record (失信记录类别). */
export type RecordKind =
  /** Abnormal-operations listing (经营异常名录). */
  | 'ABNORMAL_OPERATIONS'
  /** Abnormal taxpayer (非正常户). */
  | 'ABNORMAL_TAXPAYER'
  /** Administrative penalty (行政处罚). */
  | 'ADMINISTRATIVE_PENALTY'
  /** Black list entry (黑名单). */
  | 'BLACK_LIST'
  /** Breached credit commitment (违反信用承诺). */
  | 'BREACHED_COMMITMENT'
  /** Consumption restriction order (限制消费令). */
  | 'CONSUMPTION_RESTRICTION'
  /** Dishonest judgment debtor (失信被执行人). */
  | 'DISHONEST_DEBTOR'
  /** Enforcement case (被执行人). */
  | 'ENFORCEMENT_CASE'
  /** Yellow, red or black environmental card (环保信用警示/不良). */
  | 'ENVIRONMENTAL_CARD'
  /** A record declared by LICENSING (吊销许可证件, 行政许可). */
  | 'LICENCE_REVOKED'
  /** Major tax-violation case (重大税收违法失信案件). */
  | 'MAJOR_TAX_CASE'
  /** Serious violation listing (严重违法失信名单). */
  | 'SERIOUS_VIOLATION'
  /** A record declared by SOCIAL_INSURANCE (欠缴社会保险费, 人社). */
  | 'SOCIAL_INSURANCE_ARREARS'
  /** Tax arrears (欠税). */
  | 'TAX_ARREARS'
  /** Tax credit grade D (纳税信用D级). */
  | 'TAX_GRADE_D'
  /** A record declared by UTILITIES (欠缴水电气费, 水电气). */
  | 'UTILITY_ARREARS';

/** Event or state (事件/状态). */
export type RecordNature =
  /** A dated event: counts by its date (有日期的事件). */
  | 'EVENT'
  /** A state: counts while it holds (持续状态). */
  | 'STATE';

/** Where a record stands (记录状态). */
export type RecordStatus =
  /** In force (有效). */
  | 'ACTIVE'
  /** In force, under objection (异议处理中). */
  | 'DISPUTED'
  /** Past its maximum publicity window (公示期满). */
  | 'EXPIRED'
  /** Removed from its list, or withdrawn after an upheld objection (已移出/已撤销). */
  | 'REMOVED'
  /** Dated before a court-approved reorganisation plan: no longer counted in checks and grades, shown marked (重整前记录, docs/rules.md#approval-checks). */
  | 'REORGANIZED'
  /** Repaired: no longer shared or used (已信用修复). */
  | 'REPAIRED';

/** Registered capital (注册资本). */
export type RegisteredCapital = {
  __typename?: 'RegisteredCapital';
  /** Amount in units of its currency (金额), when the text states one. */
  amount?: Maybe<Scalars['Money']['output']>;
  /** ISO 4217 currency (币种), when stated. */
  currency?: Maybe<Scalars['String']['output']>;
  /** As registered (登记原文), e.g. 500万元人民币. */
  text: Scalars['String']['output'];
};

/** Registration basics (登记信息) from market regulation (市场监管). */
export type Registration = {
  __typename?: 'Registration';
  /** Registered address (住所). */
  address: Scalars['String']['output'];
  /** The date of the latest approved registration (核准日期). */
  approvedOn: Scalars['Date']['output'];
  /** Registration authority (登记机关). */
  authority: Scalars['String']['output'];
  /** Entity type (企业类型), e.g. 有限责任公司. */
  entityType: Scalars['String']['output'];
  /** Date of establishment (成立日期). */
  establishedOn: Scalars['Date']['output'];
  /** Industry class, GB/T 4754-2017 (国民经济行业分类代码), e.g. C1391. */
  industryCode: Scalars['String']['output'];
  /** Legal representative (法定代表人). */
  legalRepresentative: LegalRepresentative;
  /** Registered name (企业名称). */
  name: Scalars['String']['output'];
  /** Registered capital (注册资本). */
  registeredCapital: RegisteredCapital;
  /** Business scope (经营范围). */
  scope: Scalars['String']['output'];
  /** Registration status (登记状态). */
  status: RegistrationStatus;
  /** The registry's own status text (登记状态原文), e.g. 存续. */
  statusText: Scalars['String']['output'];
};

/** Registration status (登记状态). */
export type RegistrationStatus =
  /** Registration annulled (撤销). */
  | 'ANNULLED'
  /** Deregistered (注销). */
  | 'DEREGISTERED'
  /** In existence (存续). */
  | 'EXISTING'
  /** Moved out of the jurisdiction (迁出). */
  | 'MOVED_OUT'
  /** Operating (在业). */
  | 'OPERATING'
  /** Business licence revoked (吊销). */
  | 'REVOKED'
  /** Suspended (停业). */
  | 'SUSPENDED';

/** A court-approved reorganisation plan (重整计划). */
export type Reorganization = {
  __typename?: 'Reorganization';
  /** When the court approved the plan (批准日期). */
  approvedOn: Scalars['Date']['output'];
  /** The court case number (案号). */
  caseNo: Scalars['String']['output'];
  /** The court (法院). */
  court: Scalars['String']['output'];
};

/** A completed credit repair (信用修复). */
export type Repair = {
  __typename?: 'Repair';
  /** The repaired record, `<department>:<id>` (修复的记录). */
  recordRef: Scalars['String']['output'];
  /** Date the repair took effect (修复日期). */
  repairedOn: Scalars['Date']['output'];
};

/** A risk alert (风险预警). */
export type RiskAlert = {
  __typename?: 'RiskAlert';
  /** Departments involved (涉及部门). */
  departments: Array<Department>;
  /** Grade now (现等级), for GRADE_DROP. */
  grade?: Maybe<Scalars['String']['output']>;
  /** Kind (预警类型). */
  kind: AlertKind;
  /** Grade before the drop (原等级), for GRADE_DROP. */
  previousGrade?: Maybe<Scalars['String']['output']>;
  /** Records that raised it (触发记录). */
  records: Array<DishonestyRecord>;
};

/** A page of alerted enterprises (预警企业分页). */
export type RiskAlertConnection = {
  __typename?: 'RiskAlertConnection';
  /** Alerted enterprises on this page (本页预警企业). */
  edges: Array<RiskAlertEdge>;
  /** Paging state (分页信息). */
  pageInfo: PageInfo;
  /** Enterprises examined to fill this page (本页扫描企业数). */
  scanned: Scalars['Int']['output'];
};

/** One alerted enterprise (预警企业). */
export type RiskAlertEdge = {
  __typename?: 'RiskAlertEdge';
  /** Its alerts (预警). */
  alerts: Array<RiskAlert>;
  /** Cursor: the registry position after this enterprise (游标). */
  cursor: Scalars['String']['output'];
  /** The enterprise (企业). */
  node: Enterprise;
};

/** Industry credit-risk levels (行业信用风险等级), docs/rules.md#supervision-and-alerts. */
export type RiskLevel =
  /** High risk (高风险). */
  | 'HIGH'
  /** Low risk (低风险). */
  | 'LOW'
  /** Normal risk (一般风险). */
  | 'NORMAL';

/** Caller roles (角色), docs/access.md. */
export type Role =
  /** A bank (银行). */
  | 'bank'
  /** A service-hall or approval clerk (窗口/审批人员). */
  | 'clerk'
  /** A department's own system, its organization naming the department; receives the alerts about enterprises with its records (部门系统, 通报). */
  | 'department'
  /** A developer exploring the schema (开发者). */
  | 'developer'
  /** An enterprise user, for its own enterprise (企业用户). */
  | 'enterprise'
  /** No token (公众). */
  | 'public'
  /** A regulator (监管人员). */
  | 'regulator'
  /** An official of the city's 发展改革局 or 司法局 who reviews and approves rule-set versions proposed by regulators (规则集审核人). */
  | 'reviewer';

/** A roster page (监管名录). */
export type Roster = {
  __typename?: 'Roster';
  /** How many per tier (各监管级别数量). */
  counts: Array<TierCount>;
  /** How much of the city the ledger holds, and how current (账本覆盖情况). */
  coverage: LedgerCoverage;
  /** This page (本页). */
  edges: Array<RosterEdge>;
  /** How many per grade and tier (各评价等级、监管级别数量). */
  gradeCounts: Array<GradeTierCount>;
  /** Paging (分页信息). */
  pageInfo: PageInfo;
  /** The newest assessment the roster reflects (数据截至). */
  snapshot?: Maybe<Scalars['DateTime']['output']>;
  /** How many enterprises match (总数). */
  totalCount: Scalars['Int']['output'];
};

/** One roster entry with its cursor (名录条目). */
export type RosterEdge = {
  __typename?: 'RosterEdge';
  /** Where this entry is (游标). */
  cursor: Scalars['String']['output'];
  /** The entry (条目). */
  node: RosterEntry;
};

/** An enterprise's latest complete assessment in the ledger (台账评价记录). */
export type RosterEntry = {
  __typename?: 'RosterEntry';
  /** The registered address (住所). */
  address?: Maybe<Scalars['String']['output']>;
  /** Alerts it carries (预警类型). */
  alertKinds: Array<AlertKind>;
  /** Departments with records in force (有记录的部门). */
  departments: Array<Department>;
  /** When it was evaluated (评价日期). */
  evaluatedAt: Scalars['Date']['output'];
  /** The grade (评价等级). */
  grade: Scalars['String']['output'];
  /** The GB/T 4754-2017 industry class, or null when not yet known (国民经济行业分类代码). */
  industryCode?: Maybe<Scalars['String']['output']>;
  /** The legal representative's name (法定代表人). */
  legalRepresentative?: Maybe<Scalars['String']['output']>;
  /** The registered name at the assessment (企业名称); null for rows kept before names were. */
  name?: Maybe<Scalars['String']['output']>;
  /** The region code (行政区划码). */
  regionCode: Scalars['String']['output'];
  /** The region's name in Chinese where known, else its code (所属区域). */
  regionName: Scalars['String']['output'];
  /** The registration authority (登记机关). */
  registrationAuthority?: Maybe<Scalars['String']['output']>;
  /** The supervision tier (监管级别): the filter's department's fused tier when it names one, else the grade's. */
  tier: Scalars['String']['output'];
  /** The code (统一社会信用代码). */
  uscc: Scalars['USCC']['output'];
};

/** Who is in a roster (名录筛选条件); every field optional. */
export type RosterFilter = {
  /** Enterprises carrying any of these alerts (预警类型). */
  alertKinds?: InputMaybe<Array<AlertKind>>;
  /** Enterprises with records in force from any of these departments (有记录的部门). */
  departments?: InputMaybe<Array<Department>>;
  /** Grades (评价等级), as the rule set names them. */
  grades?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Industries: GB/T 4754-2017 class prefixes such as C14 or F5211, any of them (行业代码前缀). */
  industry?: InputMaybe<Array<Scalars['String']['input']>>;
  /** A key domain named in the rule set, e.g. 食品, 药品, 特种设备, 危险化学品: its set of class prefixes (重点领域). */
  keyDomain?: InputMaybe<Scalars['String']['input']>;
  /** A prefix of the region code, positions 3–8 of the USCC (行政区划码前缀). */
  regionPrefix?: InputMaybe<Scalars['String']['input']>;
  /** Supervision tiers (监管级别). */
  tiers?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Whose tiers `tiers` filters and counts by: this department's, the grade fused with its own rating (the grade's for a department without one, such as a declared department); omitted, the grade's (监管部门视角). */
  tiersFor?: InputMaybe<Department>;
};

/** A proposed version of the rule set and its review (规则集修订). */
export type RuleSetVersion = {
  __typename?: 'RuleSetVersion';
  /** When it was approved (批准时间). */
  approvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who approved it: organization/subject, or null while proposed (审核人). */
  approvedBy?: Maybe<Scalars['String']['output']>;
  /** SHA-256 of the file's canonical JSON (内容摘要). */
  digest: Scalars['String']['output'];
  /** When it takes effect: the stated time, or the approval when later (施行时间). */
  effectiveAt: Scalars['DateTime']['output'];
  /** The proposal's number (修订编号). */
  id: Scalars['ID']['output'];
  /** Whether it is the version answering now (是否现行). */
  inForce: Scalars['Boolean']['output'];
  /** The rule set's name (规则集名称). */
  name: Scalars['String']['output'];
  /** When it was proposed (提出时间). */
  proposedAt: Scalars['DateTime']['output'];
  /** Who proposed it: organization/subject (提出人). */
  proposedBy: Scalars['String']['output'];
  /** The rule set's id (规则集标识). */
  ruleSet: Scalars['String']['output'];
  /** The proposed version (版本号). */
  version: Scalars['String']['output'];
};

/** Severity of a record (失信严重程度). */
export type Severity =
  /** General (一般). */
  | 'GENERAL'
  /** Minor (轻微). */
  | 'MINOR'
  /** Serious (严重). */
  | 'SERIOUS';

/** Each month's unpaid or later paid contribution (欠缴记录). */
export type SocialInsuranceArrear = {
  __typename?: 'SocialInsuranceArrear';
  /** The amount owed in yuan (欠缴金额). */
  amount?: Maybe<Scalars['String']['output']>;
  /** The insurance (险种: 养老, 医疗, 失业, 工伤, 生育). */
  insurance?: Maybe<Scalars['String']['output']>;
  /** The deadline the bureau ordered (责令限期缴纳日期). */
  orderedBy?: Maybe<Scalars['Date']['output']>;
  /** Whether it has been paid since (已补缴). */
  paid?: Maybe<Scalars['Boolean']['output']>;
  /** When it was paid (补缴日期). */
  paidOn?: Maybe<Scalars['Date']['output']>;
  /** The month it is due for (所属期). */
  period?: Maybe<Scalars['String']['output']>;
};

/** An enterprise's social insurance (社会保险) as the bureau records it, insured employees and arrears. */
export type SocialInsuranceProfile = {
  __typename?: 'SocialInsuranceProfile';
  /** Each month's unpaid or later paid contribution (欠缴记录). */
  arrears?: Maybe<Array<SocialInsuranceArrear>>;
  /** Whether any contribution is unpaid (是否欠缴). */
  hasArrears?: Maybe<Scalars['Boolean']['output']>;
  /** Employees insured (参保人数). */
  insuredEmployees?: Maybe<Scalars['Int']['output']>;
};

/** How fresh a department's data is (数据状态). */
export type SourceState =
  /** Fetched now or within its cache lifetime (正常). */
  | 'OK'
  /** The department failed; the last known value is served (数据过期，来自缓存). */
  | 'STALE'
  /** The department failed and nothing usable is cached (不可用). */
  | 'UNAVAILABLE';

/** One department's part of a profile (部门数据状态). */
export type SourceStatus = {
  __typename?: 'SourceStatus';
  /** How old the data served is, in seconds (数据时效，秒); null when unavailable. */
  ageSeconds?: Maybe<Scalars['Int']['output']>;
  /** The department (部门). */
  department: Department;
  /** When the data served was fetched from the department (获取时间); null when unavailable. */
  fetchedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Fresh, stale or unavailable (状态). */
  status: SourceState;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Credit events as they happen (信用事件推送), docs/rules.md#supervision-and-alerts: each receiver sees what its audience and consents allow, in order per enterprise, each with a stable id. Resumable: `after` replays every event after that id first. Over WebSocket (graphql-ws, /graphql) or Server-Sent Events (graphql-sse, /graphql/stream). Regulators, enterprises, banks, departments. */
  creditEvents: CreditEvent;
};


export type SubscriptionCreditEventsArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  filter?: InputMaybe<CreditEventFilter>;
};

/** Graded supervision for an enterprise's grade (分级分类监管措施). */
export type Supervision = {
  __typename?: 'Supervision';
  /** The department's base random-inspection ratio (基础抽查比例). */
  baseRatio: Scalars['Float']['output'];
  /** The department whose base ratio applies (监管部门); null: the rule set's default. */
  department?: Maybe<Department>;
  /** The grade it follows (评价等级). */
  grade: Scalars['String']['output'];
  /** The tier the public grade alone gives (公共信用评价对应级别). */
  gradeTier: Scalars['String']['output'];
  /** The department's own rating fused in: the latest taxpayer grade for TAX, the latest environmental card for ENVIRONMENT; null for other departments or none (行业信用评价). */
  industryRating?: Maybe<Scalars['String']['output']>;
  /** That rating as an industry credit-risk level, by the rule set (行业信用风险等级). */
  industryRisk?: Maybe<RiskLevel>;
  /** Share of enterprises of this grade drawn for inspection (抽查比例) = base × multiple. */
  inspectionRatio: Scalars['Float']['output'];
  /** How on-site inspection is done (现场检查方式). */
  onSite: Scalars['String']['output'];
  /** Random-inspection ratio as a multiple of the base (抽查比例倍数): A 0.5, B 1, C 2, D 3 by default. */
  ratioToBase: Scalars['Float']['output'];
  /** The tier the industry risk alone gives (行业风险对应级别). */
  riskTier?: Maybe<Scalars['String']['output']>;
  /** Supervision tier (监管级别): TRUSTED, NORMAL, KEY or STRICT by default; for a department, the grade's tier fused with the department's own rating, the stricter winning (评价结果与行业信用风险融合). */
  tier: Scalars['String']['output'];
};

/** Tax paid in one year (年度纳税金额). */
export type TaxPaid = {
  __typename?: 'TaxPaid';
  /** Amount (金额). */
  amount: Scalars['Money']['output'];
  /** Year (年度). */
  year: Scalars['Int']['output'];
};

/** Tax data (税务信息) of one enterprise. */
export type TaxProfile = {
  __typename?: 'TaxProfile';
  /** Whether the latest rating is A (A级纳税人). */
  aLevelTaxpayer: Scalars['Boolean']['output'];
  /** Whether the enterprise is an abnormal taxpayer (非正常户). */
  abnormalTaxpayer?: Maybe<Scalars['Boolean']['output']>;
  /** Tax arrears (欠税金额). */
  arrears?: Maybe<Scalars['Money']['output']>;
  /** Major tax-violation cases (重大税收违法失信案件). */
  majorCases?: Maybe<Array<MajorTaxCase>>;
  /** Tax administrative penalties (税务行政处罚). */
  penalties?: Maybe<Array<Penalty>>;
  /** Tax credit ratings by year, newest first (纳税信用等级). */
  ratings?: Maybe<Array<TaxRating>>;
  /** Tax paid per year, newest first (纳税金额). */
  taxPaid?: Maybe<Array<TaxPaid>>;
};

/** A tax credit rating (纳税信用等级评价). */
export type TaxRating = {
  __typename?: 'TaxRating';
  /** Grade A, B, M, C or D (等级). */
  grade: Scalars['String']['output'];
  /** Evaluation year (评价年度). */
  year: Scalars['Int']['output'];
};

/** How many of a tier (级别数量). */
export type TierCount = {
  __typename?: 'TierCount';
  /** How many (数量). */
  count: Scalars['Int']['output'];
  /** The tier (监管级别). */
  tier: Scalars['String']['output'];
};

/** The decoded parts of a USCC (统一社会信用代码解析). */
export type UsccParts = {
  __typename?: 'UsccParts';
  /** Whether the check character (position 18) is right (校验码正确); false for some early pilot-region codes the registry still knows. */
  checksumValid: Scalars['Boolean']['output'];
  /** GB 11714 organization code, positions 9–17 (主体标识码/组织机构代码). */
  organizationCode: Scalars['String']['output'];
  /** Whether the embedded organization code's own check character is right (组织机构代码校验正确). */
  organizationCodeValid: Scalars['Boolean']['output'];
  /** Organization type code, position 2 (机构类别代码). */
  organizationType: Scalars['String']['output'];
  /** Organization type name (机构类别), e.g. 企业, 个体工商户. */
  organizationTypeName?: Maybe<Scalars['String']['output']>;
  /** Administrative region code, positions 3–8 (登记管理机关行政区划码). */
  regionCode: Scalars['String']['output'];
  /** Registration authority code, position 1 (登记管理部门代码). */
  registrationAuthority: Scalars['String']['output'];
  /** Registration authority name (登记管理部门), e.g. 市场监管. */
  registrationAuthorityName?: Maybe<Scalars['String']['output']>;
};

/** An enterprise's utility accounts in arrears (水电气欠费), account numbers masked. */
export type UtilitiesProfile = {
  __typename?: 'UtilitiesProfile';
  /** Each water, electricity or gas account with an overdue bill (欠费账户). */
  accounts: Array<UtilityAccount>;
};

/** Each water, electricity or gas account with an overdue bill (欠费账户). */
export type UtilityAccount = {
  __typename?: 'UtilityAccount';
  /** The account number (户号), masked as personal data. */
  accountNo?: Maybe<Scalars['String']['output']>;
  /** The utility (类别: ELECTRICITY 电, WATER 水, GAS 气). */
  kind?: Maybe<Scalars['String']['output']>;
  /** The amount overdue in yuan (欠费金额). */
  overdueAmount?: Maybe<Scalars['String']['output']>;
  /** Months overdue (欠费月数). */
  overdueMonths?: Maybe<Scalars['Int']['output']>;
  /** Overdue since (欠费起始日期). */
  since?: Maybe<Scalars['Date']['output']>;
};

/** The answer of an approval check (核查结论). */
export type Verdict =
  /** Green channel (绿色通道): incentives apply. */
  | 'FAST_TRACK'
  /** Cannot complete the check (无法完成核查): a department that could change the verdict did not answer, and the known records restrict nothing; retry, or use the manual procedure. Never NORMAL or FAST_TRACK on a partial picture. */
  | 'INCOMPLETE'
  /** Normal handling (正常办理). */
  | 'NORMAL'
  /** Restricted (限制): joint punishment measures apply. */
  | 'RESTRICTED';

/** A registered webhook (事件回调). */
export type Webhook = {
  __typename?: 'Webhook';
  /** When registered (登记时间). */
  createdAt: Scalars['DateTime']['output'];
  /** Its id (回调编号). */
  id: Scalars['ID']['output'];
  /** The id of the secret signing its deliveries; sent as `webhook-key-id` (签名密钥编号). */
  keyId: Scalars['String']['output'];
  /** Which kinds (事件类型). */
  kinds: Array<CreditEventKind>;
  /** After a rotation, the previous secret's id while it still signs beside the new one (旧密钥编号). */
  previousKeyId?: Maybe<Scalars['String']['output']>;
  /** Until when the previous secret signs (旧密钥停用时间). */
  previousKeyUntil?: Maybe<Scalars['DateTime']['output']>;
  /** When removed (删除时间). */
  removedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where events are POSTed (回调地址). */
  url: Scalars['String']['output'];
  /** Which enterprises; null: all the organization may receive (企业范围). */
  usccs?: Maybe<Array<Scalars['USCC']['output']>>;
};

/** One delivery attempt (一次推送尝试). */
export type WebhookAttempt = {
  __typename?: 'WebhookAttempt';
  /** When (时间). */
  at: Scalars['DateTime']['output'];
  /** What went wrong, without the receiver's body (错误). */
  error?: Maybe<Scalars['String']['output']>;
  /** The receiver's HTTP status, or null when none came (HTTP状态). */
  httpStatus?: Maybe<Scalars['Int']['output']>;
};

/** One event's delivery to a webhook (推送记录). */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  /** Each attempt, oldest first (尝试记录). */
  attemptLog: Array<WebhookAttempt>;
  /** Attempts so far (尝试次数). */
  attempts: Scalars['Int']['output'];
  /** The event's id; also the `webhook-id` of every attempt (事件编号). */
  eventId: Scalars['ID']['output'];
  /** The event's kind (事件类型). */
  kind: CreditEventKind;
  /** The next attempt, while pending (下次尝试). */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** PENDING, DELIVERED, DEAD (gave up after 24 h) or WITHHELD (the receiver may no longer see it) (状态). */
  status: Scalars['String']['output'];
  /** The enterprise (企业). */
  uscc: Scalars['USCC']['output'];
};

/** Which enterprises a webhook is for (回调企业范围). */
export type WebhookFilter = {
  /** Only about these enterprises, at most 1,000 (企业). */
  usccs?: InputMaybe<Array<Scalars['USCC']['input']>>;
};

/** A webhook just registered, with its signing secret — shown once (回调登记结果). */
export type WebhookRegistration = {
  __typename?: 'WebhookRegistration';
  /** The webhook's id (回调编号). */
  id: Scalars['ID']['output'];
  /** The secret's id, sent with every delivery as `webhook-key-id` (签名密钥编号). */
  keyId: Scalars['String']['output'];
  /** The signing secret, `whsec_…` (签名密钥), shown only now. */
  secret: Scalars['String']['output'];
  /** The webhook (回调). */
  webhook: Webhook;
};

export type BankProfilesQueryVariables = Exact<{
  usccs: Array<Scalars['USCC']['input']> | Scalars['USCC']['input'];
}>;


export type BankProfilesQuery = { __typename?: 'Query', enterprises: Array<{ __typename?: 'Enterprise', uscc: string, name?: string | null, code: { __typename?: 'UsccParts', checksumValid: boolean }, registration?: { __typename?: 'Registration', status: RegistrationStatus, establishedOn: string, registeredCapital: { __typename?: 'RegisteredCapital', amount?: string | null, currency?: string | null } } | null, tax?: { __typename?: 'TaxProfile', aLevelTaxpayer: boolean, arrears?: string | null, ratings?: Array<{ __typename?: 'TaxRating', year: number, grade: string }> | null, taxPaid?: Array<{ __typename?: 'TaxPaid', year: number, amount: string }> | null } | null, credit?: { __typename?: 'CreditPlatformRecords', commitments?: Array<{ __typename?: 'Commitment', id: string, type: string, matter: string, status: CommitmentStatus, signedOn: string }> | null } | null, evaluation?: { __typename?: 'Evaluation', grade: string, label: string, ruleSet: string, version: string, evaluatedAt: string, complete: boolean, missingDepartments: Array<Department> } | null, records?: Array<{ __typename?: 'DishonestyRecord', id: string, kind: RecordKind, severity: Severity, date: string }> | null } | null> };


export const BankProfilesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BankProfiles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"usccs"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"USCC"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterprises"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"usccs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"usccs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uscc"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checksumValid"}}]}},{"kind":"Field","name":{"kind":"Name","value":"registration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"establishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"registeredCapital"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tax"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aLevelTaxpayer"}},{"kind":"Field","name":{"kind":"Name","value":"ratings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}}]}},{"kind":"Field","name":{"kind":"Name","value":"taxPaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"arrears"}}]}},{"kind":"Field","name":{"kind":"Name","value":"credit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commitments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"matter"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"evaluation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"ruleSet"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"evaluatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"missingDepartments"}}]}},{"kind":"Field","name":{"kind":"Name","value":"records"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"date"}}]}}]}}]}}]} as unknown as DocumentNode<BankProfilesQuery, BankProfilesQueryVariables>;