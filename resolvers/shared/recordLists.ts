/**
 * Department lists that carry records (penalties, court lists, listings, the platform's lists),
 * filtered by the one audience rule (src/auth/audience.ts): the record-state rule of
 * `Enterprise.records`, applied to the raw entries (docs/rules.md "Publicity and repair"). A record's state depends on
 * the credit platform's repairs and objections, so a caller other than the enterprise itself
 * reads these lists only when the platform answered — a repaired record is never shown for
 * want of knowing it was repaired.
 */
import { recordAudienceOf, showsRecord } from '../../src/auth/audience.ts';
import type { GatewayContext } from '../../src/context.ts';
import type { Department, EnterpriseData, Penalty } from '../../src/model/unifiedModel.ts';
import { collectRecords } from '../../src/credit/collectRecords.ts';
import { recordIdOf, type RecordKind } from '../../src/credit/records.ts';

/** How a list's entries become records. */
export interface RecordListSpec<T> {
  /** The enterprise data that holds just these entries (the record rules read it). */
  data: (entries: T[]) => Omit<EnterpriseData, 'uscc' | 'credit'>;
  /** The id of the record an entry becomes, or null for an entry that is no record (a RED list entry). */
  recordId: (entry: T) => string | null;
  /** For an entry that is no record: whether it still stands (a removed list entry is history, docs/rules.md "Publicity and repair"). */
  stands?: (entry: T, today: string) => boolean;
}

/** The id of the record a department's entry becomes. */
export const recordOf =
  <T>(department: Department, kind: RecordKind, localId: (entry: T) => string) =>
  (entry: T): string =>
    recordIdOf(department, localId(entry), kind);

/** The id of the record a penalty becomes (any department's). */
export const penaltyRecord = (p: Penalty): string => recordIdOf(p.department, p.id, 'ADMINISTRATIVE_PENALTY');

/** The entries of `owner`'s list this caller may see. */
export async function visibleEntries<T>(
  ctx: GatewayContext,
  owner: string,
  entries: T[],
  spec: RecordListSpec<T>,
): Promise<T[]> {
  const audience = recordAudienceOf(ctx.principal, owner);
  if (audience === 'self' || entries.length === 0) return entries;
  const credit = await ctx.data.value('credit', owner);
  const records = new Map(
    collectRecords({ uscc: owner, ...spec.data(entries), credit }, ctx.rules, ctx.today).map((r) => [
      r.id,
      r,
    ]),
  );
  return entries.filter((e) => {
    const id = spec.recordId(e);
    if (id === null) return spec.stands?.(e, ctx.today) ?? false;
    const r = records.get(id);
    // An entry the rules do not know as a record is not shown: deny by default.
    return r !== undefined && showsRecord(audience, r);
  });
}
