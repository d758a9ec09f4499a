/** Child processes of the benchmark: the sandbox, gateways, baselines — each its own process on loopback. */
import { declaredDepartments } from '../src/departments/declared/declarations.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { DEV_ISSUER, devJwks } from '../src/auth/devIssuer.ts';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

/** A child process and what it printed. */
export interface Proc {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx <script>` — or, for a compiled `dist/….js`, plain `node` as production
 * runs it — and waits until its output matches `ready`; `startedMs` is how long that took.
 */
export async function startProc(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 60_000,
): Promise<Proc & { match: RegExpExecArray; startedMs: number }> {
  const began = performance.now();
  const args = script.endsWith('.js') ? [join(ROOT, script)] : ['--import', 'tsx', join(ROOT, script)];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + timeoutMs;
  let match: RegExpExecArray | null;
  while (!(match = ready.exec(out))) {
    if (child.exitCode !== null) throw new Error(`${script} exited: ${out.slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`${script} did not start: ${out.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    match,
    startedMs: performance.now() - began,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** The sandbox's URLs as it prints them. */
export function parseSandboxUrls(out: string): Record<string, string> {
  return Object.fromEntries(
    [...out.matchAll(/^([A-Za-z_]+)\s+(http:\/\/\S+)$/gm)].map((m) => [m[1]!, m[2]!]),
  );
}

/** Peak resident memory of a gateway, sampled from its /metrics while a workload runs. */
export function sampleMemory(metricsUrl: string, everyMs = 200): { stop(): Promise<number> } {
  let peak = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const text = await (await fetch(metricsUrl)).text();
        const m = /^cg_process_resident_memory_bytes (\d+(?:\.\d+)?)/m.exec(text);
        if (m) peak = Math.max(peak, Number(m[1]));
      } catch {
        // a scrape lost under load is only a missed sample
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return peak;
    },
  };
}

/** The first `n` codes of the sandbox's registry, page by page (market regulation's list). */
export async function registryCodes(marketUrl: string, n: number): Promise<string[]> {
  const codes: string[] = [];
  for (let page = 1; codes.length < n; page++) {
    const r = (await (
      await fetch(`${marketUrl}/samr/v2/entities?size=50&page=${page}`, {
        headers: { 'x-app-key': 'sandbox' },
      })
    ).json()) as { items: Array<{ uscc: string }> };
    if (r.items.length === 0) break;
    codes.push(...r.items.map((i) => i.uscc));
  }
  return codes.slice(0, n);
}

/** The sandbox's ports, each its own free one (0): for a sandbox started by a script. */
export const ANY_SANDBOX_PORTS: Readonly<Record<string, string>> = Object.fromEntries(
  [
    'TAX',
    'MARKET',
    'ENVIRONMENT',
    'COURT',
    'CREDIT',
    'CONTROL',
    ...declaredDepartments().map((d) => d.name),
  ].map((d) => [`SANDBOX_PORT_${d}`, '0']),
);

/** A gateway's environment against the sandbox's departments, as the benchmark and the profile run it. */
export function sandboxGatewayEnv(urls: Record<string, string>, auditFile: string): Record<string, string> {
  return {
    PORT: '0',
    TAX_URL: urls.tax!,
    MARKET_URL: urls.market!,
    ENVIRONMENT_URL: urls.environment!,
    COURT_URL: urls.court!,
    CREDIT_URL: urls.credit!,
    // The declared departments, as the sandbox printed them (by name).
    ...Object.fromEntries(declaredDepartments().map((d) => [d.url.variable, urls[d.name]!])),
    DEPARTMENT_APP_KEY: 'sandbox',
    REPORT_SECRET: 'bench-report-secret',
    AUTH_ISSUER: DEV_ISSUER,
    AUTH_JWKS: JSON.stringify(devJwks()),
    AUDIT_FILE: auditFile,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_PRINCIPAL: '100000000',
    RATE_LIMIT_PER_ORG: '100000000',
    REDIS_URL: '',
    // As production runs (npm run start:gateway, the image): graphql-js skips its development checks.
    NODE_ENV: 'production',
  };
}
