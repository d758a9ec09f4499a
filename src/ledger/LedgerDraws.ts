/**
 * Recorded, reproducible 双随机 draws (docs/rules.md "Supervision and alerts"): the seed committed
 * before the population is read, each department drawing by its own tiers, inspectors assigned
 * from its pool, published (一公开) on a regulator's word. The same SQL on PostgreSQL and PGlite.
 */
import { createHash } from 'node:crypto';
import { baseRatioOf } from '../credit/evaluate.ts';
import type { AnyDepartment } from '../departments/registry.ts';
import { drawFrom, drawOf, LISTED_COLUMNS, sizesOf, type DrawRecord } from './drawRecords.ts';
import { assignInspectors } from './inspectorDraw.ts';
import { Inspections } from './Inspections.ts';
import { LedgerQueries, whereOf, type Coverage, type RosterFilter } from './ledgerSql.ts';

/** The draws' reads and writes. */
export class LedgerDraws extends LedgerQueries {
  /**
   * A 双随机 draw (docs/rules.md "Supervision and alerts"): per tier, round(N × the department's base ratio × the tier's multiple)
   * enterprises, uniformly at random from the seed (random.ts); recorded with its population snapshot.
   */
  async draw(
    department: AnyDepartment,
    population: RosterFilter,
    seed: string,
    drawnBy: string,
    coverage: Coverage | null = null,
    acceptedIncomplete = false,
    repeat: { of: string; reason: string } | null = null,
    itemId: string | null = null,
  ): Promise<DrawRecord> {
    // The seed's hash is on record before the population is read: the seed cannot have been chosen
    // for the population it draws from (the row is the commitment; an attempt that dies here stays).
    const seedHash = createHash('sha256').update(seed).digest('hex');
    const committed = await this.q<{ id: string; committed_at: Date }>(
      `INSERT INTO inspection_draws (department, population, seed, seed_hash, committed_at, drawn_by, snapshot, result, coverage, accepted_incomplete, repeat_of, repeat_reason, item_id)
       VALUES ($1, $2, $3, $4, clock_timestamp(), $5, '[]', '[]', $6, $7, $8, $9, $10) RETURNING id, committed_at`,
      [
        department,
        JSON.stringify(population),
        seed,
        seedHash,
        drawnBy,
        coverage ? JSON.stringify(coverage) : null,
        acceptedIncomplete,
        repeat?.of ?? null,
        repeat?.reason ?? null,
        itemId,
      ],
    );
    // The department draws by its own tiers: the grade fused with its rating (docs/rules.md "Supervision and alerts").
    const w = whereOf(this.rules.id, { ...population, tiersFor: department });
    const all = await this.q<{ uscc: string; tier: string }>(
      `SELECT uscc, ${w.tier} AS tier FROM assessments WHERE ${w.sql} ORDER BY uscc`,
      w.params,
    );
    const byTier = new Map<string, string[]>();
    for (const r of all.rows) (byTier.get(r.tier) ?? byTier.set(r.tier, []).get(r.tier)!).push(r.uscc);
    const snapshot = [...byTier]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([tier, codes]) => ({
        tier,
        population: codes,
        drawn: this.quota(department, tier, codes.length),
      }));
    const enterprises = drawFrom(snapshot, seed);
    // Two inspectors for each, from the department's pool as it is now (recorded: the draw re-runs from it).
    const inspectorPool = await new Inspections(this.pool).drawPool(department);
    const { assignments, short } = assignInspectors(enterprises, inspectorPool, seed);
    const id = String(committed.rows[0]!.id);
    const r = await this.q<{ drawn_at: Date }>(
      `UPDATE inspection_draws SET snapshot = $2, result = $3, inspector_pool = $4, assignments = $5, tier_sizes = $6, drawn_at = clock_timestamp()
       WHERE id = $1 RETURNING drawn_at`,
      [
        id,
        JSON.stringify(snapshot),
        JSON.stringify(enterprises),
        JSON.stringify(inspectorPool),
        JSON.stringify(assignments),
        JSON.stringify(sizesOf(snapshot)),
      ],
    );
    return {
      id,
      department,
      population,
      seed,
      drawnBy,
      drawnAt: r.rows[0]!.drawn_at.toISOString(),
      snapshot,
      tierSizes: sizesOf(snapshot),
      enterprises,
      publishedAt: null,
      coverage,
      acceptedIncomplete,
      seedHash,
      seedCommittedAt: committed.rows[0]!.committed_at.toISOString(),
      repeatOf: repeat?.of ?? null,
      repeatReason: repeat?.reason ?? null,
      itemId,
      inspectorPool,
      assignments,
      inspectorsShort: short,
    };
  }

  /**
   * The latest draw of this department and population today (the Beijing day of the database's
   * clock, the clock draws are dated by): a repeat's original, or null.
   */
  async earlierDraw(department: AnyDepartment, population: RosterFilter): Promise<string | null> {
    const r = await this.q<{ id: string }>(
      `SELECT id FROM inspection_draws WHERE department = $1 AND population = $2::jsonb
         AND drawn_at >= (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')
       ORDER BY id DESC LIMIT 1`,
      [department, JSON.stringify(population)],
    );
    return r.rows[0] ? String(r.rows[0].id) : null;
  }

  /** How many of a tier's N enterprises a department draws: round(N × base × multiple). */
  quota(department: AnyDepartment, tier: string, n: number): number {
    const multiple = Object.values(this.rules.supervision).find((s) => s.tier === tier)?.inspectionRatio ?? 1;
    return Math.round(n * baseRatioOf(this.rules, department) * multiple);
  }

  /** The numbers of published draws, newest first (the public page reads each as the public). */
  async publishedDrawIds(first: number): Promise<string[]> {
    const r = await this.q<{ id: string }>(
      'SELECT id FROM inspection_draws WHERE published_at IS NOT NULL ORDER BY id DESC LIMIT $1',
      [first],
    );
    return r.rows.map((x) => String(x.id));
  }

  /** Recorded draws, newest first. */
  async draws(first: number): Promise<DrawRecord[]> {
    // Everything but the populations: their sizes as kept, or (older draws) counted in the database.
    const r = await this.q(
      `SELECT ${LISTED_COLUMNS}, coalesce(tier_sizes, (
         SELECT jsonb_agg(jsonb_build_object('tier', t->'tier', 'size', jsonb_array_length(t->'population'), 'drawn', t->'drawn'))
         FROM jsonb_array_elements(snapshot) t)) AS tier_sizes
       FROM inspection_draws ORDER BY id DESC LIMIT $1`,
      [first],
    );
    return r.rows.map(drawOf);
  }

  /** One recorded draw, or null. */
  async drawById(id: string): Promise<DrawRecord | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const r = await this.q('SELECT * FROM inspection_draws WHERE id = $1', [id]);
    return r.rows[0] ? drawOf(r.rows[0]) : null;
  }

  /** Publishes a draw (一公开): from then on anyone may read it. */
  async publish(id: string): Promise<DrawRecord | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const r = await this.q(
      'UPDATE inspection_draws SET published_at = coalesce(published_at, now()) WHERE id = $1 RETURNING *',
      [id],
    );
    return r.rows[0] ? drawOf(r.rows[0]) : null;
  }
}
