/**
 * `formatError`: gateway errors and GraphQL's own request errors pass with their code; anything
 * else is masked as INTERNAL_SERVER_ERROR (Apollo does not mask by default; we do). No stack
 * trace, upstream body or file path ever leaves.
 */
import type { GraphQLFormattedError } from 'graphql';
import { GatewayError, GatewayErrorCode } from '../errors.ts';
import { isTokenLimitError } from './queryLimits.ts';

/** Codes Apollo Server and graphql-js set for a bad request (their messages are about the request, not us). */
const REQUEST_CODES = new Set<string>([
  GatewayErrorCode.GRAPHQL_PARSE_FAILED,
  GatewayErrorCode.GRAPHQL_VALIDATION_FAILED,
  GatewayErrorCode.BAD_USER_INPUT,
  GatewayErrorCode.BAD_REQUEST,
  GatewayErrorCode.PERSISTED_QUERY_NOT_FOUND,
  GatewayErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  GatewayErrorCode.OPERATION_RESOLUTION_FAILURE,
]);

const KNOWN_CODES = new Set<string>(Object.values(GatewayErrorCode));

/** Finds a GatewayError behind wrappers (resolver errors, variable-coercion errors). */
function gatewayErrorIn(error: unknown): GatewayError | null {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof GatewayError) return e;
    e = (e as { originalError?: unknown }).originalError;
  }
  return null;
}

/** The innermost cause of an error. */
function rootCause(error: unknown): unknown {
  let e = error;
  for (let depth = 0; depth < 5; depth++) {
    const next = (e as { originalError?: unknown } | null)?.originalError;
    if (!next) break;
    e = next;
  }
  return e;
}

/**
 * Whether an error is a GraphQLError by its tag, not by `instanceof`: Apollo and a test runner
 * may each load their own copy of graphql-js, and a class check would then mask real request errors.
 */
function isGraphQLError(e: unknown): boolean {
  return Object.prototype.toString.call(e) === '[object GraphQLError]';
}

/** Builds the formatter; `onMasked` sees each masked error (for the log), never the client. */
export function createFormatError(onMasked: (error: unknown) => void = () => {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    const gateway = gatewayErrorIn(error);
    if (gateway) {
      // A gateway error inside a variable's coercion keeps its own code (INVALID_USCC, not a bare BAD_USER_INPUT).
      const { code, http: _http, ...rest } = gateway.extensions as Record<string, unknown>;
      return {
        ...base,
        extensions: { ...rest, code: (code as string | undefined) ?? GatewayErrorCode.INTERNAL_SERVER_ERROR },
      };
    }
    const code = formatted.extensions?.code;
    const cause = rootCause(error);
    // graphql-js's token limit is a parse error; it gets its own code.
    if (code === 'GRAPHQL_PARSE_FAILED' && isTokenLimitError(formatted.message))
      return { ...base, extensions: { code: GatewayErrorCode.TOO_MANY_TOKENS } };
    // graphql-js stops coercing variables after 50 errors with an error of no code: still the client's input.
    if (isGraphQLError(cause) && /^Too many errors processing variables/.test(formatted.message))
      return { ...base, extensions: { code: GatewayErrorCode.BAD_USER_INPUT } };
    // Apollo's own refusals of a bad request that carry no code (an APQ hash or version it rejects) but a 4xx.
    const http = (error as { extensions?: { http?: { status?: number } } } | null)?.extensions?.http;
    if (
      isGraphQLError(cause) &&
      cause === error &&
      http?.status !== undefined &&
      http.status >= 400 &&
      http.status < 500
    ) {
      return { ...base, extensions: { code: GatewayErrorCode.BAD_REQUEST } };
    }
    // GraphQL's own request errors (parse, validation, variables) pass; anything thrown by code is masked.
    if (
      typeof code === 'string' &&
      (REQUEST_CODES.has(code) || KNOWN_CODES.has(code)) &&
      isGraphQLError(cause)
    ) {
      return { ...base, extensions: { code } };
    }
    onMasked(cause);
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: GatewayErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
