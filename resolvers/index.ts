/** Every resolver, typed by codegen. */
import type { Resolvers } from '../src/generated/graphql.ts';
import { Access, accessQueries, LegalRepresentative, Mutation, Registration } from './access.ts';
import { Enterprise } from './Enterprise.ts';
import { CreditPlatformRecords, EnterpriseSummary, EnvironmentProfile, JudicialRecords, MarketRecords, TaxProfile } from './departments.ts';
import { CreditCheck, decisionQueries, Evaluation, Measure } from './decisions.ts';
import { Query } from './Query.ts';
import { DateScalar, DateTimeScalar, MoneyScalar, USCCScalar } from './scalars.ts';

export const resolvers: Resolvers = {
  Query: { ...Query, ...decisionQueries, ...accessQueries },
  Mutation,
  Access,
  Registration,
  LegalRepresentative,
  CreditCheck,
  Evaluation,
  Measure,
  Enterprise,
  MarketRecords,
  JudicialRecords,
  TaxProfile,
  EnvironmentProfile,
  CreditPlatformRecords,
  EnterpriseSummary,
  USCC: USCCScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Money: MoneyScalar,
};
