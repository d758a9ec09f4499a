/**
 * Compiled plans answer exactly as graphql-js (src/server/compiledExecution.ts): on one gateway
 * over the access fixture (an enterprise with a record of every kind, every role), each operation
 * is asked through graphql-js and then through its compiled plan, and the two HTTP answers — status,
 * data, errors with their paths and codes, masking, denials — must be identical. The operations are
 * the authorization table's (every field of every type), the front ends' own documents, the bank
 * pull's, and requests that go wrong (a bad or missing variable, an enterprise nobody holds).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphQLObjectType } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { buildUscc } from '../../src/credit/uscc.ts';
import { DRAW_QUERY } from '../../src/frontends/desk/deskRoutes.ts';
import { DRAW } from '../../src/frontends/inspectionsPage.ts';
import { NAMES } from '../../src/frontends/registeredNames.ts';
import { REPORT_QUERY } from '../../src/frontends/report/reportRoutes.ts';
import type { ExecutorName } from '../../src/server/compiledExecution.ts';
import { buildSchema } from '../../src/server/schema.ts';
import { ROLE_KEYS, useAccessFixture, type AccessFixture, type RoleKey } from './fixture.ts';
import { pathsToTypes, queryFor } from './typeQueries.ts';

let executor: ExecutorName = 'graphql-js';
// Plans compile on first use here, so every compiled request below runs a plan.
const fx = useAccessFixture({ chooseExecutor: () => executor }, { GRAPHQL_COMPILE_AFTER: '1' });

interface Case {
  name: string;
  query: string;
  variables: (fx: AccessFixture) => Record<string, unknown>;
}

const schema = buildSchema();
const repo = (path: string): string => readFileSync(join(import.meta.dirname, '../..', path), 'utf8');
/** The hall's check, read from its page's module (browser code: it reads `window` when loaded). */
const CHECK = /export const CHECK = `([^`]+)`/.exec(repo('src/frontends/hall/client/hallWords.ts'))![1]!;
const paths = pathsToTypes(schema);
const subject = (f: AccessFixture) => ({ u: f.subject });
const typeCases: Case[] = [...paths]
  .filter(([t]) => t !== 'Query' && t !== 'Mutation')
  .map(([t, path]) => ({
    name: `every field of ${t}`,
    query: queryFor(path, schema.getType(t) as GraphQLObjectType),
    variables: subject,
  }));
const documentCases: Case[] = [
  {
    name: "the hall's check",
    query: CHECK,
    variables: (f) => ({ u: f.subject, m: 'GOVERNMENT_PROCUREMENT' }),
  },
  { name: 'the credit report', query: REPORT_QUERY, variables: subject },
  { name: "the desk's draw", query: DRAW_QUERY, variables: () => ({ id: '1' }) },
  { name: 'the public draw', query: DRAW, variables: () => ({ id: '1' }) },
  { name: 'registered names', query: NAMES, variables: (f) => ({ u: [f.subject, f.other] }) },
  {
    name: "the bank pull's profiles",
    query: repo('scripts/bank-pull/profiles.graphql'),
    variables: (f) => ({ usccs: [f.subject, f.other] }),
  },
  // Requests that go wrong answer the same too.
  {
    name: 'a USCC that fails its check digit',
    query: CHECK,
    variables: () => ({ u: '91441500MA4XXXXXX0', m: 'BIDDING' }),
  },
  { name: 'a required variable missing', query: CHECK, variables: (f) => ({ u: f.subject }) },
  {
    name: 'an enum variable out of range',
    query: CHECK,
    variables: (f) => ({ u: f.subject, m: 'NOT_A_MATTER' }),
  },
  {
    name: 'an enterprise no department holds',
    query: CHECK,
    variables: () => ({ u: buildUscc('9', '1', '441500', '99999999'), m: 'BIDDING' }),
  },
];

/**
 * An answer as compared: a receipt's number and code are drawn afresh for every check (each check
 * is its own receipt), and errors are compared as a set — GraphQL gives them no order and
 * graphql-js lists them as its resolvers happen to finish.
 */
function comparable(body: unknown): unknown {
  const text = JSON.stringify(body)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<receipt number>')
    .replace(/\b[0-9A-Z]{4}(-[0-9A-Z]{4}){3}\b/g, '<receipt code>')
    // The audit trail's newest entry is the previous request's own: its cursor holds its sequence number.
    .replace(
      /"cursor":"([A-Za-z0-9_-]+)"/g,
      (_m, c: string) =>
        `"cursor":"${Buffer.from(c, 'base64url')
          .toString()
          .replace(/^(t:[^|]+)\|\d+\|/, '$1|<seq>|')}"`,
    );
  const parsed = JSON.parse(text) as { errors?: unknown[] };
  if (parsed.errors) parsed.errors = parsed.errors.map((e) => JSON.stringify(e)).sort();
  return parsed;
}

