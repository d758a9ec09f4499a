/**
 * Gauges read at scrape time from live values (metrics.ts's MetricSources): event subscriptions,
 * this replica's audit chain in the archive, the in-process cache's bytes and cap, Redis.
 */
import { Gauge, type Registry } from 'prom-client';
import type { MetricSources } from './metrics.ts';

/** Registers the scrape-time gauges of the audit archive, the cache and Redis. */
export function registerScrapeGauges(registry: Registry, sources: MetricSources): void {
  new Gauge({
    name: 'cg_event_subscriptions',
    help: 'Live credit-event subscriptions (WebSocket and SSE) on this replica',
    registers: [registry],
    collect() {
      const n = sources.eventSubscriptions?.();
      if (n !== null && n !== undefined) this.set(n);
    },
  });
  new Gauge({
    name: 'cg_audit_archive_entries',
    help: "This replica's audit chain: the last entry written locally and the last archived in the ledger",
    labelNames: ['at'] as const,
    registers: [registry],
    collect() {
      const a = sources.auditArchive?.();
      if (!a) return;
      this.set({ at: 'local' }, a.localSeq);
      this.set({ at: 'archived' }, a.shippedSeq);
    },
  });
  new Gauge({
    name: 'cg_audit_archive_gaps',
    help: "Runs of this replica's audit entries the archive never received",
    registers: [registry],
    collect() {
      const a = sources.auditArchive?.();
      if (a) this.set(a.gaps);
    },
  });
  new Gauge({
    name: 'cg_audit_archive_chain_broken',
    help: "Whether this replica's archived audit chain stopped verifying (1) or verifies (0)",
    registers: [registry],
    collect() {
      const a = sources.auditArchive?.();
      if (a) this.set(a.broken ? 1 : 0);
    },
  });
  registerCacheGauges(registry, sources);
}

/** The in-process cache's bytes, cap and shrinks; Redis's errors and state. */
function registerCacheGauges(registry: Registry, sources: MetricSources): void {
  new Gauge({
    name: 'cg_cache_l1_bytes',
    help: 'Bytes held in the in-process cache',
    registers: [registry],
    collect() {
      this.set(sources.cache().l1Bytes);
    },
  });
  new Gauge({
    name: 'cg_cache_l1_cap_bytes',
    help: "The in-process cache's cap in force: its budget, lower while the heap runs high",
    registers: [registry],
    collect() {
      const c = sources.cache();
      this.set(c.l1CapBytes ?? c.l1Bytes);
    },
  });
  new Gauge({
    name: 'cg_cache_heap_shrinks_total',
    help: 'Times the in-process cache gave memory back because the heap ran high after a full collection',
    registers: [registry],
    collect() {
      this.set(sources.cache().heapShrinks ?? 0);
    },
  });
  new Gauge({
    name: 'cg_redis_errors_total',
    help: 'Redis errors served as misses since start',
    registers: [registry],
    collect() {
      this.set(sources.cache().redisErrors);
    },
  });
  new Gauge({
    name: 'cg_redis_up',
    help: 'Redis connection: 1 ready, 0 down (absent without Redis)',
    registers: [registry],
    collect() {
      const v = sources.redisUp();
      if (v !== null) this.set(v);
    },
  });
}
