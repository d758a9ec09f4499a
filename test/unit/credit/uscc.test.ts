import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildUscc,
  decodeUscc,
  findUsccProblem,
  normalizeTypedUscc,
  normalizeUscc,
  organizationCheckCharacter,
  transpositionCandidates,
  USCC_ALPHABET,
  usccCheckCharacter,
} from '../../../src/credit/uscc.ts';

describe('USCC (GB 32100-2015, docs/rules.md "Unified Social Credit Code")', () => {
  it.each([
    // Published real codes (check characters verified by the standard's algorithm).
    ['91350100M000100Y43', true],
    ['91110000600037341L', true],
    ['914403001922038216', true],
    ['91350100M000100Y44', false],
  ])('%s checksum valid: %s', (code, valid) => {
    expect(findUsccProblem(code)).toBeNull();
    expect(decodeUscc(code).checksumValid).toBe(valid);
  });

  it('decodes authority, type and region', () => {
    const d = decodeUscc('914403001922038216');
    expect(d).toMatchObject({
      registrationAuthority: '9',
      registrationAuthorityName: '市场监管',
      organizationType: '1',
      organizationTypeName: '企业',
      regionCode: '440300',
      organizationCode: '192203821',
    });
    expect(decodeUscc('92441502MA4XXXXX1X').organizationTypeName).toBe('个体工商户');
    expect(decodeUscc('53100000500021676K').registrationAuthorityName).toBe('民政');
  });

  it('uses the weights 3^(i-1) mod 31 and the value table', () => {
    // S = Σ value·weight; check = (31 − S mod 31) mod 31, through the table.
    const first17 = '91350100M000100Y4';
    const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    const s = [...first17].reduce((acc, c, i) => acc + USCC_ALPHABET.indexOf(c) * weights[i]!, 0);
    expect(usccCheckCharacter(first17)).toBe(USCC_ALPHABET[(31 - (s % 31)) % 31]);
    expect(USCC_ALPHABET.indexOf('A')).toBe(10);
    expect(USCC_ALPHABET.indexOf('Y')).toBe(30);
    expect(USCC_ALPHABET).not.toMatch(/[IOZSV]/);
  });

  it('computes the GB 11714 organization check (10 → X, 11 → 0)', () => {
    expect(organizationCheckCharacter('19220382')).toBe('1');
    expect(organizationCheckCharacter('M000100Y')).toBe('4');
    // Find bodies whose check is X and 0 to exercise both special cases.
    const bodies = Array.from({ length: 200 }, (_, i) => String(10_000_000 + i * 7));
    expect(bodies.map(organizationCheckCharacter)).toContain('X');
    expect(bodies.map(organizationCheckCharacter)).toContain('0');
  });

  it.each([
    ['9144030019220382', 'LENGTH', 17],
    ['9144030019220382160', 'LENGTH', 19],
    ['91440300I92203821X', 'CHARACTER', 9],
    ['91440300192203821Z', 'CHARACTER', 18],
    ['914403A01922038216', 'REGION_DIGIT', 7],
    ['9O4403001922038216', 'CHARACTER', 2],
    ['', 'LENGTH', 1],
  ])('%s → %s at %i', (code, reason, position) => {
    expect(findUsccProblem(code)).toEqual({ reason, position });
  });

  it('trims and upper-cases input', () => {
    expect(normalizeUscc('  91350100m000100y43 ')).toBe('91350100M000100Y43');
  });

  const validCode = fc
    .tuple(
      fc.constantFrom('9', '1', '5', 'Y'),
      fc.constantFrom('1', '2', '3'),
      fc.stringMatching(/^\d{6}$/),
      fc.stringMatching(/^[0-9A-HJ-NP-RTUWXY]{8}$/),
    )
    .map(([a, t, r, o]) => buildUscc(a, t, r, o));

  it('accepts every generated valid code', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(findUsccProblem(code)).toBeNull();
        const d = decodeUscc(code);
        expect(d.checksumValid && d.organizationCodeValid).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('catches every single-character change', () => {
    fc.assert(
      fc.property(
        validCode,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (code, pos, shift) => {
          const changed =
            code.slice(0, pos) +
            USCC_ALPHABET[(USCC_ALPHABET.indexOf(code[pos]!) + shift) % 31] +
            code.slice(pos + 1);
          // Either no longer well formed (a letter in the region) or the check character fails.
          expect(findUsccProblem(changed) !== null || !decodeUscc(changed).checksumValid).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a typed code loses the spaces inside it (groups of four, full-width spaces), not only around it', () => {
    expect(normalizeTypedUscc(' 9144 0300\u30001922 0382 16 ')).toBe('914403001922038216');
    expect(normalizeTypedUscc('91350100m000100y43')).toBe('91350100M000100Y43');
    // The gateway's own rule trims only: a space inside stays an error there (docs/rules.md "Unified Social Credit Code").
    expect(findUsccProblem(normalizeUscc('9144 0300'))).toEqual({ position: 5, reason: 'CHARACTER' });
  });

  it('a swap of two neighbours is offered where swapping them back passes the check, and only there', () => {
    // 914403001922038216 with positions 9–10 swapped: the check fails, and swapping 9 and 10 back passes.
    const swapped = '914403009122038216';
    expect(decodeUscc(swapped).checksumValid).toBe(false);
    expect(transpositionCandidates(swapped)).toContain(9);
    for (const p of transpositionCandidates(swapped)) {
      const back = swapped.slice(0, p - 1) + swapped[p]! + swapped[p - 1]! + swapped.slice(p + 1);
      expect(decodeUscc(back).checksumValid).toBe(true);
    }
    // A valid code has none here (among positions 1–17 a swap of different characters always changes the sum).
    expect(transpositionCandidates('914403001922038216')).toEqual([]);
    expect(transpositionCandidates('9144')).toEqual([]);
  });

  it('every swap of two different neighbours is found among the candidates', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 16 }), (code, i) => {
        if (code[i] === code[i + 1]) return;
        const swapped = code.slice(0, i) + code[i + 1]! + code[i]! + code.slice(i + 2);
        if (findUsccProblem(swapped)) return; // a letter moved into the region digits: caught as typed
        expect(transpositionCandidates(swapped)).toContain(i + 1);
      }),
      { numRuns: 2000 },
    );
  });
});
