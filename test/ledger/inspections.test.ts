/**
 * 一单两库 and inspector draws, in process with the embedded ledger: a
 * department's items and inspectors kept by its regulators, a draw naming its item, two inspectors
 * per drawn enterprise from the pool — the same region first, never one who declared a conflict —
 * and the record re-run by the repo's script, independently, to the same result.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '../../src/credit/dates.ts';
import { buildUscc } from '../../src/credit/uscc.ts';
import { rerunProblems } from '../../src/ledger/drawRerun.ts';
import type { EnterpriseData } from '../../src/model/unifiedModel.ts';
import { enterprise, penalty } from '../helpers/domain.ts';
import { principal, startInProcess, type InProcessGateway } from '../helpers/inProcess.ts';
import { testNow } from '../helpers/gateway.ts';
import { resultsPublicDeadline } from '../../resolvers/Mutation/inspections.ts';

/** Sixty enterprises with a serious record (KEY: 60 × 5 % × 2 = 6 drawn), forty in 441500 and twenty in 441581. */
const codes = Array.from({ length: 60 }, (_, i) =>
  buildUscc('9', '1', i < 40 ? '441500' : '441581', String(70_000_000 + i)),
);
const world: EnterpriseData[] = codes.map((uscc) => {
  const e = enterprise((x) => void x.market.penalties.push(penalty(['责令停产停业'], null, '2026-09-01')));
  return { ...e, uscc, registration: { ...e.registration, uscc } };
});
const regulator = principal('regulator', { org: 'samr', purpose: 'SUPERVISION' });
const clerk = principal('clerk', { org: 'hall', purpose: 'BIDDING' });
const DRAW = `mutation($item: ID, $r: String) { drawInspection(department: MARKET, population: {}, acceptIncomplete: true, item: $item, reason: $r) {
  id drawnAt enterprises { uscc } item { code name } inspectorsShort assignments { uscc inspectors { id region } } record } }`;

