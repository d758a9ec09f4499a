/**
 * The deterministic world generator: enterprise `i` of a world is a pure function of
 * (seed, asOf, i), so a world of 300,000 enterprises is never held in memory whole — the
 * sandbox keeps only codes and names and builds an enterprise when it is asked for.
 */
import { addDays } from '../../src/credit/dates.ts';
import { buildUscc, USCC_ALPHABET } from '../../src/credit/uscc.ts';
import { createRandom, mixSeed, type Random } from '../random.ts';
import { CROPS, DISTRICTS, GIVEN, INDUSTRIES, SHOP_KINDS, SURNAMES } from './names.ts';

/** A trade's scope and class, as an enterprise holds them. */
export const trade = (t: { scope: string; industry: string }): { scope: string; industry: string } => ({
  scope: t.scope,
  industry: t.industry,
});

/**
 * The latest 核准日期: a day between establishment and the world's date, chosen by the code itself
 * (not the world's random stream, so adding it changed no other fact of any world).
 */
export function approvalDate(uscc: string, estDate: string, asOf: string): string {
  const span = Math.max(0, Math.round((Date.parse(asOf) - Date.parse(estDate)) / 86_400_000));
  let h = 0;
  for (const c of uscc) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return addDays(estDate, span === 0 ? 0 : h % (span + 1));
}

/**
 * The traits docs/rules.md distinguishes. The first enterprises of every world carry one each, in
 * this order, so even a tiny world has every kind a test may look for; the rest are drawn.
 */
export const TRAITS = [
  'clean',
  'minorOnly',
  'generalPenalty',
  'manyGeneral',
  'seriousPenalty',
  'dishonestDebtor',
  'dishonestRemoved',
  'enforced',
  'restricted',
  'abnormalListed',
  'abnormalRemoved',
  'seriousViolation',
  'majorTaxCase',
  'taxGradeD',
  'taxArrears',
  'abnormalTaxpayer',
  'newTaxpayer',
  'envYellow',
  'envRed',
  'blackListed',
  'redListed',
  'breachedCommitment',
  'revoked',
  'expiredPublicity',
  'repaired',
  'underObjection',
  'frequentInDomain',
  'multiDomain',
  'badChecksum',
  'individual',
  'cooperative',
  // Rules v2 (docs/rules.md "Grades and completeness", docs/access.md): forced once each, never drawn, so earlier worlds keep their draws.
  'redListedWithGeneral',
  'overdueCommitment',
  'reorganized',
  'evaluationConsent',
] as const;

/** One trait of the world. */
export type Trait = (typeof TRAITS)[number];

/** How often each trait is drawn past the forced ones (the rest of the mass is `clean`). */
const TRAIT_WEIGHTS: ReadonlyArray<[Trait, number]> = [
  ['minorOnly', 0.08],
  ['generalPenalty', 0.08],
  ['manyGeneral', 0.008],
  ['seriousPenalty', 0.015],
  ['dishonestDebtor', 0.015],
  ['dishonestRemoved', 0.008],
  ['enforced', 0.03],
  ['restricted', 0.01],
  ['abnormalListed', 0.03],
  ['abnormalRemoved', 0.02],
  ['seriousViolation', 0.004],
  ['majorTaxCase', 0.003],
  ['taxGradeD', 0.004],
  ['taxArrears', 0.01],
  ['abnormalTaxpayer', 0.01],
  ['newTaxpayer', 0.02],
  ['envYellow', 0.01],
  ['envRed', 0.003],
  ['blackListed', 0.003],
  ['redListed', 0.01],
  ['breachedCommitment', 0.01],
  ['revoked', 0.01],
  ['expiredPublicity', 0.01],
  ['repaired', 0.01],
  ['underObjection', 0.005],
  ['frequentInDomain', 0.003],
  ['multiDomain', 0.003],
];

/** Options of one world. */
export interface WorldSpec {
  seed: number;
  size: number;
  /** The world's "today": every record is dated relative to it. */
  asOf: string;
}

