/**
 * Who sees what (docs/access.md), as one table: every field of the schema names the audiences
 * that may read it. A field that is not here is denied (graphql-shield's fallback), and the
 * authorization table test fails naming it — a new field is invisible until a rule allows it.
 *
 * Audiences:
 * - `ANY`: everyone, the public included (the public view; no purpose needed, not audited);
 * - `self`: an enterprise user reading its own enterprise;
 * - `enterprise`: any enterprise user, acting for itself (its consents, objections);
 * - `clerk`, `regulator`, `developer`, `bank`: the role;
 * - `consent:<SCOPE>`: a bank holding an active consent of that enterprise for that scope and purpose.
 * Leaf types (a penalty's fields, a record's fields) are readable by whoever reached them: their
 * parent field is the gate, and the resolvers filter lists by audience (records, history).
 */
import {
  declaredDepartments,
  type DeclaredDepartment,
  type DeclaredField,
} from '../departments/declared/declarations.ts';
import { all, ANY, OFFICIAL, type Audience } from './accessAudiences.ts';
import { EVENT_ACCESS, SUPERVISION_ACCESS } from './accessTableCity.ts';

export type { Audience } from './accessAudiences.ts';

/** The table of the built-in schema. Keys are schema type names, then field names. */
const BUILT_IN: Readonly<Record<string, Readonly<Record<string, Audience[]>>>> = {
  Query: {
    enterprise: ANY,
    enterprises: ANY,
    searchEnterprises: ANY,
    myAccess: ANY,
    myConsents: ['enterprise'],
    // The embedded approval lookup: clerks (and regulators), and an enterprise checking itself.
    creditCheck: OFFICIAL,
    riskAlerts: ['department', 'regulator'],
    // The city ledger (docs/rules.md "Supervision and alerts"): rosters and draws for regulators; a published draw for anyone (the resolver checks).
    roster: ['regulator'],
    inspectionDraws: ['regulator'],
    inspectionDraw: ANY,
    // The audit archive (docs/access.md): an enterprise sees who read its data; regulators the whole trail.
    myDataAccess: ['enterprise'],
    // The objection workflow (docs/rules.md "Objections"): the answering department's queue (the resolver keeps a
    // department to its own) and the regulators'.
    objectionQueue: ['department', 'regulator'],
    commitmentsToVerify: ['department', 'regulator'],
    interviewCandidates: ['department', 'regulator'],
    auditTrail: ['regulator'],
    // Credit events (docs/rules.md "Supervision and alerts"): organizations' webhooks.
    webhooks: ['regulator', 'bank', 'department'],
    webhookDeliveries: ['regulator', 'bank', 'department'],
    // Review of rule-set changes: regulators propose, reviewers approve.
    ruleSetVersions: ['regulator', 'reviewer'],
    inspectionItems: ['regulator'],
    inspectors: ['regulator'],
  },
  // Live events: the hub decides per event who receives it (src/events/eventAudience.ts).
  Subscription: { creditEvents: ['regulator', 'enterprise', 'bank', 'department'] },
  Mutation: {
    ...all(['enterprise'], 'grantConsent revokeConsent fileObjection'),
    answerObjection: ['department'],
    closeInvestigation: ['regulator'],
    verifyCommitment: ['department'],
    recordInterview: ['department'],
    markRectified: ['department'],
    // Approval systems register the commitments they accepted (docs/rules.md "Approval checks").
    registerCommitment: ['clerk'],
    drawInspection: ['regulator'],
    publishDraw: ['regulator'],
    proposeRuleSet: ['regulator'],
    ...all(
      ['regulator'],
      'saveInspectionItem saveInspector importInspectors declareInspectorConflict recordInspectionResult',
    ),
    approveRuleSet: ['reviewer'],
    ...all(['regulator', 'bank', 'department'], 'registerWebhook removeWebhook rotateWebhookSecret'),
  },

  Enterprise: {
    // 约谈 records: the enterprise, officials and the departments (谁认定、谁约谈).
    interviews: ['self', 'clerk', 'regulator', 'department'],
    uscc: ANY,
    code: ANY,
    name: ANY,
    registration: ANY,
    tax: ANY,
    environment: ANY,
    judicial: ANY,
    credit: ANY,
    // Published records for everyone; the resolver shows each audience its part (docs/rules.md "Publicity and repair", docs/access.md).
    records: ANY,
    sources: ANY,
    market: OFFICIAL,
    // A bank reads the grade under an EVALUATION consent (docs/access.md; Langfang 三(四), 三(六)), not records beyond the public view.
    evaluation: [...OFFICIAL, 'consent:EVALUATION'],
    supervision: ['self', 'regulator'],
    riskAlerts: ['regulator'],
  },
  // Registration basics are public; the ID number is masked but for the enterprise and regulators.
  Registration: all(
    ANY,
    'name legalRepresentative entityType status statusText establishedOn registeredCapital authority address scope industryCode approvedOn',
  ),
  LegalRepresentative: all(ANY, 'name idNumber'),
  RegisteredCapital: all(ANY, 'text amount currency'),
  UsccParts: all(
    ANY,
    'registrationAuthority registrationAuthorityName organizationType organizationTypeName regionCode organizationCode checksumValid organizationCodeValid',
  ),

  TaxProfile: {
    aLevelTaxpayer: ANY,
    ratings: ['self', 'consent:TAX_RATINGS'],
    taxPaid: ['self', 'consent:TAX_PAID'],
    arrears: [...OFFICIAL, 'consent:ARREARS'],
    abnormalTaxpayer: OFFICIAL,
    majorCases: OFFICIAL,
    penalties: OFFICIAL,
  },
  EnvironmentProfile: { ratings: ANY, latestCard: ANY, penalties: OFFICIAL },
  JudicialRecords: { dishonestDebtor: ANY, enforcementCases: OFFICIAL, consumptionRestrictions: OFFICIAL },
  MarketRecords: all(OFFICIAL, 'penalties abnormalOperations seriousViolations'),
  CreditPlatformRecords: {
    lists: ANY,
    commitments: [...OFFICIAL, 'consent:COMMITMENTS'],
    // Repair and objection history: the enterprise itself (docs/access.md).
    repairs: ['self'],
    // Court-approved reorganisation plans (docs/rules.md "Approval checks"): what sets earlier records aside.
    reorganizations: OFFICIAL,
    objections: ['self'],
  },

  // Leaf types: gated by the field that reaches them.
  TaxRating: all(ANY, 'year grade'),
  TaxPaid: all(ANY, 'year amount'),
  MajorTaxCase: all(ANY, 'id fact listedOn removedOn'),
  Penalty: all(ANY, 'department id date kinds amount fact authority'),
  EnvironmentalRating: all(ANY, 'year card'),
  DishonestDebtorEntry: all(ANY, 'caseCode court publishedOn performance duty situation onList removedOn'),
  EnforcementCase: all(ANY, 'caseCode court filedOn amount'),
  ConsumptionRestriction: all(ANY, 'caseCode court issuedOn'),
  MarketListing: all(ANY, 'id reason listedOn authority removedOn removalReason'),
  ...SUPERVISION_ACCESS,
  Commitment: all(ANY, 'id type matter content signedOn dueOn status overdue'),
  Reorganization: all(ANY, 'caseNo court approvedOn'),
  CommitmentResult: all(ANY, 'accepted id refusal'),
  ListEntry: all(ANY, 'id list domain reason authority listedOn removedOn'),
  Repair: all(ANY, 'recordRef repairedOn'),
  // Reached only through the enterprise's own objections (CreditPlatformRecords.objections: self) or
  // its own filing; the progress's fields are checked against its owner below.
  Objection: all(ANY, 'id recordRef status filedOn resolvedOn progress'),
  Interview: all(
    ['self', 'clerk', 'regulator', 'department'],
    'id uscc department kind heldOn officials required rectifyBy rectifiedOn overdue',
  ),
  InterviewCandidate: all(['department', 'regulator'], 'uscc name grade alertKinds reasons'),
  CommitmentCheck: all(
    ['department', 'regulator'],
    'id uscc department type matter dueOn status due overdue decidedOn',
  ),
  ObjectionProgress: all(
    ['self', 'department', 'regulator'],
    'id uscc recordRef department reason filedOn answerDueOn compareDueOn deadlinesKnown decision answer answeredOn overdue',
  ),
  DishonestyRecord: all(
    ANY,
    'id recordRef department kind nature severity date endedOn title publicity status penalty',
  ),
  Publicity: all(ANY, 'published from until repairableFrom'),
  SourceStatus: all(ANY, 'department status fetchedAt ageSeconds'),
  EnterpriseConnection: all(ANY, 'edges pageInfo totalCount'),
  EnterpriseEdge: all(ANY, 'cursor node'),
  EnterpriseSummary: all(ANY, 'uscc name profile'),
  PageInfo: all(ANY, 'hasNextPage endCursor'),
  Evaluation: all(
    ANY,
    'grade label ruleSet ruleSetName version evaluatedAt period basis complete missingDepartments disputed',
  ),
  Period: all(ANY, 'from to'),
  EvaluationBasis: all(ANY, 'rule ruleName records'),
  Supervision: all(
    ANY,
    'grade tier gradeTier industryRating industryRisk riskTier department ratioToBase baseRatio inspectionRatio onSite',
  ),
  Measure: all(ANY, 'code name kind legalBasis recordIds'),
  CreditCheck: all(
    ANY,
    'uscc name matter verdict measures reasons basis sources complete missingDepartments stale receipt',
  ),
  CheckBasis: all(ANY, 'evaluation records incentives interviews'),
  CheckReceipt: all(ANY, 'number checkedAt code verifyPath'),
  RiskAlert: all(ANY, 'kind departments records previousGrade grade'),
  RiskAlertConnection: all(ANY, 'edges pageInfo scanned'),
  RiskAlertEdge: all(ANY, 'cursor node alerts'),
  RuleSetVersion: all(
    ANY,
    'id ruleSet version name digest proposedBy proposedAt effectiveAt approvedBy approvedAt inForce',
  ),
  Access: all(ANY, 'role organization uscc purpose fieldGroups matters consents expiresInSeconds'),
  FieldGroupAccess: all(ANY, 'field condition'),
  Consent: all(ANY, 'id uscc grantee scopes purpose expiresAt createdAt revokedAt status'),
  DataAccessConnection: all(ANY, 'edges pageInfo'),
  DataAccessEdge: all(ANY, 'cursor node'),
  DataAccess: all(ANY, 'at organization role purpose fieldGroups operationName'),
  AuditTrailConnection: all(ANY, 'edges pageInfo'),
  AuditTrailEdge: all(ANY, 'cursor node'),
  AuditEntry: all(
    ANY,
    'replica seq at requestId principal organization role purpose action operationName enterprises fieldGroups outcome hash',
  ),
  ...EVENT_ACCESS,
  ConsentResult: all(ANY, 'accepted consent refusal'),
  ObjectionResult: all(ANY, 'accepted objection refusal'),
};

