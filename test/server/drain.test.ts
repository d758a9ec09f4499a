/**
 * The drain at SIGTERM answers a request that reaches an open connection after the drain began
 * (with `connection: close`), then closes: no request on the wire is reset. The load-dependent
 * race itself (2 of 4,661 resets) is covered by test/hardening/shutdown.test.ts under load.
 */
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HttpDrain } from '../../src/server/drain.ts';

describe('HttpDrain', () => {
  it('a request not yet read when the drain starts is still answered, and the server then closes', async () => {
    // As in createServer: the drain listens before the handler.
    const server = createServer();
    const drain = new HttpDrain(server);
    server.on('request', (_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    await new Promise<void>((r) => socket.once('connect', () => r()));
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    const ended = new Promise<string>((r) => {
      socket.once('close', (hadError) => r(hadError ? 'reset' : 'closed'));
      socket.once('error', () => r('reset'));
    });
    await new Promise((r) => setTimeout(r, 50));
    const drained = drain.drain({ graceMs: 5000, idleMs: 1000 });
    // The request arrives after the drain began, on a connection the server had seen nothing on
    // (as when its bytes still sit unread in the kernel under load).
    await new Promise((r) => setTimeout(r, 200));
    socket.write('GET /x HTTP/1.1\r\nHost: gateway\r\n\r\n');
    await drained;
    expect(await ended).toBe('closed');
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(server.listening).toBe(false);
  });
});
