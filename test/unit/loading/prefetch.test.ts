/**
 * The prefetch and the department-call cost predict, from the document alone, which sources a
 * selection reads (src/loading/selectionSources.ts). Every Enterprise field is tried: the sources
 * really loaded must all have been predicted, so a new field that needs a source cannot silently
 * lose its prefetch (or be under-costed). In process, over a fake fetcher.
 */
import {
  getNamedType,
  isLeafType,
  isObjectType,
  parse,
  type FieldNode,
  type GraphQLObjectType,
  type OperationDefinitionNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_SOURCES, sourcesOfSelections } from '../../../src/loading/selectionSources.ts';
import { buildSchema } from '../../../src/server/schema.ts';
import { enterprise } from '../../helpers/domain.ts';
import { principal, startInProcess, type InProcessGateway } from '../../helpers/inProcess.ts';

const schema = buildSchema();
/** One entry in every list, so each list's resolver really runs its record rule. */
const data = enterprise((e) => {
  const p = (department: 'TAX' | 'MARKET' | 'ENVIRONMENT') => ({
    department,
    id: `${department}-1`,
    date: '2026-06-01',
    kinds: ['罚款'],
    amount: '50000.00',
    fact: 'f',
    authority: null,
  });
  e.tax.penalties.push(p('TAX'));
  e.tax.majorCases.push({ id: 'M1', fact: 'f', listedOn: '2026-01-01', removedOn: null });
  e.market.penalties.push(p('MARKET'));
  e.market.abnormalOperations.push({
    id: 'abnormal-1',
    reason: 'r',
    listedOn: '2026-01-01',
    authority: 'a',
    removedOn: null,
    removalReason: null,
  });
  e.market.seriousViolations.push({
    id: 'serious-1',
    reason: 'r',
    listedOn: '2026-01-01',
    authority: 'a',
    removedOn: null,
    removalReason: null,
  });
  e.environment.penalties.push(p('ENVIRONMENT'));
  e.judicial.dishonestDebtor.push({
    caseCode: 'C1',
    court: 'c',
    publishedOn: '2026-01-01',
    performance: 'p',
    duty: 'd',
    situation: 's',
    onList: true,
    removedOn: null,
  });
  e.judicial.enforcementCases.push({ caseCode: 'C2', court: 'c', filedOn: '2026-06-01', amount: '1.00' });
  e.judicial.consumptionRestrictions.push({ caseCode: 'C3', court: 'c', issuedOn: '2026-06-01' });
  e.credit.lists.push({
    id: 'L1',
    list: 'BLACK',
    domain: 'd',
    reason: 'r',
    authority: 'a',
    listedOn: '2026-01-01',
    removedOn: null,
  });
});

/** Every leaf under a type, two levels deep (enough to reach each list's entries). */
function selection(type: GraphQLObjectType, depth = 2): string {
  return Object.values(type.getFields())
    .filter((f) => f.args.every((a) => a.type.toString().endsWith('!') === false))
    .map((f) => {
      const t = getNamedType(f.type);
      if (isLeafType(t)) return f.name;
      if (isObjectType(t) && depth > 0) return `${f.name} { ${selection(t, depth - 1)} }`;
      return '';
    })
    .filter(Boolean)
    .join(' ');
}

let gw: InProcessGateway;
beforeAll(async () => {
  gw = await startInProcess([data]);
});
afterAll(() => gw.close());

describe('the sources a selection reads are known before it runs', () => {
  const enterpriseType = schema.getType('Enterprise') as GraphQLObjectType;

  it('every Enterprise field has an entry', () => {
    expect(Object.keys(enterpriseType.getFields()).filter((f) => !(f in FIELD_SOURCES))).toEqual([]);
  });

  /** One case per Enterprise field, and per field of its object (each list on its own). */
  const cases: Array<[string, string]> = Object.values(enterpriseType.getFields()).flatMap(
    (field): Array<[string, string]> => {
      const t = getNamedType(field.type);
      if (!isObjectType(t)) return [[field.name, field.name]];
      return Object.values(t.getFields()).map((sub): [string, string] => {
        const st = getNamedType(sub.type);
        return [
          `${field.name}.${sub.name}`,
          `${field.name} { ${sub.name} ${isObjectType(st) ? `{ ${selection(st)} }` : ''} }`,
        ];
      });
    },
  );

  it.each(cases)('Enterprise.%s: loads only what was predicted', async (_name, selected) => {
    const query = `query($u: USCC!) { enterprise(uscc: $u) { ${selected} } }`;
    const op = parse(query).definitions[0] as OperationDefinitionNode;
    const set = (op.selectionSet.selections[0] as FieldNode).selectionSet;
    const predicted = new Set(['registration', ...sourcesOfSelections([set], {})]);
    // The enterprise reads its whole profile; a regulator's lists also read the platform's repairs.
    for (const who of [
      principal('enterprise', { uscc: data.uscc, purpose: 'SELF_QUERY' }),
      principal('regulator', { purpose: 'SUPERVISION' }),
    ]) {
      gw.fetcher.reset();
      const r = await gw.run(query, { u: data.uscc }, who);
      expect(r.data?.enterprise, JSON.stringify(r.errors)).toBeTruthy();
      const loaded = new Set(gw.fetcher.calls.map((c) => c.source));
      expect(
        [...loaded].filter((s) => !predicted.has(s)),
        who.role,
      ).toEqual([]);
    }
  });
});
