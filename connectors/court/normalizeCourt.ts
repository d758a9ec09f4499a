/** Court wire items → unified judicial records (connectors/court/wire.ts): Chinese dates, numeric money. */
import type {
  ConsumptionRestriction,
  DishonestDebtorEntry,
  EnforcementCase,
} from '../../src/model/unifiedModel.ts';
import { chineseDate, FormatError, money } from '../shared/formats.ts';
import type { CourtDishonestWire, CourtEnforcedWire, CourtRestrictionWire } from './wire.ts';

/** A dishonest-debtor entry; `status` 在列 (on the list) or 已移除 (removed). */
export function normalizeDishonest(w: CourtDishonestWire): DishonestDebtorEntry {
  if (w.status !== '在列' && w.status !== '已移除') throw new FormatError(`status: ${w.status}`);
  return {
    caseCode: w.caseCode,
    court: w.courtName,
    publishedOn: chineseDate(w.publishDate),
    performance: w.performance,
    duty: w.duty,
    situation: w.disruptTypeName,
    onList: w.status === '在列',
    removedOn: w.removeDate ? chineseDate(w.removeDate) : null,
  };
}

/** An enforcement case; `execMoney` arrives as a JSON number. */
export function normalizeEnforced(w: CourtEnforcedWire): EnforcementCase {
  return {
    caseCode: w.caseCode,
    court: w.courtName,
    filedOn: chineseDate(w.filingDate),
    amount: money(w.execMoney),
  };
}

/** A consumption restriction order. */
export function normalizeRestriction(w: CourtRestrictionWire): ConsumptionRestriction {
  return { caseCode: w.caseCode, court: w.courtName, issuedOn: chineseDate(w.issueDate) };
}
