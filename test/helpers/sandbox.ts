/** Starts a sandbox on free loopback ports for one test file, with a fixed world and clock. */
import { anyPorts, startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/startSandbox.ts';
import { inProcessDispatcher } from './noSockets.ts';

/** The fixed "today" of test worlds. */
export const TEST_AS_OF = '2026-11-01';

/**
 * A sandbox with every port chosen by the OS; with `listen: false`, none opened — its servers are
 * served in process (noSockets.ts) to the gateway and to `fetch`.
 */
export async function startTestSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const sb = await startSandbox({
    seed: 7,
    size: 400,
    asOf: TEST_AS_OF,
    now: () => Date.parse(`${TEST_AS_OF}T08:00:00Z`),
    ...opts,
    ports: { ...anyPorts(), ...opts.ports },
  });
  if (opts.listen === false)
    for (const [origin, server] of sb.servers) inProcessDispatcher().register(origin, server);
  return sb;
}

/** A request to a department with the sandbox's app key. */
export function dept(
  sandbox: Sandbox,
  name: keyof Sandbox['urls'],
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  return fetch(sandbox.urls[name] + path, {
    ...init,
    headers: { 'x-app-key': sandbox.appKey, ...(init.headers as Record<string, string>) },
  });
}

/** The sandbox's world samples by trait. */
export async function samples(sandbox: Sandbox): Promise<Record<string, string[]>> {
  const res = await fetch(`${sandbox.urls.control}/__sandbox/world`);
  return ((await res.json()) as { samples: Record<string, string[]> }).samples;
}

/** Request counts per department and route. */
export async function stats(sandbox: Sandbox): Promise<Record<string, Record<string, number>>> {
  return (await (await fetch(`${sandbox.urls.control}/__sandbox/stats`)).json()) as Record<
    string,
    Record<string, number>
  >;
}

/**
 * Zeroes the request counts once the sandbox is quiet: nothing being served and no new request for
 * three reads in a row. An attempt the gateway gave up on (a timeout on a busy machine) can reach
 * the sandbox after the operation that made it has answered; counted after a plain reset, it was
 * charged to the next test.
 */
export async function resetStatsWhenQuiet(sandbox: Sandbox): Promise<void> {
  const read = async () =>
    JSON.stringify([
      await stats(sandbox),
      (
        (await (await fetch(`${sandbox.urls.control}/__sandbox/stats/concurrency`)).json()) as {
          inFlight: number;
        }
      ).inFlight,
    ]);
  let last = '';
  let same = 0;
  for (let i = 0; i < 300 && same < 3; i++) {
    const now = await read();
    same = now === last && now.endsWith(',0]') ? same + 1 : 0;
    last = now;
    if (same < 3) await new Promise((r) => setTimeout(r, 50));
  }
  await resetStats(sandbox);
}

/** Zeroes the request counts. */
export async function resetStats(sandbox: Sandbox): Promise<void> {
  await fetch(`${sandbox.urls.control}/__sandbox/stats/reset`, { method: 'POST' });
}

/** Switches a department's faults; an empty object clears them. */
export async function setFaults(
  sandbox: Sandbox,
  department: string,
  faults: Record<string, unknown> | null,
): Promise<void> {
  const res = await fetch(`${sandbox.urls.control}/__sandbox/faults/${department}`, {
    method: faults ? 'PUT' : 'DELETE',
    body: faults ? JSON.stringify(faults) : undefined,
  });
  if (!res.ok) throw new Error(`faults ${department}: ${res.status}`);
}

/** Posts a general market penalty (a fine over the minor threshold) for an enterprise at the sandbox. */
export async function postMarketPenalty(sandbox: Sandbox, uscc: string, id: string): Promise<void> {
  const res = await fetch(`${sandbox.urls.control}/__sandbox/records`, {
    method: 'POST',
    body: JSON.stringify({
      uscc,
      path: 'market.penalties',
      record: { id, date: '2026-10-20', kinds: ['罚款'], amount: '50000.00', fact: '虚假宣传' },
    }),
  });
  if (res.status >= 300) throw new Error(`posting a penalty: HTTP ${res.status}`);
}
