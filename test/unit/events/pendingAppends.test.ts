/**
 * Consent events while the ledger cannot take them: held in order, appended when
 * it can, and what is left at shutdown logged as lost by kind and consent id — never dropped silently.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { EventDraft } from '../../../src/events/creditEvents.ts';
import { PendingAppends } from '../../../src/events/PendingAppends.ts';

const draft = (id: string, kind: EventDraft['kind'] = 'CONSENT_GRANTED'): EventDraft => ({
  uscc: '91441500MA4UXXXX0X',
  kind,
  departments: [],
  content: { consent: { id } },
});

/** An outbox that refuses while `down`, recording what it took. */
function fakeStore() {
  const taken: string[] = [];
  const s = {
    down: true,
    taken,
    append: async (e: EventDraft) => {
      if (s.down) throw new Error('connection refused');
      taken.push(`${e.kind}:${(e.content.consent as { id: string }).id}`);
    },
  };
  return s;
}

describe('events waiting for the ledger', () => {
  it('holds events in order while the ledger refuses, and appends them in that order when it takes them', async () => {
    const store = fakeStore();
    const q = new PendingAppends({ store: () => store, logger: pino({ level: 'silent' }), retryMs: 60_000 });
    await q.append(draft('c1'));
    store.down = false;
    // A later event waits behind the held one (appending it first would reorder grant and revoke).
    await q.append(draft('c1', 'CONSENT_REVOKED'));
    expect(store.taken).toEqual([]);
    expect(q.pending).toBe(2);
    await q.flush();
    expect(store.taken).toEqual(['CONSENT_GRANTED:c1', 'CONSENT_REVOKED:c1']);
    expect(q.pending).toBe(0);
    await q.append(draft('c2'));
    expect(store.taken.at(-1)).toBe('CONSENT_GRANTED:c2');
    await q.close();
  });

  it('holds while there is no ledger at all, and names what is lost at shutdown', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (l: string) => void lines.push(JSON.parse(l)) });
    const q = new PendingAppends({ store: () => null, logger, retryMs: 60_000 });
    await q.append(draft('c9'));
    expect(q.pending).toBe(1);
    await q.close();
    expect(lines).toContainEqual(
      expect.objectContaining({
        kind: 'CONSENT_GRANTED',
        consent: 'c9',
        msg: expect.stringMatching(/lost at shutdown/),
      }),
    );
  });
});
