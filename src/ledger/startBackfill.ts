/** Wires the backfill to the gateway's parts: the registry's pages, assessment on the bulk lane, the change feed. */
import type { Connectors } from '../../connectors/index.ts';
import type { GradeMemory } from '../cache/gradeMemory.ts';
import { beijingDate } from '../credit/dates.ts';
import type { RuleSet } from '../credit/ruleSet.ts';
import type { ChangeFollower } from '../feed/ChangeFollower.ts';
import type { Fetcher } from '../loading/Fetcher.ts';
import { createLoaders } from '../loading/loaders.ts';
import { RequestData } from '../loading/RequestData.ts';
import type { DeclaredSources } from '../departments/declared/DeclaredSources.ts';
import { Backfill, type BackfillOptions } from './Backfill.ts';
import type { LedgerHandle } from './LedgerHandle.ts';
import type { Logger } from 'pino';

/** What the backfill is built from. */
export interface BackfillParts {
  ledger: LedgerHandle;
  connectors: Connectors;
  fetcher: Fetcher;
  /** The rule set in force (a function: an approved version takes effect while the backfill runs). */
  rules: RuleSet | (() => RuleSet);
  grades: GradeMemory;
  follower: ChangeFollower;
  now: () => number;
  logger: Logger;
  holder: string;
  /** The declared departments (their records count in the ledger's assessments as in a lookup's). */
  declared?: DeclaredSources | null;
  /** Seconds from a change at the platform to its re-assessment (metrics). */
  onLag?: (seconds: number) => void;
}

/** Builds the backfill (not started) and subscribes it to the change feed. */
export function createBackfill(parts: BackfillParts, options: BackfillOptions = {}): Backfill {
  const { ledger, connectors, fetcher, rules, grades, now, logger } = parts;
  const backfill = new Backfill(
    {
      jobs: () => ledger.jobs(),
      registryPage: async (page, size) => {
        const r = await connectors.market.search('', page, size, 'bulk');
        return { total: r.total, usccs: r.items.map((i) => i.uscc) };
      },
      // One request's worth of loaders per batch, on the bulk lane: one call per department batch.
      assess: async (usccs) => {
        const data = new RequestData({
          declared: parts.declared
            ? { loads: parts.declared.loads(() => 'bulk'), departments: parts.declared.departments }
            : null,
          loaders: createLoaders(fetcher, () => 'bulk'),
          rules: typeof rules === 'function' ? rules() : rules,
          today: beijingDate(now()),
          grades,
          ledger,
        });
        const outcomes = await Promise.all(
          usccs.map((u) =>
            data.assessment(u).then(
              (a) => (a.loaded.missing.length === 0 ? null : u),
              () => u,
            ),
          ),
        );
        return outcomes.filter((u): u is string => u !== null);
      },
      logger,
      now,
      // The lease holder's upkeep: roster counts folded, deadlines passed told (once each).
      housekeeping: async () => {
        await ledger.jobs().compactCounts();
        await ledger.deadlines().notice(beijingDate(now()));
      },
      holder: parts.holder,
      onLag: parts.onLag,
    },
    options,
  );
  parts.follower.subscribe({
    onChanges: (changes) => backfill.changed(changes.map((c) => ({ uscc: c.uscc, at: Date.parse(c.at) }))),
    onReset: () => backfill.restart(),
  });
  return backfill;
}
