/**
 * The declaration reference (docs/department-declaration.md), generated from the JSON Schema the
 * declarations are checked against, so the document and the check cannot disagree.
 */

interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: boolean | SchemaNode;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  $ref?: string;
}

/** One row per key of the schema, depth first: its path, type, whether required, and what it is. */
export function declarationReference(
  schema: SchemaNode & { definitions?: Record<string, SchemaNode> },
): string {
  const rows: string[] = [];
  const typeOf = (n: SchemaNode): string => {
    if (n.enum) return n.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
    if (n.$ref) return 'list of fields (see `profile.fields`)';
    const t = Array.isArray(n.type) ? n.type.join(' or ') : (n.type ?? 'any');
    return n.pattern ? `${t} matching \`${n.pattern.replaceAll('|', '\\|')}\`` : t;
  };
  const walk = (n: SchemaNode, path: string, required: boolean, seen: Set<string>): void => {
    const node = n.$ref && !seen.has(n.$ref) ? schema.definitions![n.$ref.split('/').pop()!]! : n;
    if (path) {
      const desc = (n.description ?? node.description ?? '').replaceAll('|', '\\|').replaceAll('\n', ' ');
      rows.push(
        `| \`${path}\` | ${typeOf(n.$ref ? { ...node, $ref: undefined } : node)} | ${required ? 'yes' : ''} | ${desc} |`,
      );
    }
    const next = n.$ref ? new Set([...seen, n.$ref]) : seen;
    if (n.$ref && seen.has(n.$ref)) return;
    for (const [k, child] of Object.entries(node.properties ?? {}))
      walk(child, path ? `${path}.${k}` : k, node.required?.includes(k) ?? false, next);
    if (node.items?.properties || node.items?.$ref)
      walk({ ...node.items, description: undefined }, `${path}[]`, false, next);
  };
  walk(schema, '', true, new Set());
  return [
    '# Department declaration reference',
    '',
    'Generated from `schema/department-declaration.schema.json` by `npm run departments:sdl`; do not edit.',
    'How a city uses it: [departments.md](departments.md). Expressions are JSONata.',
    '',
    '| key | type | required | what it is |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
