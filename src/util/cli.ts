/** The scripts' command lines: parsed, `--help` answered, a bad flag told with the usage (exit 2). */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Parses `config` (which declares `help`); prints `help` and exits 0 for --help, the error and `usage` and exits 2 for a bad flag. */
export function parseCli<T extends ParseArgsConfig>(config: T, help: string, usage: string = help) {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(help);
    process.exit(0);
  }
  return parsed;
}
