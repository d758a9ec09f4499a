/**
 * Baseline: Apollo Server with the gateway's own schema and graphql-shield applied as in
 * production, answering the benchmark's check query from a constant object (the gateway's answer
 * for one enterprise, read from BASELINE_ANSWER) — the framework's ceiling for that response shape.
 * The shield's rules run for every field with a clerk's context; nothing else (no data, no audit).
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { DateScalar, DateTimeScalar, MoneyScalar, USCCScalar } from '../../resolvers/scalars.ts';
import { applyPermissions } from '../../src/auth/permissions.ts';
import { loadTypeDefs } from '../../src/server/schema.ts';

const answer = (
  JSON.parse(readFileSync(process.env.BASELINE_ANSWER!, 'utf8')) as { data: { creditCheck: unknown } }
).data.creditCheck;
const schema = applyPermissions(
  makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: {
      Query: { creditCheck: () => answer },
      USCC: USCCScalar,
      Date: DateScalar,
      DateTime: DateTimeScalar,
      Money: MoneyScalar,
    },
  }),
);
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, {
  listen: { port: 0, host: '127.0.0.1' },
  context: async () => ({
    principal: { role: 'clerk', subject: 'bench', org: 'hall-bench', uscc: null, purpose: 'LICENSING' },
    audit: { noteRead: () => undefined },
    consents: { check: async () => true },
  }),
});
console.log(`baseline listening on ${url.replace(/\/$/, '')}`);
