/**
 * The hot keys of the cached fetcher (CachedFetcher.ts): a key read within the last three TTLs is
 * refreshed when each life reaches its refresh point, read then or not, so its next reader never
 * waits; a key nobody has read for three TTLs is left to expire. At most `limit` keys are noted
 * and watched at once.
 */
import type { SourceName } from './sources.ts';

/** What the watch needs of its fetcher. */
export interface HotKeyHost {
  now(): number;
  /** A source's TTL in ms. */
  ttlMs(source: SourceName): number;
  /** The share of a TTL at which an entry is refreshed ahead. */
  refreshAt: number;
  /** Keys noted and watched at most. */
  limit: number;
  /** Whether this key is being fetched now (its new life will be watched when it comes). */
  inflight(key: string): boolean;
  /** Refreshes the key if its cached entry is still the life `fetchedAt` (refreshed meanwhile: not). */
  refreshIfStill(source: SourceName, uscc: string, fetchedAt: number): void;
}

/** Reads noted and lives watched. */
export class HotKeys {
  /** Keys read before their refresh point: the life (fetchedAt) whose refresh point is awaited. */
  private readonly hot = new Map<string, { fetchedAt: number; timer: NodeJS.Timeout }>();
  /** When each watched key was last read (a key unread for three TTLs drops out). */
  private readonly readAt = new Map<string, number>();
  private stopped = false;

  constructor(private readonly host: HotKeyHost) {}

  /**
   * Notes a read of a key (bounded with the watched keys). A read within a tenth of its TTL of the
   * last one noted changes nothing that matters (hot means read within three TTLs), so it is not
   * written again: most warm reads then cost one map lookup here.
   */
  touch(source: SourceName, key: string): void {
    const now = this.host.now();
    const at = this.readAt.get(key);
    if (at !== undefined ? now - at >= this.host.ttlMs(source) / 10 : this.readAt.size < this.host.limit)
      this.readAt.set(key, now);
  }

  /** Read within the last three TTLs: kept warm. */
  recentlyRead(source: SourceName, key: string): boolean {
    const at = this.readAt.get(key);
    if (at === undefined) return false;
    if (this.host.now() - at < 3 * this.host.ttlMs(source)) return true;
    this.readAt.delete(key);
    return false;
  }

  /** A key read before its refresh point: refreshed when its life gets there, read then or not. */
  watch(source: SourceName, uscc: string, fetchedAt: number, key = `${source}:${uscc}`): void {
    // This life already watched.
    if (this.stopped || this.hot.get(key)?.fetchedAt === fetchedAt) return;
    if (this.hot.size >= this.host.limit && !this.hot.has(key)) return;
    const delay = Math.max(0, fetchedAt + this.host.ttlMs(source) * this.host.refreshAt - this.host.now());
    clearTimeout(this.hot.get(key)?.timer);
    const timer = setTimeout(() => {
      this.hot.delete(key);
      if (this.stopped || this.host.inflight(key)) return;
      // Only the life it was read in: an entry refreshed meanwhile has a later fetchedAt.
      this.host.refreshIfStill(source, uscc, fetchedAt);
    }, delay);
    timer.unref();
    this.hot.set(key, { fetchedAt, timer });
  }

  /** Stops watching (the gateway is closing). */
  stop(): void {
    this.stopped = true;
    for (const { timer } of this.hot.values()) clearTimeout(timer);
    this.hot.clear();
    this.readAt.clear();
  }
}
