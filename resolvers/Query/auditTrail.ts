/**
 * `Query.myDataAccess` and `Query.auditTrail` (docs/access.md): who read an enterprise's
 * data beyond the public view, from the audit archive — for the enterprise itself without the
 * officials' ids (as Estonia's Data Tracker), and for regulators the whole trail of an enterprise,
 * an organization or a principal. Both keyset-paged newest first, and both audited.
 */
import { regionOf, withinRegion } from '../../src/auth/audience.ts';
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';
import type { AuditTrailFilter, MutationResolvers, QueryResolvers } from '../../src/generated/graphql.ts';
import type { ArchivedEntry, TimeRange, TrailFilter } from '../../src/ledger/AuditArchive.ts';
import type { Principal } from '../../src/auth/principal.ts';
import { actingEnterprise } from '../shared/actingEnterprise.ts';
import { decodeTrailKey, encodeTrailKey } from '../shared/cursor.ts';
import { withArchive } from '../shared/ledger.ts';
import { actorOf, badInput } from '../shared/input.ts';

/** `first` within 1 to 100. */
function pageSize(first: number | null | undefined, fallback: number): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > 100) throw badInput('first', 'first must be 1 to 100');
  return n;
}

/** The time range, `from` not after `to`. */
function rangeOf(from: string | null | undefined, to: string | null | undefined): TimeRange {
  if (from && to && Date.parse(from) > Date.parse(to)) throw badInput('to', 'to must not be before from');
  return { from: from ?? null, to: to ?? null };
}

/** Exactly one of the filter's fields. */
function trailFilter(f: AuditTrailFilter): TrailFilter {
  const given = (['uscc', 'organization', 'principal'] as const).filter((k) => f[k] != null && f[k] !== '');
  if (given.length !== 1) throw badInput('filter', 'name exactly one of uscc, organization and principal');
  const key = given[0]!;
  const value = f[key]!;
  if (value.length > 200) throw badInput(`filter.${key}`, `${key} is too long`);
  return key === 'uscc'
    ? { uscc: value }
    : key === 'organization'
      ? { organization: value }
      : { principal: value };
}

/** A page's edges and paging. */
function connection<N>(rows: ArchivedEntry[], hasNextPage: boolean, node: (r: ArchivedEntry) => N) {
  const edges = rows.map((r) => ({ cursor: encodeTrailKey(r), node: node(r) }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

const role = (r: ArchivedEntry): Principal['role'] => r.role as Principal['role'];
const purpose = (r: ArchivedEntry): Principal['purpose'] => r.purpose as Principal['purpose'];

export const myDataAccess: QueryResolvers['myDataAccess'] = async (_p, args, ctx) => {
  const uscc = actingEnterprise(ctx);
  const first = pageSize(args.first, 20);
  const range = rangeOf(args.from, args.to);
  const after = decodeTrailKey(args.after);
  ctx.audit.noteRead(uscc, 'Query.myDataAccess');
  // A regulator's INVESTIGATION reads are held back while the investigation is open (never
  // longer than INVESTIGATION_HOLD_DAYS): the data tracker must not tip off the subject.
  const heldSince = new Date(ctx.now() - ctx.investigationHoldDays * 86_400_000).toISOString();
  const page = await withArchive(ctx, (a) => a.dataAccess(uscc, range, first, after, heldSince));
  // Officials' ids and the other enterprises a read named are not the enterprise's to see (docs/access.md).
  return connection(page.rows, page.hasNextPage, (r) => ({
    at: r.at,
    organization: r.org,
    role: role(r),
    purpose: purpose(r),
    fieldGroups: r.fieldGroups,
    operationName: r.operation,
  }));
};

export const closeInvestigation: MutationResolvers['closeInvestigation'] = async (_p, { uscc }, ctx) => {
  if (!withinRegion(ctx.principal, uscc))
    throw new GatewayError(
      `a regulator of region ${ctx.principal.region} closes investigations of enterprises of that region`,
      GatewayErrorCode.FORBIDDEN,
      { argument: 'uscc' },
    );
  const at = new Date(ctx.now());
  await withArchive(ctx, (a) => a.closeInvestigation(uscc, at, actorOf(ctx)));
  ctx.audit.noteAction(
    'investigation.close',
    uscc,
    'closed: its investigation reads show in its data tracker',
  );
  return at.toISOString();
};

export const auditTrail: QueryResolvers['auditTrail'] = async (_p, args, ctx) => {
  const filter = trailFilter(args.filter);
  // A regional regulator reads the trail of enterprises of its region, one at a time (audience.ts).
  if (regionOf(ctx.principal) !== null && !('uscc' in filter && withinRegion(ctx.principal, filter.uscc)))
    throw new GatewayError(
      `a regulator of region ${ctx.principal.region} reads the audit trail of an enterprise of that region (filter.uscc)`,
      GatewayErrorCode.FORBIDDEN,
      { argument: 'filter' },
    );
  const first = pageSize(args.first, 50);
  const range = rangeOf(args.from, args.to);
  const after = decodeTrailKey(args.after);
  const page = await withArchive(ctx, (a) => a.trail(filter, range, first, after));
  // The trail reveals who read which enterprises: its entry names each of them.
  ctx.audit.noteRead(null, 'Query.auditTrail');
  for (const r of page.rows)
    for (const u of r.enterprises) if (u !== 'city') ctx.audit.noteRead(u, 'Query.auditTrail');
  return connection(page.rows, page.hasNextPage, (r) => ({
    replica: r.replica,
    seq: String(r.seq),
    at: r.at,
    requestId: r.requestId,
    principal: r.subject,
    organization: r.org,
    role: role(r),
    purpose: purpose(r),
    action: r.action,
    operationName: r.operation,
    enterprises: r.enterprises,
    fieldGroups: r.fieldGroups,
    outcome: r.outcome,
    hash: r.hash,
  }));
};
