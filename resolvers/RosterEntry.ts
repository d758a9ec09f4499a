/** `RosterEntry`: a ledger row, with the registry's basics it kept and its region in words. */
import type { RosterEntryResolvers } from '../src/generated/graphql.ts';
import { regionName } from '../src/model/regions.ts';

export const RosterEntry: RosterEntryResolvers = {
  name: (r) => r.registry?.name ?? null,
  address: (r) => r.registry?.address ?? null,
  legalRepresentative: (r) => r.registry?.legalRepresentative ?? null,
  registrationAuthority: (r) => r.registry?.authority ?? null,
  regionName: (r) => regionName(r.regionCode),
};
