/**
 * `npm start`: reads the configuration, starts the in-process sandbox unless department URLs
 * are configured, builds the gateway and listens. The only place that composes and listens.
 */
import { loadConfig } from './config/gatewayConfig.ts';
import type { Department } from './credit/model.ts';
import { DEV_TOKEN_TTL_SECONDS, mintDevToken } from './auth/devIssuer.ts';
import { startTracing } from './observability/startTracing.ts';
import { defaultExamples } from './playground/playgroundPage.ts';
import { startSandbox, type Sandbox } from './sandbox/startSandbox.ts';
import { loadWorldFile } from './sandbox/world/loadWorldFile.ts';
import { World } from './sandbox/world/World.ts';
import { createServer } from './server/createServer.ts';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const tracing = config.tracing ? startTracing(config.tracing.endpoint, config.tracing.serviceName) : null;
  let sandbox: Sandbox | undefined;
  let urls: Record<Department, string>;
  let examples;
  if (config.departments.mode === 'sandbox') {
    const s = config.departments.sandbox;
    const world = s.worldFile ? World.fromFile(loadWorldFile(s.worldFile)) : undefined;
    sandbox = await startSandbox({ ...s, world });
    urls = { TAX: sandbox.urls.tax, MARKET: sandbox.urls.market, ENVIRONMENT: sandbox.urls.environment, COURT: sandbox.urls.court, CREDIT: sandbox.urls.credit };
    const samples = sandbox.world.samples();
    const self = samples.clean?.[0];
    // The playground's example tokens live an hour (sandbox only); `npm run token` mints fresh ones.
    const ttlSeconds = DEV_TOKEN_TTL_SECONDS;
    const tokens = {
      enterprise: await mintDevToken({ role: 'enterprise', uscc: self, ttlSeconds }),
      clerk: await mintDevToken({ role: 'clerk', org: 'hall-shanwei', ttlSeconds }),
      regulator: await mintDevToken({ role: 'regulator', org: 'samr-shanwei', ttlSeconds }),
      bank: await mintDevToken({ role: 'bank', org: 'bank-sw-001', ttlSeconds }),
      developer: await mintDevToken({ role: 'developer', org: 'dev', ttlSeconds }),
    };
    examples = defaultExamples(
      {
        clean: self,
        dishonest: samples.dishonestDebtor?.[0],
        badChecksum: samples.badChecksum?.[0],
        many: Object.values(samples).flatMap((c) => c.slice(0, 1)).slice(0, 20),
      },
      tokens,
    );
    console.log(`sandbox: ${sandbox.world.size} enterprises as of ${sandbox.world.asOf}; controls at ${sandbox.urls.control}/__sandbox/world`);
    for (const [trait, codes] of Object.entries(samples).slice(0, 8)) console.log(`  ${trait.padEnd(18)} ${codes[0]}`);
  } else {
    urls = config.departments.urls;
  }
  const gateway = await createServer(config, { departmentUrls: urls, examples });
  await new Promise<void>((resolve) => gateway.httpServer.listen(config.port, config.host, resolve));
  const addr = gateway.httpServer.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  console.log(`credit-gateway: playground at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/graphql (rule set ${config.ruleSet.id} ${config.ruleSet.version})`);

  const shutdown = (signal: string): void => {
    gateway.logger.info({ signal }, 'shutting down');
    void gateway
      .close()
      .then(() => sandbox?.close())
      .then(() => tracing?.shutdown())
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exitCode = 1;
});
