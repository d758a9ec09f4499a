/**
 * One request cannot cost the departments more than its role's budget, counted before it runs;
 * bulk readers take the bulk lane, whose share of a department's concurrency is capped so
 * approval checks are not queued behind them. In process: a fake fetcher
 * records every batch and its lane.
 */
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDepartmentLimiter, type Lane } from '../../../connectors/shared/DepartmentLimits.ts';
import { DEFAULT_DEPARTMENT_SETTINGS } from '../../../connectors/shared/settings.ts';
import { buildUscc } from '../../../src/credit/uscc.ts';
import { SOURCE_DEPARTMENT, type SourceName } from '../../../src/loading/sources.ts';
import {
  DEFAULT_DEPARTMENT_BUDGETS,
  departmentCalls,
  quotaUses,
} from '../../../src/server/departmentCost.ts';
import { enterprise } from '../../helpers/domain.ts';
import { principal, startInProcess, type InProcessGateway } from '../../helpers/inProcess.ts';

/** 100 valid codes. */
const CODES = Array.from({ length: 100 }, (_, i) => buildUscc('9', '1', '440300', String(10_000_000 + i)));

let gw: InProcessGateway;
beforeAll(async () => {
  gw = await startInProcess(
    CODES.map((uscc) => ({ ...enterprise(), uscc, registration: { ...enterprise().registration, uscc } })),
  );
});
afterAll(() => gw.close());

/** Department calls a set of recorded batches stands for: each source's batches in its department's batch size. */
function callsOf(batches: Array<{ source: SourceName; usccs: string[] }>): number {
  return batches.reduce(
    (n, b) =>
      n + Math.ceil(b.usccs.length / DEFAULT_DEPARTMENT_SETTINGS[SOURCE_DEPARTMENT[b.source]].batchSize),
    0,
  );
}

const PROFILE =
  'query($u: [USCC!]!) { enterprises(usccs: $u) { name records { id } judicial { dishonestDebtor { caseCode } } } }';

describe('department-call budget per role', () => {
  it('the public cannot ask 100 profiles with records: refused before any department is called', async () => {
    gw.fetcher.reset();
    const r = await gw.run(PROFILE, { u: CODES });
    expect(r.errors?.[0]?.extensions).toMatchObject({
      code: 'DEPARTMENT_BUDGET_EXCEEDED',
      budget: DEFAULT_DEPARTMENT_BUDGETS.public,
    });
    expect(r.data).toBeUndefined();
    expect(gw.fetcher.calls).toEqual([]);
  });

  it('what the public may ask stays within its budget in real department calls', async () => {
    gw.fetcher.reset();
    const r = await gw.run(PROFILE, { u: CODES.slice(0, 4) });
    expect(r.errors).toBeUndefined();
    const estimate = departmentCalls(parse(PROFILE), undefined, { u: CODES.slice(0, 4) });
    expect(estimate).toBeLessThanOrEqual(DEFAULT_DEPARTMENT_BUDGETS.public);
    // The estimate is an upper bound of what the operation really cost.
    expect(callsOf(gw.fetcher.calls)).toBeGreaterThan(0);
    expect(callsOf(gw.fetcher.calls)).toBeLessThanOrEqual(estimate);
  });

  it('a bank may pull 100 profiles, on the bulk lane', async () => {
    gw.fetcher.reset();
    const bank = principal('bank', { org: 'BANK-1', purpose: 'PRE_CREDIT' });
    const r = await gw.run(PROFILE, { u: CODES }, bank);
    expect(r.errors).toBeUndefined();
    expect(r.data.enterprises).toHaveLength(100);
    expect(gw.fetcher.calls.filter((c) => c.lane !== 'bulk').map((c) => c.source)).toEqual([]);
    expect(callsOf(gw.fetcher.calls)).toBeLessThanOrEqual(
      departmentCalls(parse(PROFILE), undefined, { u: CODES }),
    );
  });

  it('a clerk’s approval check is interactive', async () => {
    gw.fetcher.reset();
    const r = await gw.run(
      'query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict } }',
      { u: CODES[0] },
      principal('clerk', { purpose: 'BIDDING' }),
    );
    expect(r.errors).toBeUndefined();
    expect(gw.fetcher.calls.length).toBeGreaterThan(0);
    expect(gw.fetcher.calls.every((c) => c.lane === 'interactive')).toBe(true);
  });

  it('aliases and fragments are counted too', () => {
    const doc = parse(
      'query { a: enterprise(uscc: "x") { ...F } b: enterprise(uscc: "y") { ...F } } fragment F on Enterprise { records { id } }',
    );
    // Records read the five's ten sources and the three declared departments (a declared
    // department's calls count; they were uncounted before).
    expect(departmentCalls(doc, undefined)).toBe(2 * (10 + 3));
  });

  it('a declared department’s field costs one call per enterprise; a check counts every department', () => {
    const cost = (q: string, u: string[] = ['a', 'b', 'c']) => departmentCalls(parse(q), undefined, { u });
    expect(cost('query($u: [USCC!]!) { enterprises(usccs: $u) { licensing { licences { number } } } }')).toBe(
      3 * (1 + 1),
    );
    expect(
      cost('query($u: [USCC!]!) { enterprises(usccs: $u) { utilities { accounts { kind } } name } }'),
    ).toBe(3 * (1 + 1));
    expect(cost('{ creditCheck(uscc: "x", matter: BIDDING) { verdict } }')).toBe(10 + 3);
  });
});

