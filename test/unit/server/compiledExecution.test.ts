/**
 * The compiled executor (src/server/compiledExecution.ts) on a small schema: when a plan is
 * compiled, where graphql-js answers instead, and errors as graphql-js reports them
 * (src/server/nullPropagation.ts) — one per nullable ancestor a null reaches.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { execute, getOperationAST, GraphQLError, parse, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../../../src/context.ts';
import { CompiledExecution, type ExecutionPath } from '../../../src/server/compiledExecution.ts';

const schema = makeExecutableSchema({
  typeDefs: /* GraphQL */ `
    type Query {
      draw: Draw
      draws: [Draw!]
      ping(n: Int!): Int
    }
    type Draw {
      id: ID!
      items: [Item!]!
      note: String
    }
    type Item {
      code: String!
      tier: String!
      remark: String
    }
  `,
  resolvers: {
    Query: {
      draw: () => ({ id: '1' }),
      draws: () => [{ id: '1' }, { id: '2' }],
      ping: (_: unknown, { n }: { n: number }) => n,
    },
    Draw: {
      items: () => [{ code: 'a' }, { code: 'b' }, { code: 'c' }],
      note: () => Promise.reject(new GraphQLError('note denied', { extensions: { code: 'FORBIDDEN' } })),
    },
    Item: {
      tier: async () => {
        throw new GraphQLError('tier denied', { extensions: { code: 'FORBIDDEN' } });
      },
      remark: async () => {
        throw new GraphQLError('remark denied', { extensions: { code: 'FORBIDDEN' } });
      },
    },
  },
});

/** An executor over the schema that records how each operation ran. */
function executorWith(compileAfter: number): {
  run: (q: string, v?: object) => Promise<ExecutionResult>;
  paths: ExecutionPath[];
} {
  const paths: ExecutionPath[] = [];
  const ex = new CompiledExecution(schema, { executor: 'compiled', compileAfter, plans: 10 }, (p) =>
    paths.push(p),
  );
  const run = (query: string, variables: object = {}): Promise<ExecutionResult> => {
    const document = parse(query);
    const rc = {
      request: { query, variables },
      document,
      operation: getOperationAST(document) ?? undefined,
      operationName: null,
      queryHash: query,
      context: {} as GatewayContext,
    } as unknown as GatewayGraphQLRequestContext<GatewayContext>;
    return ex.executor(rc);
  };
  return { run, paths };
}

const plain = (r: ExecutionResult): unknown => JSON.parse(JSON.stringify(r));
const interpreted = async (query: string, variables: Record<string, unknown> = {}): Promise<unknown> =>
  plain(await execute({ schema, document: parse(query), variableValues: variables }));

describe('when a plan is compiled', () => {
  it('on the compileAfter-th use of a document; graphql-js before', async () => {
    const { run, paths } = executorWith(2);
    await run('{ draw { id } }');
    await run('{ draw { id } }');
    await run('{ draw { id } }');
    await run('{ draws { id } }');
    expect(paths).toEqual(['graphql-js', 'compiled', 'compiled', 'graphql-js']);
  });

  it('never for introspection, and not for a request whose variables do not coerce', async () => {
    const { run, paths } = executorWith(1);
    const intro = await run('{ __schema { queryType { name } } }');
    expect(intro.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const bad = await run('query($n: Int!) { ping(n: $n) }', { n: 'x' });
    expect(plain(bad)).toEqual(await interpreted('query($n: Int!) { ping(n: $n) }', { n: 'x' }));
    expect(await run('query($n: Int!) { ping(n: $n) }', { n: 3 })).toEqual({ data: { ping: 3 } });
    expect(paths).toEqual(['graphql-js', 'graphql-js', 'compiled']);
  });
});

describe('errors as graphql-js reports them', () => {
  const cases = {
    'a non-null field failing in every item of a non-null list: one error, at the nullable draw':
      '{ draw { id items { code tier } } }',
    'the same under aliases and a fragment':
      '{ d: draw { ...F } } fragment F on Draw { id all: items { c: code t: tier } }',
    'a nullable field failing in every item: one error each': '{ draw { items { code remark } } }',
    'a nullable field beside a list that nulls its parent': '{ draw { note items { tier } } }',
    'items of a nullable list of non-null draws': '{ draws { id items { tier } } }',
  };
  it.each(Object.entries(cases))('%s', async (_name, query) => {
    const { run, paths } = executorWith(1);
    const compiled = plain(await run(query)) as { errors?: unknown[] };
    const expected = (await interpreted(query)) as { errors?: unknown[] };
    expect(paths).toEqual(['compiled']);
    expect(compiled.errors?.length).toBe(expected.errors?.length);
    expect({ ...compiled, errors: compiled.errors?.map((e) => JSON.stringify(e)).sort() }).toEqual({
      ...expected,
      errors: expected.errors?.map((e) => JSON.stringify(e)).sort(),
    });
  });
});
