/**
 * The backfill never leaves a hole: an enterprise assessed only provisionally (a department did not
 * answer) is tried again with backoff until its assessment is complete, and the pass is not called
 * finished while any waits. Fakes record the calls; nothing else runs, on a fake clock (vitest's
 * timers, Date and performance): the backfill's pacing, backoff and turns move only as the test
 * moves time, so a busy machine cannot change what happens.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Backfill } from '../../../src/ledger/Backfill.ts';
import type { BackfillProgress, LedgerJobs } from '../../../src/ledger/LedgerStore.ts';

function fakeJobs(due: string[][] = []) {
  const progress: BackfillProgress = { nextPage: 1, total: null, assessed: 0, finishedAt: null };
  const jobs = {
    /** The ledger's answer to "who is due for re-evaluation": each call takes the next list given. */
    dueForReevaluation: async () => due.shift() ?? [],
    lease: async () => true,
    release: async () => undefined,
    restart: async () => undefined,
    progress: async () => ({ ...progress }),
    advance: async (_n: string, page: number, total: number, count: number, finished: boolean) => {
      progress.nextPage = page + 1;
      progress.total = total;
      progress.assessed += count;
      if (finished) progress.finishedAt = new Date().toISOString();
    },
  };
  return jobs as unknown as LedgerJobs;
}

/** A backfill over a registry of `codes` in pages of ten, assessing with `assess` (which answers the incomplete ones). */
function overRegistry(
  codes: string[],
  jobs: LedgerJobs,
  assess: (usccs: string[]) => Promise<string[]>,
  retryBaseMs?: number,
): Backfill {
  return new Backfill(
    {
      jobs: () => jobs,
      registryPage: async (page, size) => ({
        total: codes.length,
        usccs: codes.slice((page - 1) * size, page * size),
      }),
      assess,
      logger: pino({ level: 'silent' }),
      holder: 'test',
    },
    { perSecond: 10_000, pageSize: 10, retryBaseMs },
  );
}

beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'],
  });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Moves the fake clock in small steps until `done()` holds, for at most `limitMs` of fake time. */
async function advanceUntil(done: () => boolean, limitMs = 60_000, stepMs = 5): Promise<void> {
  for (let t = 0; t < limitMs && !done(); t += stepMs) await vi.advanceTimersByTimeAsync(stepMs);
}

/** Stops a backfill whose loop may be sleeping on the fake clock. */
async function stopped(backfill: Backfill): Promise<void> {
  let done = false;
  const stopping = backfill.stop().then(() => void (done = true));
  await advanceUntil(() => done);
  await stopping;
}

describe('backfill retries', () => {
  it('retries provisional assessments until complete; not finished while any is provisional', async () => {
    const codes = Array.from({ length: 6 }, (_, i) => `91441500000000000${i}`);
    // Two enterprises stay incomplete for their first three tries (a department down meanwhile).
    const flaky = new Map([
      [codes[1]!, 3],
      [codes[4]!, 3],
    ]);
    const assessed: string[][] = [];
    const jobs = fakeJobs();
    const backfill = overRegistry(
      codes,
      jobs,
      async (usccs) => {
        assessed.push([...usccs]);
        return usccs.filter((u) => {
          const left = flaky.get(u) ?? 0;
          if (left > 0) flaky.set(u, left - 1);
          return left > 0;
        });
      },
      5,
    );
    backfill.start();
    try {
      // The pass over the registry ends with two provisional: not finished.
      await advanceUntil(() => backfill.state.progress?.total === 6);
      expect(backfill.state.progress?.total).toBe(6);
      expect(assessed[0]).toEqual(codes);
      await advanceUntil(() => backfill.state.provisional === 0);
      expect(backfill.state.provisional).toBe(0);
      await advanceUntil(() => (backfill.state.progress?.finishedAt ?? null) !== null);
      expect(backfill.state.progress?.finishedAt ?? null).not.toBeNull();
      // Each flaky one was tried four times in all (three incomplete, then complete); the others once.
      const tries = (u: string): number => assessed.flat().filter((x) => x === u).length;
      expect(tries(codes[1]!)).toBe(4);
      expect(tries(codes[4]!)).toBe(4);
      expect(tries(codes[0]!)).toBe(1);
    } finally {
      await stopped(backfill);
    }
  });

  it('says the pass is not finished while an enterprise is provisional', async () => {
    const jobs = fakeJobs();
    const backfill = new Backfill(
      {
        jobs: () => jobs,
        registryPage: async () => ({ total: 1, usccs: ['914415000000000001'] }),
        assess: async (usccs) => usccs, // never complete
        logger: pino({ level: 'silent' }),
        holder: 'test',
      },
      { perSecond: 10_000, pageSize: 10, retryBaseMs: 60_000 },
    );
    backfill.start();
    try {
      await advanceUntil(() => backfill.state.provisional === 1);
      expect(backfill.state.provisional).toBe(1);
      expect(backfill.state.progress?.finishedAt ?? null).toBeNull();
    } finally {
      await stopped(backfill);
    }
  });

  it('between passes, re-assesses what the ledger says is due (old or provisional), with no feed event', async () => {
    const codes = Array.from({ length: 3 }, (_, i) => `91441500000000000${i}`);
    const assessed: string[][] = [];
    const jobs = fakeJobs([[codes[2]!, codes[0]!]]);
    const backfill = overRegistry(codes, jobs, async (usccs) => {
      assessed.push([...usccs]);
      return [];
    });
    backfill.start();
    try {
      await advanceUntil(() => assessed.length === 2);
      expect(assessed.length).toBe(2);
      expect(assessed).toEqual([codes, [codes[2], codes[0]]]);
    } finally {
      await stopped(backfill);
    }
  });

  it('the lease holder folds the ledger’s counts on its first turn and then now and then, not every turn; others never', async () => {
    const run = async (holds: boolean) => {
      let turns = 0;
      let kept = 0;
      let leases = 0;
      const jobs = fakeJobs();
      Object.assign(jobs, {
        lease: async () => (leases++, holds),
        progress: async () => (turns++, { nextPage: 1, total: 1, assessed: 1, finishedAt: 'x' }),
      });
      const backfill = new Backfill(
        {
          jobs: () => jobs,
          registryPage: async () => ({ total: 0, usccs: [] }),
          assess: async () => [],
          housekeeping: async () => void kept++,
          logger: pino({ level: 'silent' }),
          holder: 'test',
        },
        // A short lease: a replica without it tries again every 100 ms.
        { perSecond: 10_000, pageSize: 10, leaseMs: 300 },
      );
      backfill.start();
      try {
        // Holding: five turns (each waits 250 ms between passes); not holding: a second lease attempt
        // (a whole turn without the lease: the upkeep would have run on the first).
        if (holds) {
          await advanceUntil(() => turns >= 5);
          expect(turns).toBeGreaterThanOrEqual(5);
        } else {
          await advanceUntil(() => leases >= 2);
          expect(leases).toBeGreaterThanOrEqual(2);
        }
      } finally {
        await stopped(backfill);
      }
      return { turns, kept };
    };
    const holder = await run(true);
    expect(holder.kept).toBeGreaterThanOrEqual(1);
    expect(holder.kept).toBeLessThan(holder.turns);
    expect((await run(false)).kept).toBe(0);
  });
});
