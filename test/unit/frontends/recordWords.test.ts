/**
 * The hall and the report print a record's state and severity in the same words
 * (src/frontends/labels.ts), one for every value the schema has.
 */
import { isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { RECORD_STATUS_LABEL, SEVERITY_LABEL } from '../../../src/frontends/labels.ts';
import { STATUS, SEVERITY } from '../../../src/frontends/report/reportWords.ts';
import { buildSchema } from '../../../src/server/schema.ts';

const schema = buildSchema();
const values = (name: string): string[] => {
  const t = schema.getType(name);
  if (!isEnumType(t)) throw new Error(`${name} is not an enum`);
  return t.getValues().map((v) => v.name);
};

describe('record words', () => {
  it.each([
    ['RecordStatus', RECORD_STATUS_LABEL],
    ['Severity', SEVERITY_LABEL],
  ] as const)('every %s has its words', (name, labels) => {
    const all = values(name);
    expect(all.length).toBeGreaterThan(2);
    expect(all.filter((v) => !labels[v])).toEqual([]);
    expect(Object.keys(labels).sort()).toEqual([...all].sort());
  });

  it("the report's words are the shared ones (the hall's module re-exports them too)", () => {
    expect(STATUS).toBe(RECORD_STATUS_LABEL);
    expect(SEVERITY).toBe(SEVERITY_LABEL);
  });
});
