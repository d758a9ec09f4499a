/**
 * Rosters and 双随机 draws through GraphQL, in process over a fake fetcher with the embedded
 * ledger (PGlite): checks warm the ledger, regulators page the roster and draw, a published draw
 * is anyone's, bad filters name their field, and without a ledger the answer is LEDGER_UNAVAILABLE.
 * The grade history behind GRADE_DROP comes from the ledger.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '../../src/credit/uscc.ts';
import type { EnterpriseData } from '../../src/model/unifiedModel.ts';
import { enterprise, penalty } from '../helpers/domain.ts';
import { principal, startInProcess, type InProcessGateway } from '../helpers/inProcess.ts';

const codes = Array.from({ length: 12 }, (_, i) =>
  buildUscc('9', '1', i < 6 ? '441500' : '441581', String(40_000_000 + i)),
);
/**
 * Six clean (A), four with a general record (B), two with a serious one (C). Industry fusion
 *: every one is rated B by tax (normal risk) but the first two, rated C (high
 * risk: a grade A, TAX tier KEY); the
 * fourth to sixth write software (I6513), the rest process food (C1391, the key domain 食品).
 */
const world: EnterpriseData[] = codes.map((uscc, i) => {
  const e = enterprise((x) => {
    if (i >= 6 && i < 10) x.market.penalties.push(penalty(['罚款'], '50000.00', '2026-09-01'));
    if (i >= 10) x.market.penalties.push(penalty(['责令停产停业'], null, '2026-09-01'));
    if (i < 2) x.tax.ratings = [{ year: 2025, grade: 'C' }];
  });
  const industryCode = i >= 3 && i < 6 ? 'I6513' : 'C1391';
  return { ...e, uscc, registration: { ...e.registration, uscc, industryCode } };
});
const regulator = principal('regulator', { org: 'samr', purpose: 'SUPERVISION' });
const clerk = principal('clerk', { org: 'hall', purpose: 'BIDDING' });
const ROSTER =
  'query($f: RosterFilter!, $a: String) { roster(filter: $f, first: 5, after: $a) { totalCount counts { tier count } edges { cursor node { uscc grade tier regionCode } } pageInfo { hasNextPage endCursor } snapshot } }';

