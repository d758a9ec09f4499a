/**
 * Each trait's records (generate.ts's TRAITS): what makes an enterprise clean, penalized, a
 * dishonest debtor, listed, revoked … drawn after its base data from the same random stream.
 */
import { addDays } from '../../src/credit/dates.ts';
import type { EnterpriseGen } from './enterpriseGen.ts';
import { money, type Trait } from './generate.ts';
import type { WorldEnterprise } from './schema.ts';

/** Adds the records of `trait` to `e`. */
/** What every trait's records are drawn with: the generation's stream and numbering, and shared shapes. */
interface Helpers {
  rnd: EnterpriseGen['rnd'];
  id: EnterpriseGen['id'];
  region4: string;
  asOf: string;
  asOfYear: number;
  seq: () => number;
  daysAgo: (min: number, max: number) => string;
  yearOf: (d: string) => string;
  penalty: EnterpriseGen['penalty'];
  listing: EnterpriseGen['listing'];
  inPeriod: () => string;
  generalIn: (dept: 'tax' | 'market' | 'environment') => void;
  dishonest: (removed: boolean) => void;
}

/** Adds the records of `trait` to `e`. */
export function applyTrait(g: EnterpriseGen, e: WorldEnterprise, trait: Trait): void {
  const { rnd, id, region4 } = g;
  const asOf = g.spec.asOf;
  const asOfYear = Number(asOf.slice(0, 4));
  const seq = (): number => g.seq();
  const daysAgo = (min: number, max: number): string => g.daysAgo(min, max);
  const yearOf = (d: string): string => d.slice(0, 4);
  const penalty = g.penalty.bind(g);
  const listing = g.listing.bind(g);
  const inPeriod = (): string => g.inPeriod();
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
  const h: Helpers = {
    rnd,
    id,
    region4,
    asOf,
    asOfYear,
    seq,
    daysAgo,
    yearOf,
    penalty,
    listing,
    inPeriod,
    generalIn,
    dishonest,
  };
  // One group draws for any trait (or none, for a clean enterprise).
  void (
    penaltyAndCourtTraits(h, e, trait) ||
    taxEnvironmentAndListTraits(h, e, trait) ||
    stateTraits(h, e, trait)
  );
}

/** Penalties, court records and market-regulation lists. True when `trait` is one of them. */
function penaltyAndCourtTraits(h: Helpers, e: WorldEnterprise, trait: Trait): boolean {
  const { rnd, id, region4, seq, daysAgo, yearOf, penalty, listing, inPeriod, generalIn, dishonest } = h;
  switch (trait) {
    case 'minorOnly':
      e.market.penalties.push(penalty('market', inPeriod(), 'minor'));
      return true;
    case 'generalPenalty':
      for (let k = rnd.int(1, 3); k > 0; k--) generalIn(rnd.pick(['tax', 'market'] as const));
      return true;
    case 'manyGeneral':
      for (let k = rnd.int(6, 8); k > 0; k--) generalIn(rnd.pick(['tax', 'market'] as const));
      return true;
    case 'seriousPenalty':
      e.market.penalties.push(penalty('market', daysAgo(200, 700), 'serious'));
      return true;
    case 'dishonestDebtor':
      dishonest(false);
      return true;
    case 'dishonestRemoved':
      dishonest(true);
      return true;
    case 'enforced': {
      const filedAt = inPeriod();
      e.court.enforced.push({
        caseCode: `(${yearOf(filedAt)})粤${region4}执${seq()}号`,
        court: id.district.court,
        filedAt,
        amount: money(rnd.int(50, 3000) * 100),
      });
      return true;
    }
    case 'restricted': {
      const issuedAt = inPeriod();
      e.court.restrictions.push({
        caseCode: `(${yearOf(issuedAt)})粤${region4}执${seq()}号`,
        court: id.district.court,
        issuedAt,
      });
      return true;
    }
    case 'abnormalListed':
      e.market.abnormal.push(listing('通过登记的住所或者经营场所无法联系', daysAgo(30, 900), null));
      return true;
    case 'abnormalRemoved': {
      const listedAt = daysAgo(200, 900);
      e.market.abnormal.push(
        listing('未按照规定的期限公示年度报告', listedAt, addDays(listedAt, rnd.int(30, 150))),
      );
      return true;
    }
    case 'seriousViolation':
      e.market.seriousViolations.push(
        listing('被列入经营异常名录届满3年仍未履行相关义务', daysAgo(30, 600), null, '汕尾市市场监督管理局'),
      );
      return true;
    default:
      return false;
  }
}

