/**
 * Every department list that carries records × every audience × every record state (docs/rules.md
 * docs/rules.md "Publicity and repair", docs/access.md), in process. The lists are found in the schema: a new list of a record-carrying type
 * without a row here fails by name. Expectations are stated here, independently of the gateway:
 * - the enterprise itself sees every entry of its own lists;
 * - clerks and regulators see entries in force (active or under objection);
 * - everyone else sees entries in force that are published (minor penalties are not), and only
 *   in the lists open to the public (court dishonest-debtor list, the platform's lists).
 */
import { GraphQLList, GraphQLNonNull, getNamedType, isObjectType, type GraphQLOutputType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../src/auth/principal.ts';
import type { EnterpriseData } from '../../../src/model/unifiedModel.ts';
import { buildSchema } from '../../../src/server/schema.ts';
import { enterprise } from '../../helpers/domain.ts';
import { principal, startInProcess, type InProcessGateway } from '../../helpers/inProcess.ts';

/** The schema types whose entries are records (or list entries) of a department. */
const ENTRY_TYPES = [
  'Penalty',
  'MajorTaxCase',
  'DishonestDebtorEntry',
  'EnforcementCase',
  'ConsumptionRestriction',
  'MarketListing',
  'ListEntry',
];

type State = 'IN_FORCE' | 'EXPIRED' | 'REPAIRED' | 'REMOVED' | 'DISPUTED' | 'MINOR' | 'REORGANIZED';

/** How one list is reached and how an entry in a state is made. */
interface ListRow {
  /** Fields from Enterprise to the list. */
  path: [string, string];
  /** The entry field that identifies an entry. */
  key: string;
  /** Open to the public (docs/access.md: the court dishonest-debtor list; published list entries). */
  public: boolean;
  /** The states an entry of this list can be in (a listing holds until removed, so it never expires). */
  states: State[];
  /** Adds an entry in `state` with identity `id` to the enterprise. */
  add(e: ReturnType<typeof enterprise>, id: string, state: State): void;
}

const RECENT = '2026-09-01';
const LONG_AGO = '2024-01-01';
/** The court approved the enterprise's reorganisation plan on this day (docs/rules.md "Approval checks"). */
const PLAN_APPROVED = '2026-08-01';
/** Dated before the plan: set aside, shown marked REORGANIZED. */
const BEFORE_PLAN = '2026-07-01';
/** Repair, objection or removal of the entry with reference `ref`, as the state says. */
function mark(e: ReturnType<typeof enterprise>, ref: string, state: State): void {
  if (state === 'REPAIRED') e.credit.repairs.push({ recordRef: ref, repairedOn: '2026-10-20' });
  if (state === 'DISPUTED')
    e.credit.objections.push({
      id: `o-${ref}`,
      recordRef: ref,
      status: 'OPEN',
      filedOn: '2026-10-20',
      resolvedOn: null,
    });
}
// A minor record's window is at most 3 months (docs/rules.md "Publicity and repair"): one from last month is still in it.
const dateFor = (s: State): string =>
  s === 'EXPIRED' ? LONG_AGO : s === 'MINOR' ? '2026-10-01' : s === 'REORGANIZED' ? BEFORE_PLAN : RECENT;
/** Dated events: a removal is an upheld objection (the record was wrong). */
function eventMark(e: ReturnType<typeof enterprise>, ref: string, state: State): void {
  mark(e, ref, state);
  if (state === 'REMOVED')
    e.credit.objections.push({
      id: `u-${ref}`,
      recordRef: ref,
      status: 'UPHELD',
      filedOn: '2026-10-10',
      resolvedOn: '2026-10-20',
    });
}
const penaltyOf = (department: 'TAX' | 'MARKET' | 'ENVIRONMENT', id: string, s: State) => ({
  department,
  id,
  date: dateFor(s),
  kinds: s === 'MINOR' ? ['警告'] : ['罚款'],
  amount: s === 'MINOR' ? null : '50000.00',
  fact: 'f',
  authority: null,
});
const EVENT_STATES: State[] = ['IN_FORCE', 'EXPIRED', 'REPAIRED', 'REMOVED', 'DISPUTED', 'REORGANIZED'];
const LISTING_STATES: State[] = ['IN_FORCE', 'REPAIRED', 'REMOVED', 'DISPUTED', 'REORGANIZED'];
const removedOn = (s: State): string | null => (s === 'REMOVED' ? '2026-10-15' : null);
/** When a listing began: before the plan for a REORGANIZED one. */
const listedOn = (s: State): string => (s === 'REORGANIZED' ? BEFORE_PLAN : RECENT);

const ROWS: Record<string, ListRow> = {
  'TaxProfile.penalties': {
    path: ['tax', 'penalties'],
    key: 'id',
    public: false,
    states: [...EVENT_STATES, 'MINOR'],
    add: (e, id, s) => (e.tax.penalties.push(penaltyOf('TAX', id, s)), eventMark(e, `tax:${id}`, s)),
  },
  'TaxProfile.majorCases': {
    path: ['tax', 'majorCases'],
    key: 'id',
    public: false,
    states: LISTING_STATES,
    add: (e, id, s) => (
      e.tax.majorCases.push({ id, fact: 'f', listedOn: listedOn(s), removedOn: removedOn(s) }),
      mark(e, `tax:${id}`, s)
    ),
  },
  'MarketRecords.penalties': {
    path: ['market', 'penalties'],
    key: 'id',
    public: false,
    states: [...EVENT_STATES, 'MINOR'],
    add: (e, id, s) => (e.market.penalties.push(penaltyOf('MARKET', id, s)), eventMark(e, `market:${id}`, s)),
  },
  'MarketRecords.abnormalOperations': {
    path: ['market', 'abnormalOperations'],
    key: 'id',
    public: false,
    states: LISTING_STATES,
    add: (e, id, s) => (
      e.market.abnormalOperations.push({
        id,
        reason: 'r',
        listedOn: listedOn(s),
        authority: 'a',
        removedOn: removedOn(s),
        removalReason: null,
      }),
      mark(e, `market:${id}`, s)
    ),
  },
  'MarketRecords.seriousViolations': {
    path: ['market', 'seriousViolations'],
    key: 'id',
    public: false,
    states: LISTING_STATES,
    add: (e, id, s) => (
      e.market.seriousViolations.push({
        id,
        reason: 'r',
        listedOn: listedOn(s),
        authority: 'a',
        removedOn: removedOn(s),
        removalReason: null,
      }),
      mark(e, `market:${id}`, s)
    ),
  },
  'EnvironmentProfile.penalties': {
    path: ['environment', 'penalties'],
    key: 'id',
    public: false,
    states: [...EVENT_STATES, 'MINOR'],
    add: (e, id, s) => (
      e.environment.penalties.push(penaltyOf('ENVIRONMENT', id, s)),
      eventMark(e, `environment:${id}`, s)
    ),
  },
  'JudicialRecords.dishonestDebtor': {
    path: ['judicial', 'dishonestDebtor'],
    key: 'caseCode',
    public: true,
    states: LISTING_STATES,
    add: (e, id, s) => {
      e.judicial.dishonestDebtor.push({
        caseCode: id,
        court: 'c',
        publishedOn: listedOn(s),
        performance: 'p',
        duty: 'd',
        situation: 's',
        onList: s !== 'REMOVED',
        removedOn: removedOn(s),
      });
      mark(e, `court:${id}`, s);
    },
  },
  'JudicialRecords.enforcementCases': {
    path: ['judicial', 'enforcementCases'],
    key: 'caseCode',
    public: false,
    states: EVENT_STATES,
    add: (e, id, s) => (
      e.judicial.enforcementCases.push({ caseCode: id, court: 'c', filedOn: dateFor(s), amount: '1000.00' }),
      eventMark(e, `court:${id}`, s)
    ),
  },
  'JudicialRecords.consumptionRestrictions': {
    path: ['judicial', 'consumptionRestrictions'],
    key: 'caseCode',
    public: false,
    states: EVENT_STATES,
    add: (e, id, s) => (
      e.judicial.consumptionRestrictions.push({ caseCode: id, court: 'c', issuedOn: dateFor(s) }),
      eventMark(e, `court:${id}`, s)
    ),
  },
  'CreditPlatformRecords.lists': {
    path: ['credit', 'lists'],
    key: 'id',
    public: true,
    states: LISTING_STATES,
    add: (e, id, s) => {
      e.credit.lists.push({
        id,
        list: 'BLACK',
        domain: 'd',
        reason: 'r',
        authority: 'a',
        listedOn: listedOn(s),
        removedOn: removedOn(s),
      });
      mark(e, `credit:${id}`, s);
    },
  },
};

/** Every field of the schema that returns a list of a record-carrying type. */
function recordLists(): string[] {
  const schema = buildSchema();
  const isList = (t: GraphQLOutputType): boolean =>
    t instanceof GraphQLList || (t instanceof GraphQLNonNull && t.ofType instanceof GraphQLList);
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .flatMap((type) =>
      Object.values(type.getFields())
        .filter((f) => isList(f.type) && ENTRY_TYPES.includes(getNamedType(f.type).name))
        .map((f) => `${type.name}.${f.name}`),
    );
}

const SUBJECT = '914403001922038216';
const AUDIENCES: Record<string, { who: Principal; view: 'self' | 'official' | 'public' }> = {
  public: { who: principal('public'), view: 'public' },
  self: { who: principal('enterprise', { uscc: SUBJECT, purpose: 'SELF_QUERY' }), view: 'self' },
  otherEnterprise: {
    who: principal('enterprise', { uscc: '91440300MA5FXXXX1X', purpose: 'SELF_QUERY' }),
    view: 'public',
  },
  clerk: { who: principal('clerk', { purpose: 'LICENSING' }), view: 'official' },
  regulator: { who: principal('regulator', { purpose: 'SUPERVISION' }), view: 'official' },
  bank: { who: principal('bank', { org: 'BANK-1', purpose: 'PRE_CREDIT' }), view: 'public' },
  developer: { who: principal('developer'), view: 'public' },
};

/** docs/rules.md "Publicity and repair", docs/rules.md "Approval checks", docs/access.md, stated here: may this view see an entry in this state? */
function expectedVisible(view: 'self' | 'official' | 'public', state: State): boolean {
  if (view === 'self') return true;
  // Set aside by a reorganisation: officials see it, marked; it is not published.
  if (state === 'REORGANIZED') return view === 'official';
  const inForce = state === 'IN_FORCE' || state === 'DISPUTED' || state === 'MINOR';
  return inForce && (view === 'official' || state !== 'MINOR');
}

/** Extra ListEntry cases: a RED entry is no record, but once removed it is the enterprise's history alone. */
function addRedEntries(e: ReturnType<typeof enterprise>): void {
  e.credit.lists.push({
    id: 'RED-standing',
    list: 'RED',
    domain: 'd',
    reason: 'r',
    authority: 'a',
    listedOn: RECENT,
    removedOn: null,
  });
  e.credit.lists.push({
    id: 'RED-removed',
    list: 'RED',
    domain: 'd',
    reason: 'r',
    authority: 'a',
    listedOn: LONG_AGO,
    removedOn: '2026-10-15',
  });
}

let gw: InProcessGateway;
const data: EnterpriseData = enterprise((e) => {
  for (const [name, row] of Object.entries(ROWS)) for (const s of row.states) row.add(e, `${name}-${s}`, s);
  addRedEntries(e);
  e.credit.reorganizations.push({
    caseNo: '(2026)粤15破1号',
    court: '汕尾市中级人民法院',
    approvedOn: PLAN_APPROVED,
  });
});
beforeAll(async () => {
  gw = await startInProcess([data]);
});
afterAll(() => gw.close());

describe('record state × audience × list (docs/rules.md "Publicity and repair", docs/access.md)', () => {
  it('covers every list of a record-carrying type in the schema', () => {
    // CheckBasis.incentives is reached through creditCheck, not a profile: its own case below.
    expect(recordLists().sort()).toEqual([...Object.keys(ROWS), 'CheckBasis.incentives'].sort());
  });

  it('CheckBasis.incentives: only red-list entries in force, for everyone who may check (no BLACK entry, no removed one)', async () => {
    for (const audience of ['self', 'clerk', 'regulator'] as const) {
      const r = await gw.run(
        'query($u: USCC!) { creditCheck(uscc: $u, matter: ADMINISTRATIVE_LICENSING) { basis { incentives { id list } } } }',
        { u: SUBJECT },
        AUDIENCES[audience]!.who,
      );
      expect(r.errors, audience).toBeUndefined();
      expect(r.data.creditCheck.basis.incentives, audience).toEqual([{ id: 'RED-standing', list: 'RED' }]);
    }
  });

  for (const [name, row] of Object.entries(ROWS)) {
    for (const [audience, { who, view }] of Object.entries(AUDIENCES)) {
      it(`${name} as ${audience}`, async () => {
        const [parent, list] = row.path;
        const r = await gw.run(
          `query($u: USCC!) { enterprise(uscc: $u) { ${parent} { ${list} { ${row.key} } } } }`,
          { u: SUBJECT },
          who,
        );
        if (view !== 'self' && view !== 'official' && !row.public) {
          // Not open to this audience at all: refused at the field, nothing served.
          expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
          expect(r.data?.enterprise?.[parent]?.[list] ?? null).toBeNull();
          return;
        }
        expect(r.errors).toBeUndefined();
        const seen = new Set(
          (r.data.enterprise[parent][list] as Array<Record<string, string>>).map((x) => x[row.key]),
        );
        for (const s of row.states)
          expect(seen.has(`${name}-${s}`), `${s} seen by ${audience}`).toBe(expectedVisible(view, s));
        if (name === 'CreditPlatformRecords.lists') {
          expect(seen.has('RED-standing')).toBe(true);
          expect(seen.has('RED-removed')).toBe(view === 'self');
        }
      });
    }
  }

  it('Enterprise.records applies the same rule: what each view sees of the records', async () => {
    for (const { who, view } of Object.values(AUDIENCES)) {
      const r = await gw.run(
        'query($u: USCC!) { enterprise(uscc: $u) { records { id status severity } } }',
        { u: SUBJECT },
        who,
      );
      const seen = new Set(
        (r.data?.enterprise?.records ?? []).map((x: { id: string }) =>
          x.id.replace(/^[a-z]+:/, '').replace(/#.*$/, ''),
        ),
      );
      for (const [name, row] of Object.entries(ROWS)) {
        for (const s of row.states) {
          // The current view of records is in force for everyone, the enterprise included (history is asked for).
          const want = expectedVisible(view === 'self' ? 'official' : view, s);
          expect(seen.has(`${name}-${s}`), `${name} ${s} in records for ${who.role}`).toBe(want);
        }
      }
    }
  });
});
