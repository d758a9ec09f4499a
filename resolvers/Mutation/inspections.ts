/**
 * 一单两库 (docs/rules.md "Supervision and alerts"): each department's inspection items and inspectors,
 * kept in the ledger by regulators (every change audited), and what a draw shows of them.
 */
import { mayDrawFor } from '../../src/auth/audience.ts';
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';
import type { GatewayContext } from '../../src/context.ts';
import type {
  InspectionDrawResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../../src/generated/graphql.ts';
import {
  INSPECTION_RESULTS,
  type InspectionResultRow,
  type Inspections,
  type InspectorRow,
} from '../../src/ledger/Inspections.ts';
import { beijingDate } from '../../src/credit/dates.ts';
import { addWorkingDays, CalendarNotCovered, workingDaysBetween } from '../../src/calendar/workingDays.ts';
import type { DrawRecord } from '../../src/ledger/LedgerStore.ts';
import { withInspections, withLedger } from '../shared/ledger.ts';
import { actorOf, badInput, boundedText } from '../shared/input.ts';

/** A result's words from the fixed list. */
export const InspectionResult = {
  resultText: (r: InspectionResultRow) => INSPECTION_RESULTS[r.result],
};

/** A regulator scoped to a department keeps only that department's lists and results (audience.ts). */
export function ownDepartment(ctx: GatewayContext, department: string, argument?: string): void {
  if (!mayDrawFor(ctx.principal, department))
    throw new GatewayError(
      `this regulator acts for ${ctx.principal.department} only, not ${department}`,
      GatewayErrorCode.FORBIDDEN,
      argument ? { argument } : {},
    );
}

export const inspectionItems: QueryResolvers['inspectionItems'] = (
  _p,
  { department, includeInactive },
  ctx,
) => withInspections(ctx, (i) => i.items(department, includeInactive ?? false));

export const inspectors: QueryResolvers['inspectors'] = (_p, { department, includeInactive }, ctx) =>
  withInspections(ctx, (i) => i.inspectors(department, includeInactive ?? false));

export const saveInspectionItem: MutationResolvers['saveInspectionItem'] = async (_p, { input }, ctx) => {
  ownDepartment(ctx, input.department);
  const item = {
    department: input.department,
    code: boundedText(input.code, 'input.code', 40),
    name: boundedText(input.name, 'input.name', 200),
    legalBasis: boundedText(input.legalBasis, 'input.legalBasis', 500),
    active: input.active ?? true,
  };
  const saved = await withInspections(ctx, (i) => i.saveItem(item, actorOf(ctx)));
  ctx.audit.noteAction(
    'inspection.item',
    'city',
    `${item.department} item ${item.code} saved (${item.active ? 'active' : 'inactive'})`,
  );
  return saved;
};

export const saveInspector: MutationResolvers['saveInspector'] = async (_p, { input }, ctx) => {
  ownDepartment(ctx, input.department);
  if (!/^\d{2,6}$/.test(input.region))
    throw badInput('input.region', 'region must be a region code prefix of 2 to 6 digits');
  const inspector = {
    id: input.id ?? null,
    department: input.department,
    name: boundedText(input.name, 'input.name', 50),
    unit: boundedText(input.unit, 'input.unit', 100),
    region: input.region,
    active: input.active ?? true,
  };
  const saved = await withInspections(ctx, (i) => i.saveInspector(inspector, actorOf(ctx)));
  if (!saved)
    throw new GatewayError(`no inspector ${input.id} of ${input.department}`, GatewayErrorCode.NOT_FOUND);
  ctx.audit.noteAction(
    'inspection.inspector',
    'city',
    `${saved.department} inspector ${saved.id} saved (${saved.active ? 'active' : 'inactive'})`,
  );
  return saved;
};

export const declareInspectorConflict: MutationResolvers['declareInspectorConflict'] = async (
  _p,
  { inspectorId, uscc, reason },
  ctx,
) => {
  const why = boundedText(reason, 'reason', 200);
  const found = await withInspections(ctx, (i) => i.inspector(inspectorId));
  if (!found) throw new GatewayError(`no inspector ${inspectorId}`, GatewayErrorCode.NOT_FOUND);
  ownDepartment(ctx, found.department);
  await withInspections(ctx, (i) => i.declareConflict(inspectorId, uscc, why, actorOf(ctx)));
  ctx.audit.noteAction('inspection.conflict', uscc, `inspector ${inspectorId} recused: ${why}`);
  return (await withInspections(ctx, (i) => i.inspector(inspectorId)))!;
};

/** How long after a draw its results are due before the desk flags it (the practice's 30 days). */
export const RESULTS_DUE_DAYS = 30;

export const recordInspectionResult: MutationResolvers['recordInspectionResult'] = async (
  _p,
  { drawId, uscc, result, inspectedOn, note },
  ctx,
) => {
  const why = (note ?? '').trim();
  if (why.length > 500) throw badInput('note', 'note must be at most 500 characters');
  const draw = await withLedger(ctx, (l) => l.drawById(drawId));
  if (!draw) throw new GatewayError(`no draw ${drawId}`, GatewayErrorCode.NOT_FOUND);
  ownDepartment(ctx, draw.department);
  if (!draw.enterprises.some((e) => e.uscc === uscc))
    throw badInput('uscc', `${uscc} was not drawn in draw ${drawId}`);
  // Between the draw's day and today (the draw is dated by the ledger's clock, today by the gateway's).
  const drawDay = beijingDate(Date.parse(draw.drawnAt));
  const today = ctx.today;
  if (inspectedOn < drawDay || inspectedOn > (today > drawDay ? today : drawDay))
    throw badInput('inspectedOn', `inspectedOn must lie between the draw (${drawDay}) and today`);
  const saved = await withInspections(ctx, (i) =>
    i.recordResult({ drawId, uscc, result, inspectedOn, note: why, recordedBy: actorOf(ctx) }),
  );
  ctx.audit.noteAction('inspection.result', uscc, `draw ${drawId}: ${result}`);
  return saved;
};

/**
 * The item a draw names, checked: once a department keeps items a draw names an active one of its
 * own; a department without items draws without (null).
 */
export async function drawItem(
  ctx: GatewayContext,
  department: string,
  item: string | null | undefined,
): Promise<string | null> {
  return withInspections(ctx, async (i: Inspections) => {
    if (item == null) {
      if ((await i.items(department)).length > 0)
        throw badInput('item', `${department} keeps inspection items: a draw names the item it is for`);
      return null;
    }
    const found = await i.item(item);
    if (!found || found.department !== department || !found.active)
      throw badInput('item', `no active inspection item ${item} of ${department}`);
    return found.id;
  });
}

/** The inspectors of a draw's department, once per draw. */
const POOLS = new WeakMap<DrawRecord, Promise<Map<string, InspectorRow>>>();
function poolOf(ctx: GatewayContext, d: DrawRecord): Promise<Map<string, InspectorRow>> {
  let p = POOLS.get(d);
  if (!p) {
    p = withInspections(ctx, (i) => i.inspectors(d.department, true)).then(
      (all) => new Map(all.map((x) => [x.id, x])),
    );
    POOLS.set(d, p);
  }
  return p;
}

/** Results are public within this many working days of being recorded (docs/rules.md "Supervision and alerts", 一公开). */
export const RESULTS_PUBLIC_WORKING_DAYS = 20;

/** A working-day count, or CALENDAR_NOT_COVERED naming the year the calendar lacks. */
function calendar<T>(count: () => T): T {
  try {
    return count();
  } catch (err) {
    if (!(err instanceof CalendarNotCovered)) throw err;
    throw new GatewayError(err.message, GatewayErrorCode.CALENDAR_NOT_COVERED, { year: err.year });
  }
}

/**
 * When results first recorded at `firstRecordedAt` must be public (一公开: 20 working days after,
 * the Beijing day of recording not counted), and the working days from `today` to it, negative
 * once past. CALENDAR_NOT_COVERED when either day lies in a year the calendar does not hold.
 */
export function resultsPublicDeadline(
  firstRecordedAt: string,
  today: string,
): { by: string; daysLeft: number } {
  return calendar(() => {
    const by = addWorkingDays(beijingDate(Date.parse(firstRecordedAt)), RESULTS_PUBLIC_WORKING_DAYS);
    return { by, daysLeft: by >= today ? workingDaysBetween(today, by) : -workingDaysBetween(by, today) };
  });
}

/** An unpublished draw's deadline for its results (null once published, or before any result). */
const DEADLINES = new WeakMap<DrawRecord, Promise<{ by: string; daysLeft: number } | null>>();
function publicDeadline(
  ctx: GatewayContext,
  d: DrawRecord,
): Promise<{ by: string; daysLeft: number } | null> {
  if (d.publishedAt) return Promise.resolve(null);
  let p = DEADLINES.get(d);
  if (!p) {
    p = withInspections(ctx, (i) => i.firstResultAt(d.id)).then((first) =>
      first ? resultsPublicDeadline(first, ctx.today) : null,
    );
    DEADLINES.set(d, p);
  }
  return p;
}

const RESULTS = new WeakMap<DrawRecord, Promise<InspectionResultRow[]>>();
const resultsOf = (ctx: GatewayContext, d: DrawRecord): Promise<InspectionResultRow[]> => {
  let p = RESULTS.get(d);
  if (!p) RESULTS.set(d, (p = withInspections(ctx, (i) => i.results(d.id))));
  return p;
};

export const drawInspectionFields: Pick<
  InspectionDrawResolvers,
  | 'item'
  | 'assignments'
  | 'inspectorsShort'
  | 'results'
  | 'resultsPending'
  | 'resultsOverdue'
  | 'resultsPublicBy'
  | 'resultsPublicDaysLeft'
> = {
  resultsPublicBy: async (d, _a, ctx) => (await publicDeadline(ctx, d))?.by ?? null,
  resultsPublicDaysLeft: async (d, _a, ctx) => (await publicDeadline(ctx, d))?.daysLeft ?? null,
  results: (d, _a, ctx) => resultsOf(ctx, d),
  resultsPending: async (d, _a, ctx) => d.enterprises.length - (await resultsOf(ctx, d)).length,
  resultsOverdue: async (d, _a, ctx) =>
    d.enterprises.length > (await resultsOf(ctx, d)).length &&
    ctx.now() - Date.parse(d.drawnAt) > RESULTS_DUE_DAYS * 86_400_000,
  item: (d, _a, ctx) => (d.itemId ? withInspections(ctx, (i) => i.item(d.itemId!)) : null),
  assignments: async (d, _a, ctx) => {
    if (!d.assignments?.length) return [];
    const pool = await poolOf(ctx, d);
    return d.assignments.map((a) => ({
      uscc: a.uscc,
      inspectors: a.inspectors.map((id) => pool.get(id)).filter((x): x is InspectorRow => x !== undefined),
    }));
  },
  inspectorsShort: (d) => d.inspectorsShort,
};
