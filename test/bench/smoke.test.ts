/**
 * The benchmark keeps working: a tiny run (`--smoke`) of every workload, asserting that the
 * answers were right — never a speed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm run bench -- --smoke', () => {
  it('runs every workload and baseline with correct answers', () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', out], {
      encoding: 'utf8',
      // A smoke run takes about 140 s on these two cores when nothing else runs; the deadline is
      // generous so a busy machine slows it without failing it (speed is never what this asserts).
      timeout: 420_000,
    });
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const file = readdirSync(out).find((f) => f.endsWith('-smoke.json'))!;
    const { rows } = JSON.parse(readFileSync(join(out, file), 'utf8')) as {
      rows: Array<{ workload: string; deptCallsPerRequest: number | null; result: any }>;
    };
    const names = rows.map((r) => r.workload);
    for (const w of [
      'baseline: bare node server',
      'baseline: minimal Apollo Server',
      'baseline: direct parallel department calls',
      '1. approval check, warm (L1 only)',
      '1. approval check, warm (L1 only), audit fsync off',
      '2. profile, cold',
      '3. bank batch of 100, cold',
      '3. bank batch of 100, warm',
      '4a. service-hall mix',
      '4b. service-hall mix',
      '5a. approval check, cold, alone',
      '5b. approval check, cold, during bank bulk reads',
    ]) {
      expect(
        names.some((n) => n.startsWith(w)),
        w,
      ).toBe(true);
    }
    for (const r of rows) {
      expect(r.result.requests, r.workload).toBeGreaterThan(0);
      expect(r.result.non2xx + r.result.socketErrors + r.result.wrongAnswers, r.workload).toBe(0);
    }
    const row = (prefix: string) => rows.find((r) => r.workload.startsWith(prefix))!;
    // Warm lookups ask no department; cold ones do; every field the bank asked was consented.
    expect(row('1. approval check, warm (L1 only)').deptCallsPerRequest).toBe(0);
    expect(row('2. profile, cold').deptCallsPerRequest).toBeGreaterThan(0);
    expect(row('3. bank batch of 100, cold').result.graphqlErrors).toEqual({});
    expect(row('1. approval check, warm (L1 only)').result.graphqlErrors).toEqual({});
    // The court went down midway: the mix says so, as field errors or stale answers, and nothing else failed.
    const mixed = row('4b. service-hall mix').result;
    expect((mixed.graphqlErrors.SOURCE_UNAVAILABLE ?? 0) + mixed.staleAnswers).toBeGreaterThan(0);
    expect(Object.keys(mixed.graphqlErrors).filter((c) => c !== 'SOURCE_UNAVAILABLE')).toEqual([]);
  }, 450_000);
});
