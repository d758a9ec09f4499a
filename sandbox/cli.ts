/**
 * `npm run sandbox [-- --seed N --size N --as-of YYYY-MM-DD --world file --export file]`:
 * starts the five departments alone (flags override the `SANDBOX_*` environment), or writes the
 * generated world to a file and exits.
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadSandboxConfig } from './sandboxConfig.ts';
import { startSandbox } from './startSandbox.ts';
import { loadWorldFile } from './world/loadWorldFile.ts';
import { World } from './world/World.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    size: { type: 'string' },
    'as-of': { type: 'string' },
    world: { type: 'string' },
    export: { type: 'string' },
  },
});
const env = { ...process.env };
if (values.seed) env.SANDBOX_SEED = values.seed;
if (values.size) env.SANDBOX_SIZE = values.size;
if (values['as-of']) env.SANDBOX_AS_OF = values['as-of'];
if (values.world) env.SANDBOX_WORLD = values.world;

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
  if (values.export) {
    const out = createWriteStream(values.export);
    for (const chunk of world.toJsonChunks())
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((r) => out.end(() => r()));
    console.log(`wrote ${values.export}`);
  } else {
    const sandbox = await startSandbox({ ...config, world });
    for (const [name, url] of Object.entries(sandbox.urls)) console.log(`${name.padEnd(12)} ${url}`);
    console.log(`app key: ${sandbox.appKey}; samples: ${sandbox.urls.control}/__sandbox/world`);
    const stop = (): void => void sandbox.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
