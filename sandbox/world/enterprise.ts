/**
 * Enterprise `i` of a world in full (generate.ts draws its identity and trait): registration, tax,
 * environment and court data, commitments, then its trait's records — a pure function of
 * (seed, asOf, i), its random stream drawn in one fixed order.
 */
import { addDays } from '../../src/credit/dates.ts';
import { createRandom, mixSeed } from '../random.ts';
import { EnterpriseGen } from './enterpriseGen.ts';
import {
  approvalDate,
  identityOf,
  money,
  personName,
  residentIdCheck,
  trade,
  type WorldSpec,
} from './generate.ts';
import { COOPERATIVE_TRADE, INDUSTRIES, STREETS, TRADE_WORDS } from './names.ts';
import type { WorldEnterprise } from './schema.ts';
import { applyTrait } from './traitRecords.ts';

/** Builds enterprise `i` in full. */
export function generateEnterprise(spec: WorldSpec, i: number): WorldEnterprise {
  const id = identityOf(spec, i);
  const rnd = createRandom(mixSeed(spec.seed, i, 2));
  const g = new EnterpriseGen(spec, i, id, rnd);
  const { asOf } = spec;
  const trait = id.trait;
  const estDate = trait === 'newTaxpayer' ? g.daysAgo(60, 300) : g.daysAgo(400, 9000);
  const birth = addDays('1960-01-01', rnd.int(0, 13_000)).replaceAll('-', '');
  const idBody = `${id.district.code}${birth}${String(rnd.int(10, 999)).padStart(3, '0')}`;
  const rated = id.kind !== 'individual' && rnd.chance(0.4);
  const marketAuthority = g.marketAuthority;
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

  addYearly(g, e, estDate, rated);
  applyTrait(g, e, trait);
  return e;
}

/** Tax ratings and tax paid for each full year (at most three), environment cards, a commitment. */
function addYearly(g: EnterpriseGen, e: WorldEnterprise, estDate: string, rated: boolean): void {
  const { rnd } = g;
  const asOfYear = Number(g.spec.asOf.slice(0, 4));
  const seq = (): number => g.seq();
  const daysAgo = (min: number, max: number): string => g.daysAgo(min, max);
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
}
