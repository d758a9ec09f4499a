/**
 * Introspection only for developers and regulators: graphql-shield's `deny` fallback
 * does not cover `__schema` and `__type`, so the gate is an Apollo plugin of its own.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { visit, BREAK, type DocumentNode } from 'graphql';
import type { GatewayContext } from '../context.ts';
import { GatewayErrorCode, refusal } from '../errors.ts';
import { traitsOf } from './roles.ts';

/** Documents already walked (Apollo reuses a cached operation's document object). */
const walked = new WeakMap<DocumentNode, boolean>();

/** Whether a document asks for the schema itself. */
export function usesIntrospection(document: DocumentNode): boolean {
  // Apollo hands every request of a cached operation the same document: walk each one once.
  const known = walked.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  walked.set(document, found);
  return found;
}

/** The plugin: refuses introspection to every other role before execution. */
export function createIntrospectionGate(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (usesIntrospection(document) && !traitsOf(contextValue.principal).introspection) {
            // A refusal, not a fault: 403 (200 for plain JSON clients, see graphqlHttpStatus.ts), never Apollo's default 500.
            throw refusal(
              'introspection is available to developers and regulators only',
              GatewayErrorCode.FORBIDDEN,
            );
          }
        },
      };
    },
  };
}
