/**
 * Builds the gateway from its configuration, listens, and shuts down cleanly on SIGTERM/SIGINT:
 * shared by the production entry (src/main.ts) and the development one (sandbox/dev.ts).
 */
import type { GatewayConfig } from './config/gatewayConfig.ts';
import type { Department } from './model/unifiedModel.ts';
import type { PlaygroundExample } from './playground/playgroundPage.ts';
import { createServer, type GatewayServer } from './server/createServer.ts';

/** What the entry adds to the configuration. */
export interface StartOptions {
  departmentUrls: Record<Department, string>;
  /** Base URL of each declared department, by name. */
  declaredUrls?: Record<string, string>;
  /** Playground example tabs. */
  examples?: PlaygroundExample[];
  /** Runs after the gateway has closed (the development entry stops its sandbox here). */
  afterClose?: () => Promise<void>;
}

/** Starts the gateway; resolves once it listens. */
export async function startGateway(config: GatewayConfig, opts: StartOptions): Promise<GatewayServer> {
  // The OpenTelemetry SDK is loaded only when tracing is configured (it weighs on every start otherwise).
  const tracing = config.tracing
    ? (await import('./observability/startTracing.ts')).startTracing(
        config.tracing.endpoint,
        config.tracing.serviceName,
      )
    : null;
  const gateway = await createServer(config, {
    departmentUrls: opts.departmentUrls,
    declaredUrls: opts.declaredUrls,
    examples: opts.examples,
  });
  await new Promise<void>((resolve) => gateway.httpServer.listen(config.port, config.host, resolve));
  const addr = gateway.httpServer.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  console.log(
    `credit-gateway: playground at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/graphql (rule set ${config.ruleSet.id} ${config.ruleSet.version})`,
  );

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    gateway.logger.info({ signal }, 'shutting down');
    void gateway
      .close()
      .then(() => opts.afterClose?.())
      .then(() => tracing?.shutdown())
      .then(() => process.exit(0));
  };
  // `on`, not `once`: proper-lockfile's signal-exit re-raises a signal that has no other listener
  // left — with `once`, ours was gone by then, and the drain was killed mid-way (exit by SIGTERM,
  // requests in flight lost). A second signal during the drain is ignored; SIGKILL still ends it.
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  return gateway;
}
