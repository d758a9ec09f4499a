/** A grade with its basis (docs/rules.md "Grades and completeness"). */
import type { EvaluationResolvers, MeasureResolvers } from '../src/generated/graphql.ts';

export const Evaluation: EvaluationResolvers = {
  complete: (e) => e.missingDepartments.length === 0,
  // The configured rule set's own name; an evaluation made under another (the ledger's history) shows its id.
  ruleSetName: (e, _a, ctx) => (e.ruleSet === ctx.rules.id ? ctx.rules.name : e.ruleSet),
};

/** A measure of a check names the records behind it. */
export const Measure: MeasureResolvers = {
  recordIds: (m) => m.records.map((r) => r.id),
};
