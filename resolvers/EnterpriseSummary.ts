/** A search hit; its profile is the enterprise itself. */
import { decodeUscc } from '../src/credit/uscc.ts';
import type { EnterpriseSummaryResolvers } from '../src/generated/graphql.ts';
import { resolveEnterprise } from './shared/resolveEnterprise.ts';

export const EnterpriseSummary: EnterpriseSummaryResolvers = {
  // A search hit comes from the registry, so the registry knows it; if it vanished since, show the code alone.
  profile: async (p, _a, ctx) =>
    (await resolveEnterprise(ctx, p.uscc)) ?? { uscc: p.uscc, decoded: decodeUscc(p.uscc) },
};
