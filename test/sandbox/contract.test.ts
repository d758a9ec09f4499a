import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { dept, samples, setFaults, startTestSandbox } from '../helpers/sandbox.ts';

let sb: Sandbox;
let traits: Record<string, string[]>;
beforeAll(async () => {
  sb = await startTestSandbox();
  traits = await samples(sb);
});
afterAll(() => sb.close());

const json = async (res: Response): Promise<any> => res.json();
const first = (trait: string): string => traits[trait]![0]!;

describe('every department', () => {
  it.each([
    ['tax', '/api/v1/nsxy/batch', 'POST'],
    ['market', '/samr/v2/entities', 'GET'],
    ['environment', '/ws/EnvCreditService', 'POST'],
    ['court', '/court/api/dishonest?ids=x', 'GET'],
    ['credit', '/credit/v1/changes', 'GET'],
  ] as const)('%s answers 401 without the right X-App-Key', async (name, path, method) => {
    expect((await fetch(sb.urls[name] + path, { method })).status).toBe(401);
    expect((await fetch(sb.urls[name] + path, { method, headers: { 'x-app-key': 'wrong' } })).status).toBe(
      401,
    );
  });
});

describe('tax (connectors/tax/wire.ts)', () => {
  const batch = (body: unknown): Promise<any> =>
    dept(sb, 'tax', '/api/v1/nsxy/batch', { method: 'POST', body: JSON.stringify(body) }).then(json);

  it('answers code 0000 with pinyin fields, money strings and ISO dates; unknown codes absent', async () => {
    const code = first('majorTaxCase');
    const res = await batch({ nsrsbhList: [code, '91440300000000000X'] });
    expect(res.code).toBe('0000');
    expect(res.data).toHaveLength(1);
    const r = res.data[0];
    expect(r.nsrsbh).toBe(code);
    expect(r.qsje).toMatch(/^\d+\.\d{2}$/);
    expect(['Y', 'N']).toContain(r.fzchbs);
    expect(r.nsxydj[0]).toEqual({
      pjnd: expect.stringMatching(/^\d{4}$/),
      dj: expect.stringMatching(/^[ABMCD]$/),
    });
    expect(r.zdsswfaj[0].lrrq).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.nsje[0].je).toMatch(/^\d+\.\d{2}$/);
  });

  it('joins penalty kinds and carries fines as strings', async () => {
    const res = await batch({ nsrsbhList: traits.manyGeneral! });
    const penalties = res.data.flatMap((r: any) => r.cfxx);
    expect(penalties.length).toBeGreaterThan(0);
    for (const p of penalties) {
      expect(p.cfrq).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof p.cfzl).toBe('string');
      if (p.fkje !== null) expect(p.fkje).toMatch(/^\d+\.\d{2}$/);
    }
  });

  it('refuses more than 100 codes, and nonsense, with HTTP 200 and E101', async () => {
    const many = await dept(sb, 'tax', '/api/v1/nsxy/batch', {
      method: 'POST',
      body: JSON.stringify({ nsrsbhList: Array(101).fill('x') }),
    });
    expect(many.status).toBe(200);
    expect(await many.json()).toEqual({ code: 'E101', msg: '参数错误' });
    expect((await batch({ nope: 1 })).code).toBe('E101');
    expect((await batch({ nsrsbhList: Array(100).fill(first('clean')) })).code).toBe('0000');
  });
});

