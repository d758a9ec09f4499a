/**
 * The code cites what the repository holds: the rules in docs/rules.md (and docs/access.md), the
 * wire contracts in the connectors, how it runs in docs/ — never the brief's files outside the
 * repository (../shared/domain.md and its § numbers, departments.md, DESIGN.md, STYLE.md), and never an issue number in place
 * of a reason: production code, schema, migrations and the tests (this file aside, which holds the
 * examples it forbids).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const files = execFileSync(
  'git',
  [
    'ls-files',
    'src',
    'resolvers',
    'connectors',
    'sandbox',
    'scripts',
    'bench',
    'schema',
    'migrations',
    'test',
  ],
  { cwd: ROOT, encoding: 'utf8' },
)
  .split('\n')
  .filter((f) => /\.(ts|js|graphql|sql|yaml|html)$/.test(f))
  .filter((f) => !f.startsWith('src/generated/') && !f.startsWith('scripts/bank-pull/gql/'))
  .filter((f) => f !== 'test/unit/citations.test.ts');

// Also the brief's house style (STYLE.md) and its section numbers (§4): docs/rules.md names its sections.
const OUTSIDE =
  /\.\.\/shared\/[\w/-]+\.md|(?<![\w/])(domain|DESIGN|STYLE)\.md|(?<![\w/.[])departments\.md(?![\])])|§\d/;
const ISSUE = /\b[Ii]ssues? \d+/;

describe('what the code cites', () => {
  it('no file outside the repository, and no issue number', () => {
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const f of files) {
      readFileSync(join(ROOT, f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (OUTSIDE.test(line) || ISSUE.test(line)) found.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('the check can fail: it finds each kind of citation it forbids', () => {
    for (const bad of [
      'see ../shared/domain.md §4',
      '(domain.md §5)',
      'DESIGN.md "Caching"',
      '(departments.md §5)',
      '(issue 31)',
      'records in force (§8)',
      '(STYLE.md "Errors")',
    ])
      expect(OUTSIDE.test(bad) || ISSUE.test(bad), bad).toBe(true);
    for (const fine of ['docs/rules.md "Grades"', 'docs/departments.md', '[departments.md](departments.md)'])
      expect(OUTSIDE.test(fine) || ISSUE.test(fine), fine).toBe(false);
  });

  it('every section of docs/rules.md the code cites exists', () => {
    const headings = new Set(
      readFileSync(join(ROOT, 'docs/rules.md'), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('## '))
        .map((l) => l.slice(3).trim()),
    );
    const anchors = new Set(
      [...headings].map((h) =>
        h
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .trim()
          .replace(/ /g, '-'),
      ),
    );
    const missing: string[] = [];
    let cited = 0;
    for (const f of files) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      for (const m of text.matchAll(/docs\/rules\.md "([^"]+)"/g)) {
        cited++;
        if (!headings.has(m[1]!)) missing.push(`${f}: "${m[1]}"`);
      }
      for (const m of text.matchAll(/docs\/rules\.md#([a-z0-9-]+)/g)) {
        cited++;
        if (!anchors.has(m[1]!)) missing.push(`${f}: #${m[1]}`);
      }
    }
    expect(cited).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});
