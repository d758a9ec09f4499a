/**
 * An affirmative verdict rests on young data (docs/rules.md "Approval checks"):
 * a FAST_TRACK whose court data came from cache two hours ago (well inside the court's 6-hour TTL)
 * asks the court again; with the court down the old list cannot be had young, and the answer is
 * INCOMPLETE naming the court — where it had been a green channel on a list read hours before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { headersFor, startTestGateway, testNow, type TestGateway } from '../helpers/gateway.ts';
import { samples, startTestSandbox, stats } from '../helpers/sandbox.ts';

const CHECK = `query($u: USCC!) { creditCheck(uscc: $u, matter: GOVERNMENT_PROCUREMENT) {
  verdict complete missingDepartments sources { department status fetchedAt } } }`;
const HOUR = 3_600_000;

describe('affirmative verdicts on young data', () => {
  let sb: Sandbox;
  let gw: TestGateway;
  const clock = { now: testNow() };
  let uscc: string;
  let clerk: Record<string, string>;
  beforeAll(async () => {
    sb = await startTestSandbox({ size: 30 });
    gw = await startTestGateway(sb, { now: () => clock.now }, { HALF_OPEN_MS: '300' });
    uscc = (await samples(sb)).clean![0]!;
    clerk = await headersFor({ role: 'clerk', org: 'hall-1', purpose: 'LICENSING' });
  }, 60_000);
  afterAll(async () => {
    await fetch(`${sb.urls.control}/__sandbox/faults/court`, { method: 'DELETE' });
    await gw?.close();
    await sb?.close();
  });
  const courtCalls = async (): Promise<number> =>
    Object.values((await stats(sb)).court ?? {}).reduce((n, c) => n + c, 0);
  const check = async () => (await gw.query(CHECK, { u: uscc }, clerk)).body.data.creditCheck;

  it('a FAST_TRACK on two-hour-old court data asks the court again; with the court down it is INCOMPLETE', async () => {
    expect(await check()).toMatchObject({ verdict: 'FAST_TRACK', complete: true });
    // Within the hour: the cached data serves, no department is asked again.
    clock.now += HOUR / 2;
    let before = await courtCalls();
    expect(await check()).toMatchObject({ verdict: 'FAST_TRACK', complete: true });
    expect(await courtCalls()).toBe(before);
    // Two hours on (the court's TTL is six): asked again, and the answer says when it was read.
    clock.now += 2 * HOUR;
    before = await courtCalls();
    const again = await check();
    expect(again).toMatchObject({ verdict: 'FAST_TRACK', complete: true });
    expect(await courtCalls()).toBeGreaterThan(before);
    expect(again.sources.find((s: { department: string }) => s.department === 'COURT').fetchedAt).toBe(
      new Date(clock.now).toISOString(),
    );
    // Two more hours, the court down: its list is two hours old and cannot be read again.
    clock.now += 2 * HOUR;
    await fetch(`${sb.urls.control}/__sandbox/faults/court`, {
      method: 'PUT',
      body: JSON.stringify({ down: true }),
    });
    expect(await check()).toMatchObject({
      verdict: 'INCOMPLETE',
      complete: false,
      missingDepartments: ['COURT'],
    });
    // A certified report is held to the same: not issued on the two-hour-old list.
    const self = await headersFor({ role: 'enterprise', uscc, purpose: 'SELF_QUERY' });
    const refused = await fetch(`${gw.url}/reports/${uscc}`, { headers: self });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as any).errors[0].extensions).toEqual({
      code: 'REPORT_INCOMPLETE',
      departments: ['COURT'],
    });
    // The court back: the report reads it again and says how old each department's data was.
    await fetch(`${sb.urls.control}/__sandbox/faults/court`, { method: 'DELETE' });
    // (Its breaker, opened by the failures, lets a call through again after HALF_OPEN_MS.)
    let report = { status: 0, text: '' };
    for (let i = 0; i < 100 && report.status !== 200; i++) {
      const res = await fetch(`${gw.url}/reports/${uscc}`, { headers: self });
      report = { status: res.status, text: await res.text() };
      if (report.status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(report.status, report.text).toBe(200);
    expect(report.text).toMatch(/法院：[^<]*出具前 0 分钟读取/);
  });
});
