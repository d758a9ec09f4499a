/** The courts' wire format (departments.md §4): small batches, Chinese dates, `success` envelopes. */

/** The largest batch the courts accept. */
export const COURT_BATCH_LIMIT = 20;

/** The three court lists, by their path segment. */
export type CourtList = 'dishonest' | 'enforced' | 'restrictions';

/** 失信被执行人 entry; dates like `2023年03月05日`. */
export interface CourtDishonestWire {
  caseCode: string;
  courtName: string;
  publishDate: string;
  performance: string;
  duty: string;
  disruptTypeName: string;
  status: string;
  removeDate: string | null;
}

/** 被执行人 case; `execMoney` is a JSON number of yuan (this vendor's habit). */
export interface CourtEnforcedWire {
  caseCode: string;
  courtName: string;
  filingDate: string;
  execMoney: number;
}

/** 限制消费令. */
export interface CourtRestrictionWire {
  caseCode: string;
  courtName: string;
  issueDate: string;
}

/** The envelope. */
export type CourtResponse<T> =
  | { success: true; result: Array<{ id: string; items: T[] }> }
  | { success: false; error: string };
