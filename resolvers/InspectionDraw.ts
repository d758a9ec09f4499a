/** A recorded draw: its tiers from the population snapshot. */
import type { InspectionDrawResolvers } from '../src/generated/graphql.ts';
import { drawInspectionFields } from './Mutation/inspections.ts';

export const InspectionDraw: InspectionDrawResolvers = {
  ...drawInspectionFields,
  // What `npm run draw:rerun` re-runs (src/ledger/drawRerun.ts), nothing more.
  record: (d) =>
    JSON.stringify({
      id: d.id,
      seed: d.seed,
      seedHash: d.seedHash,
      snapshot: d.snapshot,
      enterprises: d.enterprises,
      inspectorPool: d.inspectorPool,
      assignments: d.assignments,
    }),
  tiers: (d) => d.snapshot.map((t) => ({ tier: t.tier, population: t.population.length, drawn: t.drawn })),
};
