/** `npm run audit:verify -- audit/replica.jsonl`: checks an audit log's hash chain and names the first broken entry. */
import { readFileSync } from 'node:fs';
import { verifyAuditLog } from '../src/audit/AuditLog.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run audit:verify -- <log.jsonl> [more.jsonl …]');
  process.exit(2);
}
let failed = false;
for (const file of files) {
  const result = verifyAuditLog(readFileSync(file, 'utf8'));
  if (result.ok) console.log(`${file}: ok, ${result.entries} entries`);
  else {
    failed = true;
    console.log(`${file}: BROKEN at entry ${result.line}: ${result.reason}`);
  }
}
process.exit(failed ? 1 : 0);