export interface Identity {
  uscc: string;
  name: string;
  trait: Trait;
  kind: 'enterprise' | 'individual' | 'cooperative';
  district: (typeof DISTRICTS)[number];
}

/** The trait of enterprise `i` (cheap: no enterprise is built). */
export function traitOf(spec: WorldSpec, i: number): Trait {
  if (i < TRAITS.length) return TRAITS[i]!;
  const r = createRandom(mixSeed(spec.seed, i, 7)).next();
  let acc = 0;
  for (const [trait, w] of TRAIT_WEIGHTS) {
    acc += w;
    if (r < acc) return trait;
  }
  return 'clean';
}

/** Characters trade names are made of; 60³ names times 10 industries is room for 2.16 million. */
const NAME_CHARS =
  '鸿丰顺达图信瑞港盛峰禾业方海品美润城湾凯源泰象辰航通丽福珠华兴隆昌恒宏嘉利德祥和安康泽晟鑫创新锦荣鹏晖汇联合众远卓越金银';
const NAME_SPACE = 60 * 60 * 60 * 10;

/** A bijection of `i` onto 8-digit organization-code bodies, so codes never collide. */
function orgBody(seed: number, i: number): string {
  // 7,777,777 is coprime with 10^8, so i ↦ (i·k + offset) mod 10^8 is one-to-one.
  const offset = mixSeed(seed, 99) % 100_000_000;
  const n = (i * 7_777_777 + offset) % 100_000_000;
  return String(n).padStart(8, '0');
}

/** Code, name and kind of enterprise `i` (what the sandbox keeps in memory for every enterprise). */
export function identityOf(spec: WorldSpec, i: number): Identity {
  const trait = traitOf(spec, i);
  const rnd = createRandom(mixSeed(spec.seed, i, 1));
  const kindDraw = rnd.next();
  const kind =
    trait === 'individual'
      ? 'individual'
      : trait === 'cooperative'
        ? 'cooperative'
        : i < TRAITS.length
          ? 'enterprise'
          : kindDraw < 0.15
            ? 'individual'
            : kindDraw < 0.18
              ? 'cooperative'
              : 'enterprise';
  const district = rnd.pick(DISTRICTS);
  const typeDigit = kind === 'enterprise' ? '1' : kind === 'individual' ? '2' : '3';
  let uscc = buildUscc('9', typeDigit, district.code, orgBody(spec.seed, i));
  if (trait === 'badChecksum') {
    // A well-formed code whose check character is wrong (docs/rules.md "Unified Social Credit Code": early pilot-region codes).
    const right = USCC_ALPHABET.indexOf(uscc[17]!);
    uscc = uscc.slice(0, 17) + USCC_ALPHABET[(right + 1) % 31];
  }
  // A trade name (字号) of three characters, from a bijection of i so that no two names collide.
  const p = (i * 7919 + (mixSeed(spec.seed, 98) % NAME_SPACE)) % NAME_SPACE;
  const n = NAME_CHARS.length;
  const trade =
    NAME_CHARS[p % n]! + NAME_CHARS[Math.floor(p / n) % n]! + NAME_CHARS[Math.floor(p / n / n) % n]!;
  const variant = Math.floor(p / (n * n * n));
  const name =
    kind === 'individual'
      ? `${district.name}${trade}${SHOP_KINDS[variant % SHOP_KINDS.length]}`
      : kind === 'cooperative'
        ? `${district.name}${trade}${CROPS[variant % CROPS.length]}专业合作社`
        : `汕尾市${trade}${INDUSTRIES[variant % INDUSTRIES.length]!.word}有限公司`;
  return { uscc, name, trait, kind, district };
}

/** ISO 7064 MOD 11-2 check of a resident ID number (GB 11643). */
export function residentIdCheck(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let k = 0; k < 17; k++) s += Number(body17[k]) * w[k]!;
  return '10X98765432'[s % 11]!;
}

export function personName(rnd: Random): string {
  return rnd.pick(SURNAMES) + rnd.pick(GIVEN) + (rnd.chance(0.6) ? rnd.pick(GIVEN) : '');
}

export function money(n: number): string {
  return n.toFixed(2);
}
