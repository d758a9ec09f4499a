/**
 * The public credit platform (connectors/credit/wire.ts): subjects, objections, consents, repairs and
 * the change feed. It owns what no single department owns; every write lands in the feed.
 */
import { z } from 'zod';
import type { ConsentWire } from '../../connectors/credit/wire.ts';
import type { DepartmentDefinition } from '../departmentServer.ts';
import type { ChangeFeed } from '../feed.ts';
import { json, parseJson, type Reply } from '../http.ts';
import { toIsoDate } from '../../src/credit/dates.ts';
import { recordRefsOf } from '../world/recordRefs.ts';
import type { World } from '../world/World.ts';

const recordRef = z.string().regex(/^(tax|market|environment|court|credit):.+$/);
/** An objection names a record, or the grade itself (`evaluation`, connectors/credit/wire.ts). */
const objectionBody = z.object({
  uscc: z.string(),
  recordRef: z.union([recordRef, z.literal('evaluation')]),
  reason: z.string().min(1).max(2000),
});
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const commitmentBody = z.object({
  uscc: z.string(),
  type: z.string().min(1).max(100),
  matter: z.string().min(1).max(200),
  content: z.string().min(1).max(2000),
  dueDate: isoDay.nullable(),
});
const repairBody = z.object({ uscc: z.string(), recordRef, decidedBy: z.string().min(1) });
const consentBody = z.object({
  uscc: z.string(),
  grantee: z.string().min(1),
  scopes: z.array(z.string().min(1)).min(1),
  purpose: z.string().min(1),
  expiresAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO timestamp'),
});

/** The bank that holds the sample EVALUATION consents (`evaluationConsent` enterprises, docs/access.md). */
export const SAMPLE_BANK = 'sandbox-bank';

const bad = (error: string): Reply => json(400, { error });
const NOT_FOUND = json(404, { error: 'subject not found' });

/** What the platform keeps between calls: consents, commitments registered here, its numbering, its day. */
interface Platform {
  world: World;
  feed: ChangeFeed;
  now: () => number;
  consents: Map<string, Omit<ConsentWire, 'status'>>;
  /** Commitments registered here, by id: the enterprise each belongs to (for PATCH). */
  committed: Map<string, string>;
  nextId: () => number;
  today: () => string;
}

/** Validates a write naming an enterprise and one of its records. */
function recordWrite<T extends { uscc: string; recordRef: string }>(
  world: World,
  schema: z.ZodType<T>,
  body: string,
): T | Reply {
  const parsed = schema.safeParse(parseJson(body));
  if (!parsed.success) return bad(`invalid body: ${parsed.error.issues[0]?.path.join('.') || 'body'}`);
  const e = world.get(parsed.data.uscc);
  if (!e) return NOT_FOUND;
  if (parsed.data.recordRef !== 'evaluation' && !recordRefsOf(e).includes(parsed.data.recordRef)) {
    return json(404, { error: 'record not found' });
  }
  return parsed.data;
}

/** A subject's records, objections to them and their repairs. */
function recordRoutes(p: Platform): DepartmentDefinition['routes'] {
  const { world, feed, today } = p;
  return [
    {
      method: 'GET',
      pattern: /^\/credit\/v1\/subjects\/([^/]+)$/,
      key: 'GET /credit/v1/subjects/{uscc}',
      handle: ({ params }) => {
        const e = world.get(params[0]!);
        return e ? json(200, e.credit) : NOT_FOUND;
      },
    },
    {
      method: 'POST',
      pattern: /^\/credit\/v1\/objections$/,
      key: 'POST /credit/v1/objections',
      handle: ({ body }) => {
        const w = recordWrite(world, objectionBody, body);
        if ('status' in w) return w;
        const id = `OB-S${p.nextId()}`;
        world.update(w.uscc, (e) =>
          e.credit.objections.push({
            id,
            recordRef: w.recordRef,
            status: 'OPEN',
            filedAt: today(),
            resolvedAt: null,
          }),
        );
        feed.record(w.uscc, 'OBJECTION');
        return json(201, { id, status: 'OPEN' });
      },
    },
    {
      method: 'POST',
      pattern: /^\/credit\/v1\/repairs$/,
      key: 'POST /credit/v1/repairs',
      handle: ({ body }) => {
        const w = recordWrite(world, repairBody, body);
        if ('status' in w) return w;
        world.update(w.uscc, (e) => e.credit.repairs.push({ recordRef: w.recordRef, repairedAt: today() }));
        feed.record(w.uscc, 'REPAIR');
        return json(201, { id: `RP-S${p.nextId()}` });
      },
    },
  ];
}

