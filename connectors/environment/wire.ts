import { DEPARTMENTS } from '../../src/departments/registry.ts';
/** Ecology and environment's wire format (its published contract): XML over HTTP, batches of 50. */

/** The largest batch the environment service accepts. */
export const ENVIRONMENT_BATCH_LIMIT = DEPARTMENTS.ENVIRONMENT.batchLimit;

/** Environmental credit cards, best to worst. */
export const ENV_CARDS = ['GREEN', 'BLUE', 'YELLOW', 'RED', 'BLACK'] as const;

/** One enterprise as parsed from `<Enterprise code="…">` (attributes only, as the XML carries them). */
export interface EnvEnterpriseWire {
  code: string;
  ratings: Array<{ year: string; card: string }>;
  penalties: Array<{ docNo: string; date: string; kind: string; amount: string; fact: string }>;
}
