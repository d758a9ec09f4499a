/**
 * The draws' PRNG, stated so a draw can be checked by anyone: mulberry32 seeded with the first four
 * bytes (big-endian) of SHA-256 of `<seed>:<tier>`; a partial Fisher–Yates shuffle over the tier's
 * population in code order picks the enterprises (docs/rules.md "Supervision and alerts": uniformly at random from a seed).
 */
import { createHash } from 'node:crypto';

/** mulberry32: a small, well-known 32-bit generator; uniform floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generator for one tier of one draw. */
export function drawRandom(seed: string, tier: string): () => number {
  return mulberry32(createHash('sha256').update(`${seed}:${tier}`).digest().readUInt32BE(0));
}

/** `k` distinct items of `population` (kept in its order), chosen uniformly with `random`. */
export function sample<T>(population: readonly T[], k: number, random: () => number): T[] {
  return samplePositions(population.length, k, random).map((i) => population[i]!);
}

/**
 * The positions (0-based, in the population's code order) of the `k` items the partial
 * Fisher–Yates shuffle picks from a population of `n` — the same draw as `sample`, knowing only
 * how many there are: the swaps are kept sparsely, so a province's draw needs no array of its
 * millions (the ledger then reads just the drawn positions).
 */
export function samplePositions(n: number, k: number, random: () => number): number[] {
  const moved = new Map<number, number>();
  const at = (i: number): number => moved.get(i) ?? i;
  const picked: number[] = [];
  for (let i = 0; i < Math.min(k, n); i++) {
    const j = i + Math.floor(random() * (n - i));
    const [ai, aj] = [at(i), at(j)];
    moved.set(j, ai);
    moved.set(i, aj);
    picked.push(aj);
  }
  return picked;
}
