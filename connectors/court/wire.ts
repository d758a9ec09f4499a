/**
 * The courts' wire format (its published contract), stated once: zod schemas the connector parses with
 * and the sandbox serves by, and the types inferred from them. Small batches, Chinese dates
 * (`2023年03月05日`), `success` envelopes.
 */
import { DEPARTMENTS } from '../../src/departments/registry.ts';
import { z } from 'zod';

const str = z.string();

/** The largest batch the courts accept. */
export const COURT_BATCH_LIMIT = DEPARTMENTS.COURT.batchLimit;

/** The three court lists, by their path segment. */
export type CourtList = 'dishonest' | 'enforced' | 'restrictions';

/** 失信被执行人 entry; `status` 在列 or 已移除. */
export const courtDishonestWire = z.object({
  caseCode: str,
  courtName: str,
  publishDate: str,
  performance: str,
  duty: str,
  disruptTypeName: str,
  status: str,
  removeDate: str.nullable(),
});
/** A dishonest-debtor entry on the wire. */
export type CourtDishonestWire = z.infer<typeof courtDishonestWire>;

/** 被执行人 case; `execMoney` is a JSON number of yuan (this vendor's habit; a decimal string is taken too). */
export const courtEnforcedWire = z.object({
  caseCode: str,
  courtName: str,
  filingDate: str,
  execMoney: z.union([z.number(), str]),
});
/** An enforcement case on the wire. */
export type CourtEnforcedWire = z.infer<typeof courtEnforcedWire>;

/** 限制消费令. */
export const courtRestrictionWire = z.object({ caseCode: str, courtName: str, issueDate: str });
/** A restriction order on the wire. */
export type CourtRestrictionWire = z.infer<typeof courtRestrictionWire>;

/** Each list's item schema. */
export const COURT_ITEM_WIRE = {
  dishonest: courtDishonestWire,
  enforced: courtEnforcedWire,
  restrictions: courtRestrictionWire,
} as const;

/** The envelope of one list: per id its items, or the courts' failure. */
export const courtResponseWire = <L extends CourtList>(list: L) =>
  z.union([
    z.object({
      success: z.literal(true),
      result: z.array(z.object({ id: str, items: z.array(COURT_ITEM_WIRE[list]) })),
    }),
    z.object({ success: z.literal(false), error: str }),
  ]);
/** An envelope on the wire. */
export type CourtResponse<T> =
  { success: true; result: Array<{ id: string; items: T[] }> } | { success: false; error: string };
