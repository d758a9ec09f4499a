/** Builds every department's HTTP base and connector once per process. */
import type { TlsOptions } from '../src/config/tls.ts';
import type { Department } from '../src/model/unifiedModel.ts';
import { CourtConnector } from './court/CourtConnector.ts';
import { CreditConnector } from './credit/CreditConnector.ts';
import { EnvironmentConnector } from './environment/EnvironmentConnector.ts';
import { MarketConnector } from './market/MarketConnector.ts';
import type { Cluster, Redis } from 'ioredis';
import type { Dispatcher } from 'undici';
import { DepartmentHttp, limitSettings, type CallEvent } from './shared/DepartmentHttp.ts';
import { createDepartmentLimiter } from './shared/DepartmentLimits.ts';
import { DEFAULT_DEPARTMENT_SETTINGS, type DepartmentCallSettings } from './shared/settings.ts';
import { TaxConnector } from './tax/TaxConnector.ts';

/** Where each department is and how to call it. */
export interface ConnectorsOptions {
  urls: Record<Department, string>;
  appKey: string;
  /** A department's own app key, where it issued one (else `appKey`). */
  appKeys?: Partial<Record<Department, string>>;
  settings?: Partial<Record<Department, Partial<DepartmentCallSettings>>>;
  onCall?: (event: CallEvent) => void;
  /**
   * Where the departments' limits are counted: in Redis for the whole deployment, falling back to
   * limit ÷ `replicas` per replica while Redis is away; without Redis, this process alone.
   * `bulkShare` (0–1) is the concurrency bulk readers may hold. @default no Redis, 1 replica, 0.5
   */
  shared?: { redis: Redis | Cluster | null; replicas: number; bulkShare: number };
  /** TLS per department (a CA, a client certificate). */
  tls?: Partial<Record<Department, TlsOptions>>;
  /** One transport for every department instead of a pool each (in-process tests). */
  dispatcher?: Dispatcher;
}

/** The five connectors and their HTTP bases (for breaker state and shutdown). */
export interface Connectors {
  tax: TaxConnector;
  market: MarketConnector;
  environment: EnvironmentConnector;
  court: CourtConnector;
  credit: CreditConnector;
  http: Record<Department, DepartmentHttp>;
  close(): Promise<void>;
}

/** Builds the connectors. */
export function createConnectors({
  urls,
  appKey,
  appKeys = {},
  settings = {},
  onCall,
  shared = { redis: null, replicas: 1, bulkShare: 0.5 },
  tls = {},
  dispatcher,
}: ConnectorsOptions): Connectors {
  const keyOf = (department: Department): string => appKeys[department] ?? appKey;
  const make = (department: Department): DepartmentHttp => {
    const s = { ...DEFAULT_DEPARTMENT_SETTINGS[department], ...settings[department] };
    return new DepartmentHttp({
      department,
      baseUrl: urls[department],
      appKey: keyOf(department),
      settings: s,
      onCall,
      limiter: createDepartmentLimiter(department, limitSettings(s, shared.bulkShare), shared),
      tls: tls[department],
      dispatcher,
    });
  };
  const http: Record<Department, DepartmentHttp> = {
    TAX: make('TAX'),
    MARKET: make('MARKET'),
    ENVIRONMENT: make('ENVIRONMENT'),
    COURT: make('COURT'),
    CREDIT: make('CREDIT'),
  };
  return {
    tax: new TaxConnector(http.TAX),
    market: new MarketConnector(http.MARKET),
    environment: new EnvironmentConnector(http.ENVIRONMENT, keyOf('ENVIRONMENT')),
    court: new CourtConnector(http.COURT),
    credit: new CreditConnector(http.CREDIT),
    http,
    close: async () => {
      await Promise.all(Object.values(http).map((h) => h.close()));
    },
  };
}
