/**
 * The gateway built in process over a fake fetcher (no sockets): operations run through
 * `apollo.executeOperation` with a real context — the same schema, shield, resolvers, masking
 * and audit plugin as over HTTP — and the fetcher records every batch it is asked for.
 */
import { pino } from 'pino';
import type { AuditEvent, AuditSink } from '../../src/audit/AuditLog.ts';
import { PUBLIC, type Principal } from '../../src/auth/principal.ts';
import { loadConfig } from '../../src/config/gatewayConfig.ts';
import { DEPARTMENT_NAMES, type Department, type EnterpriseData } from '../../src/model/unifiedModel.ts';
import type { Fetcher, FetchResult, Lane } from '../../src/loading/Fetcher.ts';
import { SOURCE_DEPARTMENT, type SourceName, type SourceValues } from '../../src/loading/sources.ts';
import { createServer, type GatewayServer, type ServerDeps } from '../../src/server/createServer.ts';
import { DepartmentError } from '../../connectors/shared/DepartmentError.ts';
import { testNow } from './gateway.ts';

/** The values of every source for one enterprise, from unified enterprise data. */
export function sourcesOf(e: EnterpriseData): Partial<SourceValues> {
  const out: Partial<SourceValues> = {};
  if (e.registration) out.registration = e.registration;
  if (e.market)
    Object.assign(out, {
      marketPenalties: e.market.penalties,
      marketAbnormal: e.market.abnormalOperations,
      marketSerious: e.market.seriousViolations,
    });
  if (e.tax) out.tax = e.tax;
  if (e.environment) out.environment = e.environment;
  if (e.judicial) {
    Object.assign(out, {
      courtDishonest: e.judicial.dishonestDebtor,
      courtEnforced: e.judicial.enforcementCases,
      courtRestrictions: e.judicial.consumptionRestrictions,
    });
  }
  if (e.credit) out.credit = e.credit;
  return out;
}

/** A fake fetcher over enterprise data, recording each batch; a department in `down` fails. */
export class FakeFetcher implements Fetcher {
  readonly calls: Array<{ source: SourceName; usccs: string[]; lane: Lane }> = [];
  readonly down = new Set<Department>();
  /** Departments that never answer. */
  readonly hang = new Set<Department>();
  constructor(
    private readonly world: Map<string, EnterpriseData>,
    private readonly now: () => number = testNow,
  ) {}

  async fetch<S extends SourceName>(
    source: S,
    usccs: readonly string[],
    lane: Lane = 'interactive',
  ): Promise<FetchResult<S>> {
    this.calls.push({ source, usccs: [...usccs], lane });
    if (this.hang.has(SOURCE_DEPARTMENT[source])) return new Promise(() => {});
    const out: FetchResult<S> = new Map();
    for (const u of usccs) {
      if (this.down.has(SOURCE_DEPARTMENT[source]))
        out.set(u, new DepartmentError(SOURCE_DEPARTMENT[source], 'unavailable'));
      else {
        const e = this.world.get(u);
        // A copy, as every department answer is (parsed from the wire): tests that change the
        // world between requests see a new answer, never the same object changed in place.
        const value = e ? (sourcesOf(e)[source] ?? null) : null;
        out.set(u, {
          value: (value === null ? null : structuredClone(value)) as SourceValues[S] | null,
          fetchedAt: this.now(),
          stale: false,
        });
      }
    }
    return out;
  }

  /** Calls per source since the last reset. */
  counts(): Partial<Record<SourceName, number>> {
    const c: Partial<Record<SourceName, number>> = {};
    for (const { source } of this.calls) c[source] = (c[source] ?? 0) + 1;
    return c;
  }

  reset(): void {
    this.calls.length = 0;
  }
}

/** A gateway in process. */
export interface InProcessGateway {
  server: GatewayServer;
  fetcher: FakeFetcher;
  /** Audit events written, in order. */
  audit: AuditEvent[];
  /** Runs an operation as `principal` (the public by default); returns data and errors. */
  run(
    query: string,
    variables?: Record<string, unknown>,
    principal?: Principal,
  ): Promise<{
    data?: any;
    errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  }>;
  close(): Promise<void>;
}

/** Nothing listens on these: connectors exist but the fake fetcher answers every source. */
const NOWHERE = Object.fromEntries(DEPARTMENT_NAMES.map((d) => [d, 'http://127.0.0.1:9'])) as Record<
  Department,
  string
>;

/** Builds the gateway in process over `enterprises`. */
export async function startInProcess(
  enterprises: EnterpriseData[],
  env: Record<string, string> = {},
  deps: Partial<ServerDeps> = {},
): Promise<InProcessGateway> {
  const config = loadConfig({ LOG_LEVEL: 'silent', LEDGER: 'false', ...env });
  const fetcher = new FakeFetcher(new Map(enterprises.map((e) => [e.uscc, e])));
  const audit: AuditEvent[] = [];
  const sink: AuditSink = { append: async (e) => void audit.push(e), close: async () => {} };
  const server = await createServer(config, {
    departmentUrls: NOWHERE,
    now: testNow,
    logger: pino({ level: 'silent' }),
    fetcher,
    followFeed: false,
    audit: sink,
    ...deps,
  });
  return {
    server,
    fetcher,
    audit,
    async run(query, variables, principal = PUBLIC) {
      const res = await server.apollo.executeOperation(
        { query, variables },
        { contextValue: server.contextFor({ principal }) },
      );
      if (res.body.kind !== 'single') throw new Error('incremental delivery is not used');
      return JSON.parse(JSON.stringify(res.body.singleResult)) as Awaited<
        ReturnType<InProcessGateway['run']>
      >;
    },
    close: () => server.close(),
  };
}

/** A principal of a role (enterprise users act for `uscc`), with a purpose where one is needed. */
export function principal(role: Principal['role'], extra: Partial<Principal> = {}): Principal {
  return {
    role,
    subject: role === 'public' ? null : `${role}-user`,
    org: role === 'public' ? null : `${role}-org`,
    uscc: null,
    purpose: null,
    ...extra,
  };
}
