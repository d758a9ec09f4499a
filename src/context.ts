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
import type { GradeMemory } from './cache/gradeMemory.ts';
import { computeCreditProfile, type CreditProfile } from './services/creditProfile.ts';

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
  /** This request's credit profiles, computed once per enterprise. */
  profile(uscc: string): Promise<CreditProfile>;
}

/** What the context factory shares across requests. */
export interface ContextDeps {
  fetcher: Fetcher;
  rules: RuleSet;
  now: () => number;
  market: MarketConnector;
  credit: CreditConnector;
  grades: GradeMemory;
}

/** Returns a function that builds one request's context. */
export function createContextFactory(deps: ContextDeps): (init?: { requestId?: string }) => GatewayContext {
  return (init = {}) => {
    const loaders = createLoaders(deps.fetcher);
    const today = toIsoDate(deps.now());
    const profiles = new Map<string, Promise<CreditProfile>>();
    return {
      requestId: init.requestId ?? randomUUID(),
      now: deps.now,
      today,
      rules: deps.rules,
      loaders,
      search: deps.market,
      credit: deps.credit,
      profile(uscc) {
        let p = profiles.get(uscc);
        if (!p) profiles.set(uscc, (p = computeCreditProfile(uscc, { loaders, rules: deps.rules, today, grades: deps.grades })));
        return p;
      },
    };
  };
}
