/**
 * The production entry: reads the configuration and starts the gateway against the configured
 * department URLs. It never starts the sandbox — `npm start` (sandbox/dev.ts) does that for
 * development — so no sandbox code is part of a deployment.
 */
import { loadConfig } from './config/gatewayConfig.ts';
import { startGateway } from './startGateway.ts';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.departments.mode !== 'remote') {
    throw new Error(
      'no department URLs are configured (TAX_URL, MARKET_URL, …); for the sandbox, run `npm start`',
    );
  }
  await startGateway(config, {
    departmentUrls: config.departments.urls,
    declaredUrls: config.departments.declaredUrls,
  });
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exitCode = 1;
});