describe('market regulation (connectors/market/wire.ts)', () => {
  it('serves an entity, 404 for unknown', async () => {
    const code = first('clean');
    const e = await json(await dept(sb, 'market', `/samr/v2/entities/${code}`));
    expect(Object.keys(e).sort()).toEqual([
      'apprDate',
      'dom',
      'entName',
      'entType',
      'estDate',
      'industryCode',
      'legalRep',
      'opScope',
      'regCap',
      'regOrg',
      'regStatus',
      'uscc',
    ]);
    expect(e.legalRep.idNo).toMatch(/^\d{17}[\dX]$/);
    // v3: the GB/T 4754 class and the latest 核准日期, never before establishment nor after the world's date.
    expect(e.industryCode).toMatch(/^[A-T]\d{1,4}$/);
    expect(e.apprDate >= e.estDate && e.apprDate <= '2026-11-01').toBe(true);
    expect((await dept(sb, 'market', '/samr/v2/entities/91440300000000000X')).status).toBe(404);
    const revoked = await json(await dept(sb, 'market', `/samr/v2/entities/${first('revoked')}`));
    expect(revoked.regStatus).toBe('吊销');
  });

  it('pages penalties and joins kinds with 、', async () => {
    const code = first('seriousPenalty');
    const page = await json(await dept(sb, 'market', `/samr/v2/entities/${code}/penalties?page=1&size=50`));
    expect(page).toMatchObject({ total: 1, page: 1, size: 50 });
    expect(page.items[0].penType).toMatch(/、/);
    expect(Object.keys(page.items[0]).sort()).toEqual([
      'illegActType',
      'penAm',
      'penAuth',
      'penContent',
      'penDecIssDate',
      'penDecNo',
      'penType',
    ]);
    const many = first('manyGeneral');
    const p1 = await json(await dept(sb, 'market', `/samr/v2/entities/${many}/penalties?page=1&size=1`));
    const p2 = await json(await dept(sb, 'market', `/samr/v2/entities/${many}/penalties?page=2&size=1`));
    if (p1.total >= 2) expect(p2.items[0].penDecNo).not.toBe(p1.items[0].penDecNo);
    expect((await dept(sb, 'market', `/samr/v2/entities/${many}/penalties?size=51`)).status).toBe(400);
  });

  it('serves abnormal and serious-violation listings, remDate null while listed', async () => {
    const listed = await json(
      await dept(sb, 'market', `/samr/v2/entities/${first('abnormalListed')}/abnormal`),
    );
    expect(listed.items[0]).toMatchObject({
      remDate: null,
      abntime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const removed = await json(
      await dept(sb, 'market', `/samr/v2/entities/${first('abnormalRemoved')}/abnormal`),
    );
    expect(removed.items[0].remDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const serious = await json(
      await dept(sb, 'market', `/samr/v2/entities/${first('seriousViolation')}/serious-violations`),
    );
    expect(serious.items).toHaveLength(1);
  });

  it('searches by keyword and pages every enterprise with an empty one', async () => {
    const all = await json(await dept(sb, 'market', '/samr/v2/entities?keyword=&page=2&size=50'));
    expect(all.total).toBe(400);
    expect(all.items).toHaveLength(50);
    const name: string = all.items[0].entName;
    const hit = await json(
      await dept(sb, 'market', `/samr/v2/entities?keyword=${encodeURIComponent(name)}&page=1&size=10`),
    );
    expect(hit.items.map((x: any) => x.uscc)).toContain(all.items[0].uscc);
  });

  it('answers 429 with Retry-After past its rate limit', async () => {
    await setFaults(sb, 'market', { rateLimitPerSec: 3 });
    try {
      const codes = await Promise.all(
        Array.from({ length: 8 }, () =>
          dept(sb, 'market', '/samr/v2/entities?size=1').then(
            (r) => [r.status, r.headers.get('retry-after')] as const,
          ),
        ),
      );
      const limited = codes.filter(([s]) => s === 429);
      expect(limited.length).toBeGreaterThanOrEqual(5);
      for (const [, ra] of limited) expect(Number(ra)).toBeGreaterThanOrEqual(1);
    } finally {
      await setFaults(sb, 'market', null);
    }
  });
});

describe('environment (connectors/environment/wire.ts)', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (n) => ['Enterprise', 'Rating', 'Penalty'].includes(n),
  });
  const query = (codes: string[], key = 'sandbox'): Promise<any> =>
    dept(sb, 'environment', '/ws/EnvCreditService', {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: `<QueryRequest><AppKey>${key}</AppKey><Codes>${codes.map((c) => `<Code>${c}</Code>`).join('')}</Codes></QueryRequest>`,
    }).then(async (r) => parser.parse(await r.text()).QueryResponse);

  it('answers XML with cards and YYYYMMDD dates', async () => {
    const res = await query([first('envRed'), '91440300000000000X']);
    expect(res.Status).toBe('OK');
    expect(res.Enterprise).toHaveLength(1);
    expect(res.Enterprise[0].Rating[0].card).toBe('RED');
    expect(res.Enterprise[0].Penalty[0].date).toMatch(/^\d{8}$/);
  });

  it('answers Status ERROR for more than 50 codes or a wrong AppKey', async () => {
    expect((await query(Array(51).fill(first('clean')))).Status).toBe('ERROR');
    expect((await query([first('clean')], 'wrong')).Status).toBe('ERROR');
    expect((await query(Array(50).fill(first('clean')))).Status).toBe('OK');
  });
});

