/**
 * Abuse limits on every operation, with GraphQL Armor's maintained validation rules (depth,
 * aliases, directives, cost) and graphql-js's own token limit at parse time. Each rejection
 * carries its own stable code. Limits come from configuration.
 */
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  Kind,
  type ASTVisitor,
  type GraphQLError as GraphQLErrorType,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { GatewayError, GatewayErrorCode } from '../errors.ts';

/** The limits (the defaults in DEFAULT_QUERY_LIMITS, documented in docs/limits.md). */
export interface QueryLimits {
  /** @default 8 */
  maxDepth: number;
  /** @default 10 */
  maxAliases: number;
  /** @default 5 */
  maxDirectives: number;
  /** @default 5000 */
  maxCost: number;
  /** @default 1000 */
  maxTokens: number;
  /** Largest value a list-size argument (first, usccs) may take. @default 100 */
  maxListArgument: number;
}

/** The defaults. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 8,
  maxAliases: 10,
  maxDirectives: 5,
  maxCost: 5000,
  maxTokens: 1000,
  maxListArgument: 100,
};

/** Armor's callbacks report its error; we replace it with one that carries our code. */
function withCode(code: GatewayErrorCode) {
  return {
    propagateOnRejection: false,
    exposeLimits: true,
    onReject: [
      (ctx: ValidationContext | null, err: GraphQLErrorType) =>
        ctx?.reportError(new GatewayError(err.message.replace(/^Syntax Error: /, ''), code)),
    ],
  };
}

/** Caps every list argument (an array literal or variable value is checked at execution by the resolvers too). */
function listArgumentRule(max: number): ValidationRule {
  return (ctx): ASTVisitor => ({
    Argument(node) {
      const v = node.value;
      if (v.kind === Kind.LIST && v.values.length > max)
        ctx.reportError(
          new GatewayError(
            `argument ${node.name.value} may hold at most ${max} items`,
            GatewayErrorCode.LIST_TOO_LONG,
          ),
        );
      if (
        v.kind === Kind.INT &&
        (node.name.value === 'first' || node.name.value === 'last') &&
        Number(v.value) > max
      ) {
        ctx.reportError(
          new GatewayError(
            `argument ${node.name.value} may be at most ${max}`,
            GatewayErrorCode.LIST_TOO_LONG,
          ),
        );
      }
    },
  });
}

/** The validation rules. */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      ...withCode(GatewayErrorCode.QUERY_TOO_DEEP),
    }),
    // allowList: [] so `__typename` aliases count too.
    maxAliasesRule({ n: limits.maxAliases, allowList: [], ...withCode(GatewayErrorCode.TOO_MANY_ALIASES) }),
    maxDirectivesRule({ n: limits.maxDirectives, ...withCode(GatewayErrorCode.TOO_MANY_DIRECTIVES) }),
    costLimitRule({
      maxCost: limits.maxCost,
      objectCost: 2,
      scalarCost: 1,
      depthCostFactor: 1.5,
      ignoreIntrospection: true,
      ...withCode(GatewayErrorCode.QUERY_TOO_COSTLY),
    }),
    listArgumentRule(limits.maxListArgument),
  ] as ValidationRule[];
}

/** Whether a parse error is graphql-js's token limit. */
export function isTokenLimitError(message: string): boolean {
  // graphql-js 16 spells it "more that".
  return /Document contains more th(?:an|at) \d+ tokens/.test(message);
}
