/**
 * The approval check and the profile's decisions, in process over a fake fetcher: verdicts from
 * docs/rules.md "Approval checks", completeness, the audit entry, and reads that do not write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeHistory } from '../../../src/credit/alerts.ts';
import type { GradeMemory } from '../../../src/cache/gradeMemory.ts';
import { buildUscc } from '../../../src/credit/uscc.ts';
import { enterprise, penalty } from '../../helpers/domain.ts';
import { principal, startInProcess, type InProcessGateway } from '../../helpers/inProcess.ts';

const CLEAN = buildUscc('9', '1', '440300', '20000001');
const SERIOUS = buildUscc('9', '1', '440300', '20000002');
/** Read by the last case only, so its grade history starts empty. */
const UNSEEN = buildUscc('9', '1', '440300', '20000003');
const withCode = (uscc: string, patch: Parameters<typeof enterprise>[0] = () => {}) => {
  const e = enterprise(patch);
  return { ...e, uscc, registration: { ...e.registration, uscc } };
};
const clerk = principal('clerk', { org: 'HALL-1', purpose: 'GOVERNMENT_PROCUREMENT' as never });
const CHECK =
  'query($u: USCC!, $m: Matter!) { creditCheck(uscc: $u, matter: $m) { verdict complete measures { code } sources { department status } } }';

/** A grade memory that records every write. */
function recordingGrades(): GradeMemory & { writes: string[] } {
  const m = new Map<string, GradeHistory>();
  const writes: string[] = [];
  return {
    writes,
    get: async (u, r) => m.get(`${u}|${r}`) ?? null,
    set: async (u, r, h) => void (writes.push(u), m.set(`${u}|${r}`, h)),
  };
}

let gw: InProcessGateway;
const grades = recordingGrades();
beforeAll(async () => {
  gw = await startInProcess(
    [
      withCode(CLEAN),
      withCode(UNSEEN),
      withCode(SERIOUS, (e) => e.market.penalties.push(penalty(['责令停产停业'], null, '2026-06-01'))),
    ],
    {},
    { grades },
  );
});
afterAll(() => gw.close());

describe('creditCheck in process', () => {
  it('a clean enterprise: FAST_TRACK, complete, every department OK', async () => {
    const r = await gw.run(
      CHECK,
      { u: CLEAN, m: 'ADMINISTRATIVE_LICENSING' },
      { ...clerk, purpose: 'LICENSING' },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.creditCheck).toMatchObject({ verdict: 'FAST_TRACK', complete: true });
    expect(r.data.creditCheck.sources.every((s: { status: string }) => s.status === 'OK')).toBe(true);
  });

  it('a serious record in force: RESTRICTED for procurement, with its measure', async () => {
    const r = await gw.run(
      CHECK,
      { u: SERIOUS, m: 'GOVERNMENT_PROCUREMENT' },
      { ...clerk, purpose: 'PROCUREMENT' },
    );
    expect(r.data.creditCheck.verdict).toBe('RESTRICTED');
    expect(r.data.creditCheck.measures.length).toBeGreaterThan(0);
  });

  it('a department down: never FAST_TRACK, marked incomplete', async () => {
    gw.fetcher.down.add('COURT');
    try {
      const r = await gw.run(
        CHECK,
        { u: CLEAN, m: 'ADMINISTRATIVE_LICENSING' },
        { ...clerk, purpose: 'LICENSING' },
      );
      expect(r.data.creditCheck.complete).toBe(false);
      expect(r.data.creditCheck.verdict).not.toBe('FAST_TRACK');
      expect(r.data.creditCheck.sources).toContainEqual({ department: 'COURT', status: 'UNAVAILABLE' });
    } finally {
      gw.fetcher.down.delete('COURT');
    }
  });

  it('a clerk’s check is audited, naming the enterprise; a public read is not', async () => {
    gw.audit.length = 0;
    await gw.run(CHECK, { u: CLEAN, m: 'BIDDING' }, { ...clerk, purpose: 'BIDDING' });
    await gw.run('query($u: USCC!) { enterprise(uscc: $u) { name } }', { u: CLEAN });
    expect(gw.audit).toHaveLength(1);
    expect(gw.audit[0]).toMatchObject({ role: 'clerk', enterprises: [CLEAN], outcome: 'served' });
  });

  it('reading records computes no grade and writes no history; an evaluation records the grade', async () => {
    grades.writes.length = 0;
    const regulator = principal('regulator', { purpose: 'SUPERVISION' });
    await gw.run('query($u: USCC!) { enterprise(uscc: $u) { records { id } } }', { u: UNSEEN }, regulator);
    expect(grades.writes).toEqual([]);
    await gw.run(
      'query($u: USCC!) { enterprise(uscc: $u) { evaluation { grade } } }',
      { u: UNSEEN },
      regulator,
    );
    expect(grades.writes).toEqual([UNSEEN]);
  });
});
