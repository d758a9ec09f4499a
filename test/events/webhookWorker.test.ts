/**
 * The webhook worker against real receivers on loopback and a store that records what it is told:
 * a receiver that accepts and never answers holds only its own slots — other organizations'
 * deliveries arrive while it hangs — and its attempts end by the worker's own timeout.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEvent, AuditSink } from '../../src/audit/AuditLog.ts';
import type { ConsentCache } from '../../src/auth/consents.ts';
import { parseAllowList } from '../../src/events/allowList.ts';
import type { AttemptOutcome, ClaimedDelivery, EventStore, WebhookRow } from '../../src/events/EventStore.ts';
import { WebhookWorker } from '../../src/events/WebhookWorker.ts';
import { parseQuotas, Quotas } from '../../src/server/quotas.ts';

interface Receiver {
  port: number;
  got: string[];
  held: ServerResponse[];
  server: Server;
}

/** A receiver on loopback: answers 200 at once, or (hang) reads the request and never answers. */
async function receiver(hang: boolean): Promise<Receiver> {
  const r: Partial<Receiver> = { got: [], held: [] };
  r.server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      r.got!.push(body);
      if (hang) r.held!.push(res);
      else res.writeHead(200).end();
    });
  });
  await new Promise<void>((ok) => r.server!.listen(0, '127.0.0.1', ok));
  r.port = (r.server.address() as AddressInfo).port;
  return r as Receiver;
}

function hook(id: string, org: string, port: number): WebhookRow {
  return {
    id,
    ownerRole: 'regulator',
    ownerOrg: org,
    ownerSubject: null,
    purpose: 'SUPERVISION',
    url: `http://127.0.0.1:${port}/hooks`,
    kinds: ['RECORD_ADDED'],
    usccs: null,
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    keyId: 'wk_test',
    previous: null,
    createdAt: new Date().toISOString(),
    removedAt: null,
  };
}

/** The queue's claim and finish, in memory: oldest first, a claim skips the webhooks it is told are full. */
function fakeStore(deliveries: ClaimedDelivery[]) {
  const pending = [...deliveries];
  const finished: Array<{ id: string; outcome: AttemptOutcome }> = [];
  const store = {
    fanOut: async () => 0,
    claim: async (_holder: string, limit: number, _lease: number, except: readonly string[] = []) => {
      const out: ClaimedDelivery[] = [];
      for (const d of [...pending]) {
        if (out.length >= limit) break;
        if (except.includes(d.webhook.id)) continue;
        out.push(d);
        pending.splice(pending.indexOf(d), 1);
      }
      return out;
    },
    release: async (id: string) => {
      const d = deliveries.find((x) => x.id === id)!;
      pending.unshift(d);
    },
    finish: async (id: string, _holder: string, _attempt: number, outcome: AttemptOutcome) => {
      finished.push({ id, outcome });
    },
  };
  return { store: store as unknown as EventStore, finished };
}

const event = (n: number) => ({
  id: String(n),
  at: new Date().toISOString(),
  uscc: `9144150000000000${String(n).padStart(2, '0')}`,
  kind: 'RECORD_ADDED' as const,
  departments: [],
  content: {},
});

