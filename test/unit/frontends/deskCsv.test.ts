/** The desk's CSV export: a cell a spreadsheet would run as a formula is kept as text (CSV injection). */
import { describe, expect, it } from 'vitest';
import { drawCsv, type Draw } from '../../../src/frontends/desk/deskRoutes.ts';

const draw = (seed: string): Draw =>
  ({
    id: 'd-1',
    department: 'MARKET',
    seed,
    drawnAt: '2026-11-01T02:00:00Z',
    publishedAt: null,
    tiers: [],
    enterprises: [{ uscc: '91441500MA4W5R3X2Q', tier: 'HIGH' }],
  }) as unknown as Draw;

describe('desk CSV', () => {
  it('formula-looking cells start with an apostrophe; plain ones are unchanged', () => {
    const cases: Array<[string, string]> = [
      ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
      ['+1+2', "'+1+2"],
      ['-2+3', "'-2+3"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\tcmd', "'\tcmd"],
      ['20261101-market', '20261101-market'],
    ];
    for (const [seed, cell] of cases) {
      const line = drawCsv(draw(seed)).split('\r\n')[1]!;
      expect(line.split(',').slice(2).join(',').startsWith(cell), seed).toBe(true);
    }
    expect(cases.length).toBeGreaterThan(0);
  });
});
