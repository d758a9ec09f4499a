/**
 * `npm run config:check`: loads the configuration exactly as `npm start` would and prints the
 * effective values with secrets redacted; exits 1 listing every problem when it is invalid.
 */
import { ConfigError } from '../src/config/env.ts';
import { loadConfig } from '../src/config/gatewayConfig.ts';

const SECRET_KEYS = /key|password|secret|token|jwks/i;

function redact(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && SECRET_KEYS.test(key)) return value ? '<redacted>' : value;
  if (typeof value === 'string' && /^rediss?:\/\//.test(value))
    return value.replace(/\/\/([^@/]*)@/, '//<redacted>@');
  if (Array.isArray(value)) return value.map((v) => redact(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEYS.test(k) && v && typeof v === 'object' ? '<redacted>' : redact(v, k),
      ]),
    );
  }
  return value;
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`npm run config:check

Loads the configuration from this environment exactly as the gateway would (every variable may
also come from <NAME>_FILE) and prints the effective values with secrets redacted. Exit code 1
lists every problem at once. The variables are in docs/configuration.md.`);
  process.exit(0);
}

try {
  const config = loadConfig(process.env);
  const { ruleSet, ...rest } = config;
  console.log(
    JSON.stringify(
      {
        ...(redact(rest) as object),
        ruleSet: { id: ruleSet.id, version: ruleSet.version, name: ruleSet.name },
      },
      null,
      2,
    ),
  );
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : String(err));
  process.exit(1);
}
