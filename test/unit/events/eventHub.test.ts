/**
 * The hub's subscription slots: taken when a subscription is made (a burst cannot pass the bound),
 * given back at once when the client goes (a waiting stream does not hold its slot until the next
 * event), and a stream ended by its client yields nothing more — no ghost deliveries to audit.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ConsentCache } from '../../../src/auth/consents.ts';
import type { Principal } from '../../../src/auth/principal.ts';
import type { CreditEvent } from '../../../src/events/creditEvents.ts';
import { EventHub } from '../../../src/events/EventHub.ts';
import type { EventStore } from '../../../src/events/EventStore.ts';

/** An outbox in memory. */
function outbox() {
  const events: CreditEvent[] = [];
  const store = {
    head: async () => String(events.at(-1)?.id ?? 0),
    after: async (after: string, limit: number) =>
      events.filter((e) => Number(e.id) > Number(after)).slice(0, limit),
  };
  const add = (uscc: string): void => {
    events.push({
      id: String(events.length + 1),
      at: new Date().toISOString(),
      uscc,
      kind: 'RECORD_ADDED',
      departments: [],
      content: {},
    });
  };
  return { store: store as unknown as EventStore, add };
}

const regulator: Principal = {
  role: 'regulator',
  subject: 'inspector-1',
  org: 'samr',
  uscc: null,
  purpose: 'SUPERVISION',
} as Principal;

async function hubWith(store: EventStore): Promise<EventHub> {
  const hub = new EventHub({
    store: () => store,
    consentCache: { get: async () => [] } as unknown as ConsentCache,
    logger: pino({ level: 'silent' }),
    now: Date.now,
    intervalMs: 60_000,
    perPrincipal: 5,
  });
  await hub.poll(); // the first read takes the outbox's position
  return hub;
}

describe('event hub subscription slots', () => {
  it('a burst of subscriptions cannot pass the bound', async () => {
    const hub = await hubWith(outbox().store);
    const made: unknown[] = [];
    const refused: string[] = [];
    for (let i = 0; i < 6; i++) {
      try {
        made.push(hub.subscribe(regulator, {}, null));
      } catch (err) {
        refused.push((err as { extensions: { code: string } }).extensions.code);
      }
    }
    expect(made).toHaveLength(5);
    expect(refused).toEqual(['RATE_LIMITED']);
    expect(hub.subscriptions).toBe(5);
    hub.close();
  });

  it('a client that goes while its stream waits frees the slot at once and is delivered nothing after', async () => {
    const { store, add } = outbox();
    const hub = await hubWith(store);
    // Five reconnects: each subscription waits for events, then its client goes.
    for (let round = 0; round < 5; round++) {
      const it = hub.subscribe(regulator, {}, null);
      const pending = it.next();
      await new Promise((r) => setImmediate(r));
      await it.return(undefined);
      expect(hub.subscriptions).toBe(0);
      add(`91440300000000000${round}`);
      await hub.poll();
      // The stream that was waiting ends; the event is not delivered to a client that left.
      expect(await pending).toEqual({ done: true, value: undefined });
    }
    // Still room for five live subscriptions.
    const live = Array.from({ length: 5 }, () => hub.subscribe(regulator, {}, null));
    expect(hub.subscriptions).toBe(5);
    const first = live[0]!.next();
    add('914403000000000099');
    await hub.poll();
    expect(((await first).value as CreditEvent).uscc).toBe('914403000000000099');
    hub.close();
  });

  it('a subscription never started gives its slot back when returned', async () => {
    const hub = await hubWith(outbox().store);
    const it = hub.subscribe(regulator, {}, null);
    expect(hub.subscriptions).toBe(1);
    await it.return(undefined);
    expect(hub.subscriptions).toBe(0);
    hub.close();
  });
});
