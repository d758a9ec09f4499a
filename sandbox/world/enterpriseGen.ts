/**
 * What one enterprise's generation shares (enterprise.ts, traitRecords.ts): its random stream —
 * drawn from in one fixed order, so a world stays as it was — its identity, day and numbering.
 */
import { addDays } from '../../src/credit/dates.ts';
import type { Random } from '../random.ts';
import { money, type Identity, type WorldSpec } from './generate.ts';
import type { WorldListing, WorldPenalty } from './schema.ts';

/** One enterprise being generated. */
export class EnterpriseGen {
  private serial = 0;
  /** The region digits case numbers carry (粤1581). */
  readonly region4: string;
  /** Its district's market regulator, which registers it and lists it. */
  readonly marketAuthority: string;

  constructor(
    readonly spec: WorldSpec,
    readonly i: number,
    readonly id: Identity,
    readonly rnd: Random,
  ) {
    this.region4 = id.district.code.slice(2, 6);
    this.marketAuthority = `汕尾市${id.district.name}市场监督管理局`;
  }

  /** The next document number of this enterprise (unique in the world). */
  seq(): number {
    return this.i * 16 + ++this.serial;
  }

  /** A day between `min` and `max` days before the world's day. */
  daysAgo(min: number, max: number): string {
    return addDays(this.spec.asOf, -this.rnd.int(min, max));
  }

  /** A day within the general records' period (10–330 days ago). */
  inPeriod(): string {
    return this.daysAgo(10, 330);
  }

  /** A penalty of a department, dated, of a severity: its kinds, amount and fact drawn. */
  penalty(
    dept: 'tax' | 'market' | 'environment',
    date: string,
    severity: 'minor' | 'general' | 'serious',
  ): WorldPenalty {
    const { rnd } = this;
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
    return {
      id: `${prefix}〔${date.slice(0, 4)}〕${this.seq()}号`,
      date,
      kinds,
      amount,
      fact: rnd.pick(facts),
    };
  }

  /** A listing by an authority (its district's market regulator unless named). */
  listing(
    reason: string,
    listedAt: string,
    removedAt: string | null,
    authority = this.marketAuthority,
  ): WorldListing {
    return { reason, listedAt, authority, removedAt };
  }
}