describe('the bulk lane takes only its share of a department', () => {
  // The department's limiter is the one cap (connectors/shared/DepartmentLimits.ts): 40 calls at
  // once, bulk readers at most half of them (BULK_SHARE_PERCENT 50). Calls that hold their turn a while.
  const limits = { ratePerSec: 100_000, concurrency: 40, bulkShare: 0.5, maxWaitMs: 30_000, leaseMs: 30_000 };
  async function peakOf(lanes: Lane[]): Promise<Record<Lane, number>> {
    const limiter = new LocalDepartmentLimiter(limits);
    const now = { bulk: 0, interactive: 0 };
    const peak = { bulk: 0, interactive: 0 };
    await Promise.all(
      lanes.map(async (lane) => {
        const release = await limiter.acquire(lane);
        expect(release).not.toBeNull();
        peak[lane] = Math.max(peak[lane], ++now[lane]);
        await new Promise((r) => setTimeout(r, 20));
        now[lane]--;
        release!();
      }),
    );
    return peak;
  }

  it('bulk calls wait for one of the share’s places', async () => {
    expect((await peakOf(Array(60).fill('bulk'))).bulk).toBe(20);
  });

  it('interactive calls do not wait for bulk ones: the rest of the department stays theirs', async () => {
    const peak = await peakOf([...Array(60).fill('bulk'), ...Array(20).fill('interactive')]);
    expect(peak.bulk).toBe(20);
    expect(peak.interactive).toBe(20);
    expect((await peakOf(Array(40).fill('interactive'))).interactive).toBe(40);
  });
});

describe('what counts against the profiles quota', () => {
  it('a risk-alert sweep counts its page size, as a search reading profiles does', () => {
    const cases: Array<[string, Record<string, unknown>, number]> = [
      ['{ riskAlerts(first: 30) { edges { node { uscc } } } }', {}, 30],
      ['{ riskAlerts { edges { node { uscc } } } }', {}, 20],
      ['query($n: Int) { riskAlerts(first: $n) { edges { node { uscc } } } }', { n: 7 }, 7],
      ['query($u: USCC!) { enterprise(uscc: $u) { name } }', { u: 'x' }, 1],
    ];
    for (const [query, variables, profiles] of cases)
      expect(quotaUses(parse(query), undefined, variables).profiles, query).toBe(profiles);
    expect(cases.length).toBeGreaterThan(0);
  });
});