/** Tax, environment, the platform's lists, commitments, a revoked licence. True when `trait` is one of them. */
function taxEnvironmentAndListTraits(h: Helpers, e: WorldEnterprise, trait: Trait): boolean {
  const { rnd, asOfYear, seq, daysAgo, yearOf, penalty, inPeriod } = h;
  switch (trait) {
    case 'majorTaxCase': {
      const listedAt = daysAgo(30, 500);
      e.tax.majorCases.push({
        id: `汕税重案〔${yearOf(listedAt)}〕${seq()}号`,
        fact: '虚开增值税专用发票',
        listedAt,
        removedAt: null,
      });
      return true;
    }
    case 'taxGradeD':
      e.tax.ratings[0]!.grade = 'D';
      return true;
    case 'taxArrears':
      e.tax.arrears = money(rnd.int(100, 90_000) * 10);
      return true;
    case 'abnormalTaxpayer':
      e.tax.abnormal = true;
      return true;
    case 'envYellow':
    case 'envRed':
      if (e.environment.ratings.length === 0)
        e.environment.ratings.push({ year: asOfYear - 1, card: 'GREEN' });
      e.environment.ratings[0]!.card = trait === 'envYellow' ? 'YELLOW' : 'RED';
      e.environment.penalties.push(
        penalty('environment', inPeriod(), trait === 'envYellow' ? 'general' : 'serious'),
      );
      return true;
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
      return true;
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
      return true;
    case 'revoked':
      e.market.penalties.push({
        ...penalty('market', daysAgo(100, 600), 'general'),
        kinds: ['吊销营业执照'],
        amount: null,
      });
      return true;
    default:
      return false;
  }
}

/** Records in a particular state: expired, repaired, disputed, overdue, reorganized, frequent, across domains. True when `trait` is one of them. */
function stateTraits(h: Helpers, e: WorldEnterprise, trait: Trait): boolean {
  const { rnd, id, region4, seq, daysAgo, yearOf, penalty, inPeriod, generalIn } = h;
  switch (trait) {
    case 'expiredPublicity':
      // A general record past its one-year maximum and a serious one past three years: neither counts (docs/rules.md "Publicity and repair", "Grades and completeness").
      e.market.penalties.push(penalty('market', daysAgo(400, 700), 'general'));
      e.tax.penalties.push(penalty('tax', daysAgo(1100, 1400), 'serious'));
      return true;
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
      return true;
    }
    case 'redListedWithGeneral':
      // docs/rules.md "Approval checks": a RED entry brings the green channel even with a general record (grade B), never with a serious one.
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
      return true;
    case 'overdueCommitment': {
      // docs/rules.md "Approval checks": a PENDING commitment past its due date counts as BREACHED.
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
      return true;
    }
    case 'reorganized': {
      // docs/rules.md "Approval checks": records dated before a court-approved reorganisation plan stop counting (REORGANIZED).
      const approvedAt = daysAgo(40, 90);
      e.market.penalties.push(penalty('market', addDays(approvedAt, -rnd.int(60, 200)), 'serious'));
      e.credit.reorganizations.push({
        caseNo: `(${yearOf(approvedAt)})粤${region4}破${seq()}号`,
        court: id.district.court,
        approvedAt,
      });
      return true;
    }
    case 'frequentInDomain':
      for (let k = 0; k < 3; k++) generalIn('market');
      return true;
    case 'multiDomain':
      generalIn('tax');
      generalIn('market');
      e.environment.penalties.push(penalty('environment', inPeriod(), 'general'));
      return true;
    default:
      return false;
  }
}
