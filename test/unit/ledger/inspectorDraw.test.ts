/** Two inspectors per drawn enterprise: nearest region first, never a conflicted one, short said. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignInspectors, type PoolInspector } from '../../../src/ledger/inspectorDraw.ts';

const LUFENG = '91441581MA4W000001';
const CITY = '91441500MA4W000002';
const pool: PoolInspector[] = [
  { id: '1', region: '441581', conflicts: [LUFENG] },
  { id: '2', region: '441581', conflicts: [] },
  { id: '3', region: '4415', conflicts: [] },
  { id: '4', region: '4415', conflicts: [] },
  { id: '5', region: '4401', conflicts: [] },
];

describe('assignInspectors', () => {
  it('the nearest eligible first: a Lufeng enterprise whose Lufeng inspector is conflicted gets the other and one from the city', () => {
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const [a] = assignInspectors([{ uscc: LUFENG }], pool, seed).assignments;
      expect(a!.inspectors).toContain('2');
      expect(a!.inspectors).not.toContain('1');
      expect(['3', '4']).toContain(a!.inspectors.find((i) => i !== '2'));
    }
  });

  it('a city enterprise gets two city inspectors, never Lufeng’s nor another city’s', () => {
    const [a] = assignInspectors([{ uscc: CITY }], pool, 'seed').assignments;
    expect([...a!.inspectors].sort()).toEqual(['3', '4']);
  });

  it('for any seed: two distinct, none conflicted, the same from the same seed; fewer than two eligible is said', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const { assignments, short } = assignInspectors([{ uscc: LUFENG }, { uscc: CITY }], pool, seed);
        for (const a of assignments) {
          expect(new Set(a.inspectors).size).toBe(2);
          for (const id of a.inspectors)
            expect(pool.find((p) => p.id === id)!.conflicts).not.toContain(a.uscc);
        }
        expect(short).toEqual([]);
        expect(
          assignInspectors([{ uscc: LUFENG }, { uscc: CITY }], [...pool].reverse(), seed).assignments,
        ).toEqual(assignments);
      }),
      { numRuns: 300 },
    );
    const tiny = assignInspectors([{ uscc: LUFENG }], pool.slice(0, 2), 's');
    expect(tiny.short).toEqual([LUFENG]);
    expect(tiny.assignments[0]!.inspectors).toEqual(['2']);
  });
});
