/** Bank consent decisions (docs/access.md): the most specific refusal first, one platform read per batch. */
import { describe, expect, it } from 'vitest';
import { ConsentCache, createConsentChecker, decideConsent } from '../../../src/auth/consents.ts';
import type { Consent } from '../../../src/model/unifiedModel.ts';

const NOW = Date.parse('2026-11-01T08:00:00Z');
const consent = (patch: Partial<Consent> = {}): Consent => ({
  id: 'c1',
  uscc: 'U1',
  grantee: 'BANK-1',
  scopes: ['TAX_PAID'],
  purpose: 'PRE_CREDIT',
  expiresAt: '2027-01-01T00:00:00Z',
  createdAt: '2026-10-01T00:00:00Z',
  revokedAt: null,
  status: 'ACTIVE',
  ...patch,
});
const code = (r: true | { extensions: { code?: string } }): string | true =>
  r === true ? true : r.extensions.code!;

describe('decideConsent', () => {
  it.each([
    ['an active consent for the scope and purpose', [consent()], 'TAX_PAID', 'PRE_CREDIT', true],
    ['another purpose', [consent()], 'TAX_PAID', 'SUPERVISION', 'CONSENT_PURPOSE'],
    ['another scope', [consent()], 'ARREARS', 'PRE_CREDIT', 'CONSENT_SCOPE'],
    [
      'a revoked one',
      [consent({ status: 'REVOKED', revokedAt: '2026-10-20T00:00:00Z' })],
      'TAX_PAID',
      'PRE_CREDIT',
      'CONSENT_REVOKED',
    ],
    [
      'an expired one',
      [consent({ expiresAt: '2026-10-31T00:00:00Z' })],
      'TAX_PAID',
      'PRE_CREDIT',
      'CONSENT_EXPIRED',
    ],
    ['none at all', [], 'TAX_PAID', 'PRE_CREDIT', 'CONSENT_REQUIRED'],
  ] as const)('%s', (_n, consents, scope, purpose, want) => {
    expect(code(decideConsent(consents, scope, purpose, NOW))).toBe(want);
  });

  it('a live consent that covers the scope wins over a revoked one', () => {
    const both = [
      consent({ id: 'old', status: 'REVOKED', revokedAt: '2026-10-01T00:00:00Z' }),
      consent({ id: 'new' }),
    ];
    expect(decideConsent(both, 'TAX_PAID', 'PRE_CREDIT', NOW)).toBe(true);
  });
});

describe('the consent checker', () => {
  it('reads the platform once for a batch of enterprises, and each sees only its own consents', async () => {
    const reads: string[] = [];
    const cache = new ConsentCache(
      async (grantee) => {
        reads.push(grantee);
        return [consent({ uscc: 'U1' }), consent({ id: 'c2', uscc: 'U2', scopes: ['ARREARS'] })];
      },
      5000,
      () => NOW,
    );
    const checker = createConsentChecker(cache, 'BANK-1', () => NOW);
    const [a, b, c] = await Promise.all([
      checker.check('U1', 'TAX_PAID', 'PRE_CREDIT'),
      checker.check('U2', 'TAX_PAID', 'PRE_CREDIT'),
      checker.check('U3', 'TAX_PAID', 'PRE_CREDIT'),
    ]);
    expect([code(a), code(b), code(c)]).toEqual([true, 'CONSENT_SCOPE', 'CONSENT_REQUIRED']);
    expect(reads).toEqual(['BANK-1']);
  });

  it('a caller that is no bank holds no consent', async () => {
    const cache = new ConsentCache(
      async () => [consent()],
      5000,
      () => NOW,
    );
    expect(
      code(await createConsentChecker(cache, null, () => NOW).check('U1', 'TAX_PAID', 'PRE_CREDIT')),
    ).toBe('CONSENT_REQUIRED');
  });
});
