/**
 * The change test as code: a ninth department added by a declaration in a temporary
 * DEPARTMENTS_DIR, with its simulation, and nothing else — it appears in the schema, the
 * authorization table (a tenth, whose declaration names no audience, stays invisible to everyone),
 * a profile served by the sandbox from the declaration alone, a record that moves the grade, a
 * section of the credit report of its own, and a rating of its own fused with the grade into the
 * tier it supervises by (the rule set mapping its values, as it does tax's).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    response: {
      type: 'object',
      required: ['code', 'months', 'level'],
      properties: { months: { type: 'integer' }, level: { enum: ['A', 'B', 'C'] } },
    },
  },
  profile: {
    type: `${name[0]}${name.slice(1).toLowerCase()}Profile`,
    description: 'Housing provident fund (住房公积金) as the fund centre records it.',
    value: '$',
    fields: [
      { name: 'monthsOwed', type: 'Int', description: 'Months owed (欠缴月数).', value: 'months' },
      {
        name: 'creditLevel',
        type: 'String',
        description: 'The centre’s own rating (缴存信用等级).',
        value: 'level',
      },
    ],
  },
  // The fund centre rates each unit itself (A, B, C): its tier fuses the grade with it.
  rating: { value: 'level', description: 'The fund centre’s rating of the unit (缴存信用等级).' },
  // Three months owed or more is a general record, holding while it is owed.
  records: [
    {
      kind: `${name}_ARREARS`,
      title: '欠缴住房公积金',
      each: '$[months >= 3]',
      id: 'code',
      date: '$today',
      detail: 'months & "个月"',
      severity: 'GENERAL',
      nature: 'STATE',
    },
  ],
  audiences,
  report: {
    section: '住房公积金',
    columns: [{ label: '欠缴月数', field: 'monthsOwed' }],
    empty: '无缴存记录。',
  },
  simulation: {
    port,
    // Owing only among ordinary enterprises past the first hundred, as the shipped declarations keep.
    answer:
      '{ "code": uscc, "months": ($trait = "clean" and $index >= 100 and $pick("m", 4) = 0) ? 3 + $pick("k", 2) : $pick("m", 3), "level": ["A", "B", "C"][$pick("level", 3)] }',
    traits: { fundArrears: 'months >= 3', fundRatedC: 'level = "C"' },
  },
});
writeFileSync(
  join(dir, 'ninth.json'),
  JSON.stringify(declaration('NINTH', 'ninth', 4191, ['clerk', 'regulator'])),
);
writeFileSync(join(dir, 'tenth.json'), JSON.stringify(declaration('TENTH', 'tenth', 4192, [])));
process.env.DEPARTMENTS_DIR = dir;
// The rule set maps the ninth's ratings to risk levels, as the shipped one maps tax's.
const ruleSet = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../src/credit/rulesets/default.json'), 'utf8'),
) as { industryRisk: { ratings: Record<string, Record<string, string>> } };
ruleSet.industryRisk.ratings.NINTH = { A: 'LOW', B: 'NORMAL', C: 'HIGH' };
const ruleSetFile = join(mkdtempSync(join(tmpdir(), 'cg-rules-')), 'rules.json');
writeFileSync(ruleSetFile, JSON.stringify(ruleSet));

// Imported after DEPARTMENTS_DIR is set: the declarations are read once per process.
const { ACCESS } = await import('../../src/auth/accessTable.ts');
const { headersFor, NO_CACHE, REGULATOR, startTestGateway } = await import('../helpers/gateway.ts');
const { samples, startTestSandbox } = await import('../helpers/sandbox.ts');

let sb: Awaited<ReturnType<typeof startTestSandbox>>;
let gw: Awaited<ReturnType<typeof startTestGateway>>;
beforeAll(async () => {
  sb = await startTestSandbox();
  gw = await startTestGateway(sb, {}, { ...NO_CACHE, RULE_SET: ruleSetFile });
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

  it('its record feeds the grade, and the credit report has its section', async () => {
    const uscc = (await samples(sb)).fundArrears![0]!;
    const clerk = await headersFor({ role: 'clerk', org: 'hall-1', purpose: 'LICENSING' });
    const q = `query($uscc: USCC!) { enterprise(uscc: $uscc) {
      ninth { monthsOwed }
      records { kind department severity title }
      evaluation { grade complete basis { records { title } } }
    } }`;
    const { body } = await gw.query(q, { uscc }, clerk);
    const e = body.data.enterprise;
    expect(e.ninth.monthsOwed).toBeGreaterThanOrEqual(3);
    const mine = e.records.filter((r: { department: string }) => r.department === 'NINTH');
    expect(mine).toEqual([
      {
        kind: 'NINTH_ARREARS',
        department: 'NINTH',
        severity: 'GENERAL',
        title: `欠缴住房公积金：${e.ninth.monthsOwed}个月`,
      },
    ]);
    expect(e.evaluation.complete).toBe(true);
    expect(e.evaluation.grade).not.toBe('A');
    expect(e.evaluation.basis.records.map((r: { title: string }) => r.title)).toContain(mine[0].title);
    const res = await fetch(`${gw.url}/reports/${uscc}`, { headers: clerk });
    expect(res.status).toBe(200);
    const html = await res.text();
    // Sections of their own after 六、信用承诺及履约情况, the standard ones after them renumbered:
    // the ninth's with its value, the tenth's (no audience) saying it is not the reader's to see.
    expect(html.match(/<h2>[^<]+<\/h2>/g)!.slice(5)).toEqual([
      '<h2>六、信用承诺及履约情况</h2>',
      '<h2>七、住房公积金</h2>',
      '<h2>八、住房公积金</h2>',
      '<h2>九、信用评价</h2>',
      '<h2>十、信用修复与异议</h2>',
      '<h2>十一、报告说明</h2>',
    ]);
    const [ninth, tenth] = [...html.matchAll(/<h2>[七八]、住房公积金<\/h2>([\s\S]*?)(?=<h2>)/g)].map(
      (m) => m[1]!,
    );
    expect(ninth).toMatch(
      new RegExp(`<th class="nw">欠缴月数</th>[\\s\\S]*<td class="nw">${e.ninth.monthsOwed}</td>`),
    );
    expect(tenth).toContain('不在本报告查询人可查看的范围内');
    expect(tenth).not.toContain('欠缴月数');
  });

  it('its own rating is fused with the grade into the tier it supervises by; a rating of C is KEY whatever the grade', async () => {
    const q = `query($uscc: USCC!) { enterprise(uscc: $uscc) {
      ninth { creditLevel }
      supervision(department: NINTH) { tier gradeTier industryRating industryRisk riskTier }
      market: supervision(department: MARKET) { tier gradeTier industryRating }
    } }`;
    const rated = (await samples(sb)).fundRatedC!;
    const seen = [];
    for (const uscc of rated.slice(0, 20)) {
      const { body } = await gw.query(q, { uscc }, REGULATOR);
      expect(body.errors).toBeUndefined();
      seen.push(body.data.enterprise);
    }
    expect(seen.length).toBeGreaterThan(0);
    for (const e of seen) {
      expect(e.ninth.creditLevel).toBe('C');
      expect(e.supervision).toMatchObject({ industryRating: 'C', industryRisk: 'HIGH', riskTier: 'KEY' });
      // The stricter of the two: KEY, or the grade's own when it is stricter still.
      expect(e.supervision.tier).toBe(e.supervision.gradeTier === 'STRICT' ? 'STRICT' : 'KEY');
      // Market regulation keeps no rating: its tier is the grade's.
      expect(e.market).toEqual({
        tier: e.market.gradeTier,
        gradeTier: e.supervision.gradeTier,
        industryRating: null,
      });
    }
    // The fusion moved some: an enterprise the grade alone would supervise more lightly.
    expect(seen.some((e) => ['TRUSTED', 'NORMAL'].includes(e.supervision.gradeTier))).toBe(true);
  });
});
