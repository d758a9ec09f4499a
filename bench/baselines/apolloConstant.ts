/** Baseline: a minimal Apollo Server answering a constant — the framework's own ceiling. */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const server = new ApolloServer({
  typeDefs: 'type Query { check(u: String): String }',
  resolvers: { Query: { check: () => 'FAST_TRACK' } },
});
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
console.log(`baseline listening on ${url.replace(/\/$/, '')}`);
