/**
 * The authorization table, generated from the schema: every field of every type, asked by every
 * role, allowed or denied exactly as src/auth/accessTable.ts (docs/access.md) says. A field added
 * to the schema without a rule fails here by name, and is denied at run time.
 */
import { isObjectType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ACCESS, type Audience } from '../../src/auth/accessTable.ts';
import { buildSchema } from '../../src/server/schema.ts';
import { ROLE_KEYS, useAccessFixture, type RoleKey } from './fixture.ts';
import { pathsToTypes, queryFor, type Step } from './typeQueries.ts';

const schema = buildSchema();
const DENY_CODES = [
  'FORBIDDEN',
  'CONSENT_REQUIRED',
  'CONSENT_EXPIRED',
  'CONSENT_REVOKED',
  'CONSENT_SCOPE',
  'CONSENT_PURPOSE',
  'PURPOSE_REQUIRED',
];

function allowed(role: RoleKey, audiences: readonly Audience[]): boolean {
  return audiences.some((a) => {
    if (a === 'ANY') return true;
    if (a === 'self') return role === 'self';
    if (a === 'enterprise') return role === 'self' || role === 'otherEnterprise';
    if (a === 'bank') return role === 'bankConsented' || role === 'bankNoConsent';
    if (a.startsWith('consent:')) return role === 'bankConsented';
    return role === a;
  });
}

/** Every object at the end of the path in the data (lists fanned out). */
function objectsAt(data: unknown, path: Step[]): Array<Record<string, unknown>> {
  let level: unknown[] = [data];
  for (const step of path) {
    level = level.flatMap((o) => {
      const v = (o as Record<string, unknown> | null)?.[step.field];
      return Array.isArray(v) ? v : v == null ? [] : [v];
    });
  }
  return level as Array<Record<string, unknown>>;
}

const fx = useAccessFixture();
const responses: Array<{ role: RoleKey; text: string }> = [];

describe('the access table covers the schema', () => {
  it('names every field of every object type (a new field without a rule fails here)', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.keys(type.getFields()))
        if (!ACCESS[type.name]?.[field]) missing.push(`${type.name}.${field}`);
    }
    expect(missing, `fields with no rule (denied until one is added to src/auth/accessTable.ts)`).toEqual([]);
  });

  it('names no field the schema lacks', () => {
    const stale = Object.entries(ACCESS).flatMap(([t, fields]) => {
      const type = schema.getType(t);
      return Object.keys(fields)
        .filter((f) => !isObjectType(type) || !type.getFields()[f])
        .map((f) => `${t}.${f}`);
    });
    expect(stale).toEqual([]);
  });
});

const paths = pathsToTypes(schema);
const cases = [...paths.entries()].filter(([t]) => t !== 'Query' && t !== 'Mutation');

describe.each(ROLE_KEYS)('as %s', (role) => {
  it.each(cases.map(([t]) => t))('every field of %s', async (typeName) => {
    const path = paths.get(typeName)!;
    const type = schema.getType(typeName) as GraphQLObjectType;
    // Reachable only if every field on the way is allowed to this role.
    const reachable = path.every((s) => allowed(role, ACCESS[s.type]![s.field]!));
    const res = await fetch(`${fx.gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...fx.headers[role] },
      body: JSON.stringify({ query: queryFor(path, type), variables: { u: fx.subject } }),
    });
    const text = await res.text();
    responses.push({ role, text });
    const body = JSON.parse(text);
    if (!reachable) {
      // The gate on the way answers for everything below it.
      const gate = path.find((s) => !allowed(role, ACCESS[s.type]![s.field]!))!;
      expect(
        body.errors?.some(
          (e: any) =>
            DENY_CODES.includes(e.extensions.code) &&
            e.path.filter((p: unknown) => typeof p === 'string').at(-1) === gate.field,
        ),
        `${gate.type}.${gate.field} denies ${role}`,
      ).toBe(true);
      return;
    }
    const objects = objectsAt(body.data, path);
    const allOpen = Object.keys(type.getFields()).every((f) => ACCESS[typeName]![f]!.includes('ANY'));
    // A type with a gated field must be reached; a type that is all open may be legitimately absent
    // for this role (the public's empty field-group list) — its gate was checked on the way.
    if (objects.length === 0) {
      expect(allOpen, `${typeName} reached as ${role}: ${text.slice(0, 300)}`).toBe(true);
      expect(
        body.errors?.filter((e: any) => DENY_CODES.includes(e.extensions.code)) ?? [],
        text.slice(0, 300),
      ).toEqual([]);
      return;
    }
    for (const field of Object.keys(type.getFields())) {
      const errs = (body.errors ?? []).filter(
        (e: any) =>
          e.path.filter((p: unknown) => typeof p === 'string').join('.') ===
          [...path.map((s) => s.field), field].join('.'),
      );
      const denied = errs.filter((e: any) => DENY_CODES.includes(e.extensions.code));
      if (allowed(role, ACCESS[typeName]![field]!)) {
        expect(denied, `${typeName}.${field} should be allowed for ${role}`).toEqual([]);
        expect(
          objects.some((o) => field in o),
          `${typeName}.${field} resolved for ${role}`,
        ).toBe(true);
      } else {
        expect(
          denied.length,
          `${typeName}.${field} should be denied for ${role}: ${text.slice(0, 400)}`,
        ).toBeGreaterThan(0);
        for (const o of objects) expect(o[field] ?? null).toBeNull();
      }
    }
  });
});

describe('masking (docs/access.md)', () => {
  it('no unmasked ID number reaches any role but the enterprise itself and regulators', () => {
    expect(responses.length).toBeGreaterThan(ROLE_KEYS.length * 10);
    for (const { role, text } of responses) {
      if (role === 'self' || role === 'regulator') continue;
      expect(text.includes(fx.idNumber), `${role} saw the unmasked ID number`).toBe(false);
    }
    // The check can fail: those who may see it do.
    expect(responses.some((r) => r.role === 'self' && r.text.includes(fx.idNumber))).toBe(true);
    expect(responses.some((r) => r.role === 'regulator' && r.text.includes(fx.idNumber))).toBe(true);
    const masked = `${fx.idNumber.slice(0, 3)}************${fx.idNumber.slice(-3)}`;
    expect(responses.some((r) => r.role === 'public' && r.text.includes(masked))).toBe(true);
  });
});
