/**
 * Unified Social Credit Code (统一社会信用代码), GB 32100-2015 — docs/rules.md "Unified Social Credit Code".
 * Pure functions: no I/O, usable by the gateway and the sandbox's generator alike.
 */

/** The 31 characters a USCC may use (no I, O, Z, S, V); a character's index is its value. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** docs/rules.md "Unified Social Credit Code": weights for positions 1–17 are 3^(i−1) mod 31. */
const USCC_WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/** GB 11714 organization-code weights for its eight body characters. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Registration authorities (登记管理部门), position 1. */
export const REGISTRATION_AUTHORITIES: Readonly<Record<string, string>> = {
  '1': '机构编制',
  '2': '外交',
  '3': '司法行政',
  '4': '文化',
  '5': '民政',
  '6': '旅游',
  '7': '宗教',
  '8': '工会',
  '9': '市场监管',
  A: '中央军委改革和编制办公室',
  N: '农业',
  Y: '其他',
};

/** Organization types (机构类别) under market regulation (authority 9), position 2. */
export const MARKET_ORGANIZATION_TYPES: Readonly<Record<string, string>> = {
  '1': '企业',
  '2': '个体工商户',
  '3': '农民专业合作社',
};

/** Why a code is not a well-formed USCC; `position` is 1-based. */
export interface UsccProblem {
  position: number;
  reason: 'LENGTH' | 'CHARACTER' | 'REGION_DIGIT';
}

/** Decoded parts of a well-formed USCC. */
export interface DecodedUscc {
  code: string;
  registrationAuthority: string;
  registrationAuthorityName: string | null;
  organizationType: string;
  organizationTypeName: string | null;
  regionCode: string;
  organizationCode: string;
  /** The USCC check character (position 18) is right. */
  checksumValid: boolean;
  /** The embedded GB 11714 organization code's own check (position 17) is right. */
  organizationCodeValid: boolean;
}

/** Trims and upper-cases user input, as docs/rules.md "Unified Social Credit Code" allows. */
export function normalizeUscc(input: string): string {
  return input.trim().toUpperCase();
}

/**
 * A code as a person types or pastes it: every space inside removed too (codes are printed in groups,
 * `9144 0300 …`, and copied with full-width spaces), upper-cased. The gateway itself only trims
 * (docs/rules.md "Unified Social Credit Code"); the hall sends what this returns.
 */
export function normalizeTypedUscc(input: string): string {
  return input.replace(/[\s\u3000]+/g, '').toUpperCase();
}

/**
 * Where two neighbouring characters, swapped, would give a code whose check character is right:
 * the 1-based position of the first of each such pair. A failed check character says that some
 * character is wrong, never which; a swap is the commonest typing slip, so these are hints, not
 * findings (a wrong check character alone also matches some swap in about two codes of five).
 */
export function transpositionCandidates(code: string): number[] {
  if (findUsccProblem(code)) return [];
  const found: number[] = [];
  for (let i = 0; i < 17; i++) {
    if (code[i] === code[i + 1]) continue;
    const swapped = code.slice(0, i) + code[i + 1]! + code[i]! + code.slice(i + 2);
    if (!findUsccProblem(swapped) && usccCheckCharacter(swapped.slice(0, 17)) === swapped[17])
      found.push(i + 1);
  }
  return found;
}

/** Returns the first position at which `code` (already normalized) is not a well-formed USCC, or null. */
export function findUsccProblem(code: string): UsccProblem | null {
  for (let i = 0; i < Math.min(code.length, 18); i++) {
    const c = code[i]!;
    if (!USCC_ALPHABET.includes(c)) return { position: i + 1, reason: 'CHARACTER' };
    if (i >= 2 && i <= 7 && (c < '0' || c > '9')) return { position: i + 1, reason: 'REGION_DIGIT' };
  }
  if (code.length !== 18) return { position: Math.min(code.length + 1, 19), reason: 'LENGTH' };
  return null;
}

/** The check character for the first 17 characters of a USCC. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** The GB 11714 check character for an organization code's eight body characters (A=10 … Z=35). */
export function organizationCheckCharacter(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i]!, 36) * ORG_WEIGHTS[i]!;
  const c9 = 11 - (sum % 11);
  return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
}

/** Decodes a well-formed USCC (call `findUsccProblem` first). */
export function decodeUscc(code: string): DecodedUscc {
  const authority = code[0]!;
  const type = code[1]!;
  const org = code.slice(8, 17);
  return {
    code,
    registrationAuthority: authority,
    registrationAuthorityName: REGISTRATION_AUTHORITIES[authority] ?? null,
    organizationType: type,
    organizationTypeName: authority === '9' ? (MARKET_ORGANIZATION_TYPES[type] ?? null) : null,
    regionCode: code.slice(2, 8),
    organizationCode: org,
    checksumValid: usccCheckCharacter(code.slice(0, 17)) === code[17],
    organizationCodeValid: organizationCheckCharacter(org.slice(0, 8)) === org[8],
  };
}

/** Builds a valid USCC from its parts; `orgBody` is the eight-character organization-code body. */
export function buildUscc(authority: string, type: string, region: string, orgBody: string): string {
  const first17 = authority + type + region + orgBody + organizationCheckCharacter(orgBody);
  return first17 + usccCheckCharacter(first17);
}
