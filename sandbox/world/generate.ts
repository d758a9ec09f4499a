/**
 * The deterministic world generator: enterprise `i` of a world is a pure function of
 * (seed, asOf, i), so a world of 300,000 enterprises is never held in memory whole — the
 * sandbox keeps only codes and names and builds an enterprise when it is asked for.
 */
import { addDays } from '../../src/credit/dates.ts';
import { buildUscc, USCC_ALPHABET } from '../../src/credit/uscc.ts';
import { createRandom, mixSeed, type Random } from '../random.ts';
import {
  COOPERATIVE_TRADE,
  CROPS,
  DISTRICTS,
  GIVEN,
  INDUSTRIES,
  SHOP_KINDS,
  STREETS,
  SURNAMES,
  TRADE_WORDS,
} from './names.ts';
import type { WorldEnterprise, WorldListing, WorldPenalty } from './schema.ts';

/** A trade's scope and class, as an enterprise holds them. */
const trade = (t: { scope: string; industry: string }): { scope: string; industry: string } => ({
  scope: t.scope,
  industry: t.industry,
});

/**
 * The latest 核准日期: a day between establishment and the world's date, chosen by the code itself
 * (not the world's random stream, so adding it changed no other fact of any world).
 */
function approvalDate(uscc: string, estDate: string, asOf: string): string {
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

interface Identity {
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
function residentIdCheck(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let k = 0; k < 17; k++) s += Number(body17[k]) * w[k]!;
  return '10X98765432'[s % 11]!;
}

function personName(rnd: Random): string {
  return rnd.pick(SURNAMES) + rnd.pick(GIVEN) + (rnd.chance(0.6) ? rnd.pick(GIVEN) : '');
}

function money(n: number): string {
  return n.toFixed(2);
}

/** Builds enterprise `i` in full. */
export function generateEnterprise(spec: WorldSpec, i: number): WorldEnterprise {
  const id = identityOf(spec, i);
  const rnd = createRandom(mixSeed(spec.seed, i, 2));
  const { asOf } = spec;
  const asOfYear = Number(asOf.slice(0, 4));
  const trait = id.trait;
  let serial = 0;
  const seq = (): number => i * 16 + ++serial;
  const daysAgo = (min: number, max: number): string => addDays(asOf, -rnd.int(min, max));
  const yearOf = (d: string): string => d.slice(0, 4);
  const region4 = id.district.code.slice(2, 6);

  const estDate = trait === 'newTaxpayer' ? daysAgo(60, 300) : daysAgo(400, 9000);
  const birth = addDays('1960-01-01', rnd.int(0, 13_000)).replaceAll('-', '');
  const idBody = `${id.district.code}${birth}${String(rnd.int(10, 999)).padStart(3, '0')}`;
  const rated = id.kind !== 'individual' && rnd.chance(0.4);
  const marketAuthority = `汕尾市${id.district.name}市场监督管理局`;

  const penalty = (
    dept: 'tax' | 'market' | 'environment',
    date: string,
    severity: 'minor' | 'general' | 'serious',
  ): WorldPenalty => {
    const prefix = dept === 'tax' ? '汕税稽罚' : dept === 'market' ? '汕市监罚' : '汕环罚';
    const kinds =
      severity === 'minor'
        ? rnd.chance(0.5)
          ? ['警告']
          : ['罚款']
        : severity === 'general'
          ? rnd.chance(0.5)
            ? ['罚款']
            : ['罚款', '没收违法所得']
          : [
              rnd.pick(['罚款', '没收违法所得']),
              rnd.pick(['责令停产停业', '暂扣许可证件', '限制开展生产经营活动', '吊销许可证件']),
            ];
    const amount = kinds.includes('罚款')
      ? money(severity === 'minor' ? rnd.int(5, 100) * 100 : rnd.int(101, 2000) * 100)
      : null;
    const facts = {
      tax: ['未按规定期限办理纳税申报', '未按规定保管发票', '少缴增值税'],
      market: ['销售不合格产品', '虚假宣传', '未按规定公示年度报告', '无照经营食品'],
      environment: ['超标排放水污染物', '未批先建', '危险废物未规范贮存'],
    }[dept];
    return { id: `${prefix}〔${yearOf(date)}〕${seq()}号`, date, kinds, amount, fact: rnd.pick(facts) };
  };
  const listing = (
    reason: string,
    listedAt: string,
    removedAt: string | null,
    authority = marketAuthority,
  ): WorldListing => ({
    reason,
    listedAt,
    authority,
    removedAt,
  });

  const e: WorldEnterprise = {
    uscc: id.uscc,
    name: id.name,
    legalRep: { name: personName(rnd), idNo: idBody + residentIdCheck(idBody) },
    entType:
      id.kind === 'individual'
        ? '个体工商户'
        : id.kind === 'cooperative'
          ? '农民专业合作社'
          : rnd.chance(0.1)
            ? '股份有限公司'
            : '有限责任公司',
    regStatus: trait === 'revoked' ? '吊销' : rnd.chance(0.8) ? '存续' : '在业',
    estDate,
    regCap:
      id.kind === 'individual'
        ? `${rnd.int(1, 50)}万元人民币`
        : `${rnd.pick([50, 100, 200, 500, 1000, 3000, 5000])}万元人民币`,
    regOrg: marketAuthority,
    address: `广东省汕尾市${id.district.name}${rnd.pick(STREETS)}${rnd.pick(TRADE_WORDS)}路${rnd.int(1, 300)}号`,
    // Drawn here, in the order it always was (one pick, none for a cooperative): worlds stay as they were.
    ...trade(id.kind === 'cooperative' ? COOPERATIVE_TRADE : rnd.pick(INDUSTRIES)),
    approvedOn: approvalDate(id.uscc, estDate, asOf),
    tax: { ratings: [], arrears: '0.00', abnormal: false, majorCases: [], paid: [], penalties: [] },
    market: { penalties: [], abnormal: [], seriousViolations: [] },
    environment: { ratings: [], penalties: [] },
    court: { dishonest: [], enforced: [], restrictions: [] },
    credit: { commitments: [], reorganizations: [], lists: [], repairs: [], objections: [] },
  };

  // Tax ratings and tax paid for each full year since establishment (at most three); M for a new taxpayer.
  const firstYear = Math.max(Number(estDate.slice(0, 4)) + 1, asOfYear - 3);
  for (let y = asOfYear - 1; y >= firstYear; y--) {
    const g = rnd.next();
    e.tax.ratings.push({ year: y, grade: g < 0.33 ? 'A' : g < 0.93 ? 'B' : 'C' });
    e.tax.paid.push({ year: y, amount: money(rnd.int(2_000, 5_000_000)) });
  }
  if (e.tax.ratings.length === 0) e.tax.ratings.push({ year: asOfYear - 1, grade: 'M' });
  if (rated) {
    for (let y = asOfYear - 1; y >= asOfYear - 2; y--)
      e.environment.ratings.push({ year: y, card: rnd.chance(0.55) ? 'GREEN' : 'BLUE' });
  }
  if (rnd.chance(0.3)) {
    e.credit.commitments.push({
      id: `CM${seq()}`,
      type: '信用承诺',
      matter: rnd.pick(['行政许可', '容缺受理', '财政资金申请']),
      content: '本单位承诺所提交材料真实有效，如有虚假愿承担相应法律责任。',
      signedAt: daysAgo(30, 700),
      dueDate: null,
      status: rnd.chance(0.7) ? 'FULFILLED' : 'PENDING',
    });
  }

  const inPeriod = (): string => daysAgo(10, 330);
  const generalIn = (dept: 'tax' | 'market' | 'environment'): void => {
    e[dept].penalties.push(penalty(dept, inPeriod(), 'general'));
  };
  const dishonest = (removed: boolean): void => {
    const publishedAt = daysAgo(60, 900);
    const caseCode = `(${yearOf(publishedAt)})粤${region4}执${seq()}号`;
    e.court.enforced.push({
      caseCode,
      court: id.district.court,
      filedAt: addDays(publishedAt, -rnd.int(30, 200)),
      amount: money(rnd.int(50, 5000) * 100),
    });
    e.court.dishonest.push({
      caseCode,
      court: id.district.court,
      publishedAt,
      performance: rnd.chance(0.8) ? '全部未履行' : '部分未履行',
      duty: `支付货款及利息共计人民币${rnd.int(5, 500)}万元`,
      situation: rnd.pick([
        '有履行能力而拒不履行生效法律文书确定义务',
        '违反财产报告制度',
        '以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行',
      ]),
      removedAt: removed ? addDays(publishedAt, rnd.int(20, 50)) : null,
    });
  };

  switch (trait) {
    case 'minorOnly':
      e.market.penalties.push(penalty('market', inPeriod(), 'minor'));
      break;
    case 'generalPenalty':
      for (let k = rnd.int(1, 3); k > 0; k--) generalIn(rnd.pick(['tax', 'market'] as const));
      break;
    case 'manyGeneral':
      for (let k = rnd.int(6, 8); k > 0; k--) generalIn(rnd.pick(['tax', 'market'] as const));
      break;
    case 'seriousPenalty':
      e.market.penalties.push(penalty('market', daysAgo(200, 700), 'serious'));
      break;
    case 'dishonestDebtor':
      dishonest(false);
      break;
    case 'dishonestRemoved':
      dishonest(true);
      break;
    case 'enforced': {
      const filedAt = inPeriod();
      e.court.enforced.push({
        caseCode: `(${yearOf(filedAt)})粤${region4}执${seq()}号`,
        court: id.district.court,
        filedAt,
        amount: money(rnd.int(50, 3000) * 100),
      });
      break;
    }
    case 'restricted': {
      const issuedAt = inPeriod();
      e.court.restrictions.push({
        caseCode: `(${yearOf(issuedAt)})粤${region4}执${seq()}号`,
        court: id.district.court,
        issuedAt,
      });
      break;
    }
    case 'abnormalListed':
      e.market.abnormal.push(listing('通过登记的住所或者经营场所无法联系', daysAgo(30, 900), null));
      break;
    case 'abnormalRemoved': {
      const listedAt = daysAgo(200, 900);
      e.market.abnormal.push(
        listing('未按照规定的期限公示年度报告', listedAt, addDays(listedAt, rnd.int(30, 150))),
      );
      break;
    }
    case 'seriousViolation':
      e.market.seriousViolations.push(
        listing('被列入经营异常名录届满3年仍未履行相关义务', daysAgo(30, 600), null, '汕尾市市场监督管理局'),
      );
      break;
    case 'majorTaxCase': {
      const listedAt = daysAgo(30, 500);
      e.tax.majorCases.push({
        id: `汕税重案〔${yearOf(listedAt)}〕${seq()}号`,
        fact: '虚开增值税专用发票',
        listedAt,
        removedAt: null,
      });
      break;
    }
    case 'taxGradeD':
      e.tax.ratings[0]!.grade = 'D';
      break;
    case 'taxArrears':
      e.tax.arrears = money(rnd.int(100, 90_000) * 10);
      break;
    case 'abnormalTaxpayer':
      e.tax.abnormal = true;
      break;
    case 'envYellow':
    case 'envRed':
      if (e.environment.ratings.length === 0)
        e.environment.ratings.push({ year: asOfYear - 1, card: 'GREEN' });
      e.environment.ratings[0]!.card = trait === 'envYellow' ? 'YELLOW' : 'RED';
      e.environment.penalties.push(
        penalty('environment', inPeriod(), trait === 'envYellow' ? 'general' : 'serious'),
      );
      break;
    case 'blackListed':
    case 'redListed':
      e.credit.lists.push({
        id: `CL${seq()}`,
        list: trait === 'blackListed' ? 'BLACK' : 'RED',
        domain: trait === 'blackListed' ? '安全生产' : '纳税信用',
        reason: trait === 'blackListed' ? '发生较大生产安全事故' : '连续三年纳税信用A级',
        authority: trait === 'blackListed' ? '汕尾市应急管理局' : '国家税务总局汕尾市税务局',
        listedAt: daysAgo(30, 600),
        removedAt: null,
      });
      break;
    case 'breachedCommitment':
      e.credit.commitments.push({
        id: `CM${seq()}`,
        type: '告知承诺',
        matter: '行政许可',
        content: '承诺在三个月内补齐消防验收材料。',
        signedAt: inPeriod(),
        dueDate: null,
        status: 'BREACHED',
      });
      break;
    case 'revoked':
      e.market.penalties.push({
        ...penalty('market', daysAgo(100, 600), 'general'),
        kinds: ['吊销营业执照'],
        amount: null,
      });
      break;
    case 'expiredPublicity':
      // A general record past its one-year maximum and a serious one past three years: neither counts (§3, §4).
      e.market.penalties.push(penalty('market', daysAgo(400, 700), 'general'));
      e.tax.penalties.push(penalty('tax', daysAgo(1100, 1400), 'serious'));
      break;
    case 'repaired':
    case 'underObjection': {
      const p = penalty('market', inPeriod(), 'general');
      e.market.penalties.push(p);
      const when = addDays(p.date, rnd.int(5, 9));
      if (trait === 'repaired') e.credit.repairs.push({ recordRef: `market:${p.id}`, repairedAt: when });
      else
        e.credit.objections.push({
          id: `OB${seq()}`,
          recordRef: `market:${p.id}`,
          status: 'OPEN',
          filedAt: when,
          resolvedAt: null,
        });
      break;
    }
    case 'redListedWithGeneral':
      // §6: a RED entry brings the green channel even with a general record (grade B), never with a serious one.
      e.credit.lists.push({
        id: `CL${seq()}`,
        list: 'RED',
        domain: '纳税信用',
        reason: '连续三年纳税信用A级',
        authority: '国家税务总局汕尾市税务局',
        listedAt: daysAgo(30, 600),
        removedAt: null,
      });
      generalIn('market');
      break;
    case 'overdueCommitment': {
      // §6: a PENDING commitment past its due date counts as BREACHED.
      const signedAt = daysAgo(150, 300);
      e.credit.commitments.push({
        id: `CM${seq()}`,
        type: '告知承诺',
        matter: '行政许可',
        content: '承诺在三个月内补齐消防验收材料。',
        signedAt,
        dueDate: addDays(signedAt, 90),
        status: 'PENDING',
      });
      break;
    }
    case 'reorganized': {
      // §6: records dated before a court-approved reorganisation plan stop counting (REORGANIZED).
      const approvedAt = daysAgo(40, 90);
      e.market.penalties.push(penalty('market', addDays(approvedAt, -rnd.int(60, 200)), 'serious'));
      e.credit.reorganizations.push({
        caseNo: `(${yearOf(approvedAt)})粤${region4}破${seq()}号`,
        court: id.district.court,
        approvedAt,
      });
      break;
    }
    case 'frequentInDomain':
      for (let k = 0; k < 3; k++) generalIn('market');
      break;
    case 'multiDomain':
      generalIn('tax');
      generalIn('market');
      e.environment.penalties.push(penalty('environment', inPeriod(), 'general'));
      break;
    default:
      break;
  }
  return e;
}
