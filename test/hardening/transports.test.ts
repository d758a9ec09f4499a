/**
 * Every transport admitted and checked alike (HTTP, Server-Sent Events, WebSocket): WebSocket
 * authentication failures count against the client's address; connections are capped per
 * address; invalid documents, non-object bodies and NUL characters get the codes /graphql gives
 * (never INTERNAL_SERVER_ERROR); a subscription without a purpose is refused at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { headersFor, startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { startTestSandbox } from '../helpers/sandbox.ts';

/** A graphql-ws session: sends init with `payload`, then `messages`; collects what comes back until closed or `until` matches. */
function wsSession(
  base: string,
  payload: Record<string, unknown>,
  messages: unknown[] = [],
  until: (m: any) => boolean = () => false,
): Promise<{ close: number | null; got: any[] }> {
  return new Promise((resolve) => {
    const got: any[] = [];
    const ws = new WebSocket(`${base.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const finish = (close: number | null): void => resolve({ close, got });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload })));
    ws.on('message', (data) => {
      const m = JSON.parse(String(data));
      got.push(m);
      if (m.type === 'connection_ack') for (const x of messages) ws.send(JSON.stringify(x));
      if (until(m)) {
        ws.close();
        finish(null);
      }
    });
    ws.on('close', (code) => finish(code));
    ws.on('error', () => undefined);
  });
}

describe('transports admitted and checked alike', () => {
  let sb: Sandbox;
  let gw: TestGateway;
  let dir: string;
  let regulator: Record<string, string>;

  beforeAll(async () => {
    sb = await startTestSandbox({ size: 20 });
    dir = mkdtempSync(join(tmpdir(), 'cg-transports-'));
    gw = await startTestGateway(
      sb,
      {},
      {
        LEDGER: 'true',
        LEDGER_DIR: join(dir, 'ledger'),
        BACKFILL: 'false',
        RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS: '3',
        MAX_CONNECTIONS_PER_ADDRESS: '8',
      },
    );
    regulator = await headersFor({ role: 'regulator', org: 'samr', purpose: 'SUPERVISION' });
  }, 60_000);

  afterAll(async () => {
    await gw?.close();
    await sb?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const SUB = 'subscription { creditEvents { id } }';

  it('an invalid document on the SSE stream is a parse error, a query a bad request, a non-object body a bad request', async () => {
    const post = async (body: string) => {
      const res = await fetch(`${gw.url}/graphql/stream`, {
        method: 'POST',
        headers: { ...regulator, 'content-type': 'application/json', accept: 'text/event-stream' },
        body,
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const cases: Array<[string, string]> = [
      [JSON.stringify({ query: 'subscription {' }), 'GRAPHQL_PARSE_FAILED'],
      [JSON.stringify({ query: 'subscription { nothing }' }), 'GRAPHQL_VALIDATION_FAILED'],
      [JSON.stringify({ query: '{ __typename }' }), 'BAD_REQUEST'],
      ['[1, 2]', 'BAD_REQUEST'],
      ['{"query": ', 'BAD_REQUEST'],
    ];
    for (const [body, code] of cases) {
      const r = await post(body);
      expect(r.status, body).toBe(400);
      expect(r.body.errors[0].extensions.code, body).toBe(code);
    }
    expect(cases.length).toBeGreaterThan(0);
  });

  it('an invalid document over WebSocket is answered with its code', async () => {
    const { got } = await wsSession(
      gw.url,
      { authorization: regulator.authorization, 'x-purpose': 'SUPERVISION' },
      [{ id: '1', type: 'subscribe', payload: { query: 'subscription {' } }],
      (m) => m.type === 'error',
    );
    const error = got.find((m) => m.type === 'error');
    expect(error.payload[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('NUL in variables is a bad request on /graphql and over WebSocket, never an internal error', async () => {
    const r = await gw.query(
      'query($u: USCC!) { enterprise(uscc: $u) { name } }',
      { u: '91440300MA5\u0000XXXXXX' },
      regulator,
    );
    expect(r.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const { got } = await wsSession(
      gw.url,
      { authorization: regulator.authorization, 'x-purpose': 'SUPERVISION' },
      [
        {
          id: '1',
          type: 'subscribe',
          payload: {
            query: 'subscription($f: CreditEventFilter) { creditEvents(filter: $f) { id } }',
            variables: { f: { usccs: ['a\u0000b'] } },
          },
        },
      ],
      (m) => m.type === 'error',
    );
    expect(got.find((m) => m.type === 'error').payload[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('a subscription without a purpose is refused when it starts', async () => {
    const noPurpose = await headersFor({ role: 'regulator', org: 'samr' });
    const { got } = await wsSession(
      gw.url,
      { authorization: noPurpose.authorization },
      [{ id: '1', type: 'subscribe', payload: { query: SUB } }],
      (m) => m.type === 'error' || m.type === 'next',
    );
    const first = got.find((m) => m.type === 'error' || m.type === 'next');
    const errors = first.type === 'error' ? first.payload : first.payload.errors;
    expect(errors[0].extensions.code).toBe('PURPOSE_REQUIRED');
  });

  it('connections past the per-address cap are closed at once; the cap frees as they close', async () => {
    const { port } = new URL(gw.url);
    const open = async (): Promise<{ socket: Socket; closed: Promise<void> }> => {
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise<void>((ok, fail) => socket.once('connect', ok).once('error', fail));
      const closed = new Promise<void>((ok) => socket.once('close', () => ok()));
      socket.on('error', () => undefined);
      return { socket, closed };
    };
    // Idle sockets up to the cap (other tests' connections have closed by now; fetch's pool may hold some).
    const held: Array<{ socket: Socket; closed: Promise<void> }> = [];
    for (let i = 0; i < 8; i++) held.push(await open());
    const extra = await open();
    await extra.closed; // closed by the gateway without a byte
    const survivors = await Promise.all(
      held.map(
        (h) =>
          new Promise<boolean>((ok) => {
            h.socket.once('close', () => ok(false));
            setTimeout(() => ok(!h.socket.destroyed), 100);
          }),
      ),
    );
    expect(survivors.filter(Boolean).length).toBeGreaterThan(0);
    for (const h of held) h.socket.destroy();
    await Promise.all(held.map((h) => h.closed));
    const res = await fetch(`${gw.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('WebSocket authentication failures count against the address, as HTTP ones do', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await wsSession(gw.url, { authorization: 'Bearer not.a.token' });
      expect(r.close).toBe(4403);
    }
    const after = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { ...regulator, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(after.status).toBe(429);
    expect(((await after.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});
