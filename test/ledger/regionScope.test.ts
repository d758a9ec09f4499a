/**
 * Regional scoping (docs/rules.md "Supervision and alerts"), row-level: a county regulator (441581, market
 * regulation) sees only its county in every regulator-facing answer — rosters, counts, alerts,
 * draws, the draw list and audit trails — draws only for its department, and is refused a region
 * outside its own. The matrix runs each regulator-facing operation and checks every enterprise code
 * in its answer, so a field added later that leaks another county fails here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../src/auth/authenticate.ts';
import { DEFAULT_AUDIENCE, DEV_ISSUER, devJwks, mintDevToken } from '../../src/auth/devIssuer.ts';
import { buildUscc } from '../../src/credit/uscc.ts';
import type { EnterpriseData } from '../../src/model/unifiedModel.ts';
import { enterprise, penalty } from '../helpers/domain.ts';
import { principal, startInProcess, type InProcessGateway } from '../helpers/inProcess.ts';

/** Twenty enterprises in the city district (441502) and twenty in Lufeng (441581), each with three fines (an alert). */
const codes = Array.from({ length: 40 }, (_, i) =>
  buildUscc('9', '1', i < 20 ? '441502' : '441581', String(80_000_000 + i)),
);
const world: EnterpriseData[] = codes.map((uscc) => {
  const e = enterprise((x) => {
    for (const d of ['2026-06-01', '2026-07-01', '2026-08-01'])
      x.market.penalties.push(penalty(['罚款'], '50000.00', d));
  });
  return { ...e, uscc, registration: { ...e.registration, uscc } };
});
const lufeng = codes.filter((c) => c.slice(2, 8) === '441581');
const county = principal('regulator', {
  org: 'lufeng-samr',
  purpose: 'SUPERVISION',
  region: '441581',
  department: 'MARKET',
});
const city = principal('regulator', { org: 'samr', purpose: 'SUPERVISION' });
const clerk = principal('clerk', { org: 'hall', purpose: 'BIDDING' });

let gw: InProcessGateway;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-region-'));
  gw = await startInProcess(world, { LEDGER: 'true', LEDGER_DIR: dir, BACKFILL: 'false' });
  for (const u of codes)
    await gw.run('query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict } }', { u }, clerk);
  for (
    let i = 0;
    i < 200 &&
    (await gw.run('{ roster(filter: {}, first: 1) { totalCount } }', {}, city)).data?.roster.totalCount !==
      40;
    i++
  )
    await new Promise((r) => setTimeout(r, 50));
  // The city draws the whole city once (a draw the county must not see).
  await gw.run(
    'mutation { drawInspection(department: MARKET, population: {}, acceptIncomplete: true) { id } }',
    {},
    city,
  );
}, 120_000);
afterAll(async () => {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every regulator-facing operation a county official runs, with what it must show. */
const MATRIX: Array<[string, string, Record<string, unknown>]> = [
  [
    'roster',
    '{ roster(filter: {}, first: 100) { totalCount counts { count } edges { node { uscc } } } }',
    {},
  ],
  [
    'roster, asked wider',
    '{ roster(filter: { regionPrefix: "44" }, first: 100) { totalCount edges { node { uscc } } } }',
    {},
  ],
  ['riskAlerts', '{ riskAlerts(first: 50) { edges { node { uscc } } } }', {}],
  [
    'drawInspection',
    'mutation { drawInspection(department: MARKET, population: {}, acceptIncomplete: true) { id tiers { population } enterprises { uscc } record } }',
    {},
  ],
  [
    'inspectionDraws',
    '{ inspectionDraws(first: 50) { id population: tiers { population } enterprises { uscc } record } }',
    {},
  ],
  [
    'auditTrail',
    'query($u: USCC!) { auditTrail(filter: { uscc: $u }, first: 50) { edges { node { enterprises } } } }',
    { u: lufeng[0] },
  ],
];

describe('a county regulator sees its county, and draws for its department, only', () => {
  it.each(MATRIX)(
    '%s: every enterprise code in the answer is in 441581, and the county is all there',
    async (_name, query, variables) => {
      const r = await gw.run(query, variables, county);
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      const text = JSON.stringify(r.data);
      const found = [...new Set(text.match(/9[0-9A-HJ-NP-RTUWXY]{17}/g) ?? [])];
      expect(found.filter((c) => c.slice(2, 8) !== '441581')).toEqual([]);
      if (_name.startsWith('roster')) {
        expect(r.data.roster.totalCount).toBe(20);
        expect([...found].sort()).toEqual([...lufeng].sort());
      }
      if (_name === 'riskAlerts') expect(found.length).toBe(20);
      if (_name === 'drawInspection')
        expect(
          r.data.drawInspection.tiers.reduce((n: number, t: { population: number }) => n + t.population, 0),
        ).toBe(20);
    },
  );

  it('the city sees both; the county is refused another county, another department and a whole-city trail', async () => {
    expect(
      (await gw.run('{ roster(filter: {}, first: 1) { totalCount } }', {}, city)).data.roster.totalCount,
    ).toBe(40);
    const other = await gw.run(
      '{ roster(filter: { regionPrefix: "441502" }, first: 1) { totalCount } }',
      {},
      county,
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const tax = await gw.run(
      'mutation { drawInspection(department: TAX, population: {}, acceptIncomplete: true) { id } }',
      {},
      county,
    );
    expect(tax.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'department' });
    const trail = await gw.run(
      '{ auditTrail(filter: { organization: "hall" }, first: 5) { edges { cursor } } }',
      {},
      county,
    );
    expect(trail.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const outside = await gw.run(
      'query($u: USCC!) { auditTrail(filter: { uscc: $u }, first: 5) { edges { cursor } } }',
      { u: codes[0] },
      county,
    );
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const items = await gw.run(
      'mutation { saveInspectionItem(input: { department: TAX, code: "T1", name: "x", legalBasis: "y" }) { id } }',
      {},
      county,
    );
    expect(items.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the token carries region and department; a malformed one is refused at sign-in', async () => {
    const auth = createAuthenticator({
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      jwks: { keys: devJwks() },
    });
    const p = await auth(
      `Bearer ${await mintDevToken({ role: 'regulator', org: 'x', region: '441581', department: 'MARKET' }, Date.now())}`,
      undefined,
    );
    expect(p).toMatchObject({ role: 'regulator', region: '441581', department: 'MARKET' });
    // A declared department has regulators too (docs/departments.md).
    const hrss = await auth(
      `Bearer ${await mintDevToken({ role: 'regulator', org: 'x', department: 'SOCIAL_INSURANCE' }, Date.now())}`,
      undefined,
    );
    expect(hrss).toMatchObject({ role: 'regulator', department: 'SOCIAL_INSURANCE' });
    await expect(
      auth(
        `Bearer ${await mintDevToken({ role: 'regulator', org: 'x', region: '44-15' }, Date.now())}`,
        undefined,
      ),
    ).rejects.toThrow(/region/);
    await expect(
      auth(
        `Bearer ${await mintDevToken({ role: 'regulator', org: 'x', department: 'POLICE' }, Date.now())}`,
        undefined,
      ),
    ).rejects.toThrow(/department/);
  });
});
