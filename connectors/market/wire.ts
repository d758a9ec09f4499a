/**
 * Market regulation's wire format (its published contract), stated once: zod schemas the connector
 * parses with and the sandbox serves by, and the types inferred from them. REST, one enterprise
 * per call, paged lists.
 */
import { z } from 'zod';

const str = z.string();

/** The largest page size market regulation serves. */
export const MARKET_PAGE_LIMIT = 50;

/** `GET /samr/v2/entities/{uscc}`. */
export const marketEntityWire = z.object({
  entName: str,
  uscc: str,
  legalRep: z.object({ name: str, idNo: str }),
  entType: str,
  regStatus: str,
  estDate: str,
  regCap: str,
  regOrg: str,
  dom: str,
  opScope: str,
  /** GB/T 4754-2017 class (国民经济行业分类): a letter and up to four digits (v3). */
  industryCode: z.string().regex(/^[A-T]\d{0,4}$/),
  /** The latest 核准日期 (v3). */
  apprDate: str,
});
/** An entity on the wire. */
export type MarketEntityWire = z.infer<typeof marketEntityWire>;

/** One penalty of `GET …/penalties`; `penType` may join several kinds with `、`. */
export const marketPenaltyWire = z.object({
  penDecNo: str,
  illegActType: str,
  penType: str,
  penAm: str.nullable(),
  penDecIssDate: str,
  penAuth: str,
  penContent: str,
});
/** A penalty on the wire. */
export type MarketPenaltyWire = z.infer<typeof marketPenaltyWire>;

/** One listing of `GET …/abnormal` or `…/serious-violations`; `remDate` null while listed. */
export const marketListingWire = z.object({
  speCause: str,
  abntime: str,
  decOrg: str,
  remExcpRes: str.nullable(),
  remDate: str.nullable(),
});
/** A listing on the wire. */
export type MarketListingWire = z.infer<typeof marketListingWire>;

/** The listings envelope. */
export const marketListingsWire = z.object({ items: z.array(marketListingWire) });

/** The paged envelope of penalties and search hits. */
export const marketPageWire = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int(), page: z.number().int(), size: z.number().int(), items: z.array(item) });
/** A page on the wire. */
export interface MarketPage<T> {
  total: number;
  page: number;
  size: number;
  items: T[];
}

/** One search hit of `GET /samr/v2/entities?keyword=`. */
export const marketSearchItemWire = z.object({ uscc: str, entName: str, regStatus: str });
/** A search hit on the wire. */
export type MarketSearchItemWire = z.infer<typeof marketSearchItemWire>;