describe('webhook worker', () => {
  const open: Receiver[] = [];
  let worker: WebhookWorker | null = null;
  afterEach(async () => {
    for (const r of open) for (const res of r.held) res.destroy();
    await worker?.stop();
    worker = null;
    await Promise.all(open.splice(0).map((r) => new Promise((ok) => r.server.close(ok))));
  });

  it('a receiver that never answers delays no other organization’s delivery, and its attempts time out', async () => {
    const silent = await receiver(true);
    const healthy = await receiver(false);
    open.push(silent, healthy);
    const slow = hook('wh-slow', 'bank-slow', silent.port);
    const good = hook('wh-good', 'samr', healthy.port);
    // Twenty deliveries to the silent receiver come first in the queue (older events), then one to the healthy one.
    const deliveries: ClaimedDelivery[] = [
      ...Array.from({ length: 20 }, (_, k) => ({
        id: `d${k}`,
        attempts: 0,
        createdAt: new Date().toISOString(),
        event: event(k),
        webhook: slow,
      })),
      { id: 'd-good', attempts: 0, createdAt: new Date().toISOString(), event: event(99), webhook: good },
    ];
    const { store, finished } = fakeStore(deliveries);
    const timeoutMs = 1500;
    worker = new WebhookWorker({
      store: () => store,
      allow: parseAllowList(`127.0.0.1:${silent.port},127.0.0.1:${healthy.port}`),
      consentCache: { get: async () => [] } as unknown as ConsentCache,
      holder: 'test',
      logger: pino({ level: 'silent' }),
      timeoutMs,
      concurrency: 16,
    });
    await worker.tick();
    // The healthy receiver has its delivery while the silent one still holds requests unanswered.
    await expect.poll(() => healthy.got.length, { timeout: 10_000, interval: 20 }).toBe(1);
    await expect.poll(() => silent.got.length, { timeout: 10_000, interval: 20 }).toBeGreaterThan(0);
    expect(silent.held.length).toBe(silent.got.length); // none of them answered
    // Its outcome is recorded once the receiver's answer is in (a moment after the request arrived).
    await expect
      .poll(() => finished.find((f) => f.id === 'd-good')?.outcome.status, { timeout: 10_000, interval: 20 })
      .toBe('delivered');
    // The silent receiver holds at most its own share of the slots.
    expect(silent.got.length).toBeLessThanOrEqual(4);
    // Its attempts end by the worker's timeout, to be retried — the slots come back.
    await expect
      .poll(() => finished.filter((f) => f.id !== 'd-good').length, { timeout: 20_000, interval: 50 })
      .toBeGreaterThan(0);
    for (const f of finished.filter((x) => x.id !== 'd-good')) {
      expect(f.outcome.status).toBe('retry');
      expect((f.outcome as { error: string }).error).toBe('timed out');
    }
  });

  it('each delivery is recorded in the audit chain before it is sent, as a read by the webhook’s owner; unrecorded, it is not sent', async () => {
    const healthy = await receiver(false);
    open.push(healthy);
    const good = { ...hook('wh-samr', 'samr', healthy.port), ownerSubject: 'inspector-1' };
    const delivery = (id: string, n: number): ClaimedDelivery => ({
      id,
      attempts: 0,
      createdAt: new Date().toISOString(),
      event: event(n),
      webhook: good,
    });
    const appended: AuditEvent[] = [];
    let failing = false;
    const audit: AuditSink = {
      append: async (e) => {
        if (failing) throw new Error('disk full');
        appended.push(e);
      },
      close: async () => undefined,
    };
    const { store, finished } = fakeStore([delivery('d1', 1)]);
    worker = new WebhookWorker({
      store: () => store,
      allow: parseAllowList(`127.0.0.1:${healthy.port}`),
      consentCache: { get: async () => [] } as unknown as ConsentCache,
      holder: 'test',
      logger: pino({ level: 'silent' }),
      audit,
    });
    await worker.tick();
    await worker.idle();
    expect(finished.find((f) => f.id === 'd1')?.outcome.status).toBe('delivered');
    expect(healthy.got).toHaveLength(1);
    expect(appended).toHaveLength(1);
    expect(appended[0]).toMatchObject({
      role: 'regulator',
      org: 'samr',
      subject: 'inspector-1',
      purpose: 'SUPERVISION',
      action: 'read',
      operation: 'webhook',
      enterprises: [event(1).uscc],
      fieldGroups: ['Subscription.creditEvents'],
    });
    // The audit log cannot be written: nothing is sent; the delivery is retried later.
    failing = true;
    const second = fakeStore([delivery('d2', 2)]);
    await worker.stop();
    worker = new WebhookWorker({
      store: () => second.store,
      allow: parseAllowList(`127.0.0.1:${healthy.port}`),
      consentCache: { get: async () => [] } as unknown as ConsentCache,
      holder: 'test',
      logger: pino({ level: 'silent' }),
      audit,
    });
    const before = healthy.got.length;
    await worker.tick();
    await worker.idle();
    expect(healthy.got.length).toBe(before);
    expect(second.finished[0]?.outcome).toMatchObject({
      status: 'retry',
      error: 'the audit log cannot be written, so the event is not sent',
    });
  });

  it('each delivery counts against the owner’s daily event quota (a real Quotas); past it nothing is sent and it waits for midnight, not dead-lettered', async () => {
    const healthy = await receiver(false);
    open.push(healthy);
    const good = hook('wh-bank', 'bank-q', healthy.port);
    const delivery = (id: string, n: number): ClaimedDelivery => ({
      id,
      attempts: 0,
      createdAt: new Date().toISOString(),
      event: event(n),
      webhook: good,
    });
    const now = Date.parse('2026-11-01T08:00:00Z'); // 16:00 in Beijing: eight hours to renewal
    const quotas = new Quotas(
      parseQuotas(JSON.stringify({ organizations: { 'bank-q': { eventsPerDay: 2 } } })),
      null,
      () => now,
    );
    const { store, finished } = fakeStore([delivery('d1', 1), delivery('d2', 2), delivery('d3', 3)]);
    worker = new WebhookWorker({
      store: () => store,
      allow: parseAllowList(`127.0.0.1:${healthy.port}`),
      consentCache: { get: async () => [] } as unknown as ConsentCache,
      holder: 'test',
      logger: pino({ level: 'silent' }),
      concurrency: 1,
      quota: (org) => quotas.use(org, 'events', 1),
    });
    // One at a time, a round each: the three in order.
    for (let i = 0; i < 3; i++) {
      await worker.tick();
      await worker.idle();
    }
    expect(healthy.got).toHaveLength(2);
    const statuses = Object.fromEntries(finished.map((f) => [f.id, f.outcome]));
    expect([statuses.d1?.status, statuses.d2?.status]).toEqual(['delivered', 'delivered']);
    expect(statuses.d3).toMatchObject({
      status: 'retry',
      error: expect.stringContaining('daily event quota (2)'),
    });
    const waitMs = (statuses.d3 as { nextAt: Date }).nextAt.getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(8 * 3600_000 - 60_000);
    expect(waitMs).toBeLessThanOrEqual(8 * 3600_000 + 1000);
  });
});
