/**
 * The load generator, a process of its own: autocannon against one URL with rotating GraphQL
 * bodies. Reads its job as JSON from argv[2]; prints one JSON summary line. Counts GraphQL errors
 * by code and stale sources in the answers, and checks each answer against the job's expectation.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** One job. */
export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  /** Bodies sent in turn. */
  bodies: string[];
  durationSeconds: number;
  connections: number;
  /** A fixed arrival rate (requests per second, all connections together); absent: as fast as possible. */
  overallRate?: number;
  /** Send exactly this many requests, then stop (instead of running for the duration). */
  amount?: number;
  /** What a correct answer contains (a substring); answers without it count as wrong. */
  expect?: string;
}

/** What the worker reports. */
export interface LoadResult {
  requests: number;
  rps: number;
  latency: { p50: number; p95: number; p99: number; mean: number };
  non2xx: number;
  socketErrors: number;
  timeouts: number;
  graphqlErrors: Record<string, number>;
  staleAnswers: number;
  wrongAnswers: number;
}

const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadJob;
let next = 0;
const graphqlErrors: Record<string, number> = {};
let staleAnswers = 0;
let wrongAnswers = 0;

const instance = autocannon(
  {
    url: job.url,
    method: 'POST',
    connections: job.connections,
    duration: job.durationSeconds,
    ...(job.amount ? { amount: job.amount } : {}),
    overallRate: job.overallRate,
    headers: { 'content-type': 'application/json', ...job.headers },
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: job.bodies[next++ % job.bodies.length] }),
        onResponse: (_status, body) => {
          const text = String(body);
          if (text.includes('"STALE"')) staleAnswers++;
          if (job.expect && !text.includes(job.expect)) wrongAnswers++;
          try {
            const errors =
              (JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> }).errors ?? [];
            for (const e of errors) {
              const code = e.extensions?.code ?? 'UNKNOWN';
              graphqlErrors[code] = (graphqlErrors[code] ?? 0) + 1;
            }
          } catch {
            wrongAnswers++;
          }
        },
      },
    ],
  },
  (err, r) => {
    if (err) throw err;
    done(r);
  },
);
// Every response time, for exact percentiles (autocannon's summary has no p95).
const times: number[] = [];
instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
  times.push(responseTime),
);
const round = (ms: number): number => Math.round(ms * 100) / 100;
const pct = (p: number): number => {
  if (times.length === 0) return 0;
  const sorted = times.sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
function done(r: autocannon.Result): void {
  const result: LoadResult = {
    requests: r.requests.total,
    rps: r.requests.average,
    latency: {
      p50: round(pct(50)),
      p95: round(pct(95)),
      p99: round(pct(99)),
      mean: round(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)),
    },
    non2xx: r.non2xx,
    socketErrors: r.errors,
    timeouts: r.timeouts,
    graphqlErrors,
    staleAnswers,
    wrongAnswers,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
