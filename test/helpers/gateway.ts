/** Starts a real gateway over HTTP on a free port, against a test sandbox. */
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { mintDevToken, type DevTokenClaims } from '../../src/auth/devIssuer.ts';
import type { Purpose } from '../../src/auth/principal.ts';
import { loadConfig } from '../../src/config/gatewayConfig.ts';
import type { Department } from '../../src/model/unifiedModel.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { createServer, type GatewayServer, type ServerDeps } from '../../src/server/createServer.ts';
import { inProcessDispatcher } from './noSockets.ts';
import { TEST_AS_OF } from './sandbox.ts';

/** A running gateway and how to query it. */
export interface TestGateway {
  url: string;
  server: GatewayServer;
  /** POSTs a GraphQL operation (as a regulator with purpose SUPERVISION unless `headers` are given); returns the parsed body, HTTP status and the gateway's request id. */
  query(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; requestId: string | null }>;
  /** The audit log file of this gateway. */
  auditFile: string;
  close(): Promise<void>;
}

/** The test clock: the sandbox's asOf, 08:00 UTC. */
export const testNow = (): number => Date.parse(`${TEST_AS_OF}T08:00:00Z`);

/** Request headers of a caller: a development token for the role, and a purpose. */
export async function headersFor(
  claims: DevTokenClaims & { purpose?: Purpose },
): Promise<Record<string, string>> {
  const h: Record<string, string> = { authorization: `Bearer ${await mintDevToken(claims, testNow())}` };
  if (claims.purpose) h['x-purpose'] = claims.purpose;
  return h;
}

/** A regulator reading for supervision: sees everything but bank-consent and own-enterprise fields. */
export const REGULATOR = await headersFor({ role: 'regulator', org: 'samr-shanwei', purpose: 'SUPERVISION' });

/** An anonymous caller: no token, no purpose. */
export const PUBLIC_HEADERS: Record<string, string> = {};

/** Configuration that turns caching off (TTL 0: every lookup asks the department, single flight still applies). */
export const NO_CACHE = {
  CACHE_TTL_TAX: '0',
  CACHE_TTL_MARKET: '0',
  CACHE_TTL_ENVIRONMENT: '0',
  CACHE_TTL_COURT: '0',
  CACHE_TTL_CREDIT: '0',
};

/** Department URLs of a sandbox. */
export function urlsOf(sb: Sandbox): Record<Department, string> {
  return {
    TAX: sb.urls.tax,
    MARKET: sb.urls.market,
    ENVIRONMENT: sb.urls.environment,
    COURT: sb.urls.court,
    CREDIT: sb.urls.credit,
  };
}

/** Gateways served in process in this worker, for their origins. */
let inProcessGateways = 0;

/** Builds and listens; `env` adds configuration variables. A sandbox that does not listen gets a gateway that does not either: both served in process (noSockets.ts). */
export async function startTestGateway(
  sb: Sandbox,
  deps: Partial<ServerDeps> = {},
  env: Record<string, string> = {},
): Promise<TestGateway> {
  // The change feed is read at start; later polls only where a test asks (they would count as upstream calls).
  const auditFile = join(tmpdir(), `cg-audit-${process.pid}-${Math.random().toString(36).slice(2)}.jsonl`);
  // No ledger unless a test asks for one (test/ledger): an embedded PGlite per gateway would cost seconds and hundreds of MB.
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    CHANGE_POLL_MS: '60000',
    AUDIT_FILE: auditFile,
    LEDGER: 'false',
    ...env,
  });
  const inProcess = ![...sb.servers.values()].some((s) => s.listening);
  const server = await createServer(config, {
    departmentUrls: urlsOf(sb),
    declaredUrls: sb.declaredUrls,
    now: testNow,
    logger: pino({ level: 'silent' }),
    ...(inProcess ? { dispatcher: inProcessDispatcher() } : {}),
    ...deps,
  });
  let url: string;
  if (inProcess) {
    url = `http://gateway-${++inProcessGateways}.invalid`;
    inProcessDispatcher().register(url, server.httpServer);
  } else {
    await new Promise<void>((r) => server.httpServer.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
  }
  return {
    url,
    server,
    auditFile,
    async query(query, variables, headers = REGULATOR) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: await res.json(), requestId: res.headers.get('x-request-id') };
    },
    close: () => server.close(),
  };
}
