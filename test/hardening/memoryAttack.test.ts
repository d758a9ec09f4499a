/**
 * The memory attack against the production build (`start:gateway`: compiled JavaScript,
 * NODE_ENV=production, a 224 MB heap): 100 MiB bodies on every HTTP transport (/graphql and the
 * SSE stream, with a declared length and chunked) and ~95 MiB WebSocket frames, sent without a
 * token. Each is refused before anything parses it (413, or the socket closed with 1009 "message
 * too big"), and the process stays up and serves a subscription and a query afterwards.
 */
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxGatewayEnv, startProc, type Proc } from '../../bench/processes.ts';
import { mintDevToken } from '../../src/auth/devIssuer.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { startTestSandbox } from '../helpers/sandbox.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const MiB = 1024 * 1024;

/** Sends `total` bytes to `path` (chunked unless `declared`); resolves with the status, or 'reset' when the gateway closed the connection first. */
function bigPost(base: string, path: string, total: number, declared: boolean): Promise<number | 'reset'> {
  return new Promise((resolve) => {
    const url = new URL(path, base);
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        ...(declared ? { 'content-length': String(total) } : {}),
      },
    });
    let settled = false;
    const done = (v: number | 'reset'): void => {
      if (!settled) resolve(v);
      settled = true;
    };
    req.on('response', (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', () => done('reset'));
    const chunk = Buffer.alloc(MiB, 'a');
    chunk.write('{"query":"');
    let sent = 0;
    const pump = (): void => {
      while (sent < total && !settled) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/** Opens a WebSocket and sends `payload` as one text message; resolves with the close code. */
function bigFrame(base: string, payload: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    ws.on('open', () => ws.send(payload, { binary: false }));
    ws.on('close', (code) => resolve(code));
    ws.on('error', () => undefined);
  });
}

describe('a replica under a memory attack (production build)', () => {
  let sb: Sandbox;
  let gateway: Proc & { match: RegExpExecArray };
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'cg-memory-'));
  // Built beside the repository's node_modules (so its imports resolve), apart from dist/.
  const build = join(ROOT, 'node_modules', '.cache', `cg-build-${process.pid}`);

  beforeAll(async () => {
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'build.ts')], {
      cwd: ROOT,
      env: { ...process.env, CG_BUILD_DIR: build },
      stdio: 'ignore',
    });
    sb = await startTestSandbox();
    gateway = await startProc(
      join('node_modules', '.cache', `cg-build-${process.pid}`, 'src', 'main.js'),
      {
        ...sandboxGatewayEnv({ ...sb.urls } as Record<string, string>, join(dir, 'audit.jsonl')),
        LEDGER_DIR: join(dir, 'ledger'),
        BACKFILL: 'false',
        // The heap bound of `npm run start:gateway` and the image.
        NODE_OPTIONS: '--max-old-space-size=224',
      },
      /playground at (http:\/\/[\d.]+:\d+)\/graphql/,
      90_000,
    );
    base = gateway.match[1]!;
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await sb?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(build, { recursive: true, force: true });
  });

  it('refuses 100 MiB bodies on /graphql and the SSE stream, and ~95 MiB frames, and keeps serving', async () => {
    const posts = await Promise.all([
      bigPost(base, '/graphql/stream', 100 * MiB, false),
      bigPost(base, '/graphql/stream', 100 * MiB, true),
      bigPost(base, '/graphql', 100 * MiB, false),
      bigPost(base, '/graphql', 100 * MiB, true),
    ]);
    for (const p of posts) expect([413, 'reset']).toContain(p);
    // A declared length over the cap is answered before a byte of the body is read.
    expect(posts[1]).toBe(413);
    expect(posts[3]).toBe(413);
    // Six frames, one after another (each closed 1009 from its header, before its payload is buffered).
    const payload = Buffer.alloc(95 * MiB, 'a');
    const frames: number[] = [];
    for (let i = 0; i < 6; i++) frames.push(await bigFrame(base, payload));
    expect(frames).toEqual([1009, 1009, 1009, 1009, 1009, 1009]);
    expect(gateway.child.exitCode).toBeNull();
    // Still serving: a query, and a subscription's connection accepted.
    const token = await mintDevToken({ role: 'regulator', org: 'samr' }, Date.now());
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-purpose': 'SUPERVISION',
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(((await res.json()) as any).data).toEqual({ __typename: 'Query' });
    const acked = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${base.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      ws.on('open', () =>
        ws.send(
          JSON.stringify({
            type: 'connection_init',
            payload: { authorization: `Bearer ${token}`, 'x-purpose': 'SUPERVISION' },
          }),
        ),
      );
      ws.on('message', (m) => {
        resolve(JSON.parse(String(m)).type);
        ws.close();
      });
    });
    expect(acked).toBe('connection_ack');
  }, 120_000);
});