/** Commitments registered at a check, and their verification. */
function commitmentRoutes(p: Platform): DepartmentDefinition['routes'] {
  const { world, feed, today, committed } = p;
  return [
    {
      method: 'POST',
      pattern: /^\/credit\/v1\/commitments$/,
      key: 'POST /credit/v1/commitments',
      handle: ({ body }) => {
        const parsed = commitmentBody.safeParse(parseJson(body));
        if (!parsed.success) return bad(`invalid body: ${parsed.error.issues[0]?.path.join('.') || 'body'}`);
        const w = parsed.data;
        if (!world.get(w.uscc)) return NOT_FOUND;
        const id = `CM-S${p.nextId()}`;
        const { type, matter, content, dueDate } = w;
        world.update(w.uscc, (e) =>
          e.credit.commitments.push({
            id,
            type,
            matter,
            content,
            signedAt: today(),
            dueDate,
            status: 'PENDING',
          }),
        );
        committed.set(id, w.uscc);
        feed.record(w.uscc, 'COMMITMENT');
        return json(201, { id });
      },
    },
    {
      // The verifying department sets a commitment's status (connectors/credit/wire.ts). The sandbox knows
      // the commitments registered through it; a world-generated one answers 404.
      method: 'PATCH',
      pattern: /^\/credit\/v1\/commitments\/([^/]+)$/,
      key: 'PATCH /credit/v1/commitments/{id}',
      handle: ({ params, body }) => {
        const id = decodeURIComponent(params[0]!);
        const parsed = z
          .object({ status: z.enum(['FULFILLED', 'BREACHED', 'PENDING']) })
          .safeParse(parseJson(body));
        if (!parsed.success) return bad('invalid body: status');
        const uscc = committed.get(id);
        if (!uscc) return json(404, { error: 'commitment not found' });
        world.update(uscc, (e) => {
          const c = e.credit.commitments.find((x) => x.id === id);
          if (c) c.status = parsed.data.status;
        });
        feed.record(uscc, 'COMMITMENT');
        return json(200, { id });
      },
    },
  ];
}

/** Consents granted, revoked and listed. */
function consentRoutes(p: Platform): DepartmentDefinition['routes'] {
  const { world, feed, now, consents } = p;
  const statusOf = (c: Omit<ConsentWire, 'status'>): ConsentWire['status'] =>
    c.revokedAt ? 'REVOKED' : Date.parse(c.expiresAt) <= now() ? 'EXPIRED' : 'ACTIVE';
  return [
    {
      method: 'POST',
      pattern: /^\/credit\/v1\/consents$/,
      key: 'POST /credit/v1/consents',
      handle: ({ body }) => {
        const parsed = consentBody.safeParse(parseJson(body));
        if (!parsed.success) return bad(`invalid body: ${parsed.error.issues[0]?.path.join('.') || 'body'}`);
        if (!world.get(parsed.data.uscc)) return NOT_FOUND;
        const id = `CS-${p.nextId()}`;
        const expiresAt = new Date(parsed.data.expiresAt).toISOString();
        consents.set(id, {
          id,
          ...parsed.data,
          expiresAt,
          createdAt: new Date(now()).toISOString(),
          revokedAt: null,
        });
        feed.record(parsed.data.uscc, 'CONSENT');
        return json(201, { id });
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/credit\/v1\/consents\/([^/]+)$/,
      key: 'DELETE /credit/v1/consents/{id}',
      handle: ({ params }) => {
        const c = consents.get(params[0]!);
        if (!c) return json(404, { error: 'consent not found' });
        if (!c.revokedAt) {
          c.revokedAt = new Date(now()).toISOString();
          feed.record(c.uscc, 'CONSENT');
        }
        return json(200, { id: c.id, status: 'REVOKED' });
      },
    },
    {
      method: 'GET',
      pattern: /^\/credit\/v1\/consents$/,
      key: 'GET /credit/v1/consents',
      handle: ({ query }) => {
        const uscc = query.get('uscc');
        const grantee = query.get('grantee');
        // `status=all` (an extension in the platform's style) also lists revoked and expired consents,
        // so a caller can tell "revoked" from "never granted".
        const all = query.get('status') === 'all';
        const list = [...consents.values()]
          .filter((c) => (!uscc || c.uscc === uscc) && (!grantee || c.grantee === grantee))
          .map((c) => ({ ...c, status: statusOf(c) }))
          .filter((c) => all || c.status === 'ACTIVE');
        return json(200, { consents: list });
      },
    },
  ];
}

/** The change feed. */
function changeRoutes(feed: ChangeFeed): DepartmentDefinition['routes'] {
  return [
    {
      method: 'GET',
      pattern: /^\/credit\/v1\/changes$/,
      key: 'GET /credit/v1/changes',
      handle: ({ query }) => {
        const limit = Number(query.get('limit') ?? '500');
        if (!Number.isInteger(limit) || limit < 1 || limit > 500) return bad('limit must be 1..500');
        const read = feed.read(query.get('after'), limit);
        if (!read) return bad('invalid cursor');
        if (read.gone) return json(410, { error: 'cursor expired' });
        return json(200, { cursor: read.cursor, changes: read.changes });
      },
    },
  ];
}

/** The credit platform over a world, its feed and the clock. */
export function creditDepartment(world: World, feed: ChangeFeed, now: () => number): DepartmentDefinition {
  let n = 1;
  const p: Platform = {
    world,
    feed,
    now,
    consents: new Map(),
    committed: new Map(),
    nextId: () => n++,
    today: () => toIsoDate(now()),
  };
  // The world's evaluationConsent sample has consented to a bank reading its grade, for a year.
  for (const uscc of world.samples().evaluationConsent ?? []) {
    const id = `CS-${p.nextId()}`;
    p.consents.set(id, {
      id,
      uscc,
      grantee: SAMPLE_BANK,
      scopes: ['EVALUATION'],
      purpose: 'PRE_CREDIT',
      expiresAt: new Date(now() + 365 * 86_400_000).toISOString(),
      createdAt: new Date(now()).toISOString(),
      revokedAt: null,
    });
  }
  return {
    name: 'credit',
    routes: [...recordRoutes(p), ...commitmentRoutes(p), ...consentRoutes(p), ...changeRoutes(feed)],
    errorReply: () => json(503, { error: 'service unavailable' }),
    notFoundReply: () => json(404, { error: 'not found' }),
    unauthorizedReply: () => json(401, { error: 'invalid app key' }),
  };
}
