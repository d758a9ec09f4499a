/**
 * Re-running a recorded draw from its record alone: the seed against its recorded
 * SHA-256, the enterprises from the seed and the population snapshot (random.ts), the inspectors from
 * the seed and the recorded pool (inspectorDraw.ts). Nothing of the gateway is trusted but the record.
 */
import { createHash } from 'node:crypto';
import { assignInspectors, type Assignment, type PoolInspector } from './inspectorDraw.ts';
import { drawRandom, sample } from './random.ts';

/** What a draw's record holds (`InspectionDraw.record`, or the desk's download). */
export interface DrawRecordFile {
  id: string;
  seed: string;
  seedHash: string | null;
  snapshot: Array<{ tier: string; population: string[]; drawn: number }>;
  enterprises: Array<{ uscc: string; tier: string }>;
  inspectorPool: PoolInspector[] | null;
  assignments: Assignment[] | null;
}

/** Every way a record does not re-run to itself (empty: it does). */
export function rerunProblems(r: DrawRecordFile): string[] {
  const problems: string[] = [];
  if (r.seedHash !== null && createHash('sha256').update(r.seed).digest('hex') !== r.seedHash)
    problems.push('the seed does not hash to the recorded seedHash');
  const enterprises = r.snapshot.flatMap(({ tier, population, drawn }) =>
    sample(population, drawn, drawRandom(r.seed, tier)).map((uscc) => ({ uscc, tier })),
  );
  if (JSON.stringify(enterprises) !== JSON.stringify(r.enterprises))
    problems.push(
      `the enterprises drawn differ: re-run ${enterprises.map((e) => e.uscc).join(',')}; recorded ${r.enterprises.map((e) => e.uscc).join(',')}`,
    );
  if (r.inspectorPool && r.assignments) {
    const { assignments } = assignInspectors(enterprises, r.inspectorPool, r.seed);
    if (JSON.stringify(assignments) !== JSON.stringify(r.assignments))
      problems.push('the inspectors drawn differ from the recorded ones');
  }
  return problems;
}
