/** The parent values resolvers pass down (codegen mappers point here and at the unified model). */
import type { Department } from '../src/credit/model.ts';
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
