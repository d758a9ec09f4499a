/**
 * The benchmark's settings (`npm run bench [-- --quick | --smoke]`): its mode and durations, the
 * departments' latency profile, the operations it sends, and its log.
 */
import { parseCli } from '../src/util/cli.ts';

const HELP = `npm run bench [-- --quick | --smoke] [--out FILE]

Measures the gateway against baselines in the same run (ratios, never absolute targets): starts
the sandbox with a latency profile, the gateways, Redis and PostgreSQL where installed, and drives
load from another process. A full run takes about 4 minutes; see bench/README.md.
  --quick      2 s per workload (a rough look)
  --smoke      1 s per workload: every workload answers correctly (CI)
  --out FILE   where the JSON results go (default bench/results/<time>.json)`;
const { values } = parseCli(
  {
    options: {
      quick: { type: 'boolean' },
      smoke: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  },
  HELP,
);
/** Where the JSON results go (the default: bench/results). */
export const OUT_DIR = values.out;
export const MODE = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
/** Seconds per workload, and for the mixed one. */
export const SECONDS = { full: { w: 8, mixed: 20 }, quick: { w: 2, mixed: 6 }, smoke: { w: 1, mixed: 2 } }[
  MODE
];
/** Department latency profile (ms): fixed + jitter, as the issue sets it. */
export const LATENCY: Record<string, number> = {
  tax: 40,
  market: 30,
  environment: 60,
  court: 120,
  credit: 20,
};
export const SLOWEST_MS = Math.max(...Object.values(LATENCY));

export const log = (s: string): void => void process.stderr.write(`${s}\n`);

/** The operations the workloads send: the hall's check, a regulator's profile, a bank's batch. */
export const CHECK =
  'query Check($u: USCC!) { creditCheck(uscc: $u, matter: GOVERNMENT_PROCUREMENT) { verdict measures { code } basis { evaluation { grade ruleSet version } } sources { department status fetchedAt } } }';
export const PROFILE =
  'query Profile($u: USCC!) { enterprise(uscc: $u) { name registration { status establishedOn } tax { aLevelTaxpayer arrears } environment { latestCard } judicial { dishonestDebtor { caseCode } enforcementCases { caseCode } } credit { commitments { id } lists { id } } records { id severity status } evaluation { grade } sources { department status } } }';
export const BATCH =
  'query Batch($us: [USCC!]!) { enterprises(usccs: $us) { uscc name tax { aLevelTaxpayer ratings { year grade } taxPaid { year amount } arrears } credit { commitments { id status } } records { id severity } } }';

/** A request body. */
export const body = (query: string, variables: Record<string, unknown>): string =>
  JSON.stringify({ query, variables });
/** A gateway's GraphQL endpoint. */
export const post = (url: string): string => `${url}/graphql`;
