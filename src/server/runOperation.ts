/** One GraphQL operation run in process with a request's context (the routes beside /graphql use it). */
import type { ApolloServer } from '@apollo/server';
import type { GatewayContext } from '../context.ts';

/** What an operation answered: its data, and its errors' paths and codes. */
export interface OperationResult<T> {
  data?: T | null;
  errors?: Array<{
    message?: string;
    path?: ReadonlyArray<string | number>;
    extensions?: { code?: string };
  }>;
}

/** Runs `query` with `ctx` (the caller's authorization, masking and audit) and returns its single result. */
export async function runOperation<T>(
  apollo: ApolloServer<GatewayContext>,
  ctx: GatewayContext,
  query: string,
  variables: Record<string, unknown>,
): Promise<OperationResult<T>> {
  const result = await apollo.executeOperation({ query, variables }, { contextValue: ctx });
  if (result.body.kind !== 'single') throw new Error('unexpected incremental result');
  return result.body.singleResult as OperationResult<T>;
}
