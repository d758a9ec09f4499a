/**
 * Two inspectors for each drawn enterprise (docs/rules.md "Supervision and alerts"), stated so anyone can
 * re-run it from a recorded draw: for each drawn enterprise in the draw's order, the department's
 * active inspectors in id order, less those who declared a conflict with it (回避), grouped from the
 * nearest to the farthest — those whose region is the longest prefix of the enterprise's region code
 * first, then shorter prefixes, then everyone else — and drawn group by group with the generator of
 * `<seed>:inspectors:<uscc>` (random.ts) until two are chosen.
 */
import { drawRandom, sample } from './random.ts';

/** One inspector as the pool was when drawn from (recorded with the draw). */
export interface PoolInspector {
  id: string;
  region: string;
  /** The enterprises this inspector may not inspect (回避). */
  conflicts: string[];
}

/** The inspectors drawn for one enterprise. */
export interface Assignment {
  uscc: string;
  inspectors: string[];
}

/** Two inspectors per enterprise; `short` names those for which the pool had fewer than two eligible. */
export function assignInspectors(
  drawn: ReadonlyArray<{ uscc: string }>,
  pool: readonly PoolInspector[],
  seed: string,
): { assignments: Assignment[]; short: string[] } {
  const ordered = [...pool].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  const assignments: Assignment[] = [];
  const short: string[] = [];
  for (const { uscc } of drawn) {
    const region = uscc.slice(2, 8);
    const eligible = ordered.filter((p) => !p.conflicts.includes(uscc));
    // Nearness: the length of the inspector's region when it is a prefix of the enterprise's, else 0.
    const near = (p: PoolInspector): number => (region.startsWith(p.region) ? p.region.length : 0);
    const levels = [...new Set(eligible.map(near))].sort((a, b) => b - a);
    const random = drawRandom(seed, `inspectors:${uscc}`);
    const chosen: string[] = [];
    for (const level of levels) {
      if (chosen.length >= 2) break;
      const group = eligible.filter((p) => near(p) === level).map((p) => p.id);
      chosen.push(...sample(group, 2 - chosen.length, random));
    }
    if (chosen.length < 2) short.push(uscc);
    assignments.push({ uscc, inspectors: chosen });
  }
  return { assignments, short };
}
