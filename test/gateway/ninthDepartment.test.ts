/**
 * The change test as code (issue 31): a ninth department added by a declaration in a temporary
 * DEPARTMENTS_DIR, with its simulation, and nothing else — it appears in the schema, the
 * authorization table (a tenth, whose declaration names no audience, stays invisible to everyone)
 * and a profile served by the sandbox from the declaration alone.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'cg-departments-'));
const declaration = (name: string, key: string, port: number, audiences: string[]) => ({
  name,
  label: '公积金',
  key,
  description: `Housing provident fund contributions (住房公积金缴存), department ${name}.`,
  url: { variable: `${name}_URL` },
  call: { ratePerSecond: 50, ttlSeconds: 60 },
  fetch: {
    mode: 'perCode',
    method: 'GET',
    path: `/${key}/units/{uscc}`,
    notFound: [404],
    response: { type: 'object', required: ['code', 'months'], properties: { months: { type: 'integer' } } },
  },
  profile: {
    type: `${name[0]}${name.slice(1).toLowerCase()}Profile`,
    description: 'Housing provident fund (住房公积金) as the fund centre records it.',
    value: '$',
    fields: [{ name: 'monthsOwed', type: 'Int', description: 'Months owed (欠缴月数).', value: 'months' }],
  },
  audiences,
  simulation: { port, answer: '{ "code": uscc, "months": $pick("m", 5) }' },
});
writeFileSync(
  join(dir, 'ninth.json'),
  JSON.stringify(declaration('NINTH', 'ninth', 4191, ['clerk', 'regulator'])),
);
writeFileSync(join(dir, 'tenth.json'), JSON.stringify(declaration('TENTH', 'tenth', 4192, [])));
process.env.DEPARTMENTS_DIR = dir;

// Imported after DEPARTMENTS_DIR is set: the declarations are read once per process.
const { ACCESS } = await import('../../src/auth/accessTable.ts');
const { headersFor, NO_CACHE, REGULATOR, startTestGateway } = await import('../helpers/gateway.ts');
const { startTestSandbox } = await import('../helpers/sandbox.ts');

let sb: Awaited<ReturnType<typeof startTestSandbox>>;
let gw: Awaited<ReturnType<typeof startTestGateway>>;
beforeAll(async () => {
  sb = await startTestSandbox();
  gw = await startTestGateway(sb, {}, NO_CACHE);
});
afterAll(async () => {
  await gw.close();
  await sb.close();
  delete process.env.DEPARTMENTS_DIR;
});

describe('a ninth department from a file', () => {
  it('is in the schema and the authorization table; the tenth, naming no audience, is denied to all', async () => {
    const { body } = await gw.query('{ __type(name: "Enterprise") { fields { name } } }');
    const fields = body.data.__type.fields.map((f: { name: string }) => f.name);
    expect(fields).toEqual(expect.arrayContaining(['ninth', 'tenth']));
    expect(ACCESS.Enterprise!.ninth).toEqual(['clerk', 'regulator']);
    expect(ACCESS.Enterprise!.tenth).toEqual([]);
  });

  it('answers a profile from the sandbox’s simulation of its declaration', async () => {
    expect(sb.declaredUrls.NINTH).toMatch(/^http:/);
    const uscc = sb.world.at(0).uscc;
    const q = `query($uscc: USCC!) { enterprise(uscc: $uscc) { ninth { monthsOwed } } }`;
    const clerk = await headersFor({ role: 'clerk', org: 'hall-1', purpose: 'LICENSING' });
    const { body } = await gw.query(q, { uscc }, clerk);
    expect(body.errors).toBeUndefined();
    expect(body.data.enterprise.ninth.monthsOwed).toBeGreaterThanOrEqual(0);
    expect(body.data.enterprise.ninth.monthsOwed).toBeLessThan(5);
    const tenth = await gw.query(
      `query($uscc: USCC!) { enterprise(uscc: $uscc) { tenth { monthsOwed } } }`,
      { uscc },
      REGULATOR,
    );
    expect(tenth.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toContain(
      'FORBIDDEN',
    );
  });
});
