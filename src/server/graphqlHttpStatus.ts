/**
 * GraphQL over HTTP: a client that accepts only `application/json` gets HTTP 200 for parse,
 * validation and variable errors and for operations refused before execution (the spec's
 * SHOULD; Apollo answers 400, our refusals 403). A client that accepts
 * `application/graphql-response+json` keeps the 4xx. Statuses the gateway sets on purpose
 * (401, 413, 429, 503, 504) are not touched.
 */
import type { ApolloServerPlugin } from '@apollo/server';

/** The plugin. */
export function createGraphqlHttpStatusPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ request }) {
      const accept = request.http?.headers.get('accept') ?? '';
      const legacyJson = !accept.includes('application/graphql-response+json');
      return {
        async willSendResponse({ response }) {
          if (
            legacyJson &&
            (response.http.status === 400 || response.http.status === 403) &&
            response.body.kind === 'single' &&
            !('data' in response.body.singleResult && response.body.singleResult.data)
          ) {
            response.http.status = 200;
          }
        },
      };
    },
  };
}
