/** Queries the tests share. */

/** Every field of an enterprise's profile a regulator may read (not bank-consent or own-enterprise fields). */
export const PROFILE_FIELDS = `
  uscc name
  code { registrationAuthority registrationAuthorityName organizationType organizationTypeName regionCode organizationCode checksumValid organizationCodeValid }
  registration { name legalRepresentative { name idNumber } entityType status statusText establishedOn registeredCapital { text amount currency } authority address scope }
  tax { aLevelTaxpayer arrears abnormalTaxpayer majorCases { id fact listedOn removedOn } penalties { department id date kinds amount fact authority } }
  market { penalties { id date kinds amount } abnormalOperations { id reason listedOn removedOn } seriousViolations { id listedOn removedOn } }
  environment { ratings { year card } latestCard penalties { id date kinds amount } }
  judicial { dishonestDebtor { caseCode court publishedOn onList removedOn situation } enforcementCases { caseCode filedOn amount } consumptionRestrictions { caseCode issuedOn } }
  credit { commitments { id status signedOn } lists { id list listedOn removedOn } }
  records { id department kind nature severity date endedOn title status publicity { published from until repairableFrom } }
  sources { department status fetchedAt }
`;

/** One enterprise, every field. */
export const FULL_PROFILE = `query Full($uscc: USCC!) { enterprise(uscc: $uscc) { ${PROFILE_FIELDS} } }`;

/** Many enterprises, every field. */
export const FULL_BATCH = `query Batch($usccs: [USCC!]!) { enterprises(usccs: $usccs) { ${PROFILE_FIELDS} } }`;
