/**
 * Public credit evaluation (公共信用综合评价), docs/rules.md "Grades and completeness", and graded supervision, docs/rules.md "Supervision and alerts".
 * Pure: records, registration status, the rule set and the day in; a grade with its basis out.
 */
import { ratingDepartments } from '../departments/declared/declarations.ts';
import type { AnyDepartment } from '../departments/registry.ts';
import { addMonths } from './dates.ts';
import { DEPARTMENT_NAMES, type RegistrationStatus } from '../model/unifiedModel.ts';
import { inForce, type DishonestyRecord } from './records.ts';
import type { Condition, RiskLevel, RuleSet } from './ruleSet.ts';

/** The evaluation period: the months before the evaluation date (docs/rules.md "Grades and completeness", configurable). */
export interface Period {
  from: string;
  to: string;
}

/** What the conditions of grades and measures read. */
export interface Facts {
  licenceRevoked: boolean;
  /** Serious records in force (docs/rules.md "Grades and completeness"). */
  serious: DishonestyRecord[];
  /** General records that count in the period (docs/rules.md "Grades and completeness"). */
  general: DishonestyRecord[];
  dishonestDebtorActive: DishonestyRecord[];
  breachedCommitmentInPeriod: DishonestyRecord[];
  openObjection: boolean;
  /** An active RED list entry (守信联合激励对象, docs/rules.md "Approval checks"). */
  redListActive: boolean;
  /** The day of the facts (a condition over months before it: `cleanMonths`). */
  today: string;
  /** General and serious records that stay adverse history (not repaired, removed or reorganised away). */
  adverse: DishonestyRecord[];
}

/** A grade with everything that explains it (docs/rules.md "Grades and completeness": "every grade carries its basis"). */
export interface Evaluation {
  grade: string;
  label: string;
  rank: number;
  ruleSet: string;
  version: string;
  evaluatedAt: string;
  period: Period;
  basis: { rule: string; ruleName: string; records: DishonestyRecord[] };
  /** Departments whose data was missing: the grade is computed from the rest and says so. */
  missingDepartments: AnyDepartment[];
  /** The enterprise objects to the grade itself (an OPEN objection to `evaluation`, docs/access.md): shown as disputed. */
  disputed: boolean;
}

/** The period ending on `today`. */
export function periodOf(rules: RuleSet, today: string): Period {
  return { from: addMonths(today, -rules.evaluationPeriodMonths), to: today };
}

/**
 * docs/rules.md "Grades and completeness": which records count. Repaired, removed and expired records never do; minor
 * ones never change a grade. A general event counts when dated in the period; a serious event
 * while in force (its window, up to 3 years); a state while it holds, whatever its start.
 */
export function factsOf(
  records: readonly DishonestyRecord[],
  opts: {
    rules: RuleSet;
    today: string;
    registrationStatus: RegistrationStatus | null;
    openObjections: number;
    /** @default false */
    redListActive?: boolean;
  },
): Facts {
  const period = periodOf(opts.rules, opts.today);
  const inPeriod = (r: DishonestyRecord): boolean => r.date > period.from && r.date <= period.to;
  const counted = records.filter(inForce);
  return {
    licenceRevoked: opts.registrationStatus === 'REVOKED',
    serious: counted.filter((r) => r.severity === 'SERIOUS'),
    general: counted.filter((r) => r.severity === 'GENERAL' && (r.nature === 'STATE' || inPeriod(r))),
    dishonestDebtorActive: counted.filter((r) => r.kind === 'DISHONEST_DEBTOR'),
    breachedCommitmentInPeriod: counted.filter((r) => r.kind === 'BREACHED_COMMITMENT' && inPeriod(r)),
    openObjection: opts.openObjections > 0 || counted.some((r) => r.status === 'DISPUTED'),
    redListActive: opts.redListActive ?? false,
    today: opts.today,
    adverse: records.filter(
      (r) =>
        (r.severity === 'GENERAL' || r.severity === 'SERIOUS') &&
        r.status !== 'REPAIRED' &&
        r.status !== 'REMOVED' &&
        r.status !== 'REORGANIZED',
    ),
  };
}

