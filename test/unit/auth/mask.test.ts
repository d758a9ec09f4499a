/** The ID mask keeps at most a third of any identifier visible (docs/access.md). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../../src/auth/mask.ts';

describe('maskIdNumber', () => {
  it('masks a resident ID and a passport number', () => {
    expect(maskIdNumber('440301198001011234')).toBe('440************234');
    // A passport-length number used to show 8 of 9 characters.
    expect(maskIdNumber('E12345678')).toBe('E******78');
    expect(maskIdNumber('AB')).toBe('**');
  });

  it('never shows more than a third, keeps the length, and shows only the ends', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 0, maxLength: 64, unit: fc.constantFrom(...'0123456789ABCDEFX') }),
        (id) => {
          const m = maskIdNumber(id);
          expect(m).toHaveLength(id.length);
          const shown = [...m].filter((c) => c !== '*').length;
          expect(shown).toBeLessThanOrEqual(Math.floor(id.length / 3));
          for (let i = 0; i < id.length; i++) if (m[i] !== '*') expect(m[i]).toBe(id[i]);
        },
      ),
    );
  });
});
