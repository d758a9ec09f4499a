/** The usual setup of an integration test file: a sandbox, a gateway over it, the world's samples. */
import { afterAll, beforeAll } from 'vitest';
import type { Sandbox, SandboxOptions } from '../../sandbox/startSandbox.ts';
import type { ServerDeps } from '../../src/server/createServer.ts';
import { startTestGateway, type TestGateway } from './gateway.ts';
import { samples, startTestSandbox } from './sandbox.ts';

/** What the hooks fill in before the file's tests run. */
export interface GatewayFixture {
  sb: Sandbox;
  gw: TestGateway;
  traits: Record<string, string[]>;
}

/** Registers beforeAll/afterAll for a sandbox and a gateway; read the fields inside tests. */
export function useGateway(
  opts: { sandbox?: SandboxOptions; deps?: Partial<ServerDeps>; env?: Record<string, string> } = {},
): GatewayFixture {
  const fx = {} as GatewayFixture;
  beforeAll(async () => {
    fx.sb = await startTestSandbox(opts.sandbox);
    fx.gw = await startTestGateway(fx.sb, opts.deps, opts.env);
    fx.traits = await samples(fx.sb);
  });
  afterAll(async () => {
    await fx.gw?.close();
    await fx.sb?.close();
  });
  return fx;
}
