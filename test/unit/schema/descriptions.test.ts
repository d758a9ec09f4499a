/** Every type, field, argument and enum value of the schema is described, English first, the Chinese term beside it. */
import { isEnumType, isInputObjectType, isObjectType, isScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../../src/server/schema.ts';

const schema = buildSchema();
const CJK = /[\u4e00-\u9fff]/;
const ENGLISH_FIRST = /^[`"A-Za-z0-9(]/;

function problems(): string[] {
  const out: string[] = [];
  const check = (where: string, d: string | null | undefined): void => {
    if (!d) out.push(`${where}: no description`);
    else if (!ENGLISH_FIRST.test(d.trim()) || !CJK.test(d))
      out.push(`${where}: "${d.slice(0, 40)}…" is not English first with the Chinese term`);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))
      continue;
    if (isScalarType(type)) {
      if (!type.description) out.push(`${type.name}: no description`);
      continue;
    }
    // Root operation types are described by their fields.
    if (!['Query', 'Mutation', 'Subscription'].includes(type.name)) check(type.name, type.description);
    if (isObjectType(type) || isInputObjectType(type)) {
      for (const f of Object.values(type.getFields())) {
        check(`${type.name}.${f.name}`, f.description);
        for (const a of 'args' in f ? f.args : []) check(`${type.name}.${f.name}(${a.name})`, a.description);
      }
    }
    if (isEnumType(type)) for (const v of type.getValues()) check(`${type.name}.${v.name}`, v.description);
  }
  return out;
}

describe('schema documentation', () => {
  it('describes everything, English first with the Chinese term beside it', () => {
    expect(problems()).toEqual([]);
  });
});
