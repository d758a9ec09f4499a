/**
 * The sandbox's control port (docs/sandbox.md): request stats,
 * fault switches, the world's samples, and writes to the world that land in the change feed.
 */
import { createServer, type Server } from 'node:http';
import { z } from 'zod';
import type { DepartmentName } from './departmentServer.ts';
import { faultSettingsSchema, type FaultState } from './faults.ts';
import type { ChangeFeed } from './feed.ts';
import { json, parseJson, readBody, type Reply } from './http.ts';
import type { RequestStats } from './stats.ts';
import { enterpriseSchema } from './world/schema.ts';
import type { World } from './world/World.ts';

/** Where `POST /__sandbox/records` may append, and what the feed calls each. */
const RECORD_PATHS = {
  'tax.penalties': 'RECORD',
  'tax.majorCases': 'LIST',
  'market.penalties': 'RECORD',
  'market.abnormal': 'LIST',
  'market.seriousViolations': 'LIST',
  'environment.penalties': 'RECORD',
  'environment.ratings': 'RECORD',
  'court.dishonest': 'LIST',
  'court.enforced': 'RECORD',
  'court.restrictions': 'RECORD',
  'credit.lists': 'LIST',
  'credit.commitments': 'COMMITMENT',
  'credit.reorganizations': 'REORGANIZATION',
} as const;
type RecordPath = keyof typeof RECORD_PATHS;

const recordBody = z.object({
  uscc: z.string(),
  path: z.enum(Object.keys(RECORD_PATHS) as [RecordPath, ...RecordPath[]]),
  record: z.record(z.string(), z.unknown()),
});

/** What the control server works on. */
export interface ControlDeps {
  world: World;
  feed: ChangeFeed;
  stats: RequestStats;
  faults: Record<DepartmentName, FaultState>;
  seed: number | null;
  /** Samples of the declared departments' traits (sandbox/declared.ts), computed when first asked. */
  moreSamples?: () => Promise<Record<string, string[]>>;
}

function appendRecord(deps: ControlDeps, body: string): Reply {
  const parsed = recordBody.safeParse(parseJson(body));
  if (!parsed.success)
    return json(400, { error: `invalid body: ${parsed.error.issues[0]?.path.join('.') || 'body'}` });
  const { uscc, path, record } = parsed.data;
  const [dept, list] = path.split('.') as [string, string];
  const deptShape = enterpriseSchema.shape[dept as 'tax'] as unknown as {
    shape: Record<string, z.ZodArray<z.ZodType> | z.ZodDefault<z.ZodArray<z.ZodType>>>;
  };
  // A list the world file may omit has a default ([]): its items are the array's inside.
  const field = deptShape.shape[list]!;
  const array = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodArray<z.ZodType>) : field;
  const item = array.element.safeParse(record);
  if (!item.success)
    return json(400, { error: `invalid record: ${item.error.issues[0]?.path.join('.') || 'record'}` });
  const updated = deps.world.update(uscc, (e) => {
    (e as unknown as Record<string, Record<string, unknown[]>>)[dept]![list]!.push(item.data);
  });
  if (!updated) return json(404, { error: 'subject not found' });
  deps.feed.record(uscc, RECORD_PATHS[path]);
  return json(201, { ok: true });
}

/** Builds (but does not start) the control server. */
export function createControlServer(deps: ControlDeps): Server {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const body = await readBody(req).catch(() => '');
    const route = `${req.method} ${url.pathname}`;
    let reply: Reply;
    const fault = /^\/__sandbox\/faults\/([a-zA-Z]+)$/.exec(url.pathname);
    if (route === 'GET /__sandbox/stats') reply = json(200, deps.stats.snapshot());
    else if (route === 'GET /__sandbox/stats/rate') reply = json(200, deps.stats.rates());
    else if (route === 'GET /__sandbox/stats/concurrency')
      reply = json(200, { peakInFlight: deps.stats.peakInFlight, inFlight: deps.stats.servingNow });
    else if (route === 'POST /__sandbox/stats/reset') {
      deps.stats.reset();
      reply = json(200, { ok: true });
    } else if (route === 'GET /__sandbox/world') {
      reply = json(200, {
        asOf: deps.world.asOf,
        size: deps.world.size,
        seed: deps.seed,
        samples: { ...deps.world.samples(), ...(await (deps.moreSamples?.() ?? {})) },
      });
    } else if (route === 'POST /__sandbox/records') reply = appendRecord(deps, body);
    else if (route === 'POST /__sandbox/feed/restart') {
      deps.feed.restart();
      reply = json(200, { ok: true });
    } else if (route === 'POST /__sandbox/feed/compact') {
      deps.feed.compact();
      reply = json(200, { ok: true });
    } else if (fault && Object.hasOwn(deps.faults, fault[1]!)) {
      const state = deps.faults[fault[1] as DepartmentName];
      if (req.method === 'GET') reply = json(200, state.current);
      else if (req.method === 'DELETE') {
        state.clear();
        reply = json(200, state.current);
      } else if (req.method === 'PUT') {
        const parsed = faultSettingsSchema.safeParse(parseJson(body));
        if (parsed.success) {
          state.set(parsed.data);
          reply = json(200, state.current);
        } else
          reply = json(400, { error: `invalid faults: ${parsed.error.issues[0]?.path.join('.') || 'body'}` });
      } else reply = json(405, { error: 'method not allowed' });
    } else reply = json(404, { error: 'not found' });
    res.writeHead(reply.status, reply.headers ?? {});
    res.end(reply.body);
  });
}
