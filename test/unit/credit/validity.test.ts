/** validUntilOf: the first day an assessment may change by time alone, a day early rather than late. */
import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../../src/credit/dates.ts';
import { collectRecords } from '../../../src/credit/collectRecords.ts';
import { validUntilOf } from '../../../src/credit/validity.ts';
import { enterprise, penalty, RULES, TODAY } from '../../helpers/domain.ts';

const until = (e: ReturnType<typeof enterprise>): string | null =>
  validUntilOf(collectRecords(e, RULES, TODAY), e, RULES, TODAY);

describe('validUntilOf', () => {
  it('nothing dated ahead: null (the re-evaluation cycle alone)', () => {
    expect(until(enterprise())).toBeNull();
  });

  it('a general record: the day before it leaves the 12-month period, whichever boundary comes first', () => {
    const date = addDays(addMonths(TODAY, -12), 10);
    const e = enterprise((x) => void x.market.penalties.push(penalty(['罚款'], '50000.00', date)));
    const day = until(e)!;
    expect(day > TODAY).toBe(true);
    expect(day <= addDays(addMonths(date, 12), -1)).toBe(true);
  });

  it('a pending commitment: the day before it falls due at the latest; a fulfilled one names no day', () => {
    const c = (status: 'PENDING' | 'FULFILLED') =>
      enterprise((x) => {
        x.credit.commitments.push({
          id: 'CM1',
          type: '信用承诺',
          matter: '行政许可',
          content: 'x',
          signedOn: TODAY,
          dueOn: addDays(TODAY, 10),
          status,
        });
      });
    expect(until(c('PENDING'))).toBe(addDays(TODAY, 9));
    expect(until(c('FULFILLED'))).toBeNull();
  });

  it('never a day already past, and always the earliest of several', () => {
    const e = enterprise((x) => {
      x.market.penalties.push(penalty(['责令停产停业'], null, addDays(addMonths(TODAY, -36), 10)));
      x.credit.lists.push({
        id: 'L1',
        list: 'RED',
        domain: '纳税',
        reason: 'A级',
        authority: '税务',
        listedOn: '2025-01-01',
        removedOn: addDays(TODAY, 3),
      });
    });
    expect(until(e)).toBe(addDays(TODAY, 2));
  });
});
