/** A recorded draw: its tiers from the population snapshot. */
import { createHash } from 'node:crypto';
import type { InspectionDrawResolvers } from '../src/generated/graphql.ts';
import type { DrawRecord } from '../src/ledger/LedgerStore.ts';
import { drawInspectionFields } from './Mutation/inspections.ts';

/**
 * What `npm run draw:rerun` re-runs (src/ledger/drawRerun.ts), nothing more, with every object's
 * keys in a fixed order: the draw as made and as read back from the ledger (whose JSONB reorders
 * keys) give the same text, so its hash is stable.
 */
const recordOf = (d: DrawRecord): string =>
  JSON.stringify({
    id: d.id,
    seed: d.seed,
    seedHash: d.seedHash,
    snapshot: d.snapshot.map((t) => ({ tier: t.tier, population: t.population, drawn: t.drawn })),
    enterprises: d.enterprises.map((e) => ({ uscc: e.uscc, tier: e.tier })),
    inspectorPool:
      d.inspectorPool?.map((i) => ({ id: i.id, region: i.region, conflicts: i.conflicts })) ?? null,
    assignments: d.assignments?.map((a) => ({ uscc: a.uscc, inspectors: a.inspectors })) ?? null,
  });

export const InspectionDraw: InspectionDrawResolvers = {
  ...drawInspectionFields,
  record: recordOf,
  // Public with the draw: it binds the record (which holds the tiers) without revealing it.
  recordHash: (d) => createHash('sha256').update(recordOf(d)).digest('hex'),
  tiers: (d) => d.snapshot.map((t) => ({ tier: t.tier, population: t.population.length, drawn: t.drawn })),
};
