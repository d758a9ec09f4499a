/** FORBIDDEN says who may read the field: the audiences in words and in `readableBy`. */
import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/auth/authorize.ts';
import { PUBLIC } from '../../../src/auth/principal.ts';

describe('FORBIDDEN names who may read', () => {
  it('lists the field’s audiences, a consent by its scope', async () => {
    const ctx = {
      principal: PUBLIC,
      consents: { check: async () => true as const },
      audit: { noteRead: () => undefined },
    } as unknown as Parameters<typeof decide>[0];
    const r = await decide(
      ctx,
      'TaxProfile.taxPaid',
      ['self', 'regulator', 'consent:TAX_PAID'],
      '91441500MA4UXXXX0X',
    );
    expect(r).not.toBe(true);
    const err = r as Exclude<typeof r, true>;
    expect(err.extensions).toEqual({
      code: 'FORBIDDEN',
      readableBy: ['self', 'regulator', 'consent:TAX_PAID'],
    });
    expect(err.message).toBe(
      "not allowed to read TaxProfile.taxPaid; readable by the enterprise itself, regulator, a bank holding the enterprise's TAX_PAID consent",
    );
  });
});
