/**
 * The queries that reach every object type of the schema from Query (the authorization table's,
 * and the compiled-execution equivalence test's): the shortest path to each type, and the query
 * selecting every field of the type at its end.
 */
import {
  getNamedType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/** Arguments used to reach each root field. */
const ROOT_ARGS: Record<string, string> = {
  enterprise: '(uscc: $u)',
  enterprises: '(usccs: [$u])',
  searchEnterprises: '(keyword: "", first: 1)',
  creditCheck: '(uscc: $u, matter: BIDDING)',
  riskAlerts: '(first: 1, kind: FREQUENT_IN_DOMAIN)',
  roster: '(filter: {}, first: 1)',
  inspectionDraws: '(first: 1)',
  inspectionDraw: '(id: "1")',
  auditTrail: '(filter: { uscc: $u }, first: 1)',
  myDataAccess: '(first: 1)',
  webhookDeliveries: '(webhookId: "1")',
  inspectionItems: '(department: MARKET)',
  inspectors: '(department: MARKET)',
  objectionQueue: '(department: MARKET)',
  commitmentsToVerify: '(department: MARKET)',
  interviewCandidates: '(department: MARKET)',
};
/** Root fields tried first, so most types are reached through the subject enterprise. */
const ROOT_ORDER = [
  'enterprise',
  'creditCheck',
  'myAccess',
  'myConsents',
  'riskAlerts',
  'searchEnterprises',
  'enterprises',
];

/** One field on the way from Query to a type. */
export interface Step {
  type: string;
  field: string;
}

/** The shortest path from Query to every object type (breadth first). */
export function pathsToTypes(schema: GraphQLSchema): Map<string, Step[]> {
  const paths = new Map<string, Step[]>([['Query', []]]);
  const queue = ['Query'];
  while (queue.length) {
    const typeName = queue.shift()!;
    const type = schema.getType(typeName) as GraphQLObjectType;
    const fields = Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>;
    if (typeName === 'Query') fields.sort((a, b) => ROOT_ORDER.indexOf(a.name) - ROOT_ORDER.indexOf(b.name));
    for (const f of fields) {
      const target = getNamedType(f.type);
      if (!isObjectType(target) || paths.has(target.name)) continue;
      paths.set(target.name, [...paths.get(typeName)!, { type: typeName, field: f.name }]);
      queue.push(target.name);
    }
  }
  return paths;
}

/** The query that selects every field of `type` at the end of `path`. */
export function queryFor(path: Step[], type: GraphQLObjectType): string {
  const inner = Object.values(type.getFields())
    .map((f) => (isObjectType(getNamedType(f.type)) ? `${f.name} { __typename }` : f.name))
    .join(' ');
  let body = `{ ${inner} }`;
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i]!;
    body = `{ ${step.field}${i === 0 ? (ROOT_ARGS[step.field] ?? '') : ''} ${body} }`;
  }
  return body.includes('$u') ? `query($u: USCC!) ${body}` : `query ${body}`;
}
