import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { dept, samples, setFaults, startTestSandbox } from '../helpers/sandbox.ts';

let sb: Sandbox;
let code: string;
beforeAll(async () => {
  sb = await startTestSandbox();
  code = (await samples(sb)).clean![0]!;
});
afterAll(() => sb.close());
afterEach(() => setFaults(sb, 'court', null));

const N = 200;
const courtCall = (signal?: AbortSignal): Promise<{ status: number; text: string } | 'timeout' | 'refused'> =>
  dept(sb, 'court', `/court/api/enforced?ids=${code}`, { signal })
    .then(async (r) => ({ status: r.status, text: await r.text() }))
    .catch((err: Error) =>
      err.name === 'TimeoutError' || err.name === 'AbortError' ? 'timeout' : 'refused',
    );

describe('faults', () => {
  it('answers the department’s own error envelope at the configured rate', async () => {
    await setFaults(sb, 'court', { errorRate: 0.3 });
    const results = await Promise.all(Array.from({ length: N }, () => courtCall()));
    const errors = results.filter(
      (r) => typeof r === 'object' && JSON.parse(r.text).success === false,
    ).length;
    expect(errors / N).toBeGreaterThan(0.2);
    expect(errors / N).toBeLessThan(0.4);
  });

  it('sends malformed bodies at the configured rate', async () => {
    await setFaults(sb, 'court', { malformedRate: 0.5 });
    const results = await Promise.all(Array.from({ length: N }, () => courtCall()));
    const malformed = results.filter((r) => {
      if (typeof r !== 'object') return false;
      try {
        JSON.parse(r.text);
        return false;
      } catch {
        return true;
      }
    }).length;
    expect(malformed / N).toBeGreaterThan(0.4);
    expect(malformed / N).toBeLessThan(0.6);
  });

  it('holds requests without an answer at the timeout rate', async () => {
    await setFaults(sb, 'court', { timeoutRate: 0.25 });
    const results = await Promise.all(Array.from({ length: N }, () => courtCall(AbortSignal.timeout(1500))));
    const timeouts = results.filter((r) => r === 'timeout').length;
    expect(timeouts / N).toBeGreaterThan(0.15);
    expect(timeouts / N).toBeLessThan(0.35);
  });

  it('adds latency with jitter', async () => {
    await setFaults(sb, 'court', { latencyMs: 150, jitterMs: 50 });
    const t0 = performance.now();
    await courtCall();
    // A lower bound only: the fault must have delayed the answer (never an upper bound on speed).
    expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
  });

  it('refuses every connection while down, and recovers when cleared', async () => {
    await setFaults(sb, 'court', { down: true });
    const results = await Promise.all(Array.from({ length: 5 }, () => courtCall()));
    expect(results.every((r) => r === 'refused')).toBe(true);
    await setFaults(sb, 'court', null);
    const ok = await courtCall();
    expect(typeof ok === 'object' && ok.status).toBe(200);
  });

  it('rejects unknown fault settings', async () => {
    const res = await fetch(`${sb.urls.control}/__sandbox/faults/court`, {
      method: 'PUT',
      body: JSON.stringify({ errorRate: 2 }),
    });
    expect(res.status).toBe(400);
    expect(
      (await fetch(`${sb.urls.control}/__sandbox/faults/nowhere`, { method: 'PUT', body: '{}' })).status,
    ).toBe(404);
  });
});
