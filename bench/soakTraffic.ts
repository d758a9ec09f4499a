/**
 * The traffic the backfill soak runs beside its pass: what a city's service halls and regulators
 * ask in a day, compressed into the pass. Open loop at a fixed rate (a slow answer does not slow
 * the callers, as at a real counter), over enterprises picked at random from the whole world, so
 * the cache sees a day's spread of enterprises and not a warm handful:
 * - 70 % a hall's approval check (`creditCheck`, a clerk),
 * - 25 % a regulator's profile (`enterprise`),
 * - 5 % a regulator's batch of 20 (`enterprises`).
 * A request not answered with HTTP 200 and data is lost; field errors (a department's answer
 * missing) are counted apart. What it reports never depends on speed.
 */
import { identityOf, type WorldSpec } from '../sandbox/world/generate.ts';
import { mintDevToken } from '../src/auth/devIssuer.ts';
import { mulberry32 } from '../src/ledger/random.ts';

const CHECK =
  'query Check($u: USCC!) { creditCheck(uscc: $u, matter: GOVERNMENT_PROCUREMENT) { verdict complete measures { code } sources { department status } } }';
const PROFILE =
  'query Profile($u: USCC!) { enterprise(uscc: $u) { name tax { aLevelTaxpayer arrears } judicial { dishonestDebtor { caseCode } } records { id severity status } evaluation { grade } sources { department status } } }';
const BATCH =
  'query Batch($us: [USCC!]!) { enterprises(usccs: $us) { uscc name records { id severity } evaluation { grade } } }';

/** Callers in flight at most; past it a tick is counted as shed by the harness, not sent. */
const MAX_IN_FLIGHT = 64;

/** What the traffic saw. */
export interface TrafficResult {
  sent: number;
  answered: number;
  lost: number;
  fieldErrors: number;
  /** Profiles answered null: an enterprise the world does not hold (the harness named a wrong code). */
  unknown: number;
  shed: number;
  distinct: number;
  /** Milliseconds: median and 95th percentile of every answered request. */
  p50: number;
  p95: number;
  /** The first few lost requests, for the report (status and error code only). */
  lostSamples: string[];
}

/** A city's halls or offices: twenty people in five organizations, each within the per-principal limit as a person is. */
function people(role: 'clerk' | 'regulator', org: string, purpose: string) {
  return Promise.all(
    Array.from({ length: 20 }, async (_, k) => ({
      authorization: `Bearer ${await mintDevToken({ role, org: `${org}-${k % 5}`, subject: `${org}-${k}`, ttlSeconds: 24 * 3600 })}`,
      'x-purpose': purpose,
    })),
  );
}

/** Starts the traffic against a gateway; `stop()` waits for what is in flight and reports. */
export async function startTraffic(url: string, world: WorldSpec, perSecond: number) {
  const clerks = await people('clerk', 'hall-soak', 'LICENSING');
  const regulators = await people('regulator', 'samr-soak', 'SUPERVISION');
  const random = mulberry32(world.seed);
  const code = (): string => identityOf(world, Math.floor(random() * world.size)).uscc;
  const seen = new Set<string>();
  const latencies: number[] = [];
  const r: TrafficResult = {
    sent: 0,
    answered: 0,
    lost: 0,
    fieldErrors: 0,
    unknown: 0,
    shed: 0,
  } as TrafficResult;
  r.lostSamples = [];
  const inFlight = new Set<Promise<void>>();

  const one = async (): Promise<void> => {
    const pick = random();
    const person = <T>(of: T[]): T => of[Math.floor(random() * of.length)]!;
    const codes = pick < 0.95 ? [code()] : Array.from({ length: 20 }, code);
    const [query, variables, headers] =
      pick < 0.7
        ? [CHECK, { u: codes[0] }, person(clerks)]
        : pick < 0.95
          ? [PROFILE, { u: codes[0] }, person(regulators)]
          : [BATCH, { us: codes }, person(regulators)];
    for (const u of codes) seen.add(u);
    const t0 = performance.now();
    r.sent++;
    try {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json().catch(() => null)) as {
        data?: unknown;
        errors?: Array<{ extensions?: { code?: string } }>;
      } | null;
      if (res.status === 200 && body?.data) {
        r.answered++;
        latencies.push(performance.now() - t0);
        if (body.errors?.length) r.fieldErrors++;
        if (query === PROFILE && (body.data as { enterprise: unknown }).enterprise === null) r.unknown++;
      } else {
        r.lost++;
        if (r.lostSamples.length < 5)
          r.lostSamples.push(`${res.status} ${body?.errors?.[0]?.extensions?.code ?? 'no body'}`);
      }
    } catch (err) {
      r.lost++;
      if (r.lostSamples.length < 5) r.lostSamples.push((err as Error).name);
    }
  };

  const timer = setInterval(() => {
    if (inFlight.size >= MAX_IN_FLIGHT) {
      r.shed++;
      return;
    }
    const p = one().finally(() => inFlight.delete(p));
    inFlight.add(p);
  }, 1000 / perSecond);

  return {
    async stop(): Promise<TrafficResult> {
      clearInterval(timer);
      await Promise.all(inFlight);
      latencies.sort((a, b) => a - b);
      const at = (q: number): number => Math.round(latencies[Math.floor(q * (latencies.length - 1))] ?? 0);
      return { ...r, distinct: seen.size, p50: at(0.5), p95: at(0.95) };
    },
  };
}
