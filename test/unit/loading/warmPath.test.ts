/**
 * The warm path: an enterprise whose every source is fresh in this process is assembled
 * from the cache's entries at once — no DataLoader, no fetch — and shared by warm requests with its
 * records and assessment. Its answers must be the answers of the path through the loaders: the same
 * queries run on a gateway whose fetcher has no cache (every request loads), and on one with the
 * cache in front, twice — the second pass all warm (the department fake asked nothing more).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TieredCache } from '../../../src/cache/TieredCache.ts';
import { buildUscc } from '../../../src/credit/uscc.ts';
import { CachedFetcher } from '../../../src/loading/CachedFetcher.ts';
import { enterprise, penalty } from '../../helpers/domain.ts';
import { testNow } from '../../helpers/gateway.ts';
import { FakeFetcher, principal, startInProcess, type InProcessGateway } from '../../helpers/inProcess.ts';
import { PROFILE_FIELDS } from '../../helpers/queries.ts';

const codes = ['1', '2', '3'].map((n) => buildUscc('9', '1', '440300', `MA50000${n}`));
const clean = enterprise((e) => {
  e.uscc = codes[0]!;
  e.registration.uscc = codes[0]!;
});
const penalized = enterprise((e) => {
  e.uscc = codes[1]!;
  e.registration.uscc = codes[1]!;
  e.market.penalties.push(penalty(['吊销许可证'], '800000.00', '2026-05-01'));
  e.environment.penalties.push(penalty(['罚款'], '20000.00', '2026-03-01', 'ENVIRONMENT'));
  e.judicial.dishonestDebtor.push({
    caseCode: '(2026)粤03执1号',
    court: '深圳市中级人民法院',
    publishedOn: '2026-02-01',
    performance: '全部未履行',
    duty: '支付',
    situation: '有履行能力而拒不履行',
    onList: true,
    removedOn: null,
  } as never);
});
const redListed = enterprise((e) => {
  e.uscc = codes[2]!;
  e.registration.uscc = codes[2]!;
  e.tax.ratings = [{ year: 2025, grade: 'A' }];
  e.credit.lists.push({
    id: 'RED-1',
    list: 'RED',
    domain: '纳税信用',
    listedOn: '2026-01-01',
    removedOn: null,
  } as never);
});
const world = [clean, penalized, redListed];

const QUERIES: Array<[string, string]> = [
  [
    'check',
    'query($u: USCC!) { creditCheck(uscc: $u, matter: GOVERNMENT_PROCUREMENT) { verdict complete stale measures { code } reasons basis { evaluation { grade label ruleSet version complete disputed basis { rule } } records { id severity } incentives { id list } } sources { department status fetchedAt } } }',
  ],
  [
    'profile',
    `query($u: USCC!) { enterprise(uscc: $u) { ${PROFILE_FIELDS} evaluation { grade label complete basis { rule records { id } } } riskAlerts { kind } supervision { tier } } }`,
  ],
];
const regulator = principal('regulator', { purpose: 'SUPERVISION' });

/** The production cache in front of the fake departments (ten-minute TTLs, the test clock). */
const cachedOver = (inner: FakeFetcher): CachedFetcher =>
  new CachedFetcher({
    inner,
    cache: new TieredCache({ maxStaleSeconds: 3600 }),
    ttlSeconds: { TAX: 600, MARKET: 600, ENVIRONMENT: 600, COURT: 600, CREDIT: 600 },
    maxStaleSeconds: 3600,
    now: testNow,
  });

describe('the warm path: fresh entries assembled at once, the same answers as through the loaders', () => {
  let direct: InProcessGateway;
  let cached: InProcessGateway;
  let inner: FakeFetcher;
  let fetcher: CachedFetcher;

  beforeAll(async () => {
    direct = await startInProcess(world);
    inner = new FakeFetcher(new Map(world.map((e) => [e.uscc, e])));
    fetcher = cachedOver(inner);
    cached = await startInProcess(world, {}, { fetcher });
  });
  afterAll(async () => {
    await direct?.close();
    await cached?.close();
  });

  it('answers every query as the uncached gateway does, cold and then warm, and the warm pass asks the departments nothing', async () => {
    const answers = async (g: InProcessGateway) => {
      const out: unknown[] = [];
      for (const [, q] of QUERIES) for (const u of codes) out.push(await g.run(q, { u }, regulator));
      return out;
    };
    const expected = await answers(direct);
    for (const a of expected) expect(a).not.toHaveProperty('errors');
    expect(await answers(cached)).toEqual(expected); // cold: through the loaders, filling the cache
    const coldCalls = inner.calls.length;
    expect(coldCalls).toBeGreaterThan(0);
    expect(await answers(cached)).toEqual(expected); // warm: from the entries
    expect(inner.calls.length).toBe(coldCalls);
    // The fixtures differ where it matters: not every enterprise gets the same verdict and grade.
    const checks = expected.slice(0, codes.length) as Array<{ data: { creditCheck: any } }>;
    expect(new Set(checks.map((c) => c.data.creditCheck.basis.evaluation.grade)).size).toBeGreaterThan(1);
    // A warm check is assembled from the entries: the cached fetcher's fetch is not even asked.
    const fetch = vi.spyOn(fetcher, 'fetch');
    for (const u of codes) await cached.run(QUERIES[0]![1], { u }, regulator);
    expect(fetch).not.toHaveBeenCalled();
    fetch.mockRestore();
  });

  it('an enterprise with one source not held goes through the loaders, and that source alone is fetched', async () => {
    // A fresh gateway: one source of one enterprise was never fetched (the others are held).
    const own = cachedOver(inner);
    const g = await startInProcess(world, {}, { fetcher: own });
    try {
      const [, check] = QUERIES[0]!;
      await g.run(check, { u: codes[1] }, regulator);
      expect(own.peek('tax', codes[1]!)).toBeDefined();
      // Drop one source's entry: the next check cannot be assembled from entries alone.
      (own as unknown as { opts: { cache: TieredCache } }).opts.cache.dropLocal(codes[1]!, ['tax']);
      inner.reset();
      const again = await g.run(check, { u: codes[1] }, regulator);
      expect(again).toEqual(await direct.run(check, { u: codes[1] }, regulator));
      expect(inner.calls.map((c) => c.source)).toEqual(['tax']);
    } finally {
      await g.close();
    }
  });
});
