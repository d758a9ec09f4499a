/**
 * Text the gateway stores or forwards must not hold NUL: PostgreSQL refuses it in text columns
 * (an error that would surface as INTERNAL_SERVER_ERROR), and no credit datum contains one. A
 * request whose variables or string literals hold one is a bad request (BAD_USER_INPUT), refused
 * before execution on every transport.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import { GatewayErrorCode } from '../errors.ts';

/** Whether a value (a variables object, any depth) holds a string with a NUL character. */
export function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  for (const v of Array.isArray(value) ? value : Object.values(value))
    if (holdsNul(v, depth + 1)) return true;
  return false;
}

/** Documents already looked at (Apollo and the transports keep parsed documents). */
const literalNul = new WeakMap<DocumentNode, boolean>();

/** Whether a document's string literals hold NUL (written as the escape `\u0000`). */
function documentHoldsNul(document: DocumentNode): boolean {
  let found = literalNul.get(document);
  if (found !== undefined) return found;
  found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes('\u0000')) found = true;
    },
  });
  literalNul.set(document, found);
  return found;
}

/** The refusal, or null when the request's text is clean. */
export function nulRefusal(document: DocumentNode, variables: unknown): GraphQLError | null {
  if (!holdsNul(variables) && !documentHoldsNul(document)) return null;
  return new GraphQLError('a string in the request contains a NUL character', {
    extensions: { code: GatewayErrorCode.BAD_USER_INPUT },
  });
}

/** The Apollo plugin: refuses such a request once its operation is known, before execution. */
export function createInputTextPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const refusal = nulRefusal(document, request.variables);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
