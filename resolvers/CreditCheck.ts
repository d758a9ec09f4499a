/** The approval check's answer: verdict, measures, basis and the freshness of what it was made from. */
import type { CreditCheckResolvers } from '../src/generated/graphql.ts';

export const CreditCheck: CreditCheckResolvers = {
  uscc: (c) => c.uscc,
  name: (c) => c.profile.loaded.data.registration?.name ?? null,
  matter: (c) => c.result.matter,
  verdict: (c) => c.result.verdict,
  measures: (c) => c.result.measures,
  reasons: (c) => c.result.reasons,
  basis: (c) => ({
    evaluation: c.profile.evaluation,
    records: c.result.records.length ? c.result.records : c.profile.evaluation.basis.records,
  }),
  sources: (c) => c.profile.loaded.sources,
  complete: (c) => c.profile.loaded.missing.length === 0,
  stale: (c) => c.profile.loaded.sources.some((s) => s.status === 'STALE'),
};
