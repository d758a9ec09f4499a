/** The sandbox's configuration from environment variables (`SANDBOX_*`). */
import { declaredDepartments } from '../src/departments/declared/declarations.ts';
import { isIsoDate } from '../src/credit/dates.ts';
import type { SandboxOptions } from './startSandbox.ts';
import { DEFAULT_PORTS } from './startSandbox.ts';
import { EnvReader } from '../src/config/env.ts';

/** Sandbox options plus an optional world file to load. */
export interface SandboxConfig extends Omit<SandboxOptions, 'world' | 'now'> {
  worldFile?: string;
}

/** Reads `SANDBOX_SEED`, `SANDBOX_SIZE`, `SANDBOX_AS_OF`, `SANDBOX_WORLD`, `SANDBOX_APP_KEY`, `SANDBOX_HOST` and `SANDBOX_PORT_<NAME>`. */
export function loadSandboxConfig(
  env: Readonly<Record<string, string | undefined>>,
  r: EnvReader = new EnvReader(env),
): SandboxConfig {
  const asOf = r.string('SANDBOX_AS_OF');
  if (asOf !== undefined && !isIsoDate(asOf))
    r.problems.push(`SANDBOX_AS_OF must be a date YYYY-MM-DD (got "${asOf}")`);
  const ports = Object.fromEntries([
    ...Object.entries(DEFAULT_PORTS).map(([name, port]) => [
      name,
      r.int(`SANDBOX_PORT_${name.toUpperCase()}`, port, 0, 65535),
    ]),
    // A declared department by its name (SANDBOX_PORT_LICENSING), started under its key.
    ...declaredDepartments().map((d) => [
      d.key,
      r.int(`SANDBOX_PORT_${d.name}`, d.simulation.port, 0, 65535),
    ]),
  ]);
  const config: SandboxConfig = {
    seed: r.int('SANDBOX_SEED', 20261101, 0, 2 ** 32 - 1),
    size: r.int('SANDBOX_SIZE', 2000, 1, 5_000_000),
    host: r.string('SANDBOX_HOST', '127.0.0.1'),
    appKey: r.string('SANDBOX_APP_KEY', 'sandbox'),
    marketRateLimitPerSec: r.int('SANDBOX_MARKET_RATE_LIMIT', 2000, 1),
    ports,
  };
  if (asOf && isIsoDate(asOf)) config.asOf = asOf;
  const worldFile = r.string('SANDBOX_WORLD');
  if (worldFile) config.worldFile = worldFile;
  r.done();
  return config;
}
