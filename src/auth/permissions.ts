/**
 * graphql-shield over the access table: deny by default (`fallbackRule: deny`), department
 * errors passed through (`allowExternalErrors: true`), and no rule caching — a cached result
 * must never be reused for another field, parent or argument set (graphql-shield issue #109).
 */
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { ACCESS, OWNER_OF } from './accessTable.ts';
import { decide, forbidden, type AccessContext } from './authorize.ts';

/** The shield rule tree built from the table. */
export function buildRuleTree(): IRules {
  const tree: Record<string, Record<string, unknown>> = {};
  for (const [type, fields] of Object.entries(ACCESS)) {
    const owner = OWNER_OF[type];
    tree[type] = {};
    for (const [field, audiences] of Object.entries(fields)) {
      const group = `${type}.${field}`;
      tree[type]![field] = audiences.includes('ANY')
        ? allow
        : rule(group, { cache: 'no_cache' })(
            (parent: unknown, args: Record<string, unknown>, ctx: AccessContext) =>
              decide(ctx, group, audiences, owner ? owner(parent, args) : null),
          );
    }
  }
  return tree as IRules;
}

/** The schema with authorization applied to every field. */
export function applyPermissions(schema: GraphQLSchema): GraphQLSchema {
  const permissions = shield(buildRuleTree(), {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: (_thrown, _parent, _args, _ctx, info) =>
      forbidden(`${info.parentType.name}.${info.fieldName}`),
    debug: false,
  });
  return applyMiddleware(schema, permissions);
}
