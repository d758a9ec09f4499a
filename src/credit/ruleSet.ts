/**
 * A rule set: every threshold of docs/rules.md as data, versioned, so a city changes its rules in
 * a file and every result names the rule set and version that produced it. Validated with zod;
 * a bad file is refused naming the path of the offending entry. Then its lawfulness (docs/rules.md
 * "Lawful measures", docs/rules.md "Review of rule-set changes", lawfulness.ts): every problem listed. Pure: parsing only, no I/O.
 */
import { z } from 'zod';
import { everyDepartmentName, ratingDepartments } from '../departments/declared/declarations.ts';
import { DEPARTMENT_NAMES } from '../departments/registry.ts';
import { firstIssue } from '../util/zodIssue.ts';
import { basisText, lawfulnessProblems, type Problem } from './lawfulness.ts';
import { citedDocument, condition, money, window } from './ruleSetParts.ts';

export type { CitedDocument, Condition, Region } from './ruleSetParts.ts';
export { DOCUMENT_LEVELS, type DocumentLevel } from './lawfulness.ts';

/** The approval matters of docs/rules.md "Approval checks". */
export const MATTERS = [
  'ADMINISTRATIVE_LICENSING',
  'GOVERNMENT_PROCUREMENT',
  'BIDDING',
  'FISCAL_SUBSIDY',
  'HONOURS',
  'QUALIFICATION_GRADING',
  'TOLERANCE_ACCEPTANCE',
  'COMMITMENT_SYSTEM',
] as const;
/** One approval matter. */
export type Matter = (typeof MATTERS)[number];

/** Industry credit-risk levels (行业信用风险: 低/一般/高), docs/rules.md "Supervision and alerts". */
export const RISK_LEVELS = ['LOW', 'NORMAL', 'HIGH'] as const;
/** One industry credit-risk level. */
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const ruleSetSchema = z
  .strictObject({
    id: z.string().min(1),
    version: z.string().min(1),
    name: z.string().min(1),
    /** Where the rule set is deployed: its province, city and, where it has one, county. */
    jurisdiction: z.strictObject({
      province: z.string().min(1),
      city: z.string().min(1),
      county: z.string().min(1).optional(),
    }),
    /** Who must confirm the rule set before it is in force (the city's 发展改革局 and 司法局), in words. */
    confirmation: z.string().min(1),
    /** The documents the measures cite, by a short key. */
    documents: z.record(z.string().min(1), citedDocument),
    evaluationPeriodMonths: z.number().int().min(1).max(60),
    severity: z.strictObject({
      seriousPenaltyKinds: z.array(z.string().min(1)).min(1),
      minorPenaltyKinds: z.array(z.string().min(1)),
      minorFineMaxYuan: money,
      seriousTaxGrades: z.array(z.enum(['A', 'B', 'M', 'C', 'D'])),
      seriousEnvironmentCards: z.array(z.enum(['GREEN', 'BLUE', 'YELLOW', 'RED', 'BLACK'])),
      generalEnvironmentCards: z.array(z.enum(['GREEN', 'BLUE', 'YELLOW', 'RED', 'BLACK'])),
    }),
    publicity: z.strictObject({ minor: window, general: window, serious: window }),
    /** Ordered: the first grade whose condition holds is the grade; the last must have an empty condition. */
    grades: z
      .array(
        z.strictObject({
          grade: z.string().min(1),
          label: z.string().min(1),
          rank: z.number().int().min(0),
          rule: z.string().min(1),
          /** The rule in words, as people read it (评价依据). */
          ruleName: z.string().min(1),
          when: condition,
        }),
      )
      .min(2),
    supervision: z.record(
      z.string(),
      z.strictObject({
        tier: z.string().min(1),
        inspectionRatio: z.number().min(0),
        onSite: z.string().min(1),
      }),
    ),
    /** The base inspection ratio of a department that sets none (the grade's ratio multiplies it). */
    baseInspectionRatio: z.number().min(0).max(1),
    /**
     * How old a department's data may be under an affirmative verdict (FAST_TRACK) or a certified
     * report, in seconds (docs/rules.md "Approval checks"); a department not named: one hour.
     */
    affirmativeMaxAgeSeconds: z.partialRecord(z.enum(DEPARTMENT_NAMES), z.number().int().min(0)).optional(),
    /**
     * Each department's own base inspection ratio (docs/rules.md "Supervision and alerts": default 5 %),
     * a built-in or a declared department.
     */
    departmentBaseRatios: z
      .record(
        z.string().refine((d) => everyDepartmentName().includes(d)),
        z.number().min(0).max(1),
      )
      .optional(),
    measures: z
      .array(
        z.strictObject({
          code: z.string().min(1),
          name: z.string().min(1),
          kind: z.enum(['INCENTIVE', 'RESTRICTION']),
          /** The documents and clauses behind the measure (keys of `documents`). */
          basis: z.array(z.strictObject({ document: z.string().min(1), clause: z.string().min(1) })).min(1),
          matters: z.array(z.enum(MATTERS)).min(1),
          when: condition,
        }),
      )
      .min(1),
    /**
     * Industry fusion (docs/rules.md "Supervision and alerts"): each rated department's own
     * rating mapped to a risk level, the tier each level gives, and how the grade's tier and the
     * risk's combine (STRICTER: the stricter of the two). A department not rated here uses the grade alone.
     */
    industryRisk: z
      .strictObject({
        /** TAX: the latest taxpayer grade (A, B, M, C, D); ENVIRONMENT: the latest card; a declared department: its declaration's rating. */
        ratings: z.record(z.string().min(1), z.record(z.string().min(1), z.enum(RISK_LEVELS))),
        tiers: z.strictObject({ LOW: z.string().min(1), NORMAL: z.string().min(1), HIGH: z.string().min(1) }),
        fusion: z.enum(['STRICTER']),
      })
      .optional(),
    /**
     * The parameters of declared departments' record rules, by department and name (a utility's
     * months overdue, say): what the city decides stays in the rule set it reviews, the
     * declaration only saying which parameters exist and their defaults (docs/departments.md).
     */
    declared: z.record(z.string().min(1), z.record(z.string().min(1), z.number())).optional(),
    /** Key domains (重点领域) as named sets of GB/T 4754-2017 class prefixes, for rosters and draws. */
    keyDomains: z.record(z.string().min(1), z.array(z.string().regex(/^[A-T]\d{0,4}$/)).min(1)).optional(),
    alerts: z.strictObject({
      frequentInDomain: z.strictObject({
        minRecords: z.number().int().min(1),
        months: z.number().int().min(1),
      }),
      multiDomain: z.strictObject({
        minDepartments: z.number().int().min(2),
        minRecords: z.number().int().min(1),
        months: z.number().int().min(1),
      }),
    }),
  })
  .superRefine((r, ctx) => {
    const last = r.grades.at(-1)!;
    if (Object.keys(last.when).length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['grades', r.grades.length - 1, 'when'],
        message: 'the last grade must apply unconditionally',
      });
    r.grades.forEach((g, k) => {
      if (!r.supervision[g.grade])
        ctx.addIssue({
          code: 'custom',
          path: ['grades', k, 'grade'],
          message: `no supervision entry for grade ${g.grade}`,
        });
    });
    const rating = new Set(ratingDepartments());
    for (const department of Object.keys(r.industryRisk?.ratings ?? {}))
      if (!rating.has(department))
        ctx.addIssue({
          code: 'custom',
          path: ['industryRisk', 'ratings', department],
          message:
            'not a department that rates enterprises (tax, environment, or a declared department keeping a rating)',
        });
    const tiers = new Set(Object.values(r.supervision).map((s) => s.tier));
    for (const [level, tier] of Object.entries(r.industryRisk?.tiers ?? {}))
      if (!tiers.has(tier))
        ctx.addIssue({
          code: 'custom',
          path: ['industryRisk', 'tiers', level],
          message: `no tier ${tier} in supervision`,
        });
    const known = new Set(r.grades.map((g) => g.grade));
    r.measures.forEach((m, k) =>
      m.when.grades?.forEach((g, j) => {
        if (!known.has(g))
          ctx.addIssue({
            code: 'custom',
            path: ['measures', k, 'when', 'grades', j],
            message: `unknown grade ${g}`,
          });
      }),
    );
  });

