/**
 * The configuration of what the gateway connects to (gatewayConfig.ts reads the rest): Redis and
 * the cache in front of the departments, each department's TLS, and its call settings over the
 * registry's defaults.
 */
import {
  DEFAULT_DEPARTMENT_SETTINGS,
  type DepartmentCallSettings,
} from '../../connectors/shared/settings.ts';
import type { RedisConfig } from '../cache/redisClient.ts';
import { DEPARTMENT_NAMES, DEPARTMENTS, type Department } from '../departments/registry.ts';
import type { GatewayConfig } from './configTypes.ts';
import type { EnvReader } from './env.ts';
import { readTls, type TlsOptions } from './tls.ts';

/** Redis: one of a URL, Sentinels or Cluster nodes, or none (the in-process cache alone). */
function readRedis(r: EnvReader): RedisConfig | null {
  const hostPort = (list: string, name: string): Array<{ host: string; port: number }> =>
    list.split(',').map((hp) => {
      const [host, port] = hp.trim().split(':');
      if (!host || !port || !Number.isInteger(Number(port)))
        r.problems.push(`${name} must be host:port,host:port (got "${hp}")`);
      return { host: host ?? '', port: Number(port) };
    });
  const redisUrl = r.url('REDIS_URL');
  const sentinels = r.string('REDIS_SENTINELS');
  const clusterNodes = r.string('REDIS_CLUSTER_NODES');
  if ([redisUrl, sentinels, clusterNodes].filter(Boolean).length > 1)
    r.problems.push('set only one of REDIS_URL, REDIS_SENTINELS, REDIS_CLUSTER_NODES');
  // REDIS_TLS_CA/_CERT/_KEY (or rediss:// for the standalone URL): TLS to every node and sentinel.
  const tls = readTls(r, 'REDIS');
  if (redisUrl) return { mode: 'standalone', url: redisUrl, tls };
  if (sentinels) {
    const name = r.string('REDIS_SENTINEL_NAME');
    if (!name) r.problems.push('REDIS_SENTINEL_NAME is required with REDIS_SENTINELS');
    return {
      mode: 'sentinel',
      sentinels: hostPort(sentinels, 'REDIS_SENTINELS'),
      name: name ?? '',
      password: r.string('REDIS_PASSWORD'),
      tls,
    };
  }
  if (clusterNodes)
    return {
      mode: 'cluster',
      nodes: hostPort(clusterNodes, 'REDIS_CLUSTER_NODES'),
      password: r.string('REDIS_PASSWORD'),
      tls,
    };
  return null;
}

/** The cache: Redis, a TTL per department, the maximum stale age and L1's budget. */
export function readCache(r: EnvReader): GatewayConfig['cache'] {
  // Each department's default TTL is the registry's (src/departments/registry.ts says why).
  const ttlDefaults = Object.fromEntries(
    DEPARTMENT_NAMES.map((d) => [d, DEPARTMENTS[d].ttlSeconds]),
  ) as Record<Department, number>;
  const ttlSeconds = Object.fromEntries(
    DEPARTMENT_NAMES.map((d) => [d, r.int(`CACHE_TTL_${d}`, ttlDefaults[d], 0, 30 * 86400)]),
  ) as Record<Department, number>;
  return {
    redis: readRedis(r),
    ttlSeconds,
    maxStaleSeconds: r.int('CACHE_MAX_STALE_SECONDS', 86400, 1, 30 * 86400),
    l1Bytes: r.int('CACHE_L1_BYTES', 64 * 1024 * 1024, 1024 * 1024),
    refreshAheadPercent: r.int('CACHE_REFRESH_AHEAD_PERCENT', 50, 1, 100),
  };
}

/** Each department's TLS: its own DEPT_<NAME>_TLS_* over the shared DEPARTMENT_TLS_*. */
export function readDepartmentTls(r: EnvReader): Partial<Record<Department, TlsOptions>> {
  const shared = readTls(r, 'DEPARTMENT');
  const out: Partial<Record<Department, TlsOptions>> = {};
  for (const d of DEPARTMENT_NAMES) {
    const own = readTls(r, `DEPT_${d}`);
    if (shared || own) out[d] = { ...shared, ...own };
  }
  return out;
}

/** DEPT_<NAME>_<SETTING>, e.g. DEPT_COURT_TIMEOUT_MS=4000, DEPT_MARKET_RATE_PER_SEC=500. */
export function readDepartmentSettings(
  r: EnvReader,
): Partial<Record<Department, Partial<DepartmentCallSettings>>> {
  const SETTING_VARS: Array<[keyof DepartmentCallSettings, string, number, number]> = [
    ['timeoutMs', 'TIMEOUT_MS', 50, 120_000],
    ['maxAttempts', 'MAX_ATTEMPTS', 1, 10],
    ['concurrency', 'CONCURRENCY', 1, 10_000],
    ['ratePerSec', 'RATE_PER_SEC', 1, 1_000_000],
    ['breakerThreshold', 'BREAKER_THRESHOLD', 1, 1000],
    ['halfOpenAfterMs', 'HALF_OPEN_MS', 100, 600_000],
  ];
  const out: Partial<Record<Department, Partial<DepartmentCallSettings>>> = {};
  for (const d of DEPARTMENT_NAMES) {
    for (const [key, suffix, min, max] of SETTING_VARS) {
      const name = `DEPT_${d}_${suffix}`;
      const set = r.override(name, DEFAULT_DEPARTMENT_SETTINGS[d][key], min, max);
      if (set !== undefined) (out[d] ??= {})[key] = set;
    }
  }
  return out;
}
