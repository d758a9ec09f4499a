/** The executable schema: every SDL file in schema/ with the typed resolvers. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { declaredResolvers } from '../../resolvers/declared.ts';
import { resolvers } from '../../resolvers/index.ts';
import { declaredDepartments } from '../departments/declared/declarations.ts';
import { DECLARED_SDL_FILE, declaredSdl } from '../departments/declared/sdl.ts';

/** The schema/ folder. */
export const SCHEMA_DIR = join(import.meta.dirname, '..', '..', 'schema');

/**
 * The SDL of every file in schema/, in file-name order, and the declared departments' SDL made
 * from the declarations this process read (schema/declared.graphql is the shipped ones' copy,
 * for codegen and readers; `DEPARTMENTS_DIR` may add more).
 */
export function loadTypeDefs(dir = SCHEMA_DIR): string[] {
  return [
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.graphql') && f !== DECLARED_SDL_FILE)
      .sort()
      .map((f) => readFileSync(join(dir, f), 'utf8')),
    declaredSdl(declaredDepartments()),
  ];
}

/** Builds the executable schema. */
export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: [resolvers, declaredResolvers(declaredDepartments())],
  });
}