describe('courts (connectors/court/wire.ts)', () => {
  it('serves the three lists with Chinese dates', async () => {
    const code = first('dishonestDebtor');
    const d = await json(await dept(sb, 'court', `/court/api/dishonest?ids=${code}`));
    expect(d.success).toBe(true);
    expect(d.result[0].items[0]).toMatchObject({
      status: '在列',
      removeDate: null,
      publishDate: expect.stringMatching(/^\d{4}年\d{2}月\d{2}日$/),
    });
    const removed = await json(
      await dept(sb, 'court', `/court/api/dishonest?ids=${first('dishonestRemoved')}`),
    );
    expect(removed.result[0].items[0]).toMatchObject({
      status: '已移除',
      removeDate: expect.stringMatching(/年/),
    });
    const enforced = await json(await dept(sb, 'court', `/court/api/enforced?ids=${code}`));
    expect(typeof enforced.result[0].items[0].execMoney).toBe('number');
    const r = await json(await dept(sb, 'court', `/court/api/restrictions?ids=${first('restricted')}`));
    expect(r.result[0].items[0].issueDate).toMatch(/日$/);
  });

  it('refuses more than 20 ids with success:false', async () => {
    const ids = Array(21).fill(first('clean')).join(',');
    expect(await json(await dept(sb, 'court', `/court/api/enforced?ids=${ids}`))).toEqual({
      success: false,
      error: expect.any(String),
    });
  });
});

describe('credit platform (connectors/credit/wire.ts)', () => {
  it('serves a subject and 404 for unknown', async () => {
    const s = await json(await dept(sb, 'credit', `/credit/v1/subjects/${first('underObjection')}`));
    expect(Object.keys(s).sort()).toEqual([
      'commitments',
      'lists',
      'objections',
      'reorganizations',
      'repairs',
    ]);
    expect(s.objections[0]).toMatchObject({ status: 'OPEN', recordRef: expect.stringMatching(/^market:/) });
    expect((await dept(sb, 'credit', '/credit/v1/subjects/91440300000000000X')).status).toBe(404);
  });

  it('takes consents, lists active ones, revokes them', async () => {
    const uscc = first('clean');
    const post = await dept(sb, 'credit', '/credit/v1/consents', {
      method: 'POST',
      body: JSON.stringify({
        uscc,
        grantee: 'bank-a',
        scopes: ['TAX_RATINGS'],
        purpose: 'PRE_CREDIT',
        expiresAt: '2027-01-01T00:00:00Z',
      }),
    });
    expect(post.status).toBe(201);
    const { id } = await json(post);
    const listed = await json(await dept(sb, 'credit', `/credit/v1/consents?uscc=${uscc}&grantee=bank-a`));
    expect(listed.consents.map((c: any) => c.id)).toContain(id);
    expect((await dept(sb, 'credit', `/credit/v1/consents/${id}`, { method: 'DELETE' })).status).toBe(200);
    const after = await json(await dept(sb, 'credit', `/credit/v1/consents?uscc=${uscc}&grantee=bank-a`));
    expect(after.consents.map((c: any) => c.id)).not.toContain(id);
    const all = await json(
      await dept(sb, 'credit', `/credit/v1/consents?uscc=${uscc}&grantee=bank-a&status=all`),
    );
    expect(all.consents.find((c: any) => c.id === id).status).toBe('REVOKED');
  });

  it('refuses bad writes with 400 and unknown records with 404', async () => {
    const bad = await dept(sb, 'credit', '/credit/v1/objections', { method: 'POST', body: '{"uscc":1}' });
    expect(bad.status).toBe(400);
    const unknown = await dept(sb, 'credit', '/credit/v1/repairs', {
      method: 'POST',
      body: JSON.stringify({ uscc: first('clean'), recordRef: 'market:nope', decidedBy: 'market' }),
    });
    expect(unknown.status).toBe(404);
  });
});
