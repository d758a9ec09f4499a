/**
 * The workloads of a service hall's day: the mix of checks, profiles and registry searches at a
 * fixed rate (4a all departments up, 4b the courts going down midway), the cold check alone and
 * beside bank bulk reads (5a, 5b), and the warm check on a gateway with the embedded ledger.
 */
import { join } from 'node:path';
import { BATCH, body, CHECK, log, MODE, PROFILE, post, SECONDS } from './benchConfig.ts';
import type { Setup } from './benchSetup.ts';
import { runLoad, type Measure } from './measure.ts';

/** The mix: first-seen passes, then 4a and 4b from the same start. */
export async function measureMix(s: Setup, measure: Measure) {
  const mixedBodies = s.codes.cold
    .slice(0, 200)
    .flatMap((u, k) =>
      k % 10 < 7
        ? [body(CHECK, { u })]
        : k % 10 < 9
          ? [body(PROFILE.replace(' evaluation { grade }', ''), { u })]
          : [body('query Search { searchEnterprises(keyword: "科技", first: 10) { totalCount } }', {})],
    );
  const rate = MODE === 'smoke' ? 50 : 150;
  /** The measured mix on one gateway. */
  const mixJob = (gw: string) => ({
    url: post(gw),
    headers: s.callers.clerk,
    bodies: mixedBodies,
    connections: 64,
    overallRate: rate,
    durationSeconds: SECONDS.mixed,
    // Registry searches are not lookups of an enterprise already seen: their latency apart.
    splitOn: 'searchEnterprises',
  });
  // Each gateway sees every enterprise of the mix once first (the first-seen requests, reported on
  // their own: they wait for the departments); 4a and 4b then measure enterprises already seen.
  const firstPass = (gateway: string, workload: string) =>
    measure(
      workload,
      { ...mixJob(gateway), durationSeconds: SECONDS.w, amount: mixedBodies.length, splitOn: undefined },
      { gateway, note: `${rate} req/s offered, each enterprise once` },
    );
  await firstPass(s.gw.mixedOk, '4. service-hall mix, first-seen enterprises');
  await firstPass(s.gw.mixed, '4. service-hall mix, first-seen enterprises (4b gateway)');
  // One more pass, not measured, right before each gateway's measured run: the first took longer
  // than the courts' 2 s TTL (the cold path queues at the courts), and each gateway then sits idle
  // while the other is measured, so its entries expire before their next reader — that is a TTL
  // shorter than the gap between readers, not expiry in steady state, which 4a and 4b measure.
  const secondPass = (gw: string) =>
    runLoad({ ...mixJob(gw), durationSeconds: 0, amount: mixedBodies.length, splitOn: undefined }, s.tmp);
  await secondPass(s.gw.mixedOk);
  // The same mix, from the same start, with every department up: the failure's baseline.
  const mixedOk = await measure('4a. service-hall mix, all departments up', mixJob(s.gw.mixedOk), {
    gateway: s.gw.mixedOk,
    note: `${rate} req/s offered`,
  });
  await secondPass(s.gw.mixed);
  const court = (down: boolean) =>
    fetch(`${s.control}/__sandbox/faults/court`, { method: 'PUT', body: JSON.stringify({ down }) });
  const mixed = await measure('4b. service-hall mix, court down midway', mixJob(s.gw.mixed), {
    gateway: s.gw.mixed,
    note: `${rate} req/s offered`,
    during: async () => {
      await new Promise((r) => setTimeout(r, (SECONDS.mixed * 1000) / 2));
      await court(true);
    },
  });
  await court(false);
  return { mixedOk, mixed, rate };
}

/**
 * 5. The embedded lookup while bulk readers pull: approval checks at a fixed rate on the cold
 * gateway (every check asks every department), alone and then with bank batches of 100 running.
 * The bulk lane caps the batches' share of each department, so the checks should not queue behind them.
 */
export async function measureBulk(s: Setup, measure: Measure) {
  const checkRate = MODE === 'smoke' ? 10 : 20;
  const checkJob = {
    url: post(s.gw.cold),
    headers: s.callers.clerk,
    bodies: s.codes.cold.map((u) => body(CHECK, { u })),
    connections: 16,
    overallRate: checkRate,
    expect: '"verdict"',
  };
  const alone = await measure('5a. approval check, cold, alone', checkJob, {
    gateway: s.gw.cold,
    note: `${checkRate} req/s offered`,
  });
  const underBulk = await measure('5b. approval check, cold, during bank bulk reads', checkJob, {
    gateway: s.gw.cold,
    note: `${checkRate} req/s offered; 4 bank batches of 100 in flight`,
    during: async () => {
      const bulk = await runLoad(
        {
          url: post(s.gw.cold),
          headers: s.callers.bank,
          bodies: [body(BATCH, { us: s.codes.bank })],
          connections: 4,
          durationSeconds: SECONDS.w,
          expect: '"taxPaid"',
        },
        s.tmp,
      );
      log(
        `  (bulk alongside: ${bulk.requests} batches, p50 ${bulk.latency.p50} ms, wrong answers ${bulk.wrongAnswers})`,
      );
    },
  });
  return { alone, underBulk, checkRate };
}

/** The embedded ledger's footprint, a row of its own: the warm check on a gateway with PGlite. Its URL. */
export async function measurePglite(s: Setup, measure: Measure): Promise<string> {
  const gw = await s.startGateway({ LEDGER: 'true', LEDGER_DIR: join(s.tmp, 'pglite'), DATABASE_URL: '' });
  for (const u of s.codes.warm)
    await fetch(`${gw}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...s.callers.clerk },
      body: body(CHECK, { u }),
    });
  await measure(
    '1. approval check, warm (L1 only), embedded PGlite ledger',
    { url: post(gw), headers: s.callers.clerk, bodies: s.checkBodies, connections: 32, expect: '"verdict"' },
    { gateway: gw },
  );
  return gw;
}
