import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Suites that need a gateway and a sandbox but no socket: both are served in process
 * (test/helpers/noSockets.ts), and the project's setup fails any test that opens one.
 */
const IN_PROCESS = [
  'test/auth/authorizationTable.test.ts',
  'test/auth/consent.test.ts',
  'test/auth/domainTable.test.ts',
  'test/server/noSockets.test.ts',
  'test/auth/roleTable.test.ts',
  'test/auth/compiledEquivalence.test.ts',
];

export default defineConfig({
  resolve: {
    // One graphql-js for everything: Node loads it as CommonJS for Apollo and graphql-tools, so the
    // tests must too, or two copies of its classes meet (graphql-js refuses to mix them).
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests bind loopback ports and start redis-server; two workers match the 2-core machines.
    maxWorkers: 2,
    reporters: ['default', './test/support/summaryReporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          // The in-process floor (`npm run test:unit`): no sockets, no servers, no module state kept
          // between files that another file reads, so its files share one module graph per worker
          // instead of importing the gateway afresh for each (import time was two thirds of its run).
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'process',
          include: IN_PROCESS,
          setupFiles: ['test/support/noSockets.setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          // The benchmark's smoke run is a CI step of its own (`npm run test:bench-smoke` sets CG_TEST_SET=bench).
          exclude:
            process.env.CG_TEST_SET === 'bench'
              ? ['node_modules/**', 'test/unit/**', ...IN_PROCESS]
              : ['test/bench/**', 'node_modules/**', 'test/unit/**', ...IN_PROCESS],
        },
      },
    ],
  },
});