let gw: InProcessGateway;
let dir: string;
const ids: Record<string, string> = {};
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-inspections-'));
  gw = await startInProcess(world, { LEDGER: 'true', LEDGER_DIR: dir, BACKFILL: 'false' });
  for (const u of codes)
    await gw.run('query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict } }', { u }, clerk);
  const roster = '{ roster(filter: {}, first: 1) { totalCount } }';
  // The ledger writes without making the checks wait: until all sixty are in.
  for (let i = 0; i < 200 && (await gw.run(roster, {}, regulator)).data?.roster.totalCount !== 60; i++)
    await new Promise((r) => setTimeout(r, 50));
}, 120_000);
afterAll(async () => {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('items and inspectors (一单两库)', () => {
  it('regulators keep a department’s items and inspectors; bad input names its field; others may not', async () => {
    const item = await gw.run(
      'mutation($i: InspectionItemInput!) { saveInspectionItem(input: $i) { id code name legalBasis active } }',
      {
        i: {
          department: 'MARKET',
          code: 'SC-01',
          name: '食品生产经营检查',
          legalBasis: '《中华人民共和国食品安全法》第一百一十条',
        },
      },
      regulator,
    );
    expect(item.errors).toBeUndefined();
    ids.item = item.data.saveInspectionItem.id;
    const save = (name: string, region: string) =>
      gw.run(
        'mutation($i: InspectorInput!) { saveInspector(input: $i) { id name region active } }',
        {
          i: { department: 'MARKET', name, unit: '汕尾市市场监督管理局', region },
        },
        regulator,
      );
    for (const [name, region] of [
      ['陆丰一', '441581'],
      ['陆丰二', '441581'],
      ['市区一', '4415'],
      ['市区二', '4415'],
      ['市区三', '4415'],
    ] as const)
      ids[name] = (await save(name, region)).data.saveInspector.id;
    // 陆丰一 must not inspect the first Lufeng enterprise (回避).
    const conflict = await gw.run(
      'mutation($id: ID!, $u: USCC!) { declareInspectorConflict(inspectorId: $id, uscc: $u, reason: "亲属在该企业任职") { id conflicts { uscc reason } } }',
      { id: ids['陆丰一'], u: codes[40] },
      regulator,
    );
    expect(conflict.data.declareInspectorConflict.conflicts).toEqual([
      { uscc: codes[40], reason: '亲属在该企业任职' },
    ]);
    const listed = await gw.run(
      '{ inspectors(department: MARKET) { name } inspectionItems(department: MARKET) { code } }',
      {},
      regulator,
    );
    expect(listed.data.inspectors.map((i: { name: string }) => i.name)).toEqual([
      '陆丰一',
      '陆丰二',
      '市区一',
      '市区二',
      '市区三',
    ]);
    expect(listed.data.inspectionItems).toEqual([{ code: 'SC-01' }]);
    expect((await save('x', '44-15')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'input.region',
    });
    expect(
      (await gw.run('{ inspectors(department: MARKET) { name } }', {}, clerk)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(gw.audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['inspection.item', 'inspection.inspector', 'inspection.conflict']),
    );
  });

  it('a draw names its item and draws two inspectors per enterprise, the same region first, never a conflicted one; the record re-runs to itself', async () => {
    const without = await gw.run(DRAW, {}, regulator);
    expect(without.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'item' });
    const d = (await gw.run(DRAW, { item: ids.item, r: '首次抽取未指明事项' }, regulator)).data
      .drawInspection;
    expect(d.item).toEqual({ code: 'SC-01', name: '食品生产经营检查' });
    expect(d.enterprises.length).toBe(6);
    expect(d.inspectorsShort).toEqual([]);
    expect(d.assignments.map((a: { uscc: string }) => a.uscc)).toEqual(
      d.enterprises.map((e: { uscc: string }) => e.uscc),
    );
    for (const a of d.assignments as Array<{
      uscc: string;
      inspectors: Array<{ id: string; region: string }>;
    }>) {
      expect(a.inspectors).toHaveLength(2);
      expect(new Set(a.inspectors.map((i) => i.id)).size).toBe(2);
      if (a.uscc === codes[40]) expect(a.inspectors.map((i) => i.id)).not.toContain(ids['陆丰一']);
      // Same region first: a Lufeng enterprise gets Lufeng inspectors where two are eligible.
      const lufeng = a.uscc.slice(2, 8) === '441581';
      if (lufeng && a.uscc !== codes[40]) expect(a.inspectors.every((i) => i.region === '441581')).toBe(true);
      if (!lufeng) expect(a.inspectors.every((i) => i.region === '4415')).toBe(true);
    }
    // The record re-runs to itself — in process, and by the repo's script as anyone would run it.
    const record = JSON.parse(d.record);
    expect(rerunProblems(record)).toEqual([]);
    const file = join(dir, 'record.json');
    writeFileSync(file, d.record);
    const rerun = execFileSync('npx', ['tsx', 'scripts/draw-rerun.ts', file], { encoding: 'utf8' });
    expect(rerun).toContain('reproduced');
    // The script prints the record's SHA-256: the one published with the draw binds this record.
    const published = await gw.run(
      'query($id: ID!) { inspectionDraw(id: $id) { recordHash } }',
      { id: d.id },
      regulator,
    );
    expect(published.data.inspectionDraw.recordHash).toBe(
      createHash('sha256').update(d.record).digest('hex'),
    );
    expect(rerun).toContain(`SHA-256 ${published.data.inspectionDraw.recordHash}`);
    // A record with one inspector changed does not.
    const tampered = structuredClone(record);
    tampered.assignments[0].inspectors[0] =
      tampered.assignments[0].inspectors[0] === ids['市区三'] ? ids['市区一'] : ids['市区三'];
    writeFileSync(file, JSON.stringify(tampered));
    const r = spawnSync('npx', ['tsx', 'scripts/draw-rerun.ts', file], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('the inspectors drawn differ');
  });

  it('published, the draw shows its item and inspectors to anyone — never the tiers, nor whom an inspector must not inspect', async () => {
    const d = (await gw.run(DRAW, { item: ids.item, r: '检查人员调整后重新抽取' }, regulator)).data
      .drawInspection;
    await gw.run('mutation($id: ID!) { publishDraw(id: $id) { publishedAt } }', { id: d.id }, regulator);
    const Q =
      'query($id: ID!) { inspectionDraw(id: $id) { item { name } assignments { inspectors { name unit } } } }';
    const pub = await gw.run(Q, { id: d.id }, principal('public'));
    expect(pub.errors).toBeUndefined();
    // The record's hash is public: it binds the record without revealing its tiers.
    expect(
      (
        await gw.run(
          'query($id: ID!) { inspectionDraw(id: $id) { recordHash } }',
          { id: d.id },
          principal('public'),
        )
      ).data.inspectionDraw.recordHash,
    ).toMatch(/^[0-9a-f]{64}$/);
    expect(pub.data.inspectionDraw.item.name).toBe('食品生产经营检查');
    expect(pub.data.inspectionDraw.assignments[0].inspectors[0].unit).toBe('汕尾市市场监督管理局');
    for (const field of ['record', 'tiers { tier }', 'assignments { inspectors { conflicts { uscc } } }']) {
      const r = await gw.run(
        `query($id: ID!) { inspectionDraw(id: $id) { ${field} } }`,
        { id: d.id },
        principal('public'),
      );
      expect(r.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
    }
  });

  it('results from the fixed list, one per drawn enterprise in its dates; a correction supersedes; published on /public/inspections by name — never a tier or grade', async () => {
    const d = (await gw.run(DRAW, { item: ids.item, r: '录入结果测试' }, regulator)).data.drawInspection;
    const [first, second] = d.enterprises.map((e: { uscc: string }) => e.uscc) as [string, string];
    const RECORD =
      'mutation($d: ID!, $u: USCC!, $r: InspectionResultKind!, $on: Date!, $n: String) { recordInspectionResult(drawId: $d, uscc: $u, result: $r, inspectedOn: $on, note: $n) { uscc result resultText inspectedOn note } }';
    const today = beijingDate(Date.parse(d.drawnAt)); // the draw's day (the ledger's clock dates draws)
    const ok = await gw.run(
      RECORD,
      { d: d.id, u: first, r: 'FOLLOW_UP', on: today, n: '账目待核' },
      regulator,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data.recordInspectionResult).toEqual({
      uscc: first,
      result: 'FOLLOW_UP',
      resultText: '发现问题待后续处理',
      inspectedOn: today,
      note: '账目待核',
    });
    await gw.run(RECORD, { d: d.id, u: first, r: 'CORRECTED', on: today, n: '已责令改正' }, regulator);
    const notDrawn = codes.find((c) => !d.enterprises.some((e: { uscc: string }) => e.uscc === c))!;
    for (const [vars, argument] of [
      [{ d: d.id, u: notDrawn, r: 'NO_PROBLEM', on: today }, 'uscc'],
      [{ d: d.id, u: second, r: 'NO_PROBLEM', on: '2099-12-31' }, 'inspectedOn'],
      [{ d: d.id, u: second, r: 'NO_PROBLEM', on: '2020-01-01' }, 'inspectedOn'],
    ] as const) {
      const r = await gw.run(RECORD, vars, regulator);
      expect(r.errors?.[0]?.extensions, argument).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
    expect(
      (await gw.run(RECORD, { d: d.id, u: first, r: 'NO_PROBLEM', on: today }, clerk)).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
    const state = await gw.run(
      'query($id: ID!) { inspectionDraw(id: $id) { results { uscc result } resultsPending resultsOverdue } }',
      { id: d.id },
      regulator,
    );
    expect(state.data.inspectionDraw).toEqual({
      results: [{ uscc: first, result: 'CORRECTED' }],
      resultsPending: d.enterprises.length - 1,
      resultsOverdue: false,
    });
    await gw.run('mutation($id: ID!) { publishDraw(id: $id) { publishedAt } }', { id: d.id }, regulator);
    // The public page, over HTTP, as anyone reads it.
    await new Promise<void>((r) => gw.server.httpServer.listen(0, '127.0.0.1', r));
    const { port } = gw.server.httpServer.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/public/inspections`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`抽查任务 ${d.id} · 市场监管 · 食品生产经营检查`);
    expect(html).toContain(`发现问题已责令改正（${today}）`);
    expect(html).not.toContain('发现问题待后续处理（'); // the superseded result is not shown
    expect(html).toContain(first);
    expect(html).toContain(world[0]!.registration!.name); // names, not codes alone
    expect(html).toMatch(/检查员|陆丰一|市区一/);
    for (const hidden of [
      'TRUSTED',
      'NORMAL',
      'KEY',
      'STRICT',
      '信任',
      '重点',
      '严格',
      '严重失信',
      'C（',
      '监管级别：',
    ])
      expect(html, hidden).not.toContain(hidden);
  });

  it('a CSV imports a department’s inspectors all or nothing: added, then changed by name and unit or by 编号; every bad line said', async () => {
    const IMPORT =
      'mutation($d: Department!, $csv: String!) { importInspectors(department: $d, csv: $csv) { added updated inspectors { id name unit region active } } }';
    const list = async () =>
      (
        await gw.run(
          '{ inspectors(department: ENVIRONMENT, includeInactive: true) { id name unit region active } }',
          {},
          regulator,
        )
      ).data.inspectors as Array<{ id: string; name: string; unit: string; region: string; active: boolean }>;
    // As Excel saves it: a byte-order mark, Chinese headers, CRLF, a quoted cell with a comma.
    const csv =
      '\uFEFF姓名,单位,区域,在库\r\n王一,汕尾市生态环境局,441581,是\r\n李二,"汕尾市生态环境局,城区分局",4415,\r\n';
    const first = await gw.run(IMPORT, { d: 'ENVIRONMENT', csv }, regulator);
    expect(first.errors).toBeUndefined();
    expect(first.data.importInspectors).toMatchObject({ added: 2, updated: 0 });
    expect((await list()).map(({ name, unit, region, active }) => ({ name, unit, region, active }))).toEqual([
      { name: '王一', unit: '汕尾市生态环境局', region: '441581', active: true },
      { name: '李二', unit: '汕尾市生态环境局,城区分局', region: '4415', active: true },
    ]);
    // Again with a change: the same name and unit is the same inspector; 编号 names one; English headers read too.
    const wang = (await list())[0]!.id;
    const again = await gw.run(
      IMPORT,
      {
        d: 'ENVIRONMENT',
        csv: `name,unit,region,active,id\n李二,"汕尾市生态环境局,城区分局",441502,no,\n王一改,汕尾市生态环境局,441581,yes,${wang}\n`,
      },
      regulator,
    );
    expect(again.errors).toBeUndefined();
    expect(again.data.importInspectors).toMatchObject({ added: 0, updated: 2 });
    expect((await list()).map(({ name, region, active }) => ({ name, region, active }))).toEqual([
      { name: '王一改', region: '441581', active: true },
      { name: '李二', region: '441502', active: false },
    ]);
    const before = await list();
    // Bad lines: all of them named, nothing written.
    const bad = await gw.run(
      IMPORT,
      {
        d: 'ENVIRONMENT',
        csv: '姓名,单位,区域\n张三,汕尾市生态环境局,4.41581E+5\n,汕尾市生态环境局,4415\n赵四,汕尾市生态环境局,4415\n',
      },
      regulator,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'csv',
      lines: [
        { line: 2, message: expect.stringContaining('区域') },
        { line: 3, message: expect.stringContaining('姓名') },
      ],
    });
    // An 编号 of another department's inspector refuses the whole file, the good rows too.
    const foreign = await gw.run(
      IMPORT,
      {
        d: 'ENVIRONMENT',
        csv: `编号,姓名,单位,区域\n,赵四,汕尾市生态环境局,4415\n${ids['陆丰一']},陆丰一,汕尾市市场监督管理局,441581\n`,
      },
      regulator,
    );
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'csv' });
    expect(
      (await gw.run(IMPORT, { d: 'ENVIRONMENT', csv: '姓名,单位\n赵四,x\n' }, regulator)).errors?.[0]
        ?.message,
    ).toMatch(/区域/);
    expect(await list()).toEqual(before);
    expect((await gw.run(IMPORT, { d: 'ENVIRONMENT', csv }, clerk)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const scoped = principal('regulator', { org: 'samr-lf', purpose: 'SUPERVISION', department: 'MARKET' });
    expect((await gw.run(IMPORT, { d: 'ENVIRONMENT', csv }, scoped)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(gw.audit.filter((e) => e.action === 'inspection.inspector').map((e) => e.outcome)).toEqual(
      expect.arrayContaining([
        'ENVIRONMENT inspectors imported: 2 added, 0 changed',
        'ENVIRONMENT inspectors imported: 0 added, 2 changed',
      ]),
    );
  });

  it('an unpublished draw’s results are due public 20 working days after the first was recorded; published, nothing is due', async () => {
    const d = (await gw.run(DRAW, { item: ids.item, r: '公示期限测试' }, regulator)).data.drawInspection;
    const u = d.enterprises[0].uscc as string;
    const STATE = 'query($id: ID!) { inspectionDraw(id: $id) { resultsPublicBy resultsPublicDaysLeft } }';
    expect((await gw.run(STATE, { id: d.id }, regulator)).data.inspectionDraw).toEqual({
      resultsPublicBy: null,
      resultsPublicDaysLeft: null,
    });
    const recorded = await gw.run(
      'mutation($d: ID!, $u: USCC!, $on: Date!) { recordInspectionResult(drawId: $d, uscc: $u, result: NO_PROBLEM, inspectedOn: $on) { recordedAt } }',
      { d: d.id, u, on: beijingDate(Date.parse(d.drawnAt)) },
      regulator,
    );
    const at = recorded.data.recordInspectionResult.recordedAt as string;
    const state = await gw.run(STATE, { id: d.id }, regulator);
    // Recorded by the ledger's clock, counted to the gateway's today: the same rule the unit test pins.
    let expected: { by: string; daysLeft: number } | { code: string };
    try {
      expected = resultsPublicDeadline(at, beijingDate(testNow()));
    } catch (err) {
      expected = { code: (err as { extensions: { code: string } }).extensions.code };
    }
    if ('code' in expected) expect(state.errors?.[0]?.extensions?.code).toBe(expected.code);
    else
      expect(state.data.inspectionDraw).toEqual({
        resultsPublicBy: expected.by,
        resultsPublicDaysLeft: expected.daysLeft,
      });
    expect((await gw.run(STATE, { id: d.id }, clerk)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await gw.run('mutation($id: ID!) { publishDraw(id: $id) { publishedAt } }', { id: d.id }, regulator);
    expect((await gw.run(STATE, { id: d.id }, regulator)).data.inspectionDraw).toEqual({
      resultsPublicBy: null,
      resultsPublicDaysLeft: null,
    });
  });
});

describe('a declared department supervises by the grade’s tiers (docs/rules.md "Supervision and alerts")', () => {
  // 人社 declares no rating of its own: its tier is the grade's, its base ratio the rule set's default.
  const hrss = principal('regulator', {
    org: 'hrss',
    purpose: 'SUPERVISION',
    department: 'SOCIAL_INSURANCE',
  });
  const market = principal('regulator', { org: 'samr', purpose: 'SUPERVISION', department: 'MARKET' });

  it('draws for its own department by its regulators only; its roster tiers and an enterprise’s supervision are the grade’s', async () => {
    const draw = `mutation { drawInspection(department: SOCIAL_INSURANCE, population: {}, acceptIncomplete: true) {
      department tiers { tier population drawn } enterprises { uscc tier } } }`;
    const d = await gw.run(draw, {}, hrss);
    expect(d.errors).toBeUndefined();
    // Sixty enterprises with a serious record, KEY by their grade: 60 × 5 % × 2 = 6.
    expect(d.data.drawInspection).toMatchObject({
      department: 'SOCIAL_INSURANCE',
      tiers: [{ tier: 'KEY', population: 60, drawn: 6 }],
    });
    expect(d.data.drawInspection.enterprises).toHaveLength(6);
    expect(new Set(d.data.drawInspection.enterprises.map((e: { uscc: string }) => e.uscc)).size).toBe(6);
    expect((await gw.run(draw, {}, market)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const roster = await gw.run(
      '{ roster(filter: { tiersFor: SOCIAL_INSURANCE }, first: 1) { counts { tier count } } }',
      {},
      regulator,
    );
    expect(roster.data.roster.counts).toEqual([{ tier: 'KEY', count: 60 }]);
    const sup = await gw.run(
      'query($u: USCC!) { enterprise(uscc: $u) { supervision(department: SOCIAL_INSURANCE) { tier gradeTier industryRating department baseRatio inspectionRatio } } }',
      { u: codes[0] },
      regulator,
    );
    expect(sup.data.enterprise.supervision).toEqual({
      tier: 'KEY',
      gradeTier: 'KEY',
      industryRating: null,
      department: 'SOCIAL_INSURANCE',
      baseRatio: 0.05,
      inspectionRatio: 0.1,
    });
  });
});
