/**
 * Credit events (docs/rules.md "Supervision and alerts") as the differences between two assessments, and who
 * receives each: the audience rule and the consent check, decided per event.
 */
import { describe, expect, it } from 'vitest';
import {
  eventsBetween,
  type Assessed,
  type AssessmentFacts,
  type CreditEvent,
} from '../../../src/events/creditEvents.ts';
import { contentFor, receives, type Receiver } from '../../../src/events/eventAudience.ts';
import { webhookBody } from '../../../src/events/WebhookWorker.ts';
import type { Consent } from '../../../src/model/unifiedModel.ts';

const U = '91441500MA4UXXXX0X';
const record = (
  id: string,
  over: Partial<AssessmentFacts['records'][number]> = {},
): AssessmentFacts['records'][number] => ({
  id,
  department: 'MARKET',
  kind: 'ADMINISTRATIVE_PENALTY',
  severity: 'GENERAL',
  status: 'ACTIVE',
  date: '2026-10-01',
  title: '虚假宣传',
  published: true,
  ...over,
});
const assessed = (facts: Partial<AssessmentFacts>, over: Partial<Assessed> = {}): Assessed => ({
  grade: 'A',
  alertKinds: [],
  departments: ['MARKET'],
  ruleSet: 'shanwei-2023',
  evaluatedAt: '2026-11-01',
  facts: { records: [], lists: [], objections: [], ...facts },
  ...over,
});
const kinds = (prev: Assessed | null, next: Assessed): string[] =>
  eventsBetween(U, prev, next).map((e) => e.kind);

describe('events between assessments', () => {
  it('says nothing for a first assessment (the baseline) or a repeat', () => {
    const a = assessed({ records: [record('m1')] });
    expect(kinds(null, a)).toEqual([]);
    expect(kinds(a, a)).toEqual([]);
  });

  it('a new general or serious record in force is RECORD_ADDED; a minor one is not an event', () => {
    const before = assessed({ records: [record('m1')] });
    const after = assessed({
      records: [record('m1'), record('m2', { severity: 'SERIOUS' }), record('m3', { severity: 'MINOR' })],
    });
    expect(eventsBetween(U, before, after)).toEqual([
      {
        uscc: U,
        kind: 'RECORD_ADDED',
        departments: ['MARKET'],
        content: { record: record('m2', { severity: 'SERIOUS' }) },
      },
    ]);
  });

  it('a repair, an expiry and a record gone are RECORD_REPAIRED and RECORD_REMOVED', () => {
    const before = assessed({ records: [record('m1'), record('m2'), record('m3')] });
    const after = assessed({
      records: [record('m1', { status: 'REPAIRED' }), record('m2', { status: 'EXPIRED' })],
    });
    expect(kinds(before, after)).toEqual(['RECORD_REPAIRED', 'RECORD_REMOVED', 'RECORD_REMOVED']);
  });

  it('list entries and removals, objections filed and resolved, a grade change and a new alert', () => {
    const list = { id: 'l1', list: 'BLACK', domain: '税务', listedOn: '2026-10-01', removedOn: null };
    const before = assessed(
      { lists: [list], objections: [{ id: 'o1', recordRef: 'market:m1', status: 'OPEN' }] },
      { alertKinds: ['MULTI_DOMAIN'] },
    );
    const after = assessed(
      {
        lists: [
          { ...list, removedOn: '2026-11-01' },
          { ...list, id: 'l2' },
        ],
        objections: [
          { id: 'o1', recordRef: 'market:m1', status: 'UPHELD' },
          { id: 'o2', recordRef: 'evaluation', status: 'OPEN' },
        ],
      },
      { grade: 'C', alertKinds: ['MULTI_DOMAIN', 'GRADE_DROP'] },
    );
    expect(kinds(before, after)).toEqual([
      'LIST_REMOVAL',
      'LIST_ENTRY',
      'OBJECTION_RESOLVED',
      'OBJECTION_FILED',
      'GRADE_CHANGED',
      'ALERT_RAISED',
    ]);
    expect(eventsBetween(U, before, after).find((e) => e.kind === 'GRADE_CHANGED')?.content).toEqual({
      grade: { from: 'A', to: 'C', ruleSet: 'shanwei-2023', evaluatedAt: '2026-11-01' },
    });
  });

  it('an alert carries its basis; a cross-domain alert goes to market regulation too, whatever it holds (通报)', () => {
    const tax = record('t1', { department: 'TAX', published: false, title: '少缴税款' });
    const env = record('e1', { department: 'ENVIRONMENT', title: '超标排放' });
    const court = record('c1', { department: 'COURT', title: '失信被执行人' });
    const old = record('e0', { department: 'ENVIRONMENT', date: '2024-01-01' });
    const before = assessed(
      { records: [tax, env, court, old] },
      { departments: ['COURT', 'ENVIRONMENT', 'TAX'] },
    );
    const after = assessed(
      { records: [tax, env, court, old], alerts: [{ kind: 'MULTI_DOMAIN', records: ['t1', 'e1', 'c1'] }] },
      { departments: ['COURT', 'ENVIRONMENT', 'TAX'], alertKinds: ['MULTI_DOMAIN'] },
    );
    const [alert] = eventsBetween(U, before, after);
    expect(alert).toMatchObject({
      kind: 'ALERT_RAISED',
      departments: ['COURT', 'ENVIRONMENT', 'MARKET', 'TAX'],
    });
    expect(alert!.content).toEqual({ alert: 'MULTI_DOMAIN', basis: [tax, env, court] });
  });

  it('an assessment without facts (written before events existed) starts a baseline', () => {
    expect(kinds(assessed({}, { facts: null }), assessed({ records: [record('m1')] }))).toEqual([]);
  });
});

