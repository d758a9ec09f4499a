/**
 * The benchmark's workloads, in the order they run: the baselines, the warm check (and paired with
 * its baseline), the cold profile and the bank's batches, the service-hall mix with the courts going
 * down, the cold check beside bulk reads, and the warm check on the embedded ledger.
 */
import { BATCH, body, log, MODE, PROFILE, post, SECONDS } from './benchConfig.ts';
import type { Setup } from './benchSetup.ts';
import { runLoad, type Measure } from './measure.ts';

/** The baselines: a bare server, Apollo's constant, Apollo answering the check from memory, direct calls. */
export async function measureBaselines(s: Setup, measure: Measure) {
  const bare = await measure('baseline: bare node server, in-memory map', {
    url: post(s.baselines.bare),
    headers: {},
    bodies: s.checkBodies,
    connections: 32,
    expect: '"verdict"',
  });
  const apollo = await measure('baseline: minimal Apollo Server, constant', {
    url: s.baselines.apollo,
    headers: {},
    bodies: ['{"query":"{ check }"}'],
    connections: 32,
    expect: 'FAST_TRACK',
  });
  const apolloCheck = await measure("baseline: Apollo, check's response from memory", {
    url: s.baselines.apolloSchema,
    headers: {},
    bodies: s.checkBodies,
    connections: 32,
    expect: '"verdict"',
  });
  const direct = await measure('baseline: direct parallel department calls', {
    url: post(s.baselines.direct),
    headers: {},
    bodies: s.codes.cold.map((u) => body(PROFILE, { u })),
    connections: 16,
    expect: '"bytes"',
  });
  return { bare, apollo, apolloCheck, direct };
}

/** The warm check on the L1, fsync-off and Redis gateways, then paired with its baseline in slices. */
export async function measureWarm(s: Setup, measure: Measure) {
  const warmJob = (gw: string) => ({
    url: post(gw),
    headers: s.callers.clerk,
    bodies: s.checkBodies,
    connections: 32,
    expect: '"verdict"',
  });
  const l1 = await measure('1. approval check, warm (L1 only)', warmJob(s.gw.l1), { gateway: s.gw.l1 });
  const noSync = await measure('1. approval check, warm (L1 only), audit fsync off', warmJob(s.gw.noSync), {
    gateway: s.gw.noSync,
  });
  const redis = s.gw.redis
    ? await measure('1. approval check, warm (with Redis)', warmJob(s.gw.redis), { gateway: s.gw.redis })
    : null;
  // The same ratios, paired: the baseline and the warm rows alternate in short slices, so a
  // stretch in which the machine is busy (PostgreSQL's own work, the other processes) weighs on
  // both sides of each ratio; the median over the alternations is reported beside the row's ratio.
  const paired: { l1: number[]; redis: number[] } = { l1: [], redis: [] };
  const slice = MODE === 'full' ? 3 : 1;
  /** A slice's req/s; a wrong answer in a slice is as much a failure as in a row. */
  const sliceRps = async (url: string, headers: Record<string, string>): Promise<number> => {
    const job = { url, headers, bodies: s.checkBodies, connections: 32, expect: '"verdict"' };
    const r = await runLoad({ ...job, durationSeconds: slice }, s.tmp);
    if (r.wrongAnswers || r.non2xx || r.socketErrors) throw new Error(`a paired slice against ${url} failed`);
    return r.rps;
  };
  log(`▶ the warm rows paired with their baseline (${MODE === 'full' ? 3 : 1} × ${slice} s each)…`);
  for (let k = 0; k < (MODE === 'full' ? 3 : 1); k++) {
    const base = await sliceRps(s.baselines.apolloSchema, {});
    paired.l1.push((await sliceRps(post(s.gw.l1), s.callers.clerk)) / base);
    if (s.gw.redis) paired.redis.push((await sliceRps(post(s.gw.redis), s.callers.clerk)) / base);
  }
  return { l1, noSync, redis, paired, slice };
}

/** A regulator's cold profile, and a bank's batch of 100 cold and warm. */
export async function measureColdAndBatches(s: Setup, measure: Measure) {
  const cold = await measure(
    '2. profile, cold',
    {
      url: post(s.gw.cold),
      headers: s.callers.regulator,
      bodies: s.codes.cold.map((u) => body(PROFILE, { u })),
      connections: 16,
      expect: '"evaluation"',
    },
    { gateway: s.gw.cold },
  );
  const batch = (gw: string, connections: number, durationSeconds?: number) => ({
    url: post(gw),
    headers: s.callers.bank,
    bodies: [body(BATCH, { us: s.codes.bank })],
    connections,
    expect: '"taxPaid"',
    ...(durationSeconds ? { durationSeconds } : {}),
  });
  // A cold batch takes about half a second on the bulk lane: give it at least 3 s so even the smoke run completes some.
  const batchCold = await measure('3. bank batch of 100, cold', batch(s.gw.cold, 2, Math.max(3, SECONDS.w)), {
    gateway: s.gw.cold,
  });
  const batchWarm = await measure('3. bank batch of 100, warm', batch(s.gw.l1, 4), { gateway: s.gw.l1 });
  return { cold, batchCold, batchWarm };
}
