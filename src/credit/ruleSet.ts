/**
 * A rule set: every threshold of domain.md as data, versioned, so a city changes its rules in
 * a file and every result names the rule set and version that produced it. Validated with zod;
 * a bad file is refused naming the path of the offending entry. Pure: parsing only, no I/O.
 */
import { z } from 'zod';
import { firstIssue } from '../util/zodIssue.ts';

/** The approval matters of domain.md §6. */
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

const money = z.string().regex(/^\d+(\.\d{1,2})?$/);
const window = z.strictObject({
  published: z.boolean(),
  minMonths: z.number().int().min(0),
  maxMonths: z.number().int().min(0),
});

/** Conditions over an enterprise's counted records; all given ones must hold. */
const condition = z.strictObject({
  licenceRevoked: z.boolean().optional(),
  seriousMin: z.number().int().min(0).optional(),
  generalMin: z.number().int().min(0).optional(),
  dishonestDebtorActive: z.boolean().optional(),
  breachedCommitmentInPeriod: z.boolean().optional(),
  openObjection: z.boolean().optional(),
  grades: z.array(z.string()).min(1).optional(),
  /** At most this many serious records in force (0: none). */
  seriousMax: z.number().int().min(0).optional(),
  /** An active RED list entry (守信联合激励对象, domain.md §6). */
  redListActive: z.boolean().optional(),
});
/** A condition of a grade or a measure. */
export type Condition = z.infer<typeof condition>;

export const ruleSetSchema = z
  .strictObject({
    id: z.string().min(1),
    version: z.string().min(1),
    name: z.string().min(1),
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
    /** Each department's own base inspection ratio (domain.md §5: default 5 %). */
    departmentBaseRatios: z
      .partialRecord(z.enum(['TAX', 'MARKET', 'ENVIRONMENT', 'COURT', 'CREDIT']), z.number().min(0).max(1))
      .optional(),
    measures: z
      .array(
        z.strictObject({
          code: z.string().min(1),
          name: z.string().min(1),
          kind: z.enum(['INCENTIVE', 'RESTRICTION']),
          legalBasis: z.string().min(1),
          matters: z.array(z.enum(MATTERS)).min(1),
          when: condition,
        }),
      )
      .min(1),
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

/** A validated rule set. */
export type RuleSet = z.infer<typeof ruleSetSchema>;

/** A rule set that cannot be used; `path` names the offending entry (`grades[2].rank`). */
export class RuleSetError extends Error {
  override readonly name = 'RuleSetError';
  constructor(
    readonly source: string,
    readonly path: string,
    problem: string,
  ) {
    super(`rule set ${source}: ${path || '(root)'}: ${problem}`);
  }
}

/** Validates parsed JSON as a rule set. */
export function parseRuleSet(json: unknown, source = '<inline>'): RuleSet {
  const parsed = ruleSetSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const { path, message } = firstIssue(parsed.error);
  throw new RuleSetError(source, path, message);
}
