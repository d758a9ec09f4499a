/** The bank pull client: interrupted and restarted, every consented profile exactly once, a reason for every gap. */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../../src/auth/devIssuer.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { startTestGateway, testNow, type TestGateway } from '../helpers/gateway.ts';
import { dept, startTestSandbox } from '../helpers/sandbox.ts';
import { platformConsent } from '../auth/fixture.ts';

let sb: Sandbox;
let gw: TestGateway;
let token: string;
let codes: string[];
const consented = new Set<string>();
beforeAll(async () => {
  sb = await startTestSandbox();
  gw = await startTestGateway(sb);
  token = await mintDevToken({ role: 'bank', org: 'bank-pull' }, testNow());
  const page = (await (await dept(sb, 'market', '/samr/v2/entities?size=50&page=2')).json()) as {
    items: Array<{ uscc: string }>;
  };
  const page2 = (await (await dept(sb, 'market', '/samr/v2/entities?size=10&page=11')).json()) as {
    items: Array<{ uscc: string }>;
  };
  codes = [...page.items, ...page2.items].map((i) => i.uscc);
  for (const [k, uscc] of codes.entries()) {
    if (k % 3 === 2) continue;
    consented.add(uscc);
    await platformConsent(sb, {
      uscc,
      grantee: 'bank-pull',
      scopes: ['TAX_RATINGS', 'TAX_PAID', 'ARREARS', 'COMMITMENTS', 'EVALUATION'],
      purpose: 'PRE_CREDIT',
      expiresAt: '2027-11-01T00:00:00Z',
    });
  }
});
afterAll(async () => {
  await gw.close();
  await sb.close();
});

const run = (args: string[]) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bank-pull/bankPull.ts', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  return { child, exited, stderr: () => err };
};
const lines = (file: string): any[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];

