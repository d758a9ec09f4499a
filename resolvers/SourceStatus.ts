/** One department's part of a profile: its state, when fetched, and how old that is (docs/rules.md "Grades and completeness": stale data says its age). */
import type { SourceStatusResolvers } from '../src/generated/graphql.ts';

export const SourceStatus: SourceStatusResolvers = {
  ageSeconds: (s, _a, ctx) =>
    s.fetchedAt === null ? null : Math.max(0, Math.floor((ctx.now() - Date.parse(s.fetchedAt)) / 1000)),
};
