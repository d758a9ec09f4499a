/**
 * Fills the in-process cache (L1) with realistic department answers for `N` enterprises — every
 * source of each, distinct objects as parsed from the wire — and prints the heap they really take
 * (after full collections) beside what the cache counts. Run with `node --expose-gc --import tsx`;
 * heapAccounting.test.ts runs it and compares.
 */
import { TieredCache, type CacheEntry } from '../../src/cache/TieredCache.ts';
import { buildUscc } from '../../src/credit/uscc.ts';
import type { EnterpriseData } from '../../src/model/unifiedModel.ts';
import { enterprise, penalty } from '../helpers/domain.ts';
import { sourcesOf } from '../helpers/inProcess.ts';

const N = Number(process.argv[2] ?? 20_000);
const SPARSE = process.argv[3] === 'sparse';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

/** One enterprise as a city's departments describe it: Chinese names and texts, a few records each. */
function sample(i: number): EnterpriseData {
  const uscc = buildUscc('9', '1', '441502', String(10_000_000 + i));
  const e = enterprise((x) => {
    x.registration.name = `汕尾市${['宏达', '鑫源', '海丰', '陆丰'][i % 4]}${i}贸易有限公司`;
    x.registration.address = `广东省汕尾市城区香洲街道海滨大道${i % 300}号${i % 7}栋${i % 20}层`;
    x.registration.scope =
      '日用百货销售；五金产品批发；食品销售（仅销售预包装食品）；技术服务、技术开发、技术咨询。';
    x.registration.authority = '汕尾市城区市场监督管理局';
    x.registration.legalRepresentative = { name: `陈${i % 100}明`, idNumber: '440301198001011234' };
    x.tax.ratings = [2023, 2024, 2025].map((year) => ({ year, grade: 'B' as const }));
    x.tax.taxPaid = [2023, 2024, 2025].map((year) => ({ year, amount: `${1000 + i}.00` }));
    for (let k = 0; k < i % 4; k++)
      x.market.penalties.push({
        ...penalty(['罚款', '没收违法所得'], '30000.00', '2025-0' + (k + 1) + '-15'),
        fact: '销售不符合食品安全标准的食品，违反《中华人民共和国食品安全法》',
        authority: '汕尾市城区市场监督管理局',
      });
    x.environment.ratings = [{ year: 2025, card: 'GREEN' as const }];
  });
  return { ...e, uscc, registration: { ...e.registration!, uscc } };
}

const cache = new TieredCache({ maxBytes: Number.MAX_SAFE_INTEGER, maxStaleSeconds: 3600 });
// Build every entry first (as the wire would), then measure only what the cache holds of them.
const batches = new Map<string, Map<string, CacheEntry>>();
for (let i = 0; i < N; i++) {
  // Sparse: a small enterprise as most are — no record anywhere, short texts.
  const e = SPARSE
    ? { ...enterprise(), uscc: buildUscc('9', '2', '441502', String(20_000_000 + i)) }
    : sample(i);
  for (const [source, value] of Object.entries(sourcesOf(e))) {
    const m = batches.get(source) ?? batches.set(source, new Map()).get(source)!;
    m.set(e.uscc, { value: JSON.parse(JSON.stringify(value)), fetchedAt: Date.now() });
  }
}
gc();
gc();
const before = process.memoryUsage().heapUsed;
for (const [source, entries] of batches) await cache.mset(source, entries);
batches.clear(); // from here only the cache holds the entries
gc();
gc();
const withCache = process.memoryUsage().heapUsed;
const counted = cache.l1Bytes;
// What the cache really holds: the heap it frees when emptied (its entries, keys and bookkeeping).
(cache as unknown as { l1: { clear(): void } }).l1.clear();
gc();
gc();
const real = withCache - process.memoryUsage().heapUsed;
console.log(JSON.stringify({ entries: N, counted, real, before }));
