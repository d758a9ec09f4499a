/**
 * Deadlines passed, told once (docs/rules.md "Objections", "Commitments", "Interviews"), on both
 * engines: an objection left unanswered, a commitment left pending and an interview's
 * rectification left undone each become one event the day after their deadline — to the
 * department that let it pass (and regulators), not to another department — and never again;
 * one answered, decided or rectified in time is never told. The day is given, not read from a clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '../../src/credit/uscc.ts';
import type { CreditEvent } from '../../src/events/creditEvents.ts';
import { receives } from '../../src/events/eventAudience.ts';
import { EventStore } from '../../src/events/EventStore.ts';
import { CommitmentChecks } from '../../src/ledger/CommitmentChecks.ts';
import { DeadlineNotices } from '../../src/ledger/DeadlineNotices.ts';
import { Interviews } from '../../src/ledger/Interviews.ts';
import { Objections } from '../../src/ledger/Objections.ts';
import type { LedgerDb } from '../../src/ledger/openLedger.ts';
import { LEDGER_ENGINES, openTestLedger } from '../helpers/postgres.ts';

const [a, b, c] = [1, 2, 3].map((i) => buildUscc('9', '1', '441500', String(50_000_000 + i))) as [
  string,
  string,
  string,
];

describe.each(LEDGER_ENGINES)('deadline notices on %s', (engine, available) => {
  let db: LedgerDb;
  let close: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    if (available) ({ db, close } = await openTestLedger(engine));
  }, 60_000);
  afterAll(async () => {
    await close?.();
  });

  it.skipIf(!available)(
    'each passed deadline is one event, the day after, to its department; in time none',
    async () => {
      const objections = new Objections(db.pool);
      const commitments = new CommitmentChecks(db.pool);
      const interviews = new Interviews(db.pool, 'default');
      const filed = {
        reason: '事实有误',
        filedAt: '2026-11-02T02:00:00Z',
        filedOn: '2026-11-02',
        compareDueOn: '2026-11-09',
      };
      await objections.record({
        ...filed,
        id: 'O1',
        uscc: a,
        recordRef: 'market:P1',
        department: 'MARKET',
        answerDueOn: '2026-11-04',
      });
      await objections.record({
        ...filed,
        id: 'O2',
        uscc: b,
        recordRef: 'tax:P2',
        department: 'TAX',
        answerDueOn: '2026-11-04',
      });
      const registered = { type: '告知承诺', matter: '食品经营许可', registeredAt: '2026-11-02T02:00:00Z' };
      await commitments.record({
        ...registered,
        id: 'C1',
        uscc: b,
        department: 'MARKET',
        dueOn: '2026-11-05',
      });
      await commitments.record({ ...registered, id: 'C2', uscc: c, department: 'TAX', dueOn: '2026-11-05' });
      const held = {
        kind: 'PROMPT' as const,
        heldOn: '2026-11-02',
        officials: '张三、李四',
        required: '整改',
        recordedAt: '2026-11-02T02:00:00Z',
      };
      const i1 = await interviews.record(
        { ...held, uscc: c, department: 'ENVIRONMENT', rectifyBy: '2026-11-06' },
        'env/1',
      );
      const i2 = await interviews.record(
        { ...held, uscc: a, department: 'ENVIRONMENT', rectifyBy: '2026-11-06' },
        'env/1',
      );
      // In time: TAX answers its objection, TAX decides its commitment, the second interview is rectified.
      await objections.answer('O2', 'REJECTED', '事实清楚', 'TAX/1', new Date('2026-11-04T02:00:00Z'));
      await commitments.decide('C2', 'FULFILLED', 'TAX/1', new Date('2026-11-05T02:00:00Z'));
      await interviews.rectified(i2.id, '2026-11-06', 'env/1');

      const notices = new DeadlineNotices(db.pool);
      const events = new EventStore(db.pool);
      const told = async (today: string) =>
        [await notices.notice(today), await events.after('0', 100)] as const;
      // On each deadline day itself: nothing is overdue yet.
      expect((await told('2026-11-04'))[0]).toEqual({ objections: 0, commitments: 0, interviews: 0 });
      expect((await told('2026-11-05'))[0]).toEqual({ objections: 1, commitments: 0, interviews: 0 });
      expect((await told('2026-11-06'))[0]).toEqual({ objections: 0, commitments: 1, interviews: 0 });
      const [counts, all] = await told('2026-11-07');
      expect(counts).toEqual({ objections: 0, commitments: 0, interviews: 1 });
      const view = (e: CreditEvent) => ({
        uscc: e.uscc,
        kind: e.kind,
        departments: e.departments,
        content: e.content,
      });
      expect(all.map(view)).toEqual([
        {
          uscc: a,
          kind: 'OBJECTION_OVERDUE',
          departments: ['MARKET'],
          content: { deadline: { id: 'O1', department: 'MARKET', dueOn: '2026-11-04', about: 'market:P1' } },
        },
        {
          uscc: b,
          kind: 'COMMITMENT_OVERDUE',
          departments: ['MARKET'],
          content: {
            deadline: { id: 'C1', department: 'MARKET', dueOn: '2026-11-05', about: '食品经营许可' },
          },
        },
        {
          uscc: c,
          kind: 'INTERVIEW_OVERDUE',
          departments: ['ENVIRONMENT'],
          content: {
            deadline: { id: i1.id, department: 'ENVIRONMENT', dueOn: '2026-11-06', about: 'PROMPT' },
          },
        },
      ]);
      // Told once: a later turn (another replica's, after a restart) tells nothing again.
      expect((await told('2026-12-01'))[0]).toEqual({ objections: 0, commitments: 0, interviews: 0 });
      expect(await events.after('0', 100)).toHaveLength(3);
      // Who receives them: the department that let it pass and regulators; not another department, not a bank.
      const market = {
        role: 'department' as const,
        org: 'MARKET',
        uscc: null,
        purpose: 'SUPERVISION' as const,
      };
      const tax = { ...market, org: 'TAX' };
      const regulator = {
        role: 'regulator' as const,
        org: 'samr',
        uscc: null,
        purpose: 'SUPERVISION' as const,
      };
      const bank = { role: 'bank' as const, org: 'bank-1', uscc: null, purpose: 'PRE_CREDIT' as const };
      const now = Date.parse('2026-11-07T02:00:00Z');
      expect(all.map((e) => receives(market, e, [], now))).toEqual([true, true, false]);
      expect(all.map((e) => receives(tax, e, [], now))).toEqual([false, false, false]);
      expect(all.map((e) => receives(regulator, e, [], now))).toEqual([true, true, true]);
      expect(all.map((e) => receives(bank, e, [], now))).toEqual([false, false, false]);
    },
  );
});
