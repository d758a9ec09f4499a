/** Market-regulation wire records → unified registration, penalties and listings (connectors/market/wire.ts). */
import type {
  MarketListing,
  Penalty,
  Registration,
  RegistrationStatus,
} from '../../src/model/unifiedModel.ts';
import { FormatError, isoDate, optionalMoney, registeredCapital, splitKinds } from '../shared/formats.ts';
import type { MarketEntityWire, MarketListingWire, MarketPenaltyWire } from './wire.ts';

const STATUS: Record<string, RegistrationStatus> = {
  存续: 'EXISTING',
  在业: 'OPERATING',
  迁出: 'MOVED_OUT',
  停业: 'SUSPENDED',
  撤销: 'ANNULLED',
  吊销: 'REVOKED',
  注销: 'DEREGISTERED',
};

/** The registration record. */
export function normalizeRegistration(w: MarketEntityWire): Registration {
  const status = STATUS[w.regStatus];
  if (!status) throw new FormatError(`regStatus: ${w.regStatus}`);
  return {
    uscc: w.uscc,
    name: w.entName,
    legalRepresentative: { name: w.legalRep.name, idNumber: w.legalRep.idNo },
    entityType: w.entType,
    status,
    statusText: w.regStatus,
    establishedOn: isoDate(w.estDate),
    registeredCapital: registeredCapital(w.regCap),
    authority: w.regOrg,
    address: w.dom,
    scope: w.opScope,
    industryCode: w.industryCode,
    approvedOn: isoDate(w.apprDate),
  };
}

/** One penalty; `penType` lists several kinds joined by `、`. */
export function normalizeMarketPenalty(w: MarketPenaltyWire): Penalty {
  return {
    department: 'MARKET',
    id: w.penDecNo,
    date: isoDate(w.penDecIssDate),
    kinds: splitKinds(w.penType),
    amount: optionalMoney(w.penAm),
    fact: w.illegActType,
    authority: w.penAuth,
  };
}

/** One listing; listings carry no number, so the id is the list and the listing date. */
export function normalizeListing(
  list: 'abnormal' | 'serious',
  w: MarketListingWire,
  index: number,
): MarketListing {
  const listedOn = isoDate(w.abntime);
  return {
    id: `${list}-${listedOn}-${index + 1}`,
    reason: w.speCause,
    listedOn,
    authority: w.decOrg,
    removedOn: w.remDate ? isoDate(w.remDate) : null,
    removalReason: w.remExcpRes,
  };
}
