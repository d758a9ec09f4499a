/**
 * `npm run sandbox [-- --seed N --size N --as-of YYYY-MM-DD --world file --export file]`:
 * starts the five departments alone (flags override the `SANDBOX_*` environment), or writes the
 * generated world to a file and exits.
 */
import { createWriteStream } from 'node:fs';
import { parseCli } from '../src/util/cli.ts';
import { loadSandboxConfig } from './sandboxConfig.ts';
import { startSandbox } from './startSandbox.ts';
import { loadWorldFile } from './world/loadWorldFile.ts';
import { World } from './world/World.ts';

const HELP = `npm run sandbox [-- --seed N --size N --as-of YYYY-MM-DD --world file --export file]

Starts the five departmental systems (tax 4101, market regulation 4102, environment 4103,
courts 4104, credit platform 4105, control 4100 — SANDBOX_PORT_<TAX|MARKET|ENVIRONMENT|COURT|CREDIT|CONTROL>
to move them; SANDBOX_HOST, SANDBOX_APP_KEY, SANDBOX_MARKET_RATE_LIMIT) over a synthetic
world, alone (npm start runs them with a gateway).
  --seed, --size, --as-of   the generated world (SANDBOX_SEED, SANDBOX_SIZE, SANDBOX_AS_OF)
  --world FILE              load a world file instead (SANDBOX_WORLD; docs/sandbox.md)
  --export FILE             write the generated world to FILE and exit
Interesting enterprises: GET http://127.0.0.1:4100/__sandbox/world. Faults: docs/sandbox.md.`;

const { values } = parseCli(
  {
    options: {
      seed: { type: 'string' },
      size: { type: 'string' },
      'as-of': { type: 'string' },
      world: { type: 'string' },
      export: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  },
  HELP,
);
const env = { ...process.env };
if (typeof values.seed === 'string') env.SANDBOX_SEED = values.seed;
if (typeof values.size === 'string') env.SANDBOX_SIZE = values.size;
if (typeof values['as-of'] === 'string') env.SANDBOX_AS_OF = values['as-of'];
if (typeof values.world === 'string') env.SANDBOX_WORLD = values.world;

try {
  const config = loadSandboxConfig(env);
  const started = Date.now();
  const world = config.worldFile
    ? World.fromFile(loadWorldFile(config.worldFile))
    : World.generate({
        seed: config.seed!,
        size: config.size!,
        asOf: config.asOf ?? new Date().toISOString().slice(0, 10),
      });
  console.log(`world: ${world.size} enterprises as of ${world.asOf} (${Date.now() - started} ms)`);
  if (typeof values.export === 'string') {
    const out = createWriteStream(values.export);
    for (const chunk of world.toJsonChunks())
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((r) => out.end(() => r()));
    console.log(`wrote ${values.export}`);
  } else {
    const sandbox = await startSandbox({ ...config, world });
    for (const [name, url] of Object.entries({ ...sandbox.urls, ...sandbox.declaredUrls }))
      console.log(`${name.padEnd(16)} ${url}`);
    console.log(`app key: ${sandbox.appKey}; samples: ${sandbox.urls.control}/__sandbox/world`);
    const stop = (): void => void sandbox.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