describe('npm run bank-pull', () => {
  it('interrupted and restarted, ends with every enterprise exactly once and a reason for each gap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bank-pull-'));
    const input = join(dir, 'codes.txt');
    const out = join(dir, 'profiles.ndjson');
    const unknown = '91350100M000100Y43';
    writeFileSync(input, [...codes, 'NOT-A-CODE', unknown, codes[0]].join('\n'));
    const args = [
      '--org',
      'bank-pull',
      '--purpose',
      'pre-credit',
      '--in',
      input,
      '--out',
      out,
      '--url',
      `${gw.url}/graphql`,
      '--token',
      token,
      '--batch',
      '4',
    ];

    const first = run(args);
    for (let i = 0; i < 200 && lines(out).length < 12; i++) await new Promise((r) => setTimeout(r, 25));
    first.child.kill('SIGKILL'); // interrupted mid-pull
    await first.exited;
    const partial = lines(out).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(codes.length + 2);

    const second = run(args);
    expect(await second.exited, second.stderr()).toBe(0);
    expect(second.stderr()).toContain('resuming');
    const all = lines(out);
    const ids = all.map((l) => l.uscc);
    expect(new Set(ids).size).toBe(ids.length); // exactly once
    expect(new Set(ids)).toEqual(new Set([...codes, 'NOT-A-CODE', unknown]));

    const by = new Map(all.map((l) => [l.uscc, l]));
    expect(by.get('NOT-A-CODE')).toMatchObject({
      status: 'INVALID',
      reason: expect.stringContaining('position'),
    });
    expect(by.get(unknown)).toMatchObject({ status: 'NOT_FOUND' });
    let withTax = 0;
    for (const uscc of codes) {
      const l = by.get(uscc);
      expect(l.status, uscc).toBe('OK');
      expect(l.profile.uscc).toBe(uscc);
      if (consented.has(uscc)) {
        expect(l.denied ?? [], uscc).toEqual([]);
        // the client asks for the grade a bank holding an EVALUATION consent may read.
        expect(l.profile.evaluation, uscc).toMatchObject({
          grade: expect.stringMatching(/^[A-D]$/),
          complete: true,
        });
        if (l.profile.tax) {
          withTax++;
          expect(Array.isArray(l.profile.tax.taxPaid)).toBe(true);
        }
      } else {
        // Not silently dropped: each field it may not read is named with its reason.
        expect(l.denied.map((d: any) => `${d.field}:${d.code}`)).toEqual(
          expect.arrayContaining(['credit.commitments:CONSENT_REQUIRED', 'evaluation:CONSENT_REQUIRED']),
        );
        if (l.profile.tax)
          expect(l.denied.map((d: any) => d.field)).toEqual(
            expect.arrayContaining(['tax.taxPaid', 'tax.ratings', 'tax.arrears']),
          );
      }
    }
    expect(withTax).toBeGreaterThan(10);
    // The input named codes[0] twice: said, not merged silently.
    expect(second.stderr() + first.stderr()).toMatch(
      /1 duplicate line in .*codes\.txt: each enterprise is pulled once/,
    );
    // Run again on a finished journal: "already complete", not "resuming 49 of 49".
    const third = run(args);
    expect(await third.exited, third.stderr()).toBe(0);
    expect(third.stderr()).toMatch(/already complete: all \d+ are in /);
    expect(third.stderr()).not.toContain('resuming');
    expect(lines(out)).toHaveLength(all.length);
  });

  it('waits out a 429 and its Retry-After, then finishes', async () => {
    let refused = 0;
    const proxy: Server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      if (refused === 0) {
        refused++;
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        return void res.end('{"errors":[{"message":"slow down","extensions":{"code":"RATE_LIMITED"}}]}');
      }
      const upstream = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: String(req.headers.authorization),
          'x-purpose': String(req.headers['x-purpose']),
        },
        body: Buffer.concat(chunks),
      });
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      res.end(await upstream.text());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const dir = mkdtempSync(join(tmpdir(), 'bank-pull-'));
      writeFileSync(join(dir, 'in.txt'), codes.slice(0, 3).join('\n'));
      const p = run([
        '--in',
        join(dir, 'in.txt'),
        '--out',
        join(dir, 'out.ndjson'),
        '--url',
        `http://127.0.0.1:${(proxy.address() as { port: number }).port}/graphql`,
        '--token',
        token,
      ]);
      expect(await p.exited, p.stderr()).toBe(0);
      expect(p.stderr()).toContain('rate limited: waiting 1 s');
      expect(lines(join(dir, 'out.ndjson')).map((l) => l.uscc)).toEqual(codes.slice(0, 3));
      expect(refused).toBe(1);
    } finally {
      proxy.close();
    }
  });

  it('first contact: an unreachable gateway fails fast with its address; a bad purpose names itself and the allowed ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bank-pull-'));
    writeFileSync(join(dir, 'in.txt'), codes.slice(0, 2).join('\n'));
    const base = ['--in', join(dir, 'in.txt'), '--out', join(dir, 'out.ndjson'), '--token', token];
    const started = Date.now();
    const down = run([...base, '--url', 'http://127.0.0.1:9/graphql']);
    expect(await down.exited).toBe(1);
    expect(down.stderr()).toContain('cannot reach the gateway at http://127.0.0.1:9/graphql (ECONNREFUSED)');
    expect(Date.now() - started).toBeLessThan(15_000); // no minute of retries
    const purpose = run([...base, '--url', `${gw.url}/graphql`, '--purpose', 'marketing']);
    expect(await purpose.exited).toBe(2);
    expect(purpose.stderr()).toContain('--purpose "marketing" is not a purpose; allowed: ');
    expect(purpose.stderr()).toContain('pre-credit');
  });

  it('a check-character typo is reported as a malformed code is, and the summary counts by status across resumes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bank-pull-'));
    const good = codes[0]!;
    // The same code with another check character: no registry knows it.
    const typo = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    writeFileSync(join(dir, 'in.txt'), [good, typo, 'NOT-A-CODE'].join('\n'));
    const out = join(dir, 'out.ndjson');
    const args = ['--in', join(dir, 'in.txt'), '--out', out, '--url', `${gw.url}/graphql`, '--token', token];
    const p = run(args);
    expect(await p.exited, p.stderr()).toBe(0);
    const by = new Map(lines(out).map((l) => [l.uscc, l]));
    expect(by.get(typo)).toEqual({ uscc: typo, status: 'INVALID', reason: 'not a valid USCC (position 18)' });
    expect(by.get('NOT-A-CODE')).toMatchObject({
      status: 'INVALID',
      reason: expect.stringMatching(/^not a valid USCC \(position \d+\)$/),
    });
    expect(p.stderr()).toContain(`done: 3 enterprises in ${out} — OK 1, NOT_FOUND 0, INVALID 2, FAILED 0;`);
    // A second run over the same journal: nothing new, the same totals (counted from the journal).
    const again = run(args);
    expect(await again.exited).toBe(0);
    expect(again.stderr()).toContain('OK 1, NOT_FOUND 0, INVALID 2, FAILED 0;');
  });
});
