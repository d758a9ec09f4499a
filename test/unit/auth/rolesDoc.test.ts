/** docs/access.md "Roles" states the role table as src/auth/roles.ts holds it: a row changed is a doc changed. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROLE_TABLE } from '../../../src/auth/roles.ts';

const yn = (b: boolean): string => (b ? 'yes' : '—');

describe('docs/access.md "Roles"', () => {
  it('has one line per role, each as the table says', () => {
    const doc = readFileSync(new URL('../../../docs/access.md', import.meta.url), 'utf8');
    const lines = doc.split('\n').filter((l) => /^\| `[a-z]+` \|/.test(l));
    const expected = Object.entries(ROLE_TABLE).map(
      ([role, t]) =>
        `| \`${role}\` | ${t.token ?? 'no token'} | ${t.readsAs.join(', ') || '—'} | ${yn(t.holdsConsents)} | ` +
        `${t.records} | ${yn(t.personalData)} | ${yn(t.supervises)} | ${yn(t.introspection)} | ` +
        `${t.budget.toLocaleString('en')} | ${t.events} | ${yn(t.webhooks)} |`,
    );
    expect(expected.length).toBeGreaterThan(5);
    expect(lines).toEqual(expected);
  });
});
