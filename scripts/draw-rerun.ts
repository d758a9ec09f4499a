/**
 * `npm run draw:rerun -- <record.json>`: re-runs a recorded 双随机 draw from its record alone
 * (src/ledger/drawRerun.ts) — the seed against its hash, the enterprises from the seed and the
 * population snapshot, the two inspectors per enterprise from the recorded pool — and says whether
 * it reproduces the record. Exit 0: it does; 1: it does not (each difference named); 2: bad input.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rerunProblems, type DrawRecordFile } from '../src/ledger/drawRerun.ts';
import { parseCli } from '../src/util/cli.ts';

const USAGE = 'usage: npm run draw:rerun -- <record.json>';
const HELP = `${USAGE}

Re-runs a recorded 双随机 draw from its record (the JSON of InspectionDraw.record, which regulators
read through GraphQL or download from the desk) and checks that it reproduces itself: the seed's
SHA-256, the enterprises drawn per tier (mulberry32 seeded by SHA-256 of "<seed>:<tier>", a partial
Fisher–Yates shuffle of the tier's population in code order) and the two inspectors per enterprise
(the generator of "<seed>:inspectors:<uscc>" over the recorded pool, same region first, conflicts out).`;

const { positionals } = parseCli(
  { options: { help: { type: 'boolean' } }, allowPositionals: true },
  HELP,
  USAGE,
);
if (positionals.length !== 1) {
  console.error(USAGE);
  process.exit(2);
}
let record: DrawRecordFile;
try {
  record = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as DrawRecordFile;
} catch (err) {
  console.error(`cannot read ${positionals[0]}: ${(err as Error).message}`);
  process.exit(2);
}
const problems = rerunProblems(record);
// The record's SHA-256, to compare with the one published with the draw (InspectionDraw.recordHash).
console.log(
  `record ${positionals[0]} SHA-256 ${createHash('sha256').update(readFileSync(positionals[0]!)).digest('hex')}`,
);
if (problems.length === 0) {
  console.log(
    `draw ${record.id}: reproduced — ${record.enterprises.length} enterprises and their inspectors from seed ${record.seed}`,
  );
} else {
  for (const p of problems) console.log(`draw ${record.id}: ${p}`);
  process.exit(1);
}
