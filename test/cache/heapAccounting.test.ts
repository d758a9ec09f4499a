/**
 * The in-process cache counts what its entries really cost the heap: filled with
 * realistic department answers — rich (Chinese texts, several records) and sparse (most enterprises)
 * — in a child process with explicit collections, its count is never below the heap it frees when
 * emptied, and at most a fifth above it. The budget (CACHE_L1_BYTES) is then a real bound.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const probe = (profile: 'rich' | 'sparse'): { entries: number; counted: number; real: number } =>
  JSON.parse(
    execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'heapProbe.ts'), '10000', profile],
      { encoding: 'utf8', cwd: join(import.meta.dirname, '../..') },
    ),
  );

describe('L1 heap accounting', () => {
  it.each(['rich', 'sparse'] as const)(
    '%s answers: counted within [real, real × 1.2]',
    (profile) => {
      const { counted, real } = probe(profile);
      expect(real).toBeGreaterThan(10_000_000); // the probe held something worth measuring
      expect(counted).toBeGreaterThanOrEqual(real);
      expect(counted).toBeLessThanOrEqual(real * 1.2);
    },
    120_000,
  );
});
