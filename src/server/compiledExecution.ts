/**
 * Compiled execution: the operations the gateway serves most run as plans compiled by graphql-jit
 * (docs/dependencies.md), everything else through graphql-js. A plan is compiled for a document
 * and operation on its `compileAfter`-th use (the hall's check is compiled by its second request;
 * a one-off query never pays the compile), kept in a bounded LRU, and run against the same schema
 * — the shield's rules, consent, masking and the audit are the schema's resolvers and Apollo's
 * plugins, so they run identically on both paths (test/auth/compiledEquivalence.test.ts compares
 * every answer of the access fixture, field by field, role by role).
 *
 * graphql-js answers where compilation does not apply: subscriptions, introspection, a document
 * graphql-jit refuses to compile, and any request whose variables do not coerce (graphql-js's own
 * BAD_USER_INPUT messages are what clients are told).
 *
 * Wired through Apollo Server's gateway interface, whose executor replaces `execute` only: parsing,
 * validation, the query limits and every plugin still run as before.
 */
import type {
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
} from '@apollo/server-gateway-interface';
import {
  execute,
  getVariableValues,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import type { GatewayContext } from '../context.ts';
import { propagatedOnce } from './nullPropagation.ts';

/** Which executor runs an operation. */
export type ExecutorName = 'compiled' | 'graphql-js';

/** The compiled executor's settings (GRAPHQL_EXECUTOR, GRAPHQL_COMPILE_AFTER, GRAPHQL_PLANS). */
export interface ExecutionSettings {
  executor: ExecutorName;
  /** The use on which a document's plan is compiled (1: at once). */
  compileAfter: number;
  /** How many compiled plans are kept (least recently used go). */
  plans: number;
}

/** What happened to one operation (metrics and tests count them). */
export type ExecutionPath = 'compiled' | 'graphql-js' | 'not-compilable';

/** Chooses the executor per operation; tests pass one to compare both on the same gateway. */
export type ExecutorChooser = (ctx: GatewayContext) => ExecutorName | undefined;

type Plan = CompiledQuery | 'not-compilable';

/** Whether an operation is one a plan serves: a query or mutation that asks no introspection. */
function compilable(operation: OperationDefinitionNode | undefined): boolean {
  if (!operation || operation.operation === 'subscription') return false;
  return !operation.selectionSet.selections.some(
    (s) => s.kind === 'Field' && (s.name.value === '__schema' || s.name.value === '__type'),
  );
}

/** The plans and the executor that runs them. */
export class CompiledExecution {
  private readonly plans: LRUCache<string, Plan>;
  /** Uses of documents not yet compiled (bounded: a stream of one-off queries evicts its own counts). */
  private readonly uses: LRUCache<string, number>;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly settings: ExecutionSettings,
    private readonly onPath: (path: ExecutionPath) => void = () => {},
    private readonly choose: ExecutorChooser = () => undefined,
  ) {
    this.plans = new LRUCache({ max: settings.plans });
    this.uses = new LRUCache({ max: settings.plans * 10 });
  }

  /** Runs one operation (Apollo's gateway executor). */
  readonly executor = async (rc: GatewayGraphQLRequestContext<GatewayContext>): Promise<ExecutionResult> => {
    const plan = this.planFor(rc);
    if (plan && plan !== 'not-compilable') {
      const variables = rc.request.variables ?? {};
      // Coerced by graphql-js first: a bad variable gets graphql-js's answer, word for word.
      const coerced = getVariableValues(this.schema, rc.operation!.variableDefinitions ?? [], variables);
      if (!coerced.errors) {
        this.onPath('compiled');
        const result = (await plan.query(undefined, rc.context, variables)) as ExecutionResult;
        if (!result.errors?.length) return result;
        return { ...result, errors: propagatedOnce(this.schema, rc.document, rc.operation!, result.errors) };
      }
    }
    this.onPath(plan === 'not-compilable' ? 'not-compilable' : 'graphql-js');
    return this.interpret(rc.document, rc);
  };

  /** graphql-js's execution, as Apollo runs it without a gateway. */
  private async interpret(
    document: DocumentNode,
    rc: GatewayGraphQLRequestContext<GatewayContext>,
  ): Promise<ExecutionResult> {
    return execute({
      schema: this.schema,
      document,
      contextValue: rc.context,
      variableValues: rc.request.variables,
      operationName: rc.request.operationName,
    });
  }

  /** The plan for this operation, compiling it on its `compileAfter`-th use; null: graphql-js this time. */
  private planFor(rc: GatewayGraphQLRequestContext<GatewayContext>): Plan | null {
    const chosen = this.choose(rc.context) ?? this.settings.executor;
    if (chosen === 'graphql-js' || !compilable(rc.operation)) return null;
    const key = `${rc.queryHash}\u0000${rc.operationName ?? ''}`;
    const known = this.plans.get(key);
    if (known) return known;
    const n = (this.uses.get(key) ?? 0) + 1;
    if (n < this.settings.compileAfter) {
      this.uses.set(key, n);
      return null;
    }
    this.uses.delete(key);
    const compiled = compileQuery(this.schema, rc.document, rc.operationName ?? undefined, {
      // Errors keep no compiled stack: none is ever sent, and capturing one costs on every error.
      disablingCapturingStackErrors: true,
    });
    const plan: Plan = isCompiledQuery(compiled) ? compiled : 'not-compilable';
    this.plans.set(key, plan);
    return plan;
  }

  /** Apollo's gateway interface over this executor and the schema (never reloaded). */
  gateway(): GatewayInterface {
    return {
      onSchemaLoadOrUpdate: (callback) => {
        callback({ apiSchema: this.schema, coreSupergraphSdl: '' });
        return () => {};
      },
      load: async () => ({ schema: this.schema, executor: this.executor as GatewayExecutor }),
      stop: async () => {},
    };
  }
}
