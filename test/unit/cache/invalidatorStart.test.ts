/**
 * A replica listens before it serves: the invalidator's start waits for its first subscription,
 * so a drop another replica publishes right after this one started is heard — and waits only so
 * long when Redis is away (the change feed catches up then). Over a fake subscriber.
 */
import { EventEmitter } from 'node:events';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { TieredCache } from '../../../src/cache/TieredCache.ts';
import { Invalidator } from '../../../src/cache/invalidation.ts';
import type { RedisClient } from '../../../src/cache/redisClient.ts';

/** A subscriber that is ready and answers SUBSCRIBE after `delayMs` (never, with null). */
function fakeSubscriber(delayMs: number | null): RedisClient & { subscribedAt: number | null } {
  const sub = Object.assign(new EventEmitter(), {
    status: 'ready',
    subscribedAt: null as number | null,
    subscribe: (): Promise<number> =>
      delayMs === null
        ? new Promise<number>(() => {})
        : new Promise<number>((resolve) =>
            setTimeout(() => {
              sub.subscribedAt = performance.now();
              resolve(1);
            }, delayMs),
          ),
  });
  return sub as unknown as RedisClient & { subscribedAt: number | null };
}

const logger = pino({ level: 'silent' });
const cache = (): TieredCache => new TieredCache({ maxStaleSeconds: 60 });

describe('the invalidator starts listening before the replica serves', () => {
  it('start resolves once the subscription is in place', async () => {
    const sub = fakeSubscriber(150);
    const inv = new Invalidator({ cache: cache(), subscriber: sub, replicaId: 'r', logger });
    await inv.start();
    expect(sub.subscribedAt).not.toBeNull();
    inv.stop();
  });

  it('a subscription that does not come in time does not hold the start', async () => {
    const sub = fakeSubscriber(null);
    const inv = new Invalidator({
      cache: cache(),
      subscriber: sub,
      replicaId: 'r',
      logger,
      subscribeWaitMs: 100,
    });
    const t0 = performance.now();
    await inv.start();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(90);
    expect(sub.subscribedAt).toBeNull();
    inv.stop();
  });
});
