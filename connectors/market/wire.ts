/** Market regulation's wire format (departments.md §2): REST, one enterprise per call, paged lists. */

/** `GET /samr/v2/entities/{uscc}`. */
export interface MarketEntityWire {
  entName: string;
  uscc: string;
  legalRep: { name: string; idNo: string };
  entType: string;
  regStatus: string;
  estDate: string;
  regCap: string;
  regOrg: string;
  dom: string;
  opScope: string;
}

/** One administrative penalty; `penType` may join several kinds with `、`. */
export interface MarketPenaltyWire {
  penDecNo: string;
  illegActType: string;
  penType: string;
  penAm: string | null;
  penDecIssDate: string;
  penAuth: string;
  penContent: string;
}

/** One listing on the abnormal-operations or serious-violation list; `remDate` null while listed. */
export interface MarketListingWire {
  speCause: string;
  abntime: string;
  decOrg: string;
  remExcpRes: string | null;
  remDate: string | null;
}

/** The paged envelope. */
export interface MarketPage<T> {
  total: number;
  page: number;
  size: number;
  items: T[];
}

/** One search hit. */
export interface MarketSearchItemWire {
  uscc: string;
  entName: string;
  regStatus: string;
}

/** The largest page market regulation serves. */
export const MARKET_PAGE_LIMIT = 50;
