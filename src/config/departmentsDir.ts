/**
 * Where a city's own department declarations are (`DEPARTMENTS_DIR`, read once at start with the
 * shipped ones: src/departments/declared/). Read here, with the rest of the configuration, though
 * the declarations are needed before the configuration is loaded: they shape the schema.
 */
import { EnvReader } from './env.ts';

export function departmentsDirs(
  env: Readonly<Record<string, string | undefined>> = process.env,
  r: EnvReader = new EnvReader(env),
): string[] {
  const dir = r.string('DEPARTMENTS_DIR');
  return dir ? [dir] : [];
}
