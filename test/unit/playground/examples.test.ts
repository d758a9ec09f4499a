/**
 * The playground's example tabs are valid operations of the schema (tabs for
 * myDataAccess, roster, drawInspection and grantConsent), each carrying the role's token and a
 * purpose when one is given.
 */
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { defaultExamples } from '../../../src/playground/playgroundPage.ts';
import { buildSchema } from '../../../src/server/schema.ts';

const schema = buildSchema();

describe('the playground examples', () => {
  const tokens = {
    enterprise: 'e.t.s',
    clerk: 'c.t.s',
    regulator: 'r.t.s',
    bank: 'b.t.s',
    developer: 'd.t.s',
  };
  const examples = defaultExamples({}, tokens);

  it('every tab validates against the schema', () => {
    for (const e of examples) expect(validate(schema, parse(e.query)), e.query.split('\n')[0]).toEqual([]);
  });

  it.each([
    ['myDataAccess', 'e.t.s', 'SELF_QUERY'],
    ['roster(', 'r.t.s', 'SUPERVISION'],
    ['drawInspection', 'r.t.s', 'SUPERVISION'],
    ['grantConsent', 'e.t.s', 'SELF_QUERY'],
  ])('has a %s tab, as the role that may run it', (field, token, purpose) => {
    const tab = examples.find((e) => e.query.includes(field));
    expect(tab?.headers).toEqual({ Authorization: `Bearer ${token}`, 'X-Purpose': purpose });
  });
});
