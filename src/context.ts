/**
 * What every resolver receives: the request's id and clock, the rule set, its DataLoaders, and
 * the services it may call. Built per request by `createContextFactory`.
 */
import { randomUUID } from 'node:crypto';
import type { CreditConnector } from '../connectors/credit/CreditConnector.ts';
import type { MarketConnector } from '../connectors/market/MarketConnector.ts';
import { toIsoDate } from './credit/dates.ts';
import type { RuleSet } from './credit/ruleSet.ts';
import { createLoaders, type Loaders } from './data/createLoaders.ts';
import type { Fetcher } from './data/Fetcher.ts';

/** A request's context. */
export interface GatewayContext {
  requestId: string;
  /** The clock (ms); never `Date.now()` in domain code. */
  now: () => number;
  /** The request's evaluation day. */
  today: string;
  rules: RuleSet;
  loaders: Loaders;
  /** Market regulation's search (not per enterprise, so not a loader). */
  search: Pick<MarketConnector, 'search'>;
  /** The credit platform, for writes (objections, consents) and consent reads. */
  credit: CreditConnector;
}

/** What the context factory shares across requests. */
export interface ContextDeps {
  fetcher: Fetcher;
  rules: RuleSet;
  now: () => number;
  market: MarketConnector;
  credit: CreditConnector;
}

/** Returns a function that builds one request's context. */
export function createContextFactory(deps: ContextDeps): (init?: { requestId?: string }) => GatewayContext {
  return (init = {}) => ({
    requestId: init.requestId ?? randomUUID(),
    now: deps.now,
    today: toIsoDate(deps.now()),
    rules: deps.rules,
    loaders: createLoaders(deps.fetcher),
    search: deps.market,
    credit: deps.credit,
  });
}
