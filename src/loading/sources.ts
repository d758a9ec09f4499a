/**
 * The department operations the gateway loads per enterprise ("sources"), what each yields,
 * and which department answers it. One DataLoader per source per request; the cache keys on
 * (source, uscc).
 */
import type {
  ConsumptionRestriction,
  CreditPlatformRecords,
  Department,
  DishonestDebtorEntry,
  EnforcementCase,
  EnvironmentProfile,
  MarketListing,
  Penalty,
  Registration,
  TaxProfile,
} from '../model/unifiedModel.ts';

/** What each source yields for one enterprise (null: the department does not know it). */
export interface SourceValues {
  registration: Registration;
  marketPenalties: Penalty[];
  marketAbnormal: MarketListing[];
  marketSerious: MarketListing[];
  tax: TaxProfile;
  environment: EnvironmentProfile;
  courtDishonest: DishonestDebtorEntry[];
  courtEnforced: EnforcementCase[];
  courtRestrictions: ConsumptionRestriction[];
  credit: CreditPlatformRecords;
}

/** One source. */
export type SourceName = keyof SourceValues;

/** The department behind each source. */
export const SOURCE_DEPARTMENT: Readonly<Record<SourceName, Department>> = {
  registration: 'MARKET',
  marketPenalties: 'MARKET',
  marketAbnormal: 'MARKET',
  marketSerious: 'MARKET',
  tax: 'TAX',
  environment: 'ENVIRONMENT',
  courtDishonest: 'COURT',
  courtEnforced: 'COURT',
  courtRestrictions: 'COURT',
  credit: 'CREDIT',
};

/** Every source, in a stable order. */
export const SOURCE_NAMES = Object.keys(SOURCE_DEPARTMENT) as SourceName[];

/** A loaded value with its provenance. */
export interface Fetched<T> {
  /** null: the department answered that it does not know the enterprise. */
  value: T | null;
  /** When the value was fetched from the department (ms since the epoch). */
  fetchedAt: number;
  /** True when the department failed and this is the last known value. */
  stale: boolean;
}
