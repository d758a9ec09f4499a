/**
 * The departments as the infrastructure connects them (infrastructure.ts): the five's connectors
 * with their settings, app keys, TLS and limits shared through Redis, and the declared departments'
 * sources, each with its declared rate, timeout and app-key header, behind the same cache.
 */
import { createConnectors, type Connectors } from '../../connectors/index.ts';
import { DepartmentHttp, limitSettings } from '../../connectors/shared/DepartmentHttp.ts';
import { createDepartmentLimiter } from '../../connectors/shared/DepartmentLimits.ts';
import { DEFAULT_CALL_SETTINGS } from '../../connectors/shared/settings.ts';
import type { RedisClient } from '../cache/redisClient.ts';
import type { TieredCache } from '../cache/TieredCache.ts';
import type { GatewayConfig } from '../config/gatewayConfig.ts';
import { declaredDepartments } from '../departments/declared/declarations.ts';
import { DeclaredSources, declaredSources } from '../departments/declared/DeclaredSources.ts';
import { createCachedFetcher } from '../loading/CachedFetcher.ts';
import type { GatewayMetrics } from '../metrics/metrics.ts';
import { DEPARTMENT_NAMES } from '../model/unifiedModel.ts';
import type { ServerDeps } from './createServer.ts';

/** The departments' connectors: their settings, app keys, TLS, and limits shared through Redis. */
export function connectorsOf(
  config: GatewayConfig,
  deps: ServerDeps,
  redis: RedisClient | null,
  metrics: GatewayMetrics,
): Connectors {
  return createConnectors({
    urls: deps.departmentUrls,
    appKey: config.departments.appKey,
    appKeys: config.departments.mode === 'remote' ? config.departments.appKeys : {},
    settings: Object.fromEntries(
      DEPARTMENT_NAMES.map((d) => [d, { ...config.departmentSettings[d], ...deps.departmentSettings?.[d] }]),
    ),
    onCall: (e) => metrics.onDepartmentCall(e),
    shared: { redis, replicas: config.replicas, bulkShare: config.bulkSharePercent / 100 },
    tls: config.departmentTls,
    dispatcher: deps.dispatcher,
  });
}

/**
 * The declared departments' connectors: each with its declared rate, timeout and app-key header,
 * its limits shared through Redis like the five's. A department without a URL is not called.
 */
export function declaredSourcesOf(
  config: GatewayConfig,
  parts: {
    deps: ServerDeps;
    redis: RedisClient | null;
    metrics: GatewayMetrics;
    cache: TieredCache;
    now: () => number;
  },
): DeclaredSources | null {
  const { deps, redis, metrics, cache, now } = parts;
  const departments = declaredDepartments();
  if (!departments.length) return null;
  const shared = { redis, replicas: config.replicas, bulkShare: config.bulkSharePercent / 100 };
  const http = new Map<string, DepartmentHttp>();
  // A department without a URL is not connected.
  const connected = departments.filter((d) => deps.declaredUrls?.[d.name]);
  for (const d of connected) {
    const settings = {
      ...DEFAULT_CALL_SETTINGS,
      ratePerSec: d.call.ratePerSecond,
      ...(d.call.timeoutMs ? { timeoutMs: d.call.timeoutMs } : {}),
      batchSize: d.fetch.batchLimit ?? 1,
    };
    http.set(
      d.name,
      new DepartmentHttp({
        department: d.name,
        baseUrl: deps.declaredUrls![d.name]!,
        appKey: config.declaredAppKeys[d.name] ?? config.departments.appKey,
        appKeyHeader: d.auth?.header,
        settings,
        onCall: (e) => metrics.onDepartmentCall(e),
        limiter: createDepartmentLimiter(d.name, limitSettings(settings, shared.bulkShare), shared),
        dispatcher: deps.dispatcher,
      }),
    );
  }
  return new DeclaredSources(connected, http, now, (inner) =>
    createCachedFetcher({
      inner,
      cache,
      // The five's TTLs are not these sources'; each declared department's is its declaration's.
      ttlSeconds: config.cache.ttlSeconds,
      moreSources: declaredSources(connected),
      refreshAhead: config.cache.refreshAheadPercent / 100,
      maxStaleSeconds: config.cache.maxStaleSeconds,
      now,
      redis,
      replicaId: config.replicaId,
    }),
  );
}
