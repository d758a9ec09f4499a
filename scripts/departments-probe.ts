/**
 * `npm run departments:probe -- <NAME> [--url URL] [--codes A,B,C] [--app-key K]`: checks a live
 * system against its declaration (src/departments/declared/probe.ts). Without --url, the
 * department's URL variable; without --codes, a sandbox's world samples (`--control URL`, or the
 * sandbox started here when no URL is given at all). Exits 1 when the answers leave the declaration.
 */
import { parseArgs } from 'node:util';
import { anyPorts, startSandbox } from '../sandbox/startSandbox.ts';
import { declaredDepartments } from '../src/departments/declared/declarations.ts';
import { probeDepartment } from '../src/departments/declared/probe.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { url: { type: 'string' }, codes: { type: 'string' }, 'app-key': { type: 'string' } },
});
const name = positionals[0];
const d = declaredDepartments().find((x) => x.name === name || x.key === name);
if (!d) {
  console.error(
    `usage: npm run departments:probe -- <${declaredDepartments()
      .map((x) => x.name)
      .join('|')}> [--url URL] [--codes A,B] [--app-key K]`,
  );
  process.exit(2);
}
const url = values.url ?? process.env[d.url.variable];
const sandbox = url
  ? null
  : await startSandbox({
      size: 500,
      ports: anyPorts(),
    });
let codes = values.codes?.split(',').filter(Boolean) ?? [];
if (!codes.length && sandbox)
  codes = Array.from({ length: 20 }, (_, i) => sandbox.world.at(100 + i * 7).uscc);
if (!codes.length) {
  console.error('give --codes of enterprises the system knows');
  process.exit(2);
}
const report = await probeDepartment(
  d,
  (url ?? sandbox!.declaredUrls[d.name])!.replace(/\/$/, ''),
  codes,
  values['app-key'] ??
    (d.auth?.variable ? process.env[d.auth.variable] : undefined) ??
    process.env.DEPARTMENT_APP_KEY ??
    'sandbox',
  new Date().toISOString().slice(0, 10),
);
await sandbox?.close();
console.log(`${report.department} at ${report.url}: ${report.calls} calls for ${codes.length} codes`);
for (const p of report.problems) console.log(`  ✗ ${p}`);
if (report.unfilled.length) console.log(`  (never filled by these codes: ${report.unfilled.join(', ')})`);
console.log(
  report.problems.length
    ? `${report.problems.length} problems: the answers leave the declaration`
    : 'the answers keep to the declaration',
);
process.exit(report.problems.length ? 1 : 0);