/** How each compiled request was executed, by role and case (from the gateway's metric): a plan, graphql-js, or not at all. */
const executedBy = new Map<string, string>();

const executions = async (): Promise<Record<string, number>> =>
  Object.fromEntries(
    (await fx.gw.server.metrics.executions.get()).values.map((v) => [v.labels.path, v.value]),
  );

/** One request through the chosen executor: its HTTP status and body. */
async function ask(via: ExecutorName, role: RoleKey, c: Case): Promise<{ status: number; body: unknown }> {
  executor = via;
  const res = await fetch(`${fx.gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...fx.headers[role] },
    body: JSON.stringify({ query: c.query, variables: c.variables(fx) }),
  });
  return { status: res.status, body: await res.json() };
}

const answered: Array<{ role: RoleKey; body: unknown }> = [];

describe.each(ROLE_KEYS)('as %s, compiled answers equal graphql-js', (role) => {
  it.each([...documentCases, ...typeCases].map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const interpreted = await ask('graphql-js', role, c);
    const before = await executions();
    const compiled = await ask('compiled', role, c);
    const after = await executions();
    const path = Object.keys(after).find((k) => after[k] !== (before[k] ?? 0)) ?? 'none';
    executedBy.set(`${role} ${c.name}`, path);
    answered.push({ role, body: compiled.body });
    expect(compiled.status).toBe(interpreted.status);
    expect(comparable(compiled.body)).toEqual(comparable(interpreted.body));
  });
});

describe('the compiled path was the one compared', () => {
  afterAll(() => {
    executor = 'graphql-js';
  });

  it('every compiled request that reached execution ran a plan, but those whose variables do not coerce', () => {
    const by = (path: string): string[] =>
      [...executedBy]
        .filter(([, p]) => p === path)
        .map(([k]) => k)
        .sort();
    // Variables that do not coerce are answered by graphql-js: its words are what clients are told.
    expect(by('graphql-js')).toEqual(
      ROLE_KEYS.flatMap((r) => [
        `${r} a required variable missing`,
        `${r} an enum variable out of range`,
      ]).sort(),
    );
    expect(by('not-compilable')).toEqual([]);
    // Refused before execution (the cost plugin: a sweep of the registry is over a department system's budget): nothing to compare.
    expect(by('none')).toEqual([
      'department every field of RiskAlertConnection',
      'department every field of RiskAlertEdge',
    ]);
    expect(by('compiled').length).toBe(executedBy.size - 2 * ROLE_KEYS.length - 2);
  });

  it('the answers compared hold data and denials, not only errors', () => {
    const withData = answered.filter((a) => (a.body as { data?: unknown }).data);
    const denied = answered.filter((a) => JSON.stringify(a.body).includes('"FORBIDDEN"'));
    expect(withData.length).toBeGreaterThan(answered.length / 2);
    expect(denied.length).toBeGreaterThan(ROLE_KEYS.length);
  });
});
