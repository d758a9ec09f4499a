/** A recorded draw: its tiers from the population snapshot. */
import { createHash } from 'node:crypto';
import type { InspectionDrawResolvers } from '../src/generated/graphql.ts';
import type { DrawRecord } from '../src/ledger/LedgerStore.ts';
import type { GatewayContext } from '../src/context.ts';
import { GatewayError, GatewayErrorCode } from '../src/errors.ts';
import { drawInspectionFields } from './Mutation/inspections.ts';
import { withLedger } from './shared/ledger.ts';

/**
 * What `npm run draw:rerun` re-runs (src/ledger/drawRerun.ts), nothing more, with every object's
 * keys in a fixed order: the draw as made and as read back from the ledger (whose JSONB reorders
 * keys) give the same text, so its hash is stable.
 */
const recordOf = (d: DrawRecord & { snapshot: NonNullable<DrawRecord['snapshot']> }): string =>
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

/** The record of a draw: a listed draw (without its populations) read whole, once, when asked. */
async function recordText(d: DrawRecord, ctx: GatewayContext): Promise<string> {
  if (d.snapshot) return recordOf({ ...d, snapshot: d.snapshot });
  const whole = await withLedger(ctx, (l) => l.drawById(d.id));
  if (!whole?.snapshot)
    throw new GatewayError(`draw ${d.id} is not in the ledger`, GatewayErrorCode.NOT_FOUND);
  return recordOf({ ...whole, snapshot: whole.snapshot });
}

export const InspectionDraw: InspectionDrawResolvers = {
  ...drawInspectionFields,
  record: (d, _a, ctx) => recordText(d, ctx),
  // Public with the draw: it binds the record (which holds the tiers) without revealing it.
  recordHash: async (d, _a, ctx) =>
    createHash('sha256')
      .update(await recordText(d, ctx))
      .digest('hex'),
  tiers: (d) => d.tierSizes.map((t) => ({ tier: t.tier, population: t.size, drawn: t.drawn })),
};
