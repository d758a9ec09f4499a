/**
 * A recorded 双随机 draw as the ledger keeps it (docs/rules.md "Supervision and alerts"): its
 * population snapshot, result and inspectors, read back whole or, in a listing, without the
 * populations; and what re-runs it from its seed.
 */
import type { AnyDepartment } from '../departments/registry.ts';
import type { Assignment, PoolInspector } from './inspectorDraw.ts';
import type { Coverage, RosterFilter } from './LedgerStore.ts';
import { drawRandom, sample } from './random.ts';

/** A recorded draw. */
export interface DrawRecord {
  id: string;
  department: AnyDepartment;
  population: RosterFilter;
  seed: string;
  drawnBy: string;
  drawnAt: string;
  /**
   * Per tier: the population in code order (what reproduces the draw) and how many were drawn;
   * null in a listing of draws, which never reads the populations (`tierSizes` says their sizes).
   */
  snapshot: Array<{ tier: string; population: string[]; drawn: number }> | null;
  /** Per tier: how many were in the population and how many were drawn. */
  tierSizes: Array<{ tier: string; size: number; drawn: number }>;
  enterprises: Array<{ uscc: string; tier: string }>;
  publishedAt: string | null;
  /** The ledger's coverage when drawn (null for draws recorded before it was kept). */
  coverage: Coverage | null;
  /** Drawn although the population was incomplete, by the regulator's choice. */
  acceptedIncomplete: boolean;
  /** The SHA-256 of the seed, recorded at `seedCommittedAt`, before the population was read (null for old draws). */
  seedHash: string | null;
  seedCommittedAt: string | null;
  /** The earlier draw of the same department and population that day which this one repeats, and why. */
  repeatOf: string | null;
  repeatReason: string | null;
  /** The inspection item (抽查事项) drawn for, or null for draws recorded before items were kept. */
  itemId: string | null;
  /** The department's active inspectors as drawn from (id order, region, conflicts), or null for old draws. */
  inspectorPool: PoolInspector[] | null;
  /** Two inspectors per drawn enterprise (inspectorDraw.ts), or null for old draws. */
  assignments: Assignment[] | null;
  /** Drawn enterprises for which the pool had fewer than two eligible inspectors (said, never hidden). */
  inspectorsShort: string[];
}

/** The enterprises a seed draws from a population snapshot: what reproduces a recorded draw. */
export function drawFrom(
  snapshot: NonNullable<DrawRecord['snapshot']>,
  seed: string,
): Array<{ uscc: string; tier: string }> {
  return snapshot.flatMap(({ tier, population, drawn }) =>
    sample(population, drawn, drawRandom(seed, tier)).map((uscc) => ({ uscc, tier })),
  );
}

/** The columns of a listed draw: all but the population snapshot. */
export const LISTED_COLUMNS = `id, department, population, seed, drawn_by, drawn_at, result, published_at, coverage,
  accepted_incomplete, seed_hash, committed_at, repeat_of, repeat_reason, item_id, inspector_pool, assignments`;

/** Each tier's population size and how many were drawn. */
export function sizesOf(snapshot: NonNullable<DrawRecord['snapshot']>): DrawRecord['tierSizes'] {
  return snapshot.map((t) => ({ tier: t.tier, size: t.population.length, drawn: t.drawn }));
}

export function drawOf(r: Record<string, unknown>): DrawRecord {
  return {
    id: String(r.id),
    department: r.department as AnyDepartment,
    population: r.population as RosterFilter,
    seed: r.seed as string,
    drawnBy: r.drawn_by as string,
    drawnAt: (r.drawn_at as Date).toISOString(),
    snapshot: (r.snapshot as DrawRecord['snapshot'] | undefined) ?? null,
    tierSizes:
      (r.tier_sizes as DrawRecord['tierSizes'] | null) ??
      sizesOf((r.snapshot as NonNullable<DrawRecord['snapshot']> | undefined) ?? []),
    enterprises: r.result as DrawRecord['enterprises'],
    publishedAt: r.published_at ? (r.published_at as Date).toISOString() : null,
    coverage: (r.coverage as Coverage | null) ?? null,
    acceptedIncomplete: (r.accepted_incomplete as boolean | undefined) ?? false,
    seedHash: (r.seed_hash as string | null) ?? null,
    seedCommittedAt: r.committed_at ? (r.committed_at as Date).toISOString() : null,
    repeatOf: r.repeat_of == null ? null : String(r.repeat_of),
    repeatReason: (r.repeat_reason as string | null) ?? null,
    itemId: r.item_id == null ? null : String(r.item_id),
    inspectorPool: (r.inspector_pool as PoolInspector[] | null) ?? null,
    assignments: (r.assignments as Assignment[] | null) ?? null,
    inspectorsShort: ((r.assignments as Assignment[] | null) ?? [])
      .filter((a) => a.inspectors.length < 2)
      .map((a) => a.uscc),
  };
}
