/**
 * `npm run rules:check -- <rule set file> [more.json …]`: checks a city's draft rule set as the
 * gateway would load it (src/credit/ruleSet.ts, lawfulness.ts; docs/rules.md "Lawful measures") and
 * prints every problem: the file's shape, citations outside its jurisdiction, punitive measures
 * without a law, regulation, central document or measure-list basis, and conditions that do not
 * carry a quantity their cited text states. Exit code 0 all lawful, 1 a file refused, 2 usage.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseRuleSet, RuleSetError } from '../src/credit/ruleSet.ts';
import { parseCli } from '../src/util/cli.ts';

const USAGE = 'usage: npm run rules:check -- <rule set file> [more.json …]';
const HELP = `${USAGE}

Checks each rule set file as the gateway loads it (RULE_SET=<file>) and lists every problem:
  - the file's shape (unknown fields, missing entries, wrong types: the first one);
  - a measure citing a document outside the rule set's jurisdiction (another province's, city's
    or county's local document), or one missing from its documents;
  - a punitive measure with no law, administrative regulation, judicial interpretation,
    central/State Council document or national/provincial measure list behind it;
  - a condition that does not carry a quantity its cited clause states (三年 = 36 months).
Exit code: 0 every file lawful, 1 a file refused, 2 usage.`;

const { positionals: files } = parseCli(
  { allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } },
  HELP,
  USAGE,
);
if (files.length === 0) {
  console.error(USAGE);
  process.exit(2);
}

let failed = false;
for (const file of files) {
  if (!existsSync(file)) {
    failed = true;
    console.log(`${file}: no such file`);
    continue;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    failed = true;
    console.log(`${file}: not JSON: ${(err as Error).message}`);
    continue;
  }
  try {
    const r = parseRuleSet(json, file);
    const where = [r.jurisdiction.province, r.jurisdiction.city, r.jurisdiction.county]
      .filter(Boolean)
      .join('');
    console.log(
      `${file}: ok — ${r.id} ${r.version}, ${where}, ${r.measures.length} measures citing ${Object.keys(r.documents).length} documents; ${r.confirmation}`,
    );
  } catch (err) {
    failed = true;
    if (!(err instanceof RuleSetError)) throw err;
    console.log(`${file}: REFUSED, ${err.problems.length} problem${err.problems.length > 1 ? 's' : ''}:`);
    for (const p of err.problems) console.log(`  ${p.path || '(root)'}: ${p.problem}`);
  }
}
process.exit(failed ? 1 : 0);
