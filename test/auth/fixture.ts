/** A sandbox enterprise with a record of every kind, the callers of every role, and a gateway. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { CONSENT_SCOPES } from '../../src/auth/consents.ts';
import { buildUscc } from '../../src/credit/uscc.ts';
import { declaredConsentScopes } from '../../src/departments/declared/declarations.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import type { ServerDeps } from '../../src/server/createServer.ts';
import { headersFor, startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { dept, samples, startTestSandbox } from '../helpers/sandbox.ts';

/** The callers of the authorization table. */
export const ROLE_KEYS = [
  'public',
  'self',
  'otherEnterprise',
  'clerk',
  'regulator',
  'bankConsented',
  'bankNoConsent',
  'developer',
  'reviewer',
  'department',
] as const;
/** One caller. */
export type RoleKey = (typeof ROLE_KEYS)[number];

/** Everything the access tests share. */
export interface AccessFixture {
  sb: Sandbox;
  gw: TestGateway;
  subject: string;
  other: string;
  idNumber: string;
  headers: Record<RoleKey, Record<string, string>>;
  traits: Record<string, string[]>;
}

const record = (sb: Sandbox, uscc: string, path: string, rec: unknown): Promise<Response> =>
  fetch(`${sb.urls.control}/__sandbox/records`, {
    method: 'POST',
    body: JSON.stringify({ uscc, path, record: rec }),
  });

