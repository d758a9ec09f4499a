/**
 * The load generator, a process of its own: autocannon against one URL with rotating GraphQL
 * bodies. Reads its job as JSON from argv[2]; prints one JSON summary line. Counts GraphQL errors
 * by code and stale sources in the answers, and checks each answer against the job's expectation.
 *
 * A job at a fixed rate (`overallRate`) is open-loop instead: arrivals at exponential intervals
 * (Poisson, seeded), each request's latency counted from when it was due — not autocannon's
 * overallRate, which starts every connection in lockstep, so 64 connections at 150 req/s arrive
 * as bursts of 64 every 0.43 s (measured: p50 7 ms against 1 ms for the same rate spread out).
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Pool } from 'undici';

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
  /** Open-loop only: report the latencies of bodies containing this apart (e.g. registry searches in a mix). */
  splitOn?: string;
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
  /** With `splitOn`: the latencies of the bodies that contain it, and of the others. */
  split?: Record<'matched' | 'rest', { count: number; p50: number; p95: number; p99: number }>;
}

const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadJob;
let next = 0;
const graphqlErrors: Record<string, number> = {};
let staleAnswers = 0;
let wrongAnswers = 0;

/** Classifies an answer (stale sources, wrong answers, GraphQL errors by code). */
function onAnswer(text: string): void {
  if (text.includes('"STALE"')) staleAnswers++;
  if (job.expect && !text.includes(job.expect)) wrongAnswers++;
  try {
    const errors = (JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> }).errors ?? [];
    for (const e of errors) {
      const code = e.extensions?.code ?? 'UNKNOWN';
      graphqlErrors[code] = (graphqlErrors[code] ?? 0) + 1;
    }
  } catch {
    wrongAnswers++;
  }
}

/** Open-loop Poisson arrivals at `overallRate` for the duration (or `amount` requests). */
async function openLoop(): Promise<void> {
  const url = new URL(job.url);
  const pool = new Pool(url.origin, { connections: job.connections, pipelining: 1 });
  let seed = 0x9e3779b9;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rate = job.overallRate!;
  const total = job.amount ?? Math.round(rate * job.durationSeconds);
  const start = performance.now();
  let due = start;
  let non2xx = 0;
  let socketErrors = 0;
  const inflight: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    due += (-Math.log(1 - random()) / rate) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const dueAt = due;
    const body = job.bodies[i % job.bodies.length]!;
    inflight.push(
      pool
        .request({
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...job.headers },
          body,
        })
        .then(async (res) => {
          const text = await res.body.text();
          const ms = performance.now() - dueAt;
          times.push(ms);
          if (job.splitOn) (body.includes(job.splitOn) ? matchedTimes : restTimes).push(ms);
          if (res.statusCode < 200 || res.statusCode >= 300) non2xx++;
          onAnswer(text);
        })
        .catch(() => {
          socketErrors++;
        }),
    );
  }
  await Promise.all(inflight);
  await pool.close();
  const seconds = (performance.now() - start) / 1000;
  report({ requests: total, rps: total / seconds, non2xx, socketErrors, timeouts: 0 });
}

const instance = job.overallRate
  ? null
  : autocannon(
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
            onResponse: (_status, body) => onAnswer(String(body)),
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
const matchedTimes: number[] = [];
const restTimes: number[] = [];
instance?.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
  times.push(responseTime),
);
if (!instance) void openLoop();
const round = (ms: number): number => Math.round(ms * 100) / 100;
const pct = (p: number, of: number[] = times): number => {
  if (of.length === 0) return 0;
  const sorted = of.sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const summary = (of: number[]) => ({
  count: of.length,
  p50: round(pct(50, of)),
  p95: round(pct(95, of)),
  p99: round(pct(99, of)),
});
function done(r: autocannon.Result): void {
  report({
    requests: r.requests.total,
    rps: r.requests.average,
    non2xx: r.non2xx,
    socketErrors: r.errors,
    timeouts: r.timeouts,
  });
}
function report(r: Pick<LoadResult, 'requests' | 'rps' | 'non2xx' | 'socketErrors' | 'timeouts'>): void {
  const result: LoadResult = {
    ...r,
    latency: {
      p50: round(pct(50)),
      p95: round(pct(95)),
      p99: round(pct(99)),
      mean: round(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)),
    },
    graphqlErrors,
    staleAnswers,
    wrongAnswers,
    ...(job.splitOn ? { split: { matched: summary(matchedTimes), rest: summary(restTimes) } } : {}),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
