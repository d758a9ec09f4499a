/** The parent values resolvers pass down (codegen mappers point here and at the unified model). */
import type { RiskAlert } from '../src/credit/alerts.ts';
import type { CheckResult } from '../src/credit/checks.ts';
import type { Department } from '../src/credit/model.ts';
import type { CreditProfile } from '../src/services/creditProfile.ts';
import type { DecodedUscc } from '../src/credit/uscc.ts';

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
  department: Department;
  status: 'OK' | 'STALE' | 'UNAVAILABLE';
  fetchedAt: string | null;
}

/** A check's answer with the profile it came from. */
export interface CreditCheckParent {
  uscc: string;
  result: CheckResult;
  profile: CreditProfile;
}

/** An alerted enterprise in the regulator's sweep. */
export interface RiskAlertEdgeParent {
  cursor: string;
  node: EnterpriseParent;
  alerts: RiskAlert[];
}
