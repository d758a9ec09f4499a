/**
 * The Apollo Server of the gateway: the schema with the shield applied, error masking, the
 * validation limits, persisted queries, the executor (compiled plans, src/server/compiledExecution.ts), and the plugins in their order (introspection gate, department-call cost, observability, audit, HTTP status).
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { createAuditPlugin } from '../audit/auditPlugin.ts';
import { createIntrospectionGate } from '../auth/introspectionGate.ts';
import { applyPermissions } from '../auth/permissions.ts';
import { createRedisKeyValueCache } from '../cache/apqCache.ts';
import type { GatewayConfig } from '../config/gatewayConfig.ts';
import type { GatewayContext } from '../context.ts';
import { createObservabilityPlugin } from '../metrics/observabilityPlugin.ts';
import { CompiledExecution, type ExecutorChooser } from './compiledExecution.ts';
import { createDepartmentCostPlugin } from './departmentCost.ts';
import { createFormatError } from './formatError.ts';
import { createGraphqlHttpStatusPlugin } from './graphqlHttpStatus.ts';
import { createInputTextPlugin } from './inputText.ts';
import type { Infrastructure } from './infrastructure.ts';
import { queryLimitRules } from './queryLimits.ts';
import { buildSchema } from './schema.ts';
import type { GraphQLSchema } from 'graphql';

/** The executable schema with the shield applied (Apollo's, and the subscription transports'). */
export function gatewaySchema(): GraphQLSchema {
  return applyPermissions(buildSchema());
}

/** Builds and starts Apollo. */
export async function createApollo(
  config: GatewayConfig,
  infra: Infrastructure,
  schema: GraphQLSchema = gatewaySchema(),
  chooseExecutor?: ExecutorChooser,
): Promise<ApolloServer<GatewayContext>> {
  const { logger, metrics, redis } = infra;
  const execution = new CompiledExecution(
    schema,
    config.execution,
    (path) => metrics.executions.inc({ path }),
    chooseExecutor,
  );
  const apollo = new ApolloServer<GatewayContext>({
    // The schema comes through the gateway interface with the executor that runs it.
    gateway: execution.gateway(),
    formatError: createFormatError((err) => logger.error({ err }, 'masked error')),
    includeStacktraceInErrorResponses: false,
    // No "Did you mean …?" for anyone: field suggestions map the schema for a prober.
    hideSchemaDetailsFromClientErrors: true,
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: queryLimitRules(config.limits),
    allowBatchedHttpRequests: false,
    // Our own drain ends the server on SIGTERM (src/server/drain.ts, startGateway.ts). Apollo's
    // handler (on outside NODE_ENV=test) stopped Apollo at once — every request still draining got
    // 500 "server has stopped" — and then re-raised the signal, killing the drain.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    // Introspection is on in the server; the gate below allows it to developers and regulators only.
    introspection: true,
    persistedQueries: { cache: redis ? createRedisKeyValueCache(redis) : undefined, ttl: 86400 },
    plugins: [
      // No cache hints: every answer is `no-store` (src/server/httpHandler.ts), so Apollo's
      // cache-control plugin only wrapped every field's resolver to compute a policy nobody reads.
      ApolloServerPluginCacheControlDisabled(),
      createIntrospectionGate(),
      createInputTextPlugin(),
      createDepartmentCostPlugin(config.departmentBudgets, infra.quotas),
      createObservabilityPlugin(metrics, logger),
      createAuditPlugin((err) => logger.error({ err: String(err) }, 'audit write failed; response withheld')),
      createGraphqlHttpStatusPlugin(),
    ],
  });
  await apollo.start();
  return apollo;
}
