/**
 * Currency (docs/rules.md "The ledger"): an assessment is true until a day it can name — a
 * record leaving the period, a publicity window ending, a commitment falling due. In process over a
 * fake fetcher with the embedded ledger and a clock the test moves: after the jump, the re-evaluation
 * changes the roster by itself — no lookup, no feed event — and the roster then agrees with a live check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../src/credit/dates.ts';
import { buildUscc } from '../../src/credit/uscc.ts';
import type { EnterpriseData } from '../../src/model/unifiedModel.ts';
import { enterprise, penalty, TODAY } from '../helpers/domain.ts';
import { testNow } from '../helpers/gateway.ts';
import { principal, startInProcess, type InProcessGateway } from '../helpers/inProcess.ts';

const [leaving, falling, ending] = [0, 1, 2].map((i) =>
  buildUscc('9', '1', '441500', String(61_000_000 + i)),
);
const place = (uscc: string, e: EnterpriseData): EnterpriseData => ({
  ...e,
  uscc,
  registration: { ...e.registration!, uscc },
});
const world = [
  // A general fine ten days short of a year old: in the period and in force now, neither in a month.
  place(
    leaving!,
    enterprise(
      (x) => void x.market.penalties.push(penalty(['罚款'], '50000.00', addDays(addMonths(TODAY, -12), 10))),
    ),
  ),
  // A commitment due in ten days, still pending: breached in a month.
  place(
    falling!,
    enterprise((x) => {
      x.credit.commitments.push({
        id: 'CM1',
        type: '信用承诺',
        matter: '行政许可',
        content: '按期补交材料',
        signedOn: addDays(TODAY, -20),
        dueOn: addDays(TODAY, 10),
        status: 'PENDING',
      });
    }),
  ),
  // A serious penalty ten days short of its 36-month publicity window: in force now, expired in a month.
  place(
    ending!,
    enterprise(
      (x) =>
        void x.market.penalties.push(penalty(['责令停产停业'], null, addDays(addMonths(TODAY, -36), 10))),
    ),
  ),
];
const regulator = principal('regulator', { org: 'samr', purpose: 'SUPERVISION' });
const clerk = principal('clerk', { org: 'hall', purpose: 'LICENSING' });
const ROSTER = '{ roster(filter: {}, first: 10) { edges { node { uscc grade } } coverage { overdue } } }';
const CHECK =
  'query($u: USCC!) { creditCheck(uscc: $u, matter: ADMINISTRATIVE_LICENSING) { basis { evaluation { grade } } } }';

let gw: InProcessGateway;
let dir: string;
let clock = testNow();
const grades = async (): Promise<Record<string, string>> =>
  Object.fromEntries(
    (await gw.run(ROSTER, {}, regulator)).data.roster.edges.map(
      (e: { node: { uscc: string; grade: string } }) => [e.node.uscc, e.node.grade],
    ),
  );

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-currency-'));
  gw = await startInProcess(
    world,
    { LEDGER: 'true', LEDGER_DIR: dir, BACKFILL: 'true', BACKFILL_PER_SECOND: '1000' },
    { now: () => clock },
  );
  for (const e of world) await gw.run(CHECK, { u: e.uscc }, clerk);
  // The registry's size as a finished pass read it: the backfill now only keeps the ledger current.
  const jobs = gw.server.contextFor().ledger!.jobs();
  await jobs.progress('backfill');
  await jobs.advance('backfill', 1, world.length, 0, true);
}, 60_000);
afterAll(async () => {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an assessment is re-assessed on the day it may change, by time alone', () => {
  it('a record leaving the period, a commitment falling due and a window ending each change the roster with no lookup or feed', async () => {
    await expect.poll(async () => Object.keys(await grades()).length, { timeout: 10_000 }).toBe(3);
    const before = await grades();
    expect(before).toEqual({ [leaving!]: 'B', [falling!]: 'A', [ending!]: 'C' });
    // A month later. Nobody looks anything up; no department announces anything.
    clock += 30 * 86_400_000;
    gw.fetcher.reset();
    await expect.poll(grades, { timeout: 20_000, interval: 200 }).toEqual({
      [leaving!]: 'A',
      [falling!]: 'B',
      [ending!]: 'A',
    });
    // The re-evaluation read the departments on the bulk lane, as the scheduler does, not a lookup's lane.
    expect(gw.fetcher.calls.length).toBeGreaterThan(0);
    expect(gw.fetcher.calls.every((c) => c.lane === 'bulk')).toBe(true);
    expect((await gw.run(ROSTER, {}, regulator)).data.roster.coverage.overdue).toBe(0);
    // The metrics say the same: the ledger's coverage by state and the re-evaluation lag.
    const scraped = await gw.server.metrics.registry.metrics();
    expect(scraped).toMatch(/cg_ledger_coverage_enterprises\{state="complete"\} 3\b/);
    expect(scraped).toMatch(/cg_ledger_coverage_enterprises\{state="overdue"\} 0\b/);
    expect(scraped).toMatch(/cg_ledger_oldest_assessment_seconds \d+/);
    // And the roster now says what a live check says.
    for (const u of [leaving!, falling!, ending!]) {
      const live = await gw.run(CHECK, { u }, clerk);
      expect(live.data.creditCheck.basis.evaluation.grade, u).toBe((await grades())[u]);
    }
  });
});