/** Whether no adverse record is dated in the `months` before the day, nor in force whatever its date. */
function cleanFor(months: number, facts: Facts): boolean {
  const since = addMonths(facts.today, -months);
  return !facts.adverse.some((r) => inForce(r) || r.date > since);
}

/** Whether a condition holds, and the records that made it hold. */
export function matches(
  when: Condition,
  facts: Facts,
  grade?: string,
): { ok: boolean; records: DishonestyRecord[] } {
  const records: DishonestyRecord[] = [];
  const check = (ok: boolean, rs: DishonestyRecord[] = []): boolean => {
    if (ok) records.push(...rs);
    return ok;
  };
  const ok =
    (when.licenceRevoked === undefined || check(facts.licenceRevoked === when.licenceRevoked)) &&
    (when.seriousMin === undefined || check(facts.serious.length >= when.seriousMin, facts.serious)) &&
    (when.generalMin === undefined || check(facts.general.length >= when.generalMin, facts.general)) &&
    (when.dishonestDebtorActive === undefined ||
      check(
        facts.dishonestDebtorActive.length > 0 === when.dishonestDebtorActive,
        facts.dishonestDebtorActive,
      )) &&
    (when.breachedCommitmentInPeriod === undefined ||
      check(
        facts.breachedCommitmentInPeriod.length > 0 === when.breachedCommitmentInPeriod,
        facts.breachedCommitmentInPeriod,
      )) &&
    (when.openObjection === undefined || check(facts.openObjection === when.openObjection)) &&
    (when.seriousMax === undefined || check(facts.serious.length <= when.seriousMax)) &&
    (when.redListActive === undefined || check(facts.redListActive === when.redListActive)) &&
    (when.cleanMonths === undefined || check(cleanFor(when.cleanMonths, facts))) &&
    (when.grades === undefined || check(grade !== undefined && when.grades.includes(grade)));
  return { ok, records: ok ? [...new Set(records)] : [] };
}

/** docs/rules.md "Grades and completeness": the first grade of the rule set whose condition holds (D, then C, B, A by default). */
export function gradeEnterprise(
  facts: Facts,
  opts: { rules: RuleSet; today: string; missingDepartments?: AnyDepartment[]; disputed?: boolean },
): Evaluation {
  const { rules, today } = opts;
  for (const g of rules.grades) {
    const m = matches(g.when, facts);
    if (m.ok) {
      return {
        grade: g.grade,
        label: g.label,
        rank: g.rank,
        ruleSet: rules.id,
        version: rules.version,
        evaluatedAt: today,
        period: periodOf(rules, today),
        basis: { rule: g.rule, ruleName: g.ruleName, records: m.records },
        missingDepartments: opts.missingDepartments ?? [],
        disputed: opts.disputed ?? false,
      };
    }
  }
  // The schema guarantees the last grade is unconditional, so this is unreachable for a valid rule set.
  throw new Error(`rule set ${rules.id} has no grade for these facts`);
}

/**
 * Each department's own rating of an enterprise (tax: the latest taxpayer grade; environment: the
 * latest card; a declared department: its declaration's rating), by department.
 */
export type IndustryRatings = Readonly<Partial<Record<string, string | null>>>;

/** docs/rules.md "Supervision and alerts": graded supervision for a grade, fused with the department's own rating. */
export interface Supervision {
  grade: string;
  /** The tier, fused: the stricter of the grade's and the industry risk's (the grade's alone without a rating). */
  tier: string;
  /** The tier the public grade alone gives. */
  gradeTier: string;
  /** The department's own rating the tier was fused with (纳税信用等级, 环保信用评价), or null. */
  industryRating: string | null;
  /** That rating as a risk level, or null (no rating, or a department that rates none). */
  industryRisk: RiskLevel | null;
  /** The tier the risk gives, or null. */
  riskTier: string | null;
  /** The department whose base ratio applies; null: the rule set's default base ratio. */
  department: AnyDepartment | null;
  /** Multiple of the department's base inspection ratio (A 0.5, B 1, C 2, D 3 by default). */
  ratioToBase: number;
  baseRatio: number;
  /** The share of enterprises of this grade drawn for random inspection: base × multiple. */
  inspectionRatio: number;
  onSite: string;
}

