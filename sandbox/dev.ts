/**
 * `npm start`: the development entry. Without department URLs it starts the five sandbox
 * departments in process (their `SANDBOX_*` settings), mints short-lived example tokens for the
 * playground, and starts the gateway against them; with URLs it is the production entry.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEV_TOKEN_TTL_SECONDS, mintDevToken } from '../src/auth/devIssuer.ts';
import { loadConfig } from '../src/config/gatewayConfig.ts';
import type { Department } from '../src/model/unifiedModel.ts';
import { defaultExamples } from '../src/playground/playgroundPage.ts';
import { startGateway } from '../src/startGateway.ts';
import { loadSandboxConfig } from './sandboxConfig.ts';
import { startSandbox } from './startSandbox.ts';
import { loadWorldFile } from './world/loadWorldFile.ts';
import { World } from './world/World.ts';

/** `<audit dir>/dev-signing-key.pem`: made once (Ed25519, mode 0600), then reused so old files still verify. */
function devSigningKey(dir: string): string {
  const file = join(dir, 'dev-signing-key.pem');
  if (existsSync(file)) return readFileSync(file, 'utf8');
  mkdirSync(dir, { recursive: true });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(file, pem, { mode: 0o600 });
  return pem;
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.departments.mode === 'remote') {
    await startGateway(config, { departmentUrls: config.departments.urls });
    return;
  }
  // The sandbox signs its audit checkpoints with a key of this checkout (never a deployment's).
  if (!config.audit.signingKey) config.audit.signingKey = devSigningKey(dirname(config.audit.file));
  const s = loadSandboxConfig(process.env);
  const world = s.worldFile ? World.fromFile(loadWorldFile(s.worldFile)) : undefined;
  const sandbox = await startSandbox({ ...s, world });
  const urls: Record<Department, string> = {
    TAX: sandbox.urls.tax,
    MARKET: sandbox.urls.market,
    ENVIRONMENT: sandbox.urls.environment,
    COURT: sandbox.urls.court,
    CREDIT: sandbox.urls.credit,
  };
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
  const examples = defaultExamples(
    {
      clean: self,
      dishonest: samples.dishonestDebtor?.[0],
      badChecksum: samples.badChecksum?.[0],
      many: Object.values(samples)
        .flatMap((c) => c.slice(0, 1))
        .slice(0, 20),
    },
    tokens,
  );
  console.log(
    `sandbox: ${sandbox.world.size} enterprises as of ${sandbox.world.asOf}; controls at ${sandbox.urls.control}/__sandbox/world`,
  );
  for (const [trait, codes] of Object.entries(samples).slice(0, 8))
    console.log(`  ${trait.padEnd(18)} ${codes[0]}`);
  try {
    const gateway = await startGateway(config, {
      departmentUrls: urls,
      declaredUrls: sandbox.declaredUrls,
      examples,
      afterClose: () => sandbox.close(),
    });
    const addr = gateway.httpServer.address();
    const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${typeof addr === 'object' && addr ? addr.port : config.port}`;
    console.log(
      [
        '',
        `  index        ${base}/`,
        `  hall         ${base}/hall        (窗口核查: a clerk token)`,
        `  reports      ${base}/reports     (企业信用报告: an enterprise token)`,
        `  desk         ${base}/desk        (监管工作台: a regulator token)`,
        `  playground   ${base}/graphql     (its tabs carry tokens for each role)`,
        `  tokens       npm run token -- --role clerk --org hall-1   (npm run token -- --help)`,
        `  an enterprise's token: npm run token -- --role enterprise --uscc ${self ?? '<code>'}`,
        '',
      ].join('\n'),
    );
  } catch (err) {
    // A gateway that cannot start (its audit chain held by another process, a port taken) ends the sandbox too.
    await sandbox.close();
    throw err;
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exitCode = 1;
});
