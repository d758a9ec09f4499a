/** The ledger for a resolver, and the checks of a roster filter (domain.md §5). */
import type { GatewayContext } from '../../src/context.ts';
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';
import { LedgerUnavailable, type LedgerStore, type RosterFilter } from '../../src/ledger/LedgerStore.ts';

/** The ledger, or LEDGER_UNAVAILABLE. */
export function ledgerOf(ctx: GatewayContext): LedgerStore {
  try {
    if (!ctx.ledger) throw new LedgerUnavailable('no ledger is configured');
    return ctx.ledger.get();
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
export async function withLedger<T>(ctx: GatewayContext, fn: (l: LedgerStore) => Promise<T>): Promise<T> {
  const ledger = ledgerOf(ctx);
  try {
    return await fn(ledger);
  } catch (err) {
    if (err instanceof LedgerUnavailable) throw unavailable();
    throw err;
  }
}

const bad = (argument: string, message: string): GatewayError =>
  new GatewayError(message, GatewayErrorCode.BAD_USER_INPUT, { argument });

/** A roster filter checked against the rule set: BAD_USER_INPUT naming the field. */
export function checkFilter(ctx: GatewayContext, f: RosterFilter, argument = 'filter'): RosterFilter {
  const grades = new Set(ctx.rules.grades.map((g) => g.grade));
  const tiers = new Set(Object.values(ctx.rules.supervision).map((s) => s.tier));
  for (const g of f.grades ?? [])
    if (!grades.has(g)) throw bad(`${argument}.grades`, `no grade ${g} in rule set ${ctx.rules.id}`);
  for (const t of f.tiers ?? [])
    if (!tiers.has(t)) throw bad(`${argument}.tiers`, `no tier ${t} in rule set ${ctx.rules.id}`);
  if (f.regionPrefix != null && !/^\d{1,6}$/.test(f.regionPrefix))
    throw bad(`${argument}.regionPrefix`, 'regionPrefix must be 1 to 6 digits');
  return f;
}
