/**
 * Declared departments, in process: a bad declaration refused with every problem listed; the
 * connector keeps to the declared batch limit (a larger batch split) and reads a refusal envelope
 * as the department's error, never as empty data; and no code outside the declarations names the
 * three shipped departments (they were taken in by file alone).
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../src/config/gatewayConfig.ts';
import { showsRecord } from '../../../src/auth/audience.ts';
import { collectRecords } from '../../../src/credit/collectRecords.ts';
import { enterprise, RULES } from '../../helpers/domain.ts';
import { declaredParameters, type RuleSetError } from '../../../src/credit/ruleSet.ts';
import { declaredRecordFacts } from '../../../src/departments/declared/records.ts';
import { DeclaredConnector } from '../../../connectors/declared/DeclaredConnector.ts';
import { DepartmentError } from '../../../connectors/shared/DepartmentError.ts';
import { DepartmentHttp } from '../../../connectors/shared/DepartmentHttp.ts';
import type { Lane } from '../../../connectors/shared/DepartmentLimits.ts';
import { DEFAULT_CALL_SETTINGS } from '../../../connectors/shared/settings.ts';
import {
  DeclarationError,
  loadDeclarations,
  parameterDefaults,
  SHIPPED_DECLARATIONS,
} from '../../../src/departments/declared/declarations.ts';

const utilities = loadDeclarations([SHIPPED_DECLARATIONS]).find((d) => d.name === 'UTILITIES')!;

describe('declarations', () => {
  it('refuses a bad declaration listing every problem, with its file and place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-decl-'));
    const bad = readFileSync(join(SHIPPED_DECLARATIONS, 'utilities.yaml'), 'utf8')
      .replace('name: UTILITIES', 'name: utilities')
      .replace('answers: records', 'answers: "records[["')
      .replace('batchLimit: 200', 'batchLimit: 0');
    writeFileSync(join(dir, 'bad.yaml'), bad);
    writeFileSync(join(dir, 'clash.yaml'), readFileSync(join(SHIPPED_DECLARATIONS, 'licensing.yaml')));
    let err: unknown;
    try {
      loadDeclarations([SHIPPED_DECLARATIONS, dir]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DeclarationError);
    const problems = (err as DeclarationError).problems.join('\n');
    expect(problems).toMatch(/bad\.yaml: \/name must match pattern/);
    expect(problems).toMatch(/bad\.yaml: \/fetch\/batchLimit must be >= 1/);
    // The schema's problems are all listed at once; the clash with the shipped licensing too.
    expect(problems).toMatch(/clash\.yaml: name LICENSING is already used by .*licensing\.yaml/);
    const exprDir = mkdtempSync(join(tmpdir(), 'cg-decl-'));
    writeFileSync(
      join(exprDir, 'u.yaml'),
      readFileSync(join(SHIPPED_DECLARATIONS, 'utilities.yaml'), 'utf8')
        .replace('name: UTILITIES', 'name: UTILITIES_TWO')
        .replace('key: utilities', 'key: utilitiesTwo')
        .replace('variable: UTILITIES_URL', 'variable: UTILITIES_TWO_URL')
        .replace('port: 4108', 'port: 4198')
        .replace('type: UtilitiesProfile', 'type: UtilitiesTwoProfile')
        .replace('objectType: UtilityAccount', 'objectType: UtilityAccountTwo')
        .replace('answers: records', 'answers: "records[["'),
    );
    expect(() => loadDeclarations([exprDir])).toThrow(/u\.yaml: fetch\.answers: not a JSONata expression/);
  });

  it('refuses a consent scope declared twice or built in, and a consent audience nobody declares', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-decl-'));
    const si = readFileSync(join(SHIPPED_DECLARATIONS, 'socialInsurance.yaml'), 'utf8')
      .replace('name: SOCIAL_INSURANCE', 'name: SOCIAL_INSURANCE_TWO')
      .replace('key: socialInsurance', 'key: socialInsuranceTwo')
      .replace('variable: SOCIAL_INSURANCE_URL', 'variable: SOCIAL_INSURANCE_TWO_URL')
      .replace('port: 4107', 'port: 4197')
      .replace('type: SocialInsuranceProfile', 'type: SocialInsuranceTwoProfile')
      .replace('objectType: SocialInsuranceArrear', 'objectType: SocialInsuranceArrearTwo');
    writeFileSync(
      join(dir, 'two.yaml'),
      si.replace('consentScopes: [SOCIAL_INSURANCE]', 'consentScopes: [SOCIAL_INSURANCE, TAX_PAID]'),
    );
    let err: unknown;
    try {
      loadDeclarations([SHIPPED_DECLARATIONS, dir]);
    } catch (e) {
      err = e;
    }
    const problems = (err as DeclarationError).problems.join('\n');
    expect(problems).toMatch(
      /two\.yaml: consent scope SOCIAL_INSURANCE is already declared by .*socialInsurance\.yaml/,
    );
    expect(problems).toMatch(/two\.yaml: consent scope TAX_PAID is already declared by the built-in scopes/);
    // Alone (the shipped one not read), its consent audience names a scope nobody declares.
    writeFileSync(join(dir, 'two.yaml'), si.replace('consentScopes: [SOCIAL_INSURANCE]\n', ''));
    expect(() => loadDeclarations([dir])).toThrow(
      /two\.yaml: audience consent:SOCIAL_INSURANCE names a consent scope nobody declares/,
    );
  });

  it('refuses a report section whose rows or columns are not fields of the profile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-decl-'));
    const licensing = readFileSync(join(SHIPPED_DECLARATIONS, 'licensing.yaml'), 'utf8');
    const renamed = (text: string): string =>
      text
        .replace('name: LICENSING', 'name: LICENSING_TWO')
        .replace('key: licensing', 'key: licensingTwo')
        .replace('variable: LICENSING_URL', 'variable: LICENSING_TWO_URL')
        .replace('port: 4106', 'port: 4196')
        .replace('type: LicensingProfile', 'type: LicensingTwoProfile')
        .replace('objectType: Licence', 'objectType: LicenceTwo');
    writeFileSync(
      join(dir, 'rows.yaml'),
      renamed(licensing).replace('rows: licences\n  columns', 'rows: licenses\n  columns'),
    );
    expect(() => loadDeclarations([dir])).toThrow(
      /rows\.yaml: report\.rows: licenses is not a profile field listing objects/,
    );
    writeFileSync(
      join(dir, 'rows.yaml'),
      renamed(licensing).replace('field: decisionNumber }', 'field: documentNo }'),
    );
    expect(() => loadDeclarations([dir])).toThrow(
      /rows\.yaml: report\.columns: documentNo is not a field of licences/,
    );
    // As shipped, it passes.
    writeFileSync(join(dir, 'rows.yaml'), renamed(licensing));
    expect(loadDeclarations([dir]).map((d) => d.report?.section)).toEqual(['行政许可']);
  });
});

describe('a declared connector', () => {
  let server: Server;
  let base = '';
  const bodies: Array<{ creditCodes: string[] }> = [];
  let refuse = false;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        const body = JSON.parse(text) as { creditCodes: string[] };
        bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            refuse
              ? { resultCode: 1001, resultMsg: '系统维护' }
              : {
                  resultCode: 0,
                  records: body.creditCodes
                    .filter((_, i) => i % 2 === 0)
                    .map((c) => ({ creditCode: c, accounts: [] })),
                },
          ),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const connector = () =>
    new DeclaredConnector(
      utilities,
      new DepartmentHttp({
        department: utilities.name,
        baseUrl: base,
        appKey: 'k',
        settings: { ...DEFAULT_CALL_SETTINGS, maxAttempts: 1, batchSize: 200 },
      }),
    );

  it('splits a batch larger than the declared limit (450 codes: 200, 200, 50), each code answered once', async () => {
    bodies.length = 0;
    const codes = Array.from({ length: 450 }, (_, i) => `C${i}`);
    const got = await connector().fetchMany(codes);
    expect(bodies.map((b) => b.creditCodes.length).sort()).toEqual([200, 200, 50]);
    expect(got.size).toBe(450);
    // Codes the department answered carry their answer; the others are "not known there" (null).
    expect(got.get('C0')).toEqual({ creditCode: 'C0', accounts: [] });
    expect(got.get('C1')).toBeNull();
  });

  it('each batch reaches the limiter on the lane it was asked on, though its body is built after an await', async () => {
    const lanes: Lane[] = [];
    const http = new DepartmentHttp({
      department: utilities.name,
      baseUrl: base,
      appKey: 'k',
      settings: { ...DEFAULT_CALL_SETTINGS, maxAttempts: 1, batchSize: 200 },
      limiter: { mode: 'local', acquire: async (lane) => (lanes.push(lane), () => {}) },
    });
    const codes = Array.from({ length: 250 }, (_, i) => `C${i}`);
    await new DeclaredConnector(utilities, http).fetchMany(codes, 'bulk');
    await new DeclaredConnector(utilities, http).fetchMany(['C0']);
    expect(lanes).toEqual(['bulk', 'bulk', 'interactive']);
    await http.close();
  });

  it('reads a refusal envelope as the department’s error for every code of the batch, never empty data', async () => {
    refuse = true;
    try {
      const got = await connector().fetchMany(['A', 'B']);
      for (const v of got.values()) {
        expect(v).toBeInstanceOf(DepartmentError);
        expect((v as DepartmentError).department).toBe('UTILITIES');
      }
    } finally {
      refuse = false;
    }
  });
});

describe('record-rule parameters set by the rule set', () => {
  const answer = {
    creditCode: 'x',
    accounts: [
      { kind: 'WATER', accountNo: 'W1', overdueMonths: 3, overdueAmount: '120.00', since: '2026-07-01' },
      { kind: 'GAS', accountNo: 'G1', overdueMonths: 5, overdueAmount: '300.00', since: '2026-05-01' },
    ],
  };
  const kinds = async (params?: Record<string, number>) =>
    (await declaredRecordFacts(utilities, answer, '2026-11-01', params)).map((f) => f.localId);

  it('utilities’ overdue months: the declaration’s default three, or what the rule set says', async () => {
    expect(utilities.parameters?.overdueMonths?.default).toBe(3);
    expect(await kinds()).toEqual(['utility_arrears-WATER-2026-07-01', 'utility_arrears-GAS-2026-05-01']);
    // The shipped rule sets state it (so their review covers it); a city's may raise it.
    for (const name of ['default', 'shanwei'])
      expect(declaredParameters(loadRuleSet(name), 'UTILITIES', parameterDefaults(utilities))).toEqual({
        overdueMonths: 3,
      });
    expect(
      await kinds(
        declaredParameters(
          { declared: { UTILITIES: { overdueMonths: 4 } } },
          'UTILITIES',
          parameterDefaults(utilities),
        ),
      ),
    ).toEqual(['utility_arrears-GAS-2026-05-01']);
  });

  it('a rule set naming a parameter or department no declaration has is refused; so is an unbound variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-rules-'));
    const base = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../src/credit/rulesets/default.json'), 'utf8'),
    );
    writeFileSync(
      join(dir, 'r.json'),
      JSON.stringify({ ...base, declared: { UTILITIES: { overdueMonth: 4 }, WATER: {} } }),
    );
    let err: unknown;
    try {
      loadRuleSet(join(dir, 'r.json'));
    } catch (e) {
      err = e;
    }
    expect((err as RuleSetError).problems).toEqual([
      { path: 'declared.UTILITIES.overdueMonth', problem: 'UTILITIES declares no parameter overdueMonth' },
      { path: 'declared.WATER', problem: 'no declared department WATER' },
    ]);
    const declDir = mkdtempSync(join(tmpdir(), 'cg-decl-'));
    writeFileSync(
      join(declDir, 'u.yaml'),
      readFileSync(join(SHIPPED_DECLARATIONS, 'utilities.yaml'), 'utf8').replace(
        '>= $overdueMonths]',
        '>= $overdueMonth]',
      ),
    );
    expect(() => loadDeclarations([declDir])).toThrow(
      /u\.yaml: records\[0\]\.each: \$overdueMonth is neither \$today, a declared parameter nor assigned/,
    );
  });
});

describe('declared records in the record-state matrix, generated from the declarations', () => {
  it('each rule’s record in force: the enterprise and officials see it; others only where the rule says public; ended, the officials no more', () => {
    const rules = loadDeclarations([SHIPPED_DECLARATIONS]).flatMap((d) =>
      (d.records ?? []).map((r) => [d, r] as const),
    );
    expect(rules.length).toBeGreaterThanOrEqual(3);
    for (const [d, rule] of rules) {
      for (const ended of [false, true]) {
        const data = enterprise((e) =>
          e.declared.push({
            department: d.name,
            key: d.key,
            localId: 'x-1',
            kind: rule.kind,
            severity: rule.severity,
            nature: rule.nature,
            title: rule.title,
            date: '2026-09-01',
            // An event never ends; a state that ended is no longer in force.
            endedOn: ended && rule.nature === 'STATE' ? '2026-10-01' : null,
            published: rule.public === true,
          }),
        );
        const [record] = collectRecords(data, RULES, '2026-11-01').filter((r) => r.department === d.name);
        expect(record, `${d.name} ${rule.kind}`).toBeDefined();
        const inForce = !(ended && rule.nature === 'STATE');
        const where = `${d.name} ${rule.kind}${ended ? ' ended' : ''}`;
        expect(showsRecord('self', record!), where).toBe(true);
        expect(showsRecord('official', record!), where).toBe(inForce);
        expect(showsRecord('public', record!), where).toBe(inForce && rule.public === true);
      }
    }
  });
});

describe('taken in by file alone', () => {
  it('no code outside the declarations names the three shipped departments', () => {
    const root = join(import.meta.dirname, '..', '..', '..');
    const names =
      /\b(LICENSING_URL|SOCIAL_INSURANCE|UTILITIES|socialInsurance|LicensingProfile|UtilitiesProfile|SocialInsuranceProfile|utilityArrears)\b/;
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|js|graphql|json|yaml|sh)$/.test(f) && names.test(readFileSync(p, 'utf8')))
          offenders.push(relative(root, p));
      }
    };
    for (const d of ['src', 'resolvers', 'connectors', 'sandbox', 'scripts', 'bench', 'schema'])
      walk(join(root, d));
    // The declarations, what is generated from them (the SDL, codegen's types), and the shipped rule
    // sets — data the city reviews, which set a declared department's parameters by its name — and
    // nothing else.
    const generated = (p: string) =>
      (p.startsWith('connectors/declared/') && p.endsWith('.yaml')) ||
      /^src\/credit\/rulesets\/\w+\.json$/.test(p) ||
      p === 'schema/declared.graphql' ||
      p.startsWith('src/generated/') ||
      p.startsWith('scripts/bank-pull/gql/');
    expect(offenders.filter((p) => !generated(p))).toEqual([]);
    expect(offenders.some((p) => p.startsWith('connectors/declared/'))).toBe(true);
  });
});