/** Grants a consent directly at the credit platform (as the enterprise's own channel would). */
export async function platformConsent(
  sb: Sandbox,
  body: { uscc: string; grantee: string; scopes: string[]; purpose: string; expiresAt: string },
): Promise<string> {
  const res = await dept(sb, 'credit', '/credit/v1/consents', { method: 'POST', body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`consent: ${res.status}`);
  return ((await res.json()) as { id: string }).id;
}

/** Starts everything; the subject gets a record of every kind, a repair, an objection and a bank's consent. */
export async function startAccessFixture(
  deps: Partial<ServerDeps> = {},
  env: Record<string, string> = {},
): Promise<AccessFixture> {
  const sb = await startTestSandbox({ listen: false });
  // A ledger holding one published draw, so the draw's gated fields (tiers) are reached by every role.
  const ledgerDir = mkdtempSync(join(tmpdir(), 'cg-access-ledger-'));
  const gw = await startTestGateway(sb, deps, {
    CHANGE_POLL_MS: '200',
    LEDGER: 'true',
    LEDGER_DIR: ledgerDir,
    BACKFILL: 'false',
    ...env,
  });
  await publishedDraw(gw);
  const traits = await samples(sb);
  const subject = traits.dishonestDebtor![0]!;
  const other = traits.clean![0]!;
  const day = (d: number): string =>
    `2026-${String(Math.floor(d / 28) + 1).padStart(2, '0')}-${String((d % 28) + 1).padStart(2, '0')}`;
  const adds: Array<[string, unknown]> = [
    [
      'tax.penalties',
      { id: '汕税稽罚〔2026〕1号', date: day(200), kinds: ['罚款'], amount: '20000.00', fact: '少缴税款' },
    ],
    ['tax.majorCases', { id: '汕税重案〔2026〕1号', fact: '虚开发票', listedAt: day(150), removedAt: null }],
    [
      'market.penalties',
      { id: '汕市监罚〔2026〕1号', date: day(210), kinds: ['罚款'], amount: '30000.00', fact: '虚假宣传' },
    ],
    [
      'market.penalties',
      {
        id: '汕市监罚〔2026〕2号',
        date: day(220),
        kinds: ['罚款', '没收违法所得'],
        amount: '40000.00',
        fact: '无照经营',
      },
    ],
    [
      'market.penalties',
      {
        id: '汕市监罚〔2026〕3号',
        date: day(230),
        kinds: ['罚款'],
        amount: '50000.00',
        fact: '销售不合格产品',
      },
    ],
    ['market.abnormal', { reason: '无法联系', listedAt: day(100), authority: '局', removedAt: null }],
    [
      'market.seriousViolations',
      { reason: '严重违法', listedAt: day(120), authority: '局', removedAt: null },
    ],
    ['environment.ratings', { year: 2025, card: 'YELLOW' }],
    [
      'environment.penalties',
      { id: '汕环罚〔2026〕1号', date: day(240), kinds: ['罚款'], amount: '60000.00', fact: '超标排放' },
    ],
    ['court.restrictions', { caseCode: '(2026)粤1523执9号', court: '陆河县人民法院', issuedAt: day(250) }],
    [
      'credit.commitments',
      {
        id: 'CM-T1',
        type: '告知承诺',
        matter: '行政许可',
        content: '承诺',
        signedAt: day(180),
        status: 'BREACHED',
      },
    ],
    [
      'credit.lists',
      {
        id: 'CL-T1',
        list: 'BLACK',
        domain: '安全生产',
        reason: '事故',
        authority: '应急局',
        listedAt: day(190),
        removedAt: null,
      },
    ],
  ];
  for (const [path, rec] of adds) {
    const r = await record(sb, subject, path, rec);
    if (r.status !== 201) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  }
  await dept(sb, 'credit', '/credit/v1/repairs', {
    method: 'POST',
    body: JSON.stringify({ uscc: subject, recordRef: 'market:汕市监罚〔2026〕1号', decidedBy: 'market' }),
  });
  await dept(sb, 'credit', '/credit/v1/objections', {
    method: 'POST',
    body: JSON.stringify({ uscc: subject, recordRef: 'market:汕市监罚〔2026〕2号', reason: '事实有误' }),
  });
  await platformConsent(sb, {
    uscc: other,
    grantee: 'bank-c',
    scopes: ['TAX_PAID'],
    purpose: 'PRE_CREDIT',
    expiresAt: '2027-11-01T00:00:00Z',
  });
  await platformConsent(sb, {
    uscc: subject,
    grantee: 'bank-a',
    // Every scope, the grade included (docs/access.md: EVALUATION), and the declared departments'.
    scopes: [...CONSENT_SCOPES, ...declaredConsentScopes()],
    purpose: 'PRE_CREDIT',
    expiresAt: '2027-11-01T00:00:00Z',
  });
  const idNumber = (
    (await (await dept(sb, 'market', `/samr/v2/entities/${subject}`)).json()) as {
      legalRep: { idNo: string };
    }
  ).legalRep.idNo;

  const headers: Record<RoleKey, Record<string, string>> = {
    public: {},
    self: await headersFor({ role: 'enterprise', uscc: subject, purpose: 'SELF_QUERY' }),
    otherEnterprise: await headersFor({ role: 'enterprise', uscc: other, purpose: 'SELF_QUERY' }),
    clerk: await headersFor({ role: 'clerk', org: 'hall-1', purpose: 'LICENSING' }),
    regulator: await headersFor({ role: 'regulator', org: 'samr', purpose: 'SUPERVISION' }),
    bankConsented: await headersFor({ role: 'bank', org: 'bank-a', purpose: 'PRE_CREDIT' }),
    bankNoConsent: await headersFor({ role: 'bank', org: 'bank-b', purpose: 'PRE_CREDIT' }),
    developer: await headersFor({ role: 'developer', org: 'dev' }),
    reviewer: await headersFor({ role: 'reviewer', org: 'fgj' }),
    // Market regulation's own system: the objections it must answer, the alerts about its records.
    department: await headersFor({ role: 'department', org: 'MARKET', purpose: 'SUPERVISION' }),
  };
  // An objection filed through the gateway, so the workflow holds one for market regulation to answer.
  const filed = await gw.query(
    'mutation { fileObjection(input: { recordRef: "market:汕市监罚〔2026〕3号", reason: "已整改" }) { accepted } }',
    {},
    headers.self,
  );
  if (!filed.body.data?.fileObjection?.accepted) throw new Error(`objection: ${JSON.stringify(filed.body)}`);
  // A commitment registered at a check, on market regulation's list to verify.
  const committed = await gw.query(
    'mutation($i: CommitmentInput!) { registerCommitment(input: $i) { accepted } }',
    {
      i: {
        uscc: subject,
        type: '告知承诺',
        matter: '食品经营许可',
        content: '三个月内补交健康证明',
        dueDate: '2027-02-01',
        verifyingDepartment: 'MARKET',
      },
    },
    headers.clerk,
  );
  if (!committed.body.data?.registerCommitment?.accepted)
    throw new Error(`commitment: ${JSON.stringify(committed.body)}`);
  // A 约谈 by market regulation whose rectification deadline has passed: the subject is its candidate.
  const interviewed = await gw.query(
    'mutation($i: InterviewInput!) { recordInterview(input: $i) { id } }',
    {
      i: {
        uscc: subject,
        department: 'MARKET',
        kind: 'WARNING',
        heldOn: '2026-10-01',
        officials: '市场监管局 张三、李四',
        required: '十日内整改虚假宣传',
        rectifyBy: '2026-10-15',
      },
    },
    headers.department,
  );
  if (!interviewed.body.data?.recordInterview?.id)
    throw new Error(`interview: ${JSON.stringify(interviewed.body)}`);
  return { sb, gw, subject, other, idNumber, headers, traits };
}

/** Twenty STRICT-tier assessments in the ledger and a published draw of them (3 drawn: 20 × 5 % × 3). */
async function publishedDraw(gw: TestGateway): Promise<void> {
  const ledger = gw.server.contextFor().ledger!;
  for (let i = 0; i < 100 && !ledger.engine; i++) await new Promise((r) => setTimeout(r, 50));
  const store = ledger.get();
  for (let i = 0; i < 20; i++) {
    const uscc = buildUscc('9', '1', '441500', String(50_000_000 + i));
    await store.record({
      uscc,
      grade: 'D',
      rank: 3,
      tier: 'STRICT',
      alertKinds: [],
      departments: [],
      regionCode: '441500',
      ruleSet: 'domain-default',
      ruleVersion: 'test',
      evaluatedAt: '2026-11-01',
      dataVersions: {},
      missingDepartments: [],
    });
  }
  // Market regulation's item and two inspectors, one of whom must not inspect the first enterprise:
  // the draw names its item and each drawn enterprise's inspectors.
  const lists = ledger.inspections();
  const item = await lists.saveItem(
    {
      department: 'MARKET',
      code: 'SC-01',
      name: '食品生产经营检查',
      legalBasis: '《食品安全法》',
      active: true,
    },
    'samr/test',
  );
  for (const name of ['检查员甲', '检查员乙', '检查员丙']) {
    const i = await lists.saveInspector(
      { department: 'MARKET', name, unit: '市场监督管理局', region: '4415', active: true },
      'samr/test',
    );
    if (name === '检查员甲')
      await lists.declareConflict(i!.id, buildUscc('9', '1', '441500', '50000000'), '亲属任职', 'samr/test');
  }
  const draw = await store.draw('MARKET', {}, 'access-fixture', 'samr/test', null, false, null, item.id);
  await store.publish(draw.id);
}

/** Registers beforeAll/afterAll for the access fixture; read its fields inside tests. */
export function useAccessFixture(
  deps: Partial<ServerDeps> = {},
  env: Record<string, string> = {},
): AccessFixture {
  const fx = {} as AccessFixture;
  beforeAll(async () => {
    Object.assign(fx, await startAccessFixture(deps, env));
  }, 60_000);
  afterAll(async () => {
    await fx.gw?.close();
    await fx.sb?.close();
  });
  return fx;
}
