/**
 * Dates people read are Beijing dates: an evaluation made at 01:30 Beijing time (17:30 UTC the day
 * before) is dated that Beijing day, as its Beijing times say — not the UTC date a day behind.
 */
import { describe, expect, it } from 'vitest';
import { beijingDate } from '../../../src/credit/dates.ts';
import { enterprise } from '../../helpers/domain.ts';
import { principal, startInProcess } from '../../helpers/inProcess.ts';

describe('Beijing dates', () => {
  it('the date turns at Beijing midnight (16:00 UTC), not at UTC midnight', () => {
    const cases: Array<[string, string]> = [
      ['2026-11-01T15:59:59Z', '2026-11-01'],
      ['2026-11-01T16:00:00Z', '2026-11-02'],
      ['2026-11-01T23:59:59Z', '2026-11-02'],
      ['2026-12-31T16:30:00Z', '2027-01-01'],
    ];
    for (const [at, date] of cases) expect(beijingDate(Date.parse(at)), at).toBe(date);
    expect(cases.length).toBeGreaterThan(0);
  });

  it('an evaluation at 01:30 Beijing time is dated that Beijing day', async () => {
    const e = enterprise(() => undefined);
    const gw = await startInProcess([e], {}, { now: () => Date.parse('2026-11-01T17:30:00Z') });
    try {
      const r = await gw.run(
        'query($u: USCC!) { enterprise(uscc: $u) { evaluation { evaluatedAt } } }',
        { u: e.uscc },
        principal('regulator', { purpose: 'SUPERVISION' }),
      );
      expect(r.errors).toBeUndefined();
      expect((r.data as any).enterprise.evaluation.evaluatedAt).toBe('2026-11-02');
    } finally {
      await gw.close();
    }
  });
});
