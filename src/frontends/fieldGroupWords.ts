/**
 * Field groups (`Type.field`, as the audit names what a read touched) in Chinese, taken from the
 * schema's own descriptions — every field is described English first with its Chinese term in
 * parentheses — so the enterprise's data tracker names what was read in its words, decided once.
 */
import { Kind, parse, type FieldDefinitionNode } from 'graphql';
import { loadTypeDefs } from '../server/schema.ts';

/** The last parenthesized term with a Chinese character in a description. */
const TERM = /[（(]([^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]/g;

/** `Type.field` → its Chinese term, for every described field of every object type. */
export function fieldGroupWords(typeDefs: readonly string[] = loadTypeDefs()): Record<string, string> {
  const words: Record<string, string> = {};
  for (const doc of typeDefs)
    for (const def of parse(doc).definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      for (const f of (def.fields ?? []) as readonly FieldDefinitionNode[]) {
        const term = [...(f.description?.value ?? '').matchAll(TERM)].at(-1)?.[1];
        if (term) words[`${def.name.value}.${f.name.value}`] = term;
      }
    }
  return words;
}
