import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { dept, samples, startTestSandbox } from '../helpers/sandbox.ts';

let sb: Sandbox;
let traits: Record<string, string[]>;
beforeAll(async () => {
  sb = await startTestSandbox({ feedRetention: 50 });
  traits = await samples(sb);
});
afterAll(() => sb.close());

const body = async (p: Promise<Response>): Promise<any> => (await p).json();
const get = async (path: string): Promise<any> => (await dept(sb, 'credit', path)).json();

describe('change feed', () => {
  it('shows a repair in the feed and the subject, while the department still serves the record', async () => {
    const uscc = traits.generalPenalty!.find((c) => c.startsWith('9'))!;
    const { cursor } = await get('/credit/v1/changes');
    const penalties = await body(dept(sb, 'market', `/samr/v2/entities/${uscc}/penalties?size=50`));
    const taxRec = await body(
      dept(sb, 'tax', '/api/v1/nsxy/batch', { method: 'POST', body: JSON.stringify({ nsrsbhList: [uscc] }) }),
    );
    const recordRef = penalties.items[0]
      ? `market:${penalties.items[0].penDecNo}`
      : `tax:${taxRec.data[0].cfxx[0].cfjdswh}`;
    const res = await dept(sb, 'credit', '/credit/v1/repairs', {
      method: 'POST',
      body: JSON.stringify({ uscc, recordRef, decidedBy: 'market' }),
    });
    expect(res.status).toBe(201);

    const feed = await get(`/credit/v1/changes?after=${cursor}`);
    expect(feed.changes).toEqual([
      expect.objectContaining({ uscc, kind: 'REPAIR', seq: expect.any(Number) }),
    ]);
    const subject = await get(`/credit/v1/subjects/${uscc}`);
    expect(subject.repairs).toContainEqual({ recordRef, repairedAt: '2026-11-01' });
    // Departments do not forget: the repaired record is still served at its source.
    const again = await body(dept(sb, 'market', `/samr/v2/entities/${uscc}/penalties?size=50`));
    const taxAgain = await body(
      dept(sb, 'tax', '/api/v1/nsxy/batch', { method: 'POST', body: JSON.stringify({ nsrsbhList: [uscc] }) }),
    );
    const ids = [
      ...again.items.map((p: any) => `market:${p.penDecNo}`),
      ...taxAgain.data[0].cfxx.map((p: any) => `tax:${p.cfjdswh}`),
    ];
    expect(ids).toContain(recordRef);

    const empty = await get(`/credit/v1/changes?after=${feed.cursor}`);
    expect(empty.changes).toEqual([]);
  });

  it('records objections, consents and sandbox records in order', async () => {
    const { cursor } = await get('/credit/v1/changes');
    const uscc = traits.underObjection![0]!;
    const subject = await get(`/credit/v1/subjects/${uscc}`);
    await dept(sb, 'credit', '/credit/v1/objections', {
      method: 'POST',
      body: JSON.stringify({ uscc, recordRef: subject.objections[0].recordRef, reason: '处罚已撤销' }),
    });
    await dept(sb, 'credit', '/credit/v1/consents', {
      method: 'POST',
      body: JSON.stringify({
        uscc,
        grantee: 'b',
        scopes: ['X'],
        purpose: 'P',
        expiresAt: '2030-01-01T00:00:00Z',
      }),
    });
    const rec = await fetch(`${sb.urls.control}/__sandbox/records`, {
      method: 'POST',
      body: JSON.stringify({
        uscc,
        path: 'court.restrictions',
        record: { caseCode: '(2026)粤1502执999号', court: '汕尾市城区人民法院', issuedAt: '2026-10-30' },
      }),
    });
    expect(rec.status).toBe(201);
    const feed = await get(`/credit/v1/changes?after=${cursor}`);
    expect(feed.changes.map((c: any) => c.kind)).toEqual(['OBJECTION', 'CONSENT', 'RECORD']);
    const seqs = feed.changes.map((c: any) => c.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const court = await body(dept(sb, 'court', `/court/api/restrictions?ids=${uscc}`));
    expect(court.result[0].items.map((i: any) => i.caseCode)).toContain('(2026)粤1502执999号');
  });

  it('answers 410 for a cursor older than what it keeps, and 400 for a bad one', async () => {
    const { cursor } = await get('/credit/v1/changes');
    const uscc = traits.clean![0]!;
    const consent = (): Promise<Response> =>
      dept(sb, 'credit', '/credit/v1/consents', {
        method: 'POST',
        body: JSON.stringify({
          uscc,
          grantee: 'b',
          scopes: ['X'],
          purpose: 'P',
          expiresAt: '2030-01-01T00:00:00Z',
        }),
      });
    await consent();
    // The change after `cursor` is compacted away: the cursor can no longer be served.
    await fetch(`${sb.urls.control}/__sandbox/feed/compact`, { method: 'POST' });
    await consent();
    expect((await dept(sb, 'credit', `/credit/v1/changes?after=${cursor}`)).status).toBe(410);
    expect((await dept(sb, 'credit', '/credit/v1/changes?after=garbage')).status).toBe(400);
  });

  it('announces the v2 kinds: a registered commitment (COMMITMENT) and a reorganisation plan (REORGANIZATION)', async () => {
    const uscc = traits.clean![0]!;
    const { cursor } = await get('/credit/v1/changes');
    const registered = await dept(sb, 'credit', '/credit/v1/commitments', {
      method: 'POST',
      body: JSON.stringify({
        uscc,
        type: '告知承诺',
        matter: '行政许可',
        content: '补齐材料',
        dueDate: '2027-01-31',
      }),
    });
    expect(registered.status).toBe(201);
    const { id } = (await registered.json()) as { id: string };
    const plan = await fetch(`${sb.urls.control}/__sandbox/records`, {
      method: 'POST',
      body: JSON.stringify({
        uscc,
        path: 'credit.reorganizations',
        record: { caseNo: '(2026)粤15破9号', court: '汕尾中院', approvedAt: '2026-10-01' },
      }),
    });
    expect(plan.status).toBe(201);
    const feed = await get(`/credit/v1/changes?after=${cursor}`);
    expect(feed.changes.map((c: any) => c.kind)).toEqual(['COMMITMENT', 'REORGANIZATION']);
    const subject = await get(`/credit/v1/subjects/${uscc}`);
    expect(subject.commitments).toContainEqual(
      expect.objectContaining({ id, status: 'PENDING', dueDate: '2027-01-31', signedAt: '2026-11-01' }),
    );
    expect(subject.reorganizations).toContainEqual({
      caseNo: '(2026)粤15破9号',
      court: '汕尾中院',
      approvedAt: '2026-10-01',
    });
  });

  it('accepts an objection to the grade itself (recordRef evaluation)', async () => {
    const uscc = traits.clean![1]!;
    const res = await dept(sb, 'credit', '/credit/v1/objections', {
      method: 'POST',
      body: JSON.stringify({ uscc, recordRef: 'evaluation', reason: '评价有误' }),
    });
    expect(res.status).toBe(201);
    expect((await get(`/credit/v1/subjects/${uscc}`)).objections).toContainEqual(
      expect.objectContaining({ recordRef: 'evaluation', status: 'OPEN' }),
    );
  });
});
