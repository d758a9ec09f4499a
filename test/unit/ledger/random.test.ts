/**
 * The draws' shuffle without the population: samplePositions picks the same enterprises as the
 * stated partial Fisher–Yates over the whole array (random.ts), so a draw made from positions is the
 * draw anyone re-runs from the recorded population.
 */
import { describe, expect, it } from 'vitest';
import { drawRandom, sample, samplePositions } from '../../../src/ledger/random.ts';

/** The stated algorithm, over the whole array, as random.ts's header describes it. */
function reference<T>(population: readonly T[], k: number, random: () => number): T[] {
  const a = [...population];
  const n = Math.min(k, a.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}

describe('samplePositions', () => {
  it('picks what the whole-array shuffle picks, for every size and quota tried', () => {
    let cases = 0;
    for (const n of [0, 1, 2, 3, 7, 50, 333, 1000]) {
      for (const k of [0, 1, 2, Math.floor(n / 2), n - 1, n, n + 3]) {
        if (k < 0) continue;
        for (const seed of ['s-1', 'seed-2026-11', '双随机']) {
          const population = Array.from({ length: n }, (_, i) => `E${String(i).padStart(5, '0')}`);
          const want = reference(population, k, drawRandom(seed, 'KEY'));
          const positions = samplePositions(n, k, drawRandom(seed, 'KEY'));
          expect(positions.map((p) => population[p])).toEqual(want);
          expect(sample(population, k, drawRandom(seed, 'KEY'))).toEqual(want);
          expect(new Set(positions).size).toBe(positions.length);
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(150);
  });
});
