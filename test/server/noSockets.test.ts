/**
 * The in-process project's guard (test/support/noSockets.setup.ts) can fail: in its suites a
 * connection or a listening port throws, and the gateway and sandbox answer without either.
 */
import { createServer } from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { headersFor, startTestGateway } from '../helpers/gateway.ts';
import { startTestSandbox } from '../helpers/sandbox.ts';

describe('in-process suites open no socket', () => {
  it('a connection or a listening port throws', () => {
    expect(() => net.connect(4101, '127.0.0.1')).toThrow(/opened a connection/);
    expect(() => createServer().listen(0, '127.0.0.1')).toThrow(/listened on a port/);
  });

  it('a gateway over a sandbox that does not listen answers over fetch, served in process', async () => {
    const sb = await startTestSandbox({ size: 20, listen: false });
    const gw = await startTestGateway(sb);
    try {
      expect(gw.url).toMatch(/\.invalid$/);
      const uscc = sb.world.at(0).uscc;
      const r = await gw.query(
        'query($u: USCC!) { enterprise(uscc: $u) { uscc registration { name } } }',
        { u: uscc },
        await headersFor({ role: 'regulator', org: 'samr', purpose: 'SUPERVISION' }),
      );
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.enterprise).toEqual({ uscc, registration: { name: sb.world.at(0).name } });
      // An origin nobody serves is refused, not looked up.
      await expect(fetch('http://elsewhere.invalid/')).rejects.toThrow();
    } finally {
      await gw.close();
      await sb.close();
    }
  });
});
