/** The ledger for a resolver, and the checks of a roster filter (docs/rules.md "Supervision and alerts"). */
import { scopedPrefix } from '../../src/auth/audience.ts';
import type { GatewayContext } from '../../src/context.ts';
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';
import type { AuditArchive } from '../../src/ledger/AuditArchive.ts';
import type { LedgerHandle } from '../../src/ledger/LedgerHandle.ts';
import type { RuleSetVersions } from '../../src/ledger/RuleSetVersions.ts';
import type { Inspections } from '../../src/ledger/Inspections.ts';
import type { Objections } from '../../src/ledger/Objections.ts';
import type { CommitmentChecks } from '../../src/ledger/CommitmentChecks.ts';
import type { Interviews } from '../../src/ledger/Interviews.ts';
import {
  ledgerAway,
  LedgerUnavailable,
  type LedgerStore,
  type RosterFilter,
} from '../../src/ledger/LedgerStore.ts';
import type { RosterFilter as RosterFilterInput } from '../../src/generated/graphql.ts';
import { badInput } from './input.ts';

/** The ledger, or LEDGER_UNAVAILABLE. */
export function ledgerOf(ctx: GatewayContext): LedgerStore {
  return partOf(ctx, (h) => h.get());
}

/** A part of the ledger (its store, its audit archive), or LEDGER_UNAVAILABLE. */
function partOf<T>(ctx: GatewayContext, pick: (h: LedgerHandle) => T): T {
  try {
    if (!ctx.ledger) throw new LedgerUnavailable('no ledger is configured');
    return pick(ctx.ledger);
  } catch (err) {
    if (err instanceof LedgerUnavailable) throw unavailable();
    throw err;
  }
}

/** LEDGER_UNAVAILABLE. */
export function unavailable(): GatewayError {
  return new GatewayError(
    'the city ledger is unavailable; per-enterprise lookups still answer',
    GatewayErrorCode.LEDGER_UNAVAILABLE,
  );
}

/** Runs a ledger call; a lost database is LEDGER_UNAVAILABLE. */
export function withLedger<T>(ctx: GatewayContext, fn: (l: LedgerStore) => Promise<T>): Promise<T> {
  return run(ledgerOf(ctx), fn);
}

/** Runs an inspection items / inspectors call; no ledger or a lost database is LEDGER_UNAVAILABLE. */
export function withInspections<T>(ctx: GatewayContext, fn: (i: Inspections) => Promise<T>): Promise<T> {
  return run(
    partOf(ctx, (h) => h.inspections()),
    fn,
  );
}

/** Runs an interviews call; no ledger or a lost database is LEDGER_UNAVAILABLE. */
export function withInterviews<T>(ctx: GatewayContext, fn: (i: Interviews) => Promise<T>): Promise<T> {
  return run(
    partOf(ctx, (h) => h.interviews()),
    fn,
  );
}

/** Runs a commitment checks call; no ledger or a lost database is LEDGER_UNAVAILABLE. */
export function withCommitmentChecks<T>(
  ctx: GatewayContext,
  fn: (c: CommitmentChecks) => Promise<T>,
): Promise<T> {
  return run(
    partOf(ctx, (h) => h.commitmentChecks()),
    fn,
  );
}

/** Runs an objection workflow call; no ledger or a lost database is LEDGER_UNAVAILABLE. */
export function withObjections<T>(ctx: GatewayContext, fn: (o: Objections) => Promise<T>): Promise<T> {
  return run(
    partOf(ctx, (h) => h.objections()),
    fn,
  );
}

/** Runs a rule-set versions call; no ledger or a lost database is LEDGER_UNAVAILABLE. */
export function withVersions<T>(ctx: GatewayContext, fn: (v: RuleSetVersions) => Promise<T>): Promise<T> {
  return run(
    partOf(ctx, (h) => h.ruleSetVersions()),
    fn,
  );
}

/** Runs an audit archive call; no ledger or a lost database is LEDGER_UNAVAILABLE. */
export function withArchive<T>(ctx: GatewayContext, fn: (a: AuditArchive) => Promise<T>): Promise<T> {
  return run(
    partOf(ctx, (h) => h.archive()),
    fn,
  );
}

async function run<P, T>(part: P, fn: (p: P) => Promise<T>): Promise<T> {
  try {
    return await fn(part);
  } catch (err) {
    // The database went away mid-query: the same answer (a programming error stays one).
    if (err instanceof GatewayError) throw err; // a refusal of the resolver's own, not the database's
    const bug = err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError;
    if (err instanceof LedgerUnavailable || (!bug && ledgerAway(err))) throw unavailable();
    throw err;
  }
}

/** A roster filter checked against the rule set: BAD_USER_INPUT naming the field. */
export function checkFilter(ctx: GatewayContext, f: RosterFilterInput, argument = 'filter'): RosterFilter {
  const grades = new Set(ctx.rules.grades.map((g) => g.grade));
  const tiers = new Set(Object.values(ctx.rules.supervision).map((s) => s.tier));
  for (const g of f.grades ?? [])
    if (!grades.has(g)) throw badInput(`${argument}.grades`, `no grade ${g} in rule set ${ctx.rules.id}`);
  for (const t of f.tiers ?? [])
    if (!tiers.has(t)) throw badInput(`${argument}.tiers`, `no tier ${t} in rule set ${ctx.rules.id}`);
  if (f.regionPrefix != null && !/^\d{1,6}$/.test(f.regionPrefix))
    throw badInput(`${argument}.regionPrefix`, 'regionPrefix must be 1 to 6 digits');
  for (const p of f.industry ?? [])
    if (!/^[A-T]\d{0,4}$/.test(p))
      throw badInput(
        `${argument}.industry`,
        `${JSON.stringify(p)} is not a GB/T 4754 class prefix (a letter and up to four digits)`,
      );
  const domains = ctx.rules.keyDomains ?? {};
  if (f.keyDomain != null && !domains[f.keyDomain])
    throw badInput(
      `${argument}.keyDomain`,
      `no key domain ${f.keyDomain} in rule set ${ctx.rules.id} (it names: ${Object.keys(domains).join('、') || 'none'})`,
    );
  // An industry list and a key domain together: enterprises in both (a domain's classes within the listed ones).
  const listed = f.industry?.length ? f.industry : null;
  const domain = f.keyDomain ? domains[f.keyDomain]! : null;
  const industryPrefixes =
    listed && domain
      ? domain
          .filter((d) => listed.some((l) => d.startsWith(l)))
          .concat(listed.filter((l) => domain.some((d) => l.startsWith(d))))
      : (listed ?? domain);
  // A regulator scoped to a region sees and draws within it (src/auth/audience.ts).
  const regionPrefix = scopedPrefix(ctx.principal, f.regionPrefix);
  if (regionPrefix === 'OUTSIDE')
    throw new GatewayError(
      `region ${f.regionPrefix} is outside this regulator's region ${ctx.principal.region}`,
      GatewayErrorCode.FORBIDDEN,
      { argument: `${argument}.regionPrefix` },
    );
  return {
    grades: f.grades,
    tiers: f.tiers,
    regionPrefix,
    alertKinds: f.alertKinds,
    departments: f.departments,
    // Whose tiers: a department's fused ones (a declared department's are the grade's).
    tiersFor: f.tiersFor,
    // An intersection that is empty matches nothing (never everything).
    industryPrefixes: industryPrefixes && industryPrefixes.length === 0 ? ['∅'] : industryPrefixes,
  };
}
