/**
 * One request cannot cost the departments more than its role's budget, counted before it runs;
 * bulk readers take the bulk lane, whose share of a department's concurrency is capped so
 * approval checks are not queued behind them. In process: a fake fetcher
 * records every batch and its lane.
 */
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connectors } from '../../../connectors/index.ts';
import { DEFAULT_DEPARTMENT_SETTINGS } from '../../../connectors/shared/settings.ts';
import { buildUscc } from '../../../src/credit/uscc.ts';
import { createDirectFetcher } from '../../../src/loading/Fetcher.ts';
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
    // Records read the five's ten sources and the three declared departments (issue 31: a declared
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
  /** Connectors whose registry holds every call for a while and counts how many are in flight. */
  function slowRegistry(): { connectors: Connectors; peak: () => number } {
    let inFlight = 0;
    let peak = 0;
    const market = {
      async fetchRegistration() {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight--;
        return null;
      },
    };
    const http = Object.fromEntries(
      Object.entries(DEFAULT_DEPARTMENT_SETTINGS).map(([d, settings]) => [d, { settings }]),
    );
    return { connectors: { market, http } as unknown as Connectors, peak: () => peak };
  }
  const share = { TAX: 4, MARKET: 4, ENVIRONMENT: 4, COURT: 4, CREDIT: 4 };

  it('bulk batches wait for one of the share’s places', async () => {
    const { connectors, peak } = slowRegistry();
    await createDirectFetcher(connectors, Date.now, share).fetch('registration', CODES.slice(0, 40), 'bulk');
    expect(peak()).toBe(4);
  });

  it('interactive batches do not', async () => {
    const { connectors, peak } = slowRegistry();
    await createDirectFetcher(connectors, Date.now, share).fetch(
      'registration',
      CODES.slice(0, 40),
      'interactive',
    );
    expect(peak()).toBe(40);
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