/**
 * A declared department's entries (src/departments/declared/): its field on Enterprise for the
 * audiences its declaration names — none named, nobody (deny by default) — and its profile's
 * fields gated by that field, but for those the declaration gives other audiences.
 */
function declaredEntries(d: DeclaredDepartment): Record<string, Record<string, Audience[]>> {
  const audiences = d.audiences as Audience[];
  const types: Record<string, Record<string, Audience[]>> = {};
  const walk = (type: string, fields: readonly DeclaredField[], top: boolean): void => {
    types[type] = Object.fromEntries(
      fields.map((f) => [
        f.name,
        top && d.fieldAudiences?.[f.name] ? (d.fieldAudiences[f.name] as Audience[]) : ANY,
      ]),
    );
    for (const f of fields) if (f.type === 'Object') walk(f.objectType!, f.fields!, false);
  };
  walk(d.profile.type, d.profile.fields, true);
  return { Enterprise: { [d.key]: audiences }, ...types };
}

/** The table: the built-in schema's and every declared department's. Keys are schema type names, then field names. */
export const ACCESS: Readonly<Record<string, Readonly<Record<string, Audience[]>>>> =
  declaredDepartments().reduce((table, d) => {
    const { Enterprise, ...types } = declaredEntries(d);
    return { ...table, ...types, Enterprise: { ...table.Enterprise, ...Enterprise } };
  }, BUILT_IN);

/** How a type's parent value names the enterprise it is about (for `self` and consents). */
export const OWNER_OF: Readonly<
  Record<string, (parent: unknown, args: Record<string, unknown>) => string | null>
> = {
  // A declared department's profile carries its enterprise's code (resolvers/declared.ts).
  ...Object.fromEntries(
    declaredDepartments().map((d) => [d.profile.type, (p: unknown) => (p as { owner: string }).owner]),
  ),
  Query: (_p, args) => (typeof args.uscc === 'string' ? args.uscc : null),
  Enterprise: (p) => (p as { uscc: string }).uscc,
  MarketRecords: (p) => (p as { uscc: string }).uscc,
  JudicialRecords: (p) => (p as { uscc: string }).uscc,
  TaxProfile: (p) => (p as { owner: string }).owner,
  EnvironmentProfile: (p) => (p as { owner: string }).owner,
  CreditPlatformRecords: (p) => (p as { owner: string }).owner,
  Registration: (p) => (p as { owner: string }).owner,
  LegalRepresentative: (p) => (p as { owner: string }).owner,
  ObjectionProgress: (p) => (p as { uscc: string }).uscc,
  Interview: (p) => (p as { uscc: string }).uscc,
};
