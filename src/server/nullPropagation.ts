/**
 * The errors of a compiled answer as graphql-js reports them. When a non-null field fails, its
 * null propagates to the nearest nullable ancestor; graphql-js reports one error for that ancestor
 * (the first to reach it), graphql-jit one per failed field. A list of twenty enterprises whose
 * non-null `tier` each is denied is one FORBIDDEN from graphql-js and twenty from graphql-jit:
 * this keeps the first error per ancestor, as graphql-js does, and every error of a nullable field.
 */
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLError,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** The field node a response key names in a selection set (through fragments), with the type it was selected on. */
function fieldFor(
  document: DocumentNode,
  set: SelectionSetNode,
  key: string,
): { node: FieldNode; on: string | null } | null {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD && (s.alias?.value ?? s.name.value) === key) return { node: s, on: null };
    const inner =
      s.kind === Kind.INLINE_FRAGMENT
        ? { set: s.selectionSet, on: s.typeCondition?.name.value ?? null }
        : s.kind === Kind.FRAGMENT_SPREAD
          ? (() => {
              const f = document.definitions.find(
                (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value,
              );
              return f && f.kind === Kind.FRAGMENT_DEFINITION
                ? { set: f.selectionSet, on: f.typeCondition.name.value }
                : null;
            })()
          : null;
    const found = inner && fieldFor(document, inner.set, key);
    if (found) return { node: found.node, on: found.on ?? inner.on };
  }
  return null;
}

/**
 * The path of the nearest nullable position at or above an error's path: where its null stops
 * (the error's own path when its field is nullable); null when the walk cannot follow the path.
 */
export function nullableAncestor(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  path: ReadonlyArray<string | number>,
): ReadonlyArray<string | number> | null {
  let parent: GraphQLNamedType | null | undefined = schema.getRootType(operation.operation);
  let set: SelectionSetNode | undefined = operation.selectionSet;
  let type: GraphQLOutputType | null = null;
  let nullableAt = 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (typeof seg === 'number') {
      const list = type && getNullableType(type);
      if (!list || !isListType(list)) return null;
      type = list.ofType as GraphQLOutputType;
    } else {
      const found: { node: FieldNode; on: string | null } | null =
        parent && set ? fieldFor(document, set, seg) : null;
      // A field inside a typed fragment is the fragment type's (its nullability may be stricter).
      const on: GraphQLNamedType | null | undefined = found?.on ? schema.getType(found.on) : parent;
      const def: { type: GraphQLOutputType } | undefined =
        found && (isObjectType(on) || isInterfaceType(on))
          ? on.getFields()[found.node.name.value]
          : undefined;
      if (!found || !def) return null;
      type = def.type;
      set = found.node.selectionSet;
    }
    if (!isNonNullType(type)) nullableAt = i + 1;
    const named: GraphQLNamedType = getNamedType(type);
    if (isCompositeType(named)) parent = named;
  }
  return path.slice(0, nullableAt);
}

/** A compiled answer's errors as graphql-js reports them: one per nullable ancestor its null reached. */
export function propagatedOnce(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  errors: readonly GraphQLError[],
): GraphQLError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (!e.path) return true;
    const at = nullableAncestor(schema, document, operation, e.path);
    // A nullable field's own error (its null stops at itself) is always reported.
    if (!at || at.length === e.path.length) return true;
    const key = JSON.stringify(at);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
