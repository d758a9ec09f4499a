/** A grade with its basis (domain.md §4). */
import type { EvaluationResolvers, MeasureResolvers } from '../src/generated/graphql.ts';

export const Evaluation: EvaluationResolvers = {
  complete: (e) => e.missingDepartments.length === 0,
};

/** A measure of a check names the records behind it. */
export const Measure: MeasureResolvers = {
  recordIds: (m) => m.records.map((r) => r.id),
};
