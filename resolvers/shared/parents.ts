/** The parent values resolvers pass down (codegen mappers point here and at the unified model). */
import type { RiskAlert } from '../../src/credit/alerts.ts';
import type { CheckResult } from '../../src/credit/checks.ts';
import type { DishonestyRecord } from '../../src/credit/records.ts';
import type {
  CreditPlatformRecords,
  Department,
  EnvironmentProfile,
  LegalRepresentative,
  Registration,
  TaxProfile,
} from '../../src/model/unifiedModel.ts';
import type { AssessedEnterprise } from '../../src/loading/RequestData.ts';
import type { DecodedUscc } from '../../src/credit/uscc.ts';
import type { AnyDepartment } from '../../src/departments/registry.ts';

/** An enterprise as resolvers carry it: its code, decoded; every department's data is loaded lazily. */
export interface EnterpriseParent {
  uscc: string;
  decoded: DecodedUscc;
}

/** A search hit. */
export interface SummaryParent {
  uscc: string;
  name: string;
}

/** One department's freshness for one enterprise. */
export interface SourceStatusParent {
  /** One of the five, or a declared department. */
  department: AnyDepartment;
  status: 'OK' | 'STALE' | 'UNAVAILABLE';
  fetchedAt: string | null;
}

/** A check's basis, with the enterprise it is about (its interviews are read from the ledger when asked). */
export interface CheckBasisParent {
  uscc: string;
  evaluation: AssessedEnterprise['evaluation'];
  records: DishonestyRecord[];
  incentives: CreditPlatformRecords['lists'];
}

/** A check's answer with the profile it came from. */
export interface CreditCheckParent {
  uscc: string;
  result: CheckResult;
  profile: AssessedEnterprise;
  /** Departments whose data was older than an affirmative verdict allows and could not be had young. */
  tooOld: Department[];
}

/** An alerted enterprise in the regulator's sweep. */
export interface RiskAlertEdgeParent {
  cursor: string;
  node: EnterpriseParent;
  alerts: RiskAlert[];
}

/** A department's data with the enterprise it belongs to, so field rules know whose it is. */
export type Owned<T> = T & { owner: string };
/** Tax data of an enterprise. */
export type OwnedTax = Owned<TaxProfile>;
/** Environment data of an enterprise. */
export type OwnedEnvironment = Owned<EnvironmentProfile>;
/** Credit-platform data of an enterprise. */
export type OwnedCredit = Owned<CreditPlatformRecords>;
/** Registration of an enterprise. */
export type OwnedRegistration = Owned<Registration>;
/** The legal representative of an enterprise. */
export type OwnedLegalRepresentative = Owned<LegalRepresentative>;

/** Tags a department's value with its enterprise. */
export function owned<T extends object>(value: T | null, owner: string): Owned<T> | null {
  return value === null ? null : { ...value, owner };
}
