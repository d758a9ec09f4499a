/** Registration basics; the legal representative's ID number masked by the one audience rule (docs/access.md). */
import { seesPersonalData } from '../src/auth/audience.ts';
import { maskIdNumber } from '../src/auth/mask.ts';
import type { LegalRepresentativeResolvers, RegistrationResolvers } from '../src/generated/graphql.ts';
import { owned } from './shared/parents.ts';

export const Registration: RegistrationResolvers = {
  legalRepresentative: (r) => owned(r.legalRepresentative, r.owner)!,
};

export const LegalRepresentative: LegalRepresentativeResolvers = {
  idNumber: (l, _a, ctx) => {
    if (!seesPersonalData(ctx.principal, l.owner)) return maskIdNumber(l.idNumber);
    ctx.audit.noteRead(l.owner, 'LegalRepresentative.idNumber');
    return l.idNumber;
  },
};