describe('who receives an event', () => {
  const at = '2026-11-10T00:00:00.000Z';
  const event = (kind: CreditEvent['kind'], content: Record<string, unknown> = {}): CreditEvent => ({
    id: '7',
    uscc: U,
    kind,
    at,
    departments: ['MARKET', 'TAX'],
    content,
  });
  const consent = (over: Partial<Consent> = {}): Consent => ({
    id: 'c1',
    uscc: U,
    grantee: 'bank-a',
    scopes: ['EVALUATION'],
    purpose: 'PRE_CREDIT',
    expiresAt: '2027-11-01T00:00:00Z',
    createdAt: '2026-11-01T00:00:00Z',
    revokedAt: null,
    status: 'ACTIVE',
    ...over,
  });
  const bank: Receiver = { role: 'bank', org: 'bank-a', uscc: null, purpose: 'PRE_CREDIT' };
  const now = Date.parse('2026-11-15T00:00:00Z');
  const published = { record: { published: true } };

  it('regulators all; an enterprise its own; a department the alerts about enterprises with its records', () => {
    expect(
      receives(
        { role: 'regulator', org: 'samr', uscc: null, purpose: null },
        event('OBJECTION_FILED'),
        [],
        now,
      ),
    ).toBe(true);
    expect(
      receives({ role: 'enterprise', org: null, uscc: U, purpose: null }, event('GRADE_CHANGED'), [], now),
    ).toBe(true);
    expect(
      receives(
        { role: 'enterprise', org: null, uscc: '91441581MA4UYYYY1Y', purpose: null },
        event('GRADE_CHANGED'),
        [],
        now,
      ),
    ).toBe(false);
    expect(
      receives({ role: 'department', org: 'TAX', uscc: null, purpose: null }, event('ALERT_RAISED'), [], now),
    ).toBe(true);
    expect(
      receives(
        { role: 'department', org: 'COURT', uscc: null, purpose: null },
        event('ALERT_RAISED'),
        [],
        now,
      ),
    ).toBe(false);
    expect(
      receives(
        { role: 'department', org: 'TAX', uscc: null, purpose: null },
        event('RECORD_ADDED', published),
        [],
        now,
      ),
    ).toBe(false);
    expect(
      receives(
        { role: 'clerk', org: 'hall', uscc: null, purpose: null },
        event('RECORD_ADDED', published),
        [],
        now,
      ),
    ).toBe(false);
  });

  it('an alert’s basis as each receiver may read it: a department its own records and others’ published ones', () => {
    const basis = [
      record('t1', { department: 'TAX', published: false }),
      record('e1', { department: 'ENVIRONMENT', published: true }),
      record('c1', { department: 'COURT', published: false }),
    ];
    const alert = {
      ...event('ALERT_RAISED', { alert: 'MULTI_DOMAIN', basis }),
      departments: ['COURT', 'ENVIRONMENT', 'MARKET', 'TAX'],
    };
    const dept = (org: string): Receiver => ({ role: 'department', org, uscc: null, purpose: null });
    expect(receives(dept('MARKET'), alert, [], now)).toBe(true);
    const ids = (r: Receiver) => (contentFor(r, alert).basis as Array<{ id: string }>).map((b) => b.id);
    expect(ids(dept('MARKET'))).toEqual(['e1']);
    expect(ids(dept('TAX'))).toEqual(['t1', 'e1']);
    expect(ids(dept('COURT'))).toEqual(['e1', 'c1']);
    expect(ids({ role: 'regulator', org: 'samr', uscc: null, purpose: null })).toEqual(['t1', 'e1', 'c1']);
    expect(contentFor(dept('MARKET'), event('RECORD_ADDED', published))).toEqual(published);
    // The webhook body is cut the same way: market regulation's webhook holds no unpublished tax record.
    const body = JSON.parse(webhookBody(alert, dept('MARKET')));
    expect(body.data.basis.map((b: { id: string }) => b.id)).toEqual(['e1']);
    expect(JSON.stringify(body)).not.toContain('"t1"');
  });

  it('a bank: only what an active consent for its purpose, given before the event, covers — never alerts or objections', () => {
    expect(receives(bank, event('RECORD_ADDED', published), [consent()], now)).toBe(true);
    expect(receives(bank, event('GRADE_CHANGED'), [consent()], now)).toBe(true);
    expect(receives(bank, event('RECORD_ADDED', { record: { published: false } }), [consent()], now)).toBe(
      false,
    );
    expect(receives(bank, event('ALERT_RAISED'), [consent()], now)).toBe(false);
    expect(receives(bank, event('OBJECTION_FILED'), [consent()], now)).toBe(false);
    expect(receives(bank, event('GRADE_CHANGED'), [consent({ scopes: ['TAX_PAID'] })], now)).toBe(false);
    expect(receives(bank, event('GRADE_CHANGED'), [consent({ purpose: 'SUBSIDY' })], now)).toBe(false);
    expect(receives(bank, event('GRADE_CHANGED'), [consent({ status: 'REVOKED', revokedAt: at })], now)).toBe(
      false,
    );
    expect(
      receives(bank, event('GRADE_CHANGED'), [consent({ expiresAt: '2026-11-12T00:00:00Z' })], now),
    ).toBe(false);
    expect(
      receives(bank, event('GRADE_CHANGED'), [consent({ createdAt: '2026-11-11T00:00:00Z' })], now),
    ).toBe(false);
    expect(receives(bank, event('GRADE_CHANGED'), [consent({ grantee: 'bank-b' })], now)).toBe(false);
  });

  it('a bank receives its own consents’ grant and revocation, and no one else’s', () => {
    expect(receives(bank, event('CONSENT_REVOKED', { consent: { grantee: 'bank-a' } }), [], now)).toBe(true);
    expect(receives(bank, event('CONSENT_GRANTED', { consent: { grantee: 'bank-b' } }), [], now)).toBe(false);
  });
});
