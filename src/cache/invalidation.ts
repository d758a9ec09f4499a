/**
 * Keeps every replica's cache in step: a change to an enterprise (from the credit platform's
 * feed, or the gateway's own writes) drops its entries in L2 and, through Redis pub/sub, in
 * every replica's L1; a lost feed position drops everything by moving to a new generation.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { SOURCE_NAMES } from '../loading/sources.ts';
import type { ChangeListener } from '../feed/ChangeFollower.ts';
import type { RedisClient } from './redisClient.ts';
import { isReady, multi } from './redisClient.ts';
import type { TieredCache } from './TieredCache.ts';

const CHANNEL = 'cg:invalidate';

type Message =
  { type: 'drop'; uscc: string; origin: string } | { type: 'generation'; generation: number; origin: string };

/**
 * A change's identity for claiming it: its number alone is not one — a platform that restarts
 * (failover, reinstall) numbers its changes from 1 again, and a claim keyed by the number would
 * find the old change's claim and skip the new one for the claim's hour (a repair left in force
 * in Redis). Number, enterprise, kind and time together name one change across restarts.
 */
function changeKey(c: { uscc: string; seq?: number; kind?: string; at?: string }): string {
  return createHash('sha256')
    .update(`${c.seq}|${c.uscc}|${c.kind ?? ''}|${c.at ?? ''}`)
    .digest('base64url')
    .slice(0, 22);
}

/** Options of the invalidator. */
export interface InvalidatorOptions {
  cache: TieredCache;
  /** The publishing connection (the cache's client). */
  redis?: RedisClient | null;
  /** A dedicated connection for SUBSCRIBE (a subscribed client can do nothing else). */
  subscriber?: RedisClient | null;
  replicaId: string;
  logger: Logger;
  /** How long the start waits for the first subscription (Redis may be away). @default 3000 */
  subscribeWaitMs?: number;
}

/** Drops changed enterprises everywhere. */
export class Invalidator implements ChangeListener {
  /** Tells this instance's own messages apart (replica names need not be unique, e.g. in tests). */
  private readonly origin = randomUUID();

  constructor(private readonly opts: InvalidatorOptions) {}

  private generationTimer: NodeJS.Timeout | null = null;

  /** Listens for other replicas' drops. */
  async start(): Promise<void> {
    const sub = this.opts.subscriber;
    if (!sub) return;
    // Pub/sub is fire-and-forget: a generation message lost (the subscriber reconnecting) would leave
    // this replica on the old generation. Reading it every few seconds bounds that.
    this.generationTimer = setInterval(() => void this.opts.cache.syncGeneration(), 5000);
    this.generationTimer.unref();
    sub.on('message', (_channel: string, text: string) => this.receive(text));
    // Subscribe once ready, and again after every reconnect (a subscription does not survive one).
    let subscribed: () => void = () => {};
    const first = new Promise<void>((resolve) => (subscribed = resolve));
    const subscribe = (): void =>
      void sub.subscribe(CHANNEL).then(
        () => subscribed(),
        (err: Error) => this.opts.logger.warn({ err: err.message }, 'invalidation subscribe failed'),
      );
    sub.on('ready', subscribe);
    if (isReady(sub)) subscribe();
    // A replica that serves before it listens misses the drops published meanwhile (another
    // replica's write), and would serve what they dropped until its TTL: the start waits for the
    // subscription — for a bounded time, since Redis may be away (then the feed catches up).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      first,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.opts.subscribeWaitMs ?? 3000);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
    await this.opts.cache.syncGeneration();
  }

  /** Stops reading the generation. */
  stop(): void {
    if (this.generationTimer) clearInterval(this.generationTimer);
    this.generationTimer = null;
  }

  /** One enterprise changed: drop it here, in L2, and in every other replica's L1. */
  async enterpriseChanged(uscc: string): Promise<void> {
    await this.opts.cache.drop(uscc, SOURCE_NAMES);
    await this.publish({ type: 'drop', uscc, origin: this.origin });
  }

  /** Anything may have changed: a new generation for everyone. */
  async everythingChanged(): Promise<void> {
    await this.opts.cache.dropAll();
    await this.opts.cache.syncGeneration();
  }

  /**
   * Changes from the feed, which every replica reads: the first replica to claim a change (by its
   * `seq`, in Redis) drops the enterprise in L2 and everyone's L1; the others drop only their own
   * L1. Were every replica to drop L2 as it polled, a later poller would delete the entries an
   * earlier one had just refetched, and lookups waiting for them (single flight) would wait out
   * the lock — a repair took 3 s to reach three replicas instead of a poll interval.
   */
  async onChanges(changes: Array<{ uscc: string; seq?: number; kind?: string; at?: string }>): Promise<void> {
    const keyed = changes.map((c) => ({ uscc: c.uscc, key: c.seq === undefined ? null : changeKey(c) }));
    const claimed = await this.claim(keyed.flatMap((c) => (c.key === null ? [] : [c.key])));
    for (const uscc of new Set(changes.map((c) => c.uscc))) {
      const mine = keyed.some((c) => c.uscc === uscc && (c.key === null || claimed.has(c.key)));
      if (mine) await this.enterpriseChanged(uscc);
      else this.opts.cache.dropLocal(uscc, SOURCE_NAMES);
    }
  }

  /** The feed changes this replica is first to handle (all of them without Redis, or when it fails). */
  private async claim(keys: string[]): Promise<Set<string>> {
    const r = this.opts.redis;
    if (!r || !isReady(r) || keys.length === 0) return new Set(keys);
    try {
      const taken = await multi.setNx(
        r,
        keys.map((k) => `cg:inv:chg:${k}`),
        this.origin,
        3_600_000,
      );
      return new Set(keys.filter((_, k) => taken[k]));
    } catch {
      return new Set(keys);
    }
  }

  async onReset(): Promise<void> {
    await this.everythingChanged();
    const g = await this.currentGeneration();
    if (g !== null) await this.publish({ type: 'generation', generation: g, origin: this.origin });
  }

  private async currentGeneration(): Promise<number | null> {
    const r = this.opts.redis;
    if (!r || !isReady(r)) return null;
    const g = await r.get('cg:v1:gen').catch(() => null);
    return g === null ? null : Number(g);
  }

  private receive(text: string): void {
    let m: Message;
    try {
      m = JSON.parse(text) as Message;
    } catch {
      return;
    }
    if (m.origin === this.origin) return;
    if (m.type === 'drop') this.opts.cache.dropLocal(m.uscc, SOURCE_NAMES);
    else this.opts.cache.adoptGeneration(m.generation);
  }

  private async publish(m: Message): Promise<void> {
    const r = this.opts.redis;
    if (!r || !isReady(r)) return;
    await r
      .publish(CHANNEL, JSON.stringify(m))
      .catch((err: Error) => this.opts.logger.warn({ err: err.message }, 'invalidation publish failed'));
  }
}