let gw: InProcessGateway;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-ledger-api-'));
  gw = await startInProcess(world, { LEDGER: 'true', LEDGER_DIR: dir });
  for (const u of codes)
    await gw.run('query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict } }', { u }, clerk);
  // The registry's size as the backfill would have read it (the fake fetcher serves no registry
  // pages): twelve, all of which the checks above assessed completely.
  await registryHolds(12, 1);
}, 60_000);
/** Records that the registry (market regulation's list) holds `total` enterprises, as backfill page `page` read it. */
const registryHolds = async (total: number, page: number): Promise<void> => {
  const jobs = gw.server.contextFor().ledger!.jobs();
  await jobs.progress('backfill');
  await jobs.advance('backfill', page, total, 0, true);
};
afterAll(async () => {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the roster (docs/rules.md "Supervision and alerts")', () => {
  it('every complete check lands in the ledger; a regulator pages it by code with counts per tier', async () => {
    await expect
      .poll(async () => (await gw.run(ROSTER, { f: {} }, regulator)).data?.roster.totalCount, {
        timeout: 5000,
      })
      .toBe(12);
    const first = (await gw.run(ROSTER, { f: {} }, regulator)).data.roster;
    expect(first.counts).toEqual([
      { tier: 'KEY', count: 2 },
      { tier: 'NORMAL', count: 4 },
      { tier: 'TRUSTED', count: 6 },
    ]);
    const seen: string[] = first.edges.map((e: { node: { uscc: string } }) => e.node.uscc);
    let page = first;
    while (page.pageInfo.hasNextPage) {
      page = (await gw.run(ROSTER, { f: {}, a: page.pageInfo.endCursor }, regulator)).data.roster;
      seen.push(...page.edges.map((e: { node: { uscc: string } }) => e.node.uscc));
    }
    expect(seen).toEqual([...codes].sort());
    const b = (await gw.run(ROSTER, { f: { grades: ['B'], regionPrefix: '441581' } }, regulator)).data.roster;
    expect(b.totalCount).toBe(4);
    expect(
      b.edges.every(
        (e: { node: { grade: string; regionCode: string } }) =>
          e.node.grade === 'B' && e.node.regionCode === '441581',
      ),
    ).toBe(true);
  });

  it('bad filters name their field; others than regulators are refused', async () => {
    const r = await gw.run(ROSTER, { f: { regionPrefix: '44-15' } }, regulator);
    expect(r.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter.regionPrefix',
    });
    const g = await gw.run(ROSTER, { f: { grades: ['Z'] } }, regulator);
    expect(g.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.grades' });
    for (const who of [clerk, principal('public'), principal('bank', { org: 'b', purpose: 'PRE_CREDIT' })]) {
      expect((await gw.run(ROSTER, { f: {} }, who)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('industry fusion and industries in the roster', () => {
  const COUNT =
    'query($f: RosterFilter!) { roster(filter: $f, first: 20) { totalCount counts { tier count } edges { node { uscc tier industryCode } } } }';
  const roster = async (f: Record<string, unknown>) => (await gw.run(COUNT, { f }, regulator)).data.roster;

  it('tax sees the grade fused with its own taxpayer grade; market regulation, which rates none, the grade alone', async () => {
    await expect.poll(async () => (await roster({})).totalCount, { timeout: 5000 }).toBe(12);
    // Everyone else is rated B by tax (normal risk): no A-graded one stays TRUSTED for tax.
    expect((await roster({ tiersFor: 'TAX' })).counts).toEqual([
      { tier: 'KEY', count: 4 },
      { tier: 'NORMAL', count: 8 },
    ]);
    expect((await roster({ tiersFor: 'MARKET' })).counts).toEqual((await roster({})).counts);
    const key = await roster({ tiersFor: 'TAX', tiers: ['KEY'] });
    expect(key.edges.map((e: { node: { uscc: string } }) => e.node.uscc)).toEqual(
      expect.arrayContaining([codes[0], codes[1]]),
    );
    expect(key.edges.every((e: { node: { tier: string } }) => e.node.tier === 'KEY')).toBe(true);
    // One enterprise's supervision by tax shows both inputs.
    const s = await gw.run(
      'query($u: USCC!) { enterprise(uscc: $u) { supervision(department: TAX) { tier gradeTier industryRating industryRisk riskTier } } }',
      { u: codes[0] },
      regulator,
    );
    expect(s.data.enterprise.supervision).toEqual({
      tier: 'KEY',
      gradeTier: 'TRUSTED',
      industryRating: 'C',
      industryRisk: 'HIGH',
      riskTier: 'KEY',
    });
  });

  it('a tax draw is by tax’s fused tiers', async () => {
    const d = await gw.run(
      'mutation { drawInspection(department: TAX, population: {regionPrefix: "4415"}) { tiers { tier population drawn } } }',
      {},
      regulator,
    );
    expect(d.errors).toBeUndefined();
    expect(d.data.drawInspection.tiers).toEqual([
      { tier: 'KEY', population: 4, drawn: 0 },
      { tier: 'NORMAL', population: 8, drawn: 0 },
    ]);
  });

  it('filters by industry prefix and by key domain, alone or together; a bad prefix or domain names its field', async () => {
    expect((await roster({ industry: ['I65'] })).totalCount).toBe(3);
    expect((await roster({ industry: ['I', 'C'] })).totalCount).toBe(12);
    expect((await roster({ keyDomain: '食品' })).totalCount).toBe(9);
    expect((await roster({ keyDomain: '药品' })).totalCount).toBe(0);
    expect((await roster({ keyDomain: '食品', industry: ['C1391'] })).totalCount).toBe(9);
    expect((await roster({ keyDomain: '食品', industry: ['I'] })).totalCount).toBe(0);
    expect((await roster({ industry: ['C1391'] })).edges[0].node.industryCode).toBe('C1391');
    for (const [f, argument] of [
      [{ industry: ['c13'] }, 'filter.industry'],
      [{ industry: ['C13911'] }, 'filter.industry'],
      [{ keyDomain: '烟花爆竹' }, 'filter.keyDomain'],
    ] as const) {
      const r = await gw.run(COUNT, { f }, regulator);
      expect(r.errors?.[0]?.extensions, JSON.stringify(f)).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument,
      });
    }
  });
});

describe('auditing', () => {
  it('a roster page names each enterprise it revealed; a draw and its publication are recorded', async () => {
    const before = gw.audit.length;
    const page = (await gw.run(ROSTER, { f: { tiers: ['KEY'] } }, regulator)).data.roster;
    const read = gw.audit.slice(before).find((e) => e.fieldGroups.includes('Query.roster'));
    expect(read).toMatchObject({ action: 'read', role: 'regulator', org: 'samr' });
    expect([...read!.enterprises].sort()).toEqual(
      page.edges.map((e: { node: { uscc: string } }) => e.node.uscc).sort(),
    );
    const drawn = (
      await gw.run('mutation { drawInspection(department: MARKET, population: {}) { id } }', {}, regulator)
    ).data.drawInspection;
    await gw.run('mutation($id: ID!) { publishDraw(id: $id) { id } }', { id: drawn.id }, regulator);
    const actions = gw.audit.slice(before).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['inspection.draw', 'inspection.publish']));
  });
});

describe('双随机、一公开 draws', () => {
  const DRAW = `mutation($p: RosterFilter!, $r: String) { drawInspection(department: MARKET, population: $p, reason: $r) {
    id seed seedHash seedCommittedAt drawnAt repeatOf repeatReason tiers { tier population drawn } enterprises { uscc tier } } }`;

  it('a regulator draws per tier from a seed the gateway drew, its hash on record before the population; the record is the regulators’ until published, then anyone’s — without tiers', async () => {
    await expect
      .poll(async () => (await gw.run(ROSTER, { f: {} }, regulator)).data?.roster.totalCount, {
        timeout: 5000,
      })
      .toBe(12);
    const d = await gw.run(DRAW, { p: { regionPrefix: '44' } }, regulator);
    expect(d.errors).toBeUndefined();
    const draw = d.data.drawInspection;
    // the seed is the gateway's, not the caller's, and its hash was recorded first.
    expect(draw.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(draw.seedHash).toBe(createHash('sha256').update(draw.seed).digest('hex'));
    expect(Date.parse(draw.seedCommittedAt)).toBeLessThanOrEqual(Date.parse(draw.drawnAt));
    // round(N × 5 % × multiple): TRUSTED 6 → 0, NORMAL 4 → 0, KEY 2 → 0 at 5 %: a city-size population is needed for more.
    expect(draw.tiers).toEqual([
      { tier: 'KEY', population: 2, drawn: 0 },
      { tier: 'NORMAL', population: 4, drawn: 0 },
      { tier: 'TRUSTED', population: 6, drawn: 0 },
    ]);
    const Q =
      'query($id: ID!) { inspectionDraw(id: $id) { id seed seedHash publishedAt enterprises { uscc } } }';
    expect((await gw.run(Q, { id: draw.id }, principal('public'))).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const pub = await gw.run(
      'mutation($id: ID!) { publishDraw(id: $id) { publishedAt } }',
      { id: draw.id },
      regulator,
    );
    expect(pub.data.publishDraw.publishedAt).not.toBeNull();
    expect((await gw.run(Q, { id: draw.id }, principal('public'))).data.inspectionDraw).toMatchObject({
      id: draw.id,
      seed: draw.seed,
      seedHash: draw.seedHash,
    });
    // Published, the draw is anyone's — but never the tiers (Langfang 四(一): an internal reference).
    // (DrawnEnterprise.tier is held back the same way; no enterprise is drawn from twelve at 5 %.)
    const tiers = await gw.run(
      'query($id: ID!) { inspectionDraw(id: $id) { tiers { tier } } }',
      { id: draw.id },
      principal('public'),
    );
    expect(tiers.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the seed is not the caller’s to give; a second draw of the same population the same day needs a reason, and keeps both', async () => {
    const withSeed = await gw.run(
      'mutation { drawInspection(department: MARKET, population: {}, seed: "chosen") { id } }',
      {},
      regulator,
    );
    expect(withSeed.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const p = { regionPrefix: '4415' };
    const first = (await gw.run(DRAW, { p }, regulator)).data.drawInspection;
    const again = await gw.run(DRAW, { p }, regulator);
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'reason',
      repeatOf: first.id,
    });
    const second = (await gw.run(DRAW, { p, r: '检查人员回避，重新抽取' }, regulator)).data.drawInspection;
    expect(second).toMatchObject({ repeatOf: first.id, repeatReason: '检查人员回避，重新抽取' });
    expect(second.seed).not.toBe(first.seed);
    const listed = (await gw.run('{ inspectionDraws(first: 10) { id repeatOf } }', {}, regulator)).data
      .inspectionDraws;
    expect(listed).toEqual(
      expect.arrayContaining([
        { id: first.id, repeatOf: null },
        { id: second.id, repeatOf: first.id },
      ]),
    );
    // A listing reads no populations, yet says the same as the draw read whole: its tiers from the
    // sizes kept, its record (and hash) read whole when asked.
    const FIELDS = 'id tiers { tier population drawn } recordHash record';
    const inList = (
      await gw.run(`{ inspectionDraws(first: 10) { ${FIELDS} } }`, {}, regulator)
    ).data.inspectionDraws.find((d: { id: string }) => d.id === second.id);
    const whole = (
      await gw.run(`query($id: ID!) { inspectionDraw(id: $id) { ${FIELDS} } }`, { id: second.id }, regulator)
    ).data.inspectionDraw;
    expect(inList).toEqual(whole);
    expect(whole.tiers.length).toBeGreaterThan(0);
  });
});

describe('coverage', () => {
  const DRAW = `mutation($a: Boolean) { drawInspection(department: TAX, population: {}, acceptIncomplete: $a) {
    id acceptedIncomplete coverage { registry complete provisional missing overdue whole } } }`;
  const COVERAGE =
    '{ roster(filter: {}, first: 1) { coverage { registry complete provisional missing overdue whole asOf } } }';

  it('the roster says how much of the city the ledger holds; a draw over a population with a hole is refused, or recorded as accepted', async () => {
    await expect
      .poll(async () => (await gw.run(COVERAGE, {}, regulator)).data?.roster.coverage.complete, {
        timeout: 5000,
      })
      .toBe(12);
    expect((await gw.run(COVERAGE, {}, regulator)).data.roster.coverage).toMatchObject({
      registry: 12,
      complete: 12,
      provisional: 0,
      missing: 0,
      overdue: 0,
      whole: true,
    });
    // The registry now holds one enterprise the ledger never assessed.
    await registryHolds(13, 2);
    const cov = { registry: 13, complete: 12, provisional: 0, missing: 1, overdue: 0, whole: false };
    expect((await gw.run(COVERAGE, {}, regulator)).data.roster.coverage).toMatchObject(cov);
    const refused = await gw.run(DRAW, {}, regulator);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'POPULATION_INCOMPLETE', coverage: cov });
    expect(refused.errors?.[0]?.message).toMatch(/12 complete of 13, 0 provisional, 1 missing, 0 overdue/);
    const accepted = await gw.run(DRAW, { a: true }, regulator);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.drawInspection).toMatchObject({ acceptedIncomplete: true, coverage: cov });
    // The record keeps it: read back, the draw still says it was taken over an incomplete population.
    const read = await gw.run(
      'query($id: ID!) { inspectionDraw(id: $id) { acceptedIncomplete coverage { missing whole } } }',
      { id: accepted.data.drawInspection.id },
      regulator,
    );
    expect(read.data.inspectionDraw).toEqual({
      acceptedIncomplete: true,
      coverage: { missing: 1, whole: false },
    });
  });
});

describe('grade history from the ledger (docs/rules.md "Supervision and alerts")', () => {
  it('a grade that falls after a new serious record raises GRADE_DROP', async () => {
    const u = codes[0]!;
    const q =
      'query($u: USCC!) { enterprise(uscc: $u) { evaluation { grade } riskAlerts { kind previousGrade grade } } }';
    expect((await gw.run(q, { u }, regulator)).data.enterprise.evaluation.grade).toBe('A');
    world[0]!.market!.penalties.push(penalty(['责令停产停业'], null, '2026-10-01'));
    const after = (await gw.run(q, { u }, regulator)).data.enterprise;
    expect(after.evaluation.grade).toBe('C');
    expect(after.riskAlerts).toContainEqual({ kind: 'GRADE_DROP', previousGrade: 'A', grade: 'C' });
  });

  it('the regulator’s alert list reads the ledger, not the registry', async () => {
    const u = codes[0]!;
    gw.fetcher.reset();
    const q =
      '{ riskAlerts(kind: GRADE_DROP, first: 10) { edges { node { uscc } alerts { kind } } scanned pageInfo { hasNextPage } } }';
    await expect
      .poll(
        async () =>
          (await gw.run(q, {}, regulator)).data?.riskAlerts.edges.map(
            (e: { node: { uscc: string } }) => e.node.uscc,
          ),
        { timeout: 5000 },
      )
      .toEqual([u]);
    const r = (await gw.run(q, {}, regulator)).data.riskAlerts;
    expect(r.edges[0].alerts).toEqual([{ kind: 'GRADE_DROP' }]);
    // Only the listed enterprise's departments were asked (its live alerts), never a registry page.
    expect(new Set(gw.fetcher.calls.flatMap((c) => c.usccs))).toEqual(new Set([u]));
  });
});

describe('a department’s alerts (通报)', () => {
  const Q = `query($d: Department, $k: AlertKind) { riskAlerts(department: $d, kind: $k, first: 10) {
    edges { node { uscc } alerts { kind departments records { department } } } pageInfo { hasNextPage } } }`;
  const tax = principal('department', { org: 'TAX', purpose: 'SUPERVISION' });
  const market = principal('department', { org: 'MARKET', purpose: 'SUPERVISION' });
  const environment = principal('department', { org: 'ENVIRONMENT', purpose: 'SUPERVISION' });
  const listed = async (who: ReturnType<typeof principal>, d: string, k?: string) =>
    ((await gw.run(Q, { d, k }, who)).data?.riskAlerts.edges ?? []) as Array<{
      node: { uscc: string };
      alerts: Array<{ kind: string; departments: string[]; records: Array<{ department: string }> }>;
    }>;

  it('a department lists the alerts about enterprises with its records in force; market regulation every cross-domain one too', async () => {
    // Two tax penalties and one environmental penalty within the year: MULTI_DOMAIN (tax, environment),
    // about an enterprise market regulation holds nothing on.
    const u = codes[5]!;
    world[5]!.tax!.penalties.push(
      penalty(['罚款'], '50000.00', '2026-08-01', 'TAX'),
      penalty(['罚款'], '50000.00', '2026-09-01', 'TAX'),
    );
    world[5]!.environment!.penalties.push(penalty(['罚款'], '50000.00', '2026-09-15', 'ENVIRONMENT'));
    await gw.run('query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict } }', { u }, clerk);
    await expect
      .poll(async () => (await listed(tax, 'TAX', 'MULTI_DOMAIN')).map((e) => e.node.uscc), { timeout: 5000 })
      .toEqual([u]);
    expect((await listed(environment, 'ENVIRONMENT', 'MULTI_DOMAIN')).map((e) => e.node.uscc)).toEqual([u]);
    // Market regulation holds no record on it, yet every cross-domain alert is reported to it.
    const m = await listed(market, 'MARKET');
    expect(m.map((e) => e.node.uscc)).toContain(u);
    expect(m.find((e) => e.node.uscc === u)!.alerts.map((a) => a.kind)).toEqual(['MULTI_DOMAIN']);
    // …and the enterprise whose grade fell on a market penalty (GRADE_DROP above) is market's, not tax's.
    expect(m.map((e) => e.node.uscc)).toContain(codes[0]);
    expect((await listed(tax, 'TAX')).map((e) => e.node.uscc)).not.toContain(codes[0]);
    // The basis as the reader may read it: tax sees its own two penalties (and the environmental one,
    // penalties being published); a GRADE_DROP carries no records.
    const taxView = (await listed(tax, 'TAX', 'MULTI_DOMAIN'))[0]!.alerts[0]!;
    expect(taxView.records.map((r) => r.department).sort()).toEqual(['ENVIRONMENT', 'TAX', 'TAX']);
  });

  it('a department names itself; another department’s list, or none named, is refused', async () => {
    const other = await gw.run(Q, { d: 'MARKET' }, tax);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'department' });
    // None named: a sweep of the city, beyond a department's call budget (refused before any call;
    // the resolver would refuse it too, asking for the name).
    const none = await gw.run(Q, {}, tax);
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'DEPARTMENT_BUDGET_EXCEEDED' });
    expect(none.data?.riskAlerts ?? null).toBeNull();
    // A regulator may name any department.
    expect((await gw.run(Q, { d: 'TAX' }, regulator)).errors).toBeUndefined();
  });
});

describe('without a ledger', () => {
  it('rosters and draws answer LEDGER_UNAVAILABLE; per-enterprise checks still answer', async () => {
    const none = await startInProcess(world);
    try {
      expect((await none.run(ROSTER, { f: {} }, regulator)).errors?.[0]?.extensions?.code).toBe(
        'LEDGER_UNAVAILABLE',
      );
      const c = await none.run(
        'query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict } }',
        { u: codes[1] },
        clerk,
      );
      expect(c.data.creditCheck.verdict).toBeTruthy();
    } finally {
      await none.close();
    }
  });
});
