/**
 * docs/access.md stated independently of src/auth/accessTable.ts: if the table drifts from the
 * rules (a field opened to the wrong audience), this fails even though the table test passes.
 */
import { describe, expect, it } from 'vitest';
import { useAccessFixture, type RoleKey } from './fixture.ts';

const fx = useAccessFixture();

/** [field selection under enterprise(uscc), the roles that may read it]. */
const RULES: Array<[string, RoleKey[]]> = [
  [
    'registration { name establishedOn }',
    [
      'public',
      'self',
      'otherEnterprise',
      'clerk',
      'regulator',
      'bankConsented',
      'bankNoConsent',
      'developer',
    ],
  ],
  [
    'tax { aLevelTaxpayer }',
    [
      'public',
      'self',
      'otherEnterprise',
      'clerk',
      'regulator',
      'bankConsented',
      'bankNoConsent',
      'developer',
    ],
  ],
  [
    'environment { latestCard }',
    [
      'public',
      'self',
      'otherEnterprise',
      'clerk',
      'regulator',
      'bankConsented',
      'bankNoConsent',
      'developer',
    ],
  ],
  [
    'judicial { dishonestDebtor { caseCode } }',
    [
      'public',
      'self',
      'otherEnterprise',
      'clerk',
      'regulator',
      'bankConsented',
      'bankNoConsent',
      'developer',
    ],
  ],
  ['tax { ratings { year } }', ['self', 'bankConsented']],
  ['tax { taxPaid { year } }', ['self', 'bankConsented']],
  ['tax { arrears }', ['self', 'clerk', 'regulator', 'bankConsented']],
  ['credit { commitments { id } }', ['self', 'clerk', 'regulator', 'bankConsented']],
  ['credit { repairs { recordRef } }', ['self']],
  ['credit { objections { id } }', ['self']],
  // v2: a bank with an EVALUATION consent reads the grade (not records beyond the public view).
  ['evaluation { grade }', ['self', 'clerk', 'regulator', 'bankConsented']],
  ['market { penalties { id } }', ['self', 'clerk', 'regulator']],
  ['supervision { tier }', ['self', 'regulator']],
  ['riskAlerts { kind }', ['regulator']],
  ['records(includeHistory: true) { id }', ['self']],
];

const ROLES: RoleKey[] = [
  'public',
  'self',
  'otherEnterprise',
  'clerk',
  'regulator',
  'bankConsented',
  'bankNoConsent',
  'developer',
];

describe('docs/access.md, who sees what', () => {
  it.each(RULES)('%s → %j', async (selection, who) => {
    for (const role of ROLES) {
      const { body } = await fx.gw.query(
        `query($u: USCC!) { enterprise(uscc: $u) { ${selection} } }`,
        { u: fx.subject },
        fx.headers[role],
      );
      const denied = (body.errors ?? []).filter((e: any) => e.extensions.code !== 'SOURCE_UNAVAILABLE');
      if (who.includes(role)) expect(denied, `${role} may read ${selection}`).toEqual([]);
      else expect(denied.length, `${role} may not read ${selection}`).toBeGreaterThan(0);
    }
  });

  it('creditCheck for clerks, regulators and the enterprise itself; riskAlerts for regulators', async () => {
    for (const role of ROLES) {
      const check = await fx.gw.query(
        'query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict } }',
        { u: fx.subject },
        fx.headers[role],
      );
      expect(!check.body.errors, `creditCheck as ${role}`).toBe(
        ['self', 'clerk', 'regulator'].includes(role),
      );
      const alerts = await fx.gw.query('{ riskAlerts(first: 1) { scanned } }', {}, fx.headers[role]);
      expect(!alerts.body.errors, `riskAlerts as ${role}`).toBe(role === 'regulator');
    }
  });

  it('the public sees only published records in force; officials also minor ones; only the enterprise its history', async () => {
    // A minor record (a warning) on the subject: unpublished (docs/rules.md "Publicity and repair").
    await fetch(`${fx.sb.urls.control}/__sandbox/records`, {
      method: 'POST',
      body: JSON.stringify({
        uscc: fx.subject,
        path: 'market.penalties',
        record: {
          id: '汕市监罚〔2026〕警1号',
          date: '2026-10-25',
          kinds: ['警告'],
          amount: null,
          fact: '未公示',
        },
      }),
    });
    const ids = async (role: RoleKey, history = false) =>
      (
        await fx.gw.query(
          `query($u: USCC!) { enterprise(uscc: $u) { records(includeHistory: ${history}) { id status } } }`,
          { u: fx.subject },
          fx.headers[role],
        )
      ).body.data.enterprise.records as Array<{ id: string; status: string }>;
    // The new record reaches the gateway through the change feed within two seconds.
    await expect
      .poll(async () => (await ids('clerk')).map((r) => r.id), { timeout: 2000, interval: 100 })
      .toContain('market:汕市监罚〔2026〕警1号');
    const pub = await ids('public');
    const clerk = await ids('clerk');
    const self = await ids('self', true);
    const minor = 'market:汕市监罚〔2026〕警1号';
    const repaired = 'market:汕市监罚〔2026〕1号';
    expect(pub.map((r) => r.id)).not.toContain(minor);
    expect(clerk.map((r) => r.id)).toContain(minor);
    for (const list of [pub, clerk]) expect(list.map((r) => r.id)).not.toContain(repaired);
    expect(self.find((r) => r.id === repaired)?.status).toBe('REPAIRED');
    // A disputed record stays visible, marked.
    expect(pub.find((r) => r.id === 'market:汕市监罚〔2026〕2号')?.status).toBe('DISPUTED');
  });
});
