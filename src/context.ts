/**
 * What every resolver receives: the request's id and clock, the rule set, its DataLoaders, and
 * the services it may call. Built per request by `createContextFactory`.
 */
import { randomUUID } from 'node:crypto';
import type { CreditConnector } from '../connectors/credit/CreditConnector.ts';
import type { MarketConnector } from '../connectors/market/MarketConnector.ts';
import type { DeclaredLoads, DeclaredSources } from './departments/declared/DeclaredSources.ts';
import { AuditContext } from './audit/auditContext.ts';
import type { AuditSink } from './audit/AuditLog.ts';
import { createConsentChecker, type ConsentCache, type ConsentChecker } from './auth/consents.ts';
import { PUBLIC, type Principal } from './auth/principal.ts';
import { beijingDate } from './credit/dates.ts';
import { affirmativeMaxAgeMs, type RuleSet } from './credit/ruleSet.ts';
import type { RuleSetHolder } from './credit/ruleSetHolder.ts';
import { SOURCE_DEPARTMENT } from './loading/sources.ts';
import { createLoaders } from './loading/loaders.ts';
import type { EventServices } from './events/eventServices.ts';
import type { LedgerHandle } from './ledger/LedgerHandle.ts';
import type { ReportKeys } from './frontends/report/verification.ts';
import { RequestData } from './loading/RequestData.ts';
import type { Fetcher, Lane } from './loading/Fetcher.ts';
import type { GradeMemory } from './cache/gradeMemory.ts';
import { traitsOf } from './auth/roles.ts';

/** A request's context. */
export interface GatewayContext {
  requestId: string;
  /** The clock (ms); never `Date.now()` in domain code. */
  now: () => number;
  /** The request's evaluation day. */
  today: string;
  /** The rule set in force at this request's time (an approved version from its effective time on). */
  rules: RuleSet;
  /** Which rule-set version is in force when, or null when none can be approved here. */
  ruleSets?: RuleSetHolder | null;
  /** Reads the approved versions again now (after an approval on this replica). */
  refreshRuleSets?: () => Promise<void>;
  /** The departments' data for this request: loads, memoizes, assesses (src/loading/RequestData.ts). */
  data: RequestData;
  /** The declared departments' answers for this request, one batch per department; null when none are connected. */
  declared: DeclaredLoads | null;
  /**
   * The same data, asked again of every department whose cached value is older than the rule set's
   * affirmativeMaxAge (docs/rules.md "Approval checks"): what an affirmative verdict rests on. Built
   * once per request, on first use.
   */
  affirmative(): RequestData;
  /** Market regulation's search (not per enterprise, so not a loader). */
  search: Pick<MarketConnector, 'search'>;
  /** The credit platform, for writes (objections, consents) and consent reads. */
  credit: CreditConnector;
  /** Who is asking. */
  principal: Principal;
  /** Bank consent checks, batched per request. */
  consents: ConsentChecker;
  /** The process-wide consent cache (dropped after the gateway's own consent writes). */
  consentCache: ConsentCache;
  /** What this request read and wrote, for the audit log. */
  audit: AuditContext;
  /** Drops what every replica holds for an enterprise (after the gateway's own writes). */
  invalidate(uscc: string): Promise<void>;
  /** The city ledger (rosters, draws), or null when the gateway runs without one. */
  ledger: LedgerHandle | null;
  /** Credit events (subscriptions, webhooks), or null without a ledger. */
  events: EventServices | null;
  /** How long an INVESTIGATION read is held out of the subject's data tracker, unless closed first (days). */
  investigationHoldDays: number;
  /**
   * The lane this request's department calls take, set from the operation's department-call cost
   * (a holder: Apollo shallow-copies the context, and the loaders must see what the plugin set).
   */
  lane: { current: Lane };
  /** Signs approval checks' receipts (the report keys). */
  receiptKeys: ReportKeys;
}

