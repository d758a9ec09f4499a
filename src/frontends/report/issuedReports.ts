/**
 * Reports as issued, kept a while by their number: the PDF of the report on
 * screen is that report — its number, its data time, its verification code — not a new one. Kept in
 * Redis when configured (any replica renders it), in process memory otherwise, for `ttlSeconds`;
 * only the caller it was issued to gets it back.
 */
import { LRUCache } from 'lru-cache';
import type { Principal } from '../../auth/principal.ts';
import type { RedisClient } from '../../cache/redisClient.ts';

/** One issued report: who it was issued to, for which enterprise, and its page. */
export interface IssuedReport {
  owner: string;
  uscc: string;
  html: string;
}

/** Where issued reports are kept. */
export interface IssuedReports {
  keep(reportNo: string, report: IssuedReport): Promise<void>;
  /** The report issued under `reportNo`, or null when it is gone (kept no longer) or never was. */
  find(reportNo: string): Promise<IssuedReport | null>;
}

/** How long an issued report can be downloaded again as its PDF, by default: a sitting's length. */
export const DEFAULT_REPORT_KEEP_SECONDS = 3600;

/** Who a report was issued to: the same person (or organization) asking again, nobody else. */
export function ownerOf(p: Principal): string {
  return JSON.stringify([p.role, p.org, p.uscc, p.subject]);
}

/** Kept in this process, bounded by size (reports are tens of kilobytes; 64 MB holds about a thousand). */
export function createLocalIssuedReports(ttlSeconds = DEFAULT_REPORT_KEEP_SECONDS): IssuedReports {
  const lru = new LRUCache<string, IssuedReport>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (r) => Math.max(1, r.html.length * 2),
    ttl: ttlSeconds * 1000,
  });
  return {
    keep: async (no, r) => void lru.set(no, r),
    find: async (no) => lru.get(no) ?? null,
  };
}

/** Kept in Redis for every replica; in this process while Redis is away (found again here only). */
export function createRedisIssuedReports(
  redis: RedisClient,
  ttlSeconds = DEFAULT_REPORT_KEEP_SECONDS,
  local: IssuedReports = createLocalIssuedReports(ttlSeconds),
): IssuedReports {
  const key = (no: string): string => `cg:report:${no}`;
  return {
    async keep(no, r) {
      await local.keep(no, r);
      if (redis.status !== 'ready') return;
      await redis.set(key(no), JSON.stringify(r), 'EX', ttlSeconds).catch(() => undefined);
    },
    async find(no) {
      if (redis.status === 'ready') {
        const text = await redis.get(key(no)).catch(() => null);
        if (text) return JSON.parse(text) as IssuedReport;
      }
      return local.find(no);
    },
  };
}
