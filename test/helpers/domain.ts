/** Builders of unified enterprise data for rule tables. */
import { loadRuleSet } from '../../src/config/gatewayConfig.ts';
import type { EnterpriseData, Penalty } from '../../src/model/unifiedModel.ts';

/** The default rule set (docs/rules.md) and the Shanwei one. */
export const RULES = loadRuleSet('default');
export const SHANWEI = loadRuleSet('shanwei');

/** The evaluation day of the tables. */
export const TODAY = '2026-11-01';

let n = 0;
/** A penalty of the given kinds and fine, dated `date`. */
export function penalty(
  kinds: string[],
  amount: string | null,
  date: string,
  department: Penalty['department'] = 'MARKET',
): Penalty {
  return { department, id: `P${++n}`, date, kinds, amount, fact: 'fact', authority: null };
}

/** Enterprise data with every department present. */
export type FullData = { [K in keyof EnterpriseData]-?: NonNullable<EnterpriseData[K]> };

/** An enterprise with empty data from every department, then `patch` applied. */
export function enterprise(patch: (e: FullData) => void = () => {}): FullData {
  const e: FullData = {
    uscc: '914403001922038216',
    registration: {
      uscc: '914403001922038216',
      name: 'n',
      legalRepresentative: { name: '张三', idNumber: '440301198001011234' },
      entityType: '有限责任公司',
      status: 'EXISTING',
      statusText: '存续',
      establishedOn: '2015-01-01',
      registeredCapital: { text: '', amount: null, currency: null },
      authority: '',
      address: '',
      scope: '',
      industryCode: 'C1391',
      approvedOn: '2024-05-10',
    },
    tax: {
      ratings: [{ year: 2025, grade: 'B' }],
      arrears: '0.00',
      abnormalTaxpayer: false,
      majorCases: [],
      taxPaid: [],
      penalties: [],
    },
    market: { penalties: [], abnormalOperations: [], seriousViolations: [] },
    environment: { ratings: [], penalties: [] },
    judicial: { dishonestDebtor: [], enforcementCases: [], consumptionRestrictions: [] },
    credit: { commitments: [], reorganizations: [], lists: [], repairs: [], objections: [] },
    declared: [],
    declaredRatings: {},
  };
  patch(e);
  return e;
}