/** What the context factory shares across requests. */
export interface ContextDeps {
  fetcher: Fetcher;
  /** The declared departments' connectors and caches (src/departments/declared/DeclaredSources.ts). */
  declared?: DeclaredSources | null;
  rules: RuleSet;
  now: () => number;
  market: MarketConnector;
  credit: CreditConnector;
  grades: GradeMemory;
  consentCache: ConsentCache;
  audit: AuditSink;
  invalidate(uscc: string): Promise<void>;
  /**
   * How long department calls of one request may take in all (ms): past it, what has not arrived
   * is UNAVAILABLE and the operation answers with the rest, inside the operation timeout.
   */
  departmentDeadlineMs?: number;
  /** Where complete assessments are recorded (the city ledger), if anywhere. */
  ledger?: LedgerHandle | null;
  /** Credit events, with a ledger. */
  events?: EventServices | null;
  /** The report keys, which also sign approval checks' receipts. */
  receiptKeys: ReportKeys;
  /** The rule set in force by time; without it, `rules` always. */
  ruleSets?: RuleSetHolder | null;
  refreshRuleSets?: () => Promise<void>;
  /** INVESTIGATION_HOLD_DAYS. @default 180 */
  investigationHoldDays?: number;
}

/** Returns a function that builds one request's context. */
export function createContextFactory(
  deps: ContextDeps,
): (init?: { requestId?: string; principal?: Principal }) => GatewayContext {
  const peek = deps.fetcher.peek?.bind(deps.fetcher);
  return (init = {}) => {
    const principal = init.principal ?? PUBLIC;
    const requestId = init.requestId ?? randomUUID();
    // The loaders read the lane when a batch goes out: the cost plugin sets it before execution.
    const lane: { current: Lane } = { current: 'interactive' };
    const deadline =
      deps.departmentDeadlineMs === undefined ? null : performance.now() + deps.departmentDeadlineMs;
    const loaders = createLoaders(deps.fetcher, () => lane.current, deadline);
    const today = beijingDate(deps.now());
    // One rule set for the whole request, the one in force when it began.
    const rules = deps.ruleSets?.at(deps.now()) ?? deps.rules;
    let affirmative: RequestData | null = null;
    // One request's loads of the declared departments, shared by its data and its affirmative re-read.
    const declaredLoads = deps.declared
      ? { loads: deps.declared.loads(() => lane.current), departments: deps.declared.departments }
      : null;
    return {
      lane,
      receiptKeys: deps.receiptKeys,
      ruleSets: deps.ruleSets ?? null,
      refreshRuleSets: deps.refreshRuleSets,
      ledger: deps.ledger ?? null,
      events: deps.events ?? null,
      investigationHoldDays: deps.investigationHoldDays ?? 180,
      requestId,
      principal,
      consents: createConsentChecker(
        deps.consentCache,
        traitsOf(principal).holdsConsents ? principal.org : null,
        deps.now,
      ),
      consentCache: deps.consentCache,
      audit: new AuditContext(deps.audit, principal, requestId, deps.now),
      invalidate: deps.invalidate,
      now: deps.now,
      today,
      rules,
      declared: declaredLoads?.loads ?? null,
      data: new RequestData({
        // The warm path reads the declared departments' fresh answers at once, as the five's.
        declared: declaredLoads && { ...declaredLoads, peek: (d, u) => deps.declared!.peek(d, u) },
        loaders,
        rules,
        today,
        grades: deps.grades,
        ledger: deps.ledger ?? null,
        peek,
      }),
      affirmative: () =>
        (affirmative ??= new RequestData({
          declared: declaredLoads,
          // No warm path: every source through the fetcher, with its department's maximum age.
          loaders: createLoaders(
            {
              fetch: (source, usccs, l) =>
                deps.fetcher.fetch(source, usccs, l, affirmativeMaxAgeMs(rules, SOURCE_DEPARTMENT[source])),
            },
            () => lane.current,
            deadline,
          ),
          rules,
          today,
          grades: deps.grades,
          ledger: deps.ledger ?? null,
        })),
      search: deps.market,
      credit: deps.credit,
    };
  };
}