/** A department's base inspection ratio (docs/rules.md "Supervision and alerts"): its own from the rule set, else the rule set's default. */
export function baseRatioOf(rules: RuleSet, department: AnyDepartment | null): number {
  return (department && rules.departmentBaseRatios?.[department]) ?? rules.baseInspectionRatio;
}

/** The tiers of a rule set from the most lenient to the strictest (by their inspection multiples). */
function tierEntries(rules: RuleSet): Array<RuleSet['supervision'][string]> {
  return Object.values(rules.supervision).sort((a, b) => a.inspectionRatio - b.inspectionRatio);
}

/** The tier a department sees an enterprise in: its grade's, fused with the department's own rating (docs/rules.md "Supervision and alerts"). */
export function fusedTier(
  grade: string,
  rules: RuleSet,
  department: AnyDepartment | null,
  ratings: IndustryRatings = {},
): {
  tier: string;
  gradeTier: string;
  rating: string | null;
  risk: RiskLevel | null;
  riskTier: string | null;
} {
  const s = rules.supervision[grade];
  if (!s) throw new Error(`rule set ${rules.id} has no supervision for grade ${grade}`);
  const fusion = rules.industryRisk;
  const rated = department !== null && ratingDepartments().includes(department) ? department : null;
  const rating = rated ? (ratings[rated] ?? null) : null;
  const risk = rated && rating !== null ? (fusion?.ratings[rated]?.[rating] ?? null) : null;
  const riskTier = risk && fusion ? fusion.tiers[risk] : null;
  if (!riskTier) return { tier: s.tier, gradeTier: s.tier, rating, risk, riskTier: null };
  // STRICTER: the tier with the larger inspection multiple wins.
  const order = tierEntries(rules).map((t) => t.tier);
  const tier = order.indexOf(riskTier) > order.indexOf(s.tier) ? riskTier : s.tier;
  return { tier, gradeTier: s.tier, rating, risk, riskTier };
}

/**
 * Every department's fused tier for an enterprise (what the ledger keeps for rosters and draws): the
 * five's, and each declared department's that keeps a rating (another's tier is the grade's).
 */
export function departmentTiers(
  grade: string,
  rules: RuleSet,
  ratings: IndustryRatings,
): Record<string, string> {
  const rated = ratingDepartments().filter((d) => !(DEPARTMENT_NAMES as readonly string[]).includes(d));
  return Object.fromEntries(
    [...DEPARTMENT_NAMES, ...rated].map((d) => [d, fusedTier(grade, rules, d, ratings).tier]),
  );
}

/** The ratings the fusion reads from an enterprise's data: the latest taxpayer grade and environmental card, and the declared departments' own. */
export function industryRatingsOf(data: {
  tax?: { ratings: Array<{ year: number; grade: string }> } | null;
  environment?: { ratings: Array<{ year: number; card: string }> } | null;
  declaredRatings?: Readonly<Record<string, string | null>>;
}): IndustryRatings {
  const latest = <T extends { year: number }>(xs: readonly T[] | undefined): T | undefined =>
    xs?.reduce<T | undefined>((a, b) => (a === undefined || b.year > a.year ? b : a), undefined);
  return {
    ...data.declaredRatings,
    TAX: latest(data.tax?.ratings)?.grade ?? null,
    ENVIRONMENT: latest(data.environment?.ratings)?.card ?? null,
  };
}

/**
 * The supervision tier and inspection ratio of a grade for a department — fused with that
 * department's own rating (docs/rules.md "Supervision and alerts") — or, without a department, the grade's alone at the default base ratio.
 */
export function superviseGrade(
  grade: string,
  rules: RuleSet,
  department: AnyDepartment | null = null,
  ratings: IndustryRatings = {},
): Supervision {
  const f = fusedTier(grade, rules, department, ratings);
  const s = Object.values(rules.supervision).find((x) => x.tier === f.tier)!;
  const base = baseRatioOf(rules, department);
  return {
    grade,
    tier: f.tier,
    gradeTier: f.gradeTier,
    industryRating: f.rating,
    industryRisk: f.risk,
    riskTier: f.riskTier,
    department,
    ratioToBase: s.inspectionRatio,
    baseRatio: base,
    inspectionRatio: Math.round(base * s.inspectionRatio * 1e6) / 1e6,
    onSite: s.onSite,
  };
}