/** A rule set as its file holds it. */
export type RuleSetFile = z.infer<typeof ruleSetSchema>;
/** A measure with its basis in words (《title》（number）clause；…), as results show it. */
export type Measure = RuleSetFile['measures'][number] & { legalBasis: string };
/** A validated, lawful rule set. */
export type RuleSet = Omit<RuleSetFile, 'measures'> & { measures: Measure[] };

/** A rule set that cannot be used; `path` names the (first) offending entry (`grades[2].rank`), `problems` every one. */
export class RuleSetError extends Error {
  override readonly name = 'RuleSetError';
  readonly problems: Problem[];
  constructor(
    readonly source: string,
    readonly path: string,
    problem: string,
    more: Problem[] = [],
  ) {
    const all = more.length ? more : [{ path, problem }];
    super(
      all.length === 1
        ? `rule set ${source}: ${path || '(root)'}: ${problem}`
        : `rule set ${source}: ${all.length} problems:\n${all.map((p) => `  ${p.path}: ${p.problem}`).join('\n')}`,
    );
    this.problems = all;
  }
}

/** A declared department's record-rule parameters under this rule set: its declaration's defaults, then the rule set's values. */
export function declaredParameters(
  r: Pick<RuleSet, 'declared'>,
  department: string,
  defaults: Readonly<Record<string, number>>,
): Record<string, number> {
  return { ...defaults, ...(r.declared?.[department] ?? {}) };
}

/** How old a department's data may be under an affirmative verdict or a certified report (ms). */
export function affirmativeMaxAgeMs(
  r: Pick<RuleSet, 'affirmativeMaxAgeSeconds'>,
  department: string,
): number {
  return ((r.affirmativeMaxAgeSeconds as Record<string, number> | undefined)?.[department] ?? 3600) * 1000;
}

/**
 * A rule set read from a file is not confirmed by the city (docs/rules.md "Review of rule-set changes": its 发展改革局 and
 * 司法局): it reads 待确认 with what its file says must happen. Confirmation is a reviewer's
 * approval of a version in the ledger (RuleSetHolder.status), never the file's own say.
 */
export function ruleSetStatus(r: Pick<RuleSet, 'confirmation'>): { confirmed: false; note: string } {
  return { confirmed: false, note: `规则集待确认：${r.confirmation}` };
}

/** Validates parsed JSON as a rule set: its shape (the first problem), then its lawfulness (every problem). */
export function parseRuleSet(json: unknown, source = '<inline>'): RuleSet {
  const parsed = ruleSetSchema.safeParse(json);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw new RuleSetError(source, path, message);
  }
  const problems = lawfulnessProblems(parsed.data);
  if (problems.length) throw new RuleSetError(source, problems[0]!.path, problems[0]!.problem, problems);
  const r = parsed.data;
  return { ...r, measures: r.measures.map((m) => ({ ...m, legalBasis: basisText(r, m.basis) })) };
}
