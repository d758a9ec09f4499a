/** `Mutation.fileObjection`: an enterprise objects to a record (异议); the record shows as disputed until resolved. */
import type { MutationResolvers } from '../../src/generated/graphql.ts';
import { actingEnterprise } from '../shared/actingEnterprise.ts';
import { startObjection } from './objections.ts';

export const fileObjection: MutationResolvers['fileObjection'] = async (_p, { input }, ctx) => {
  const uscc = actingEnterprise(ctx);
  const reason = input.reason.trim();
  if (!reason || reason.length > 2000) return { accepted: false, objection: null, refusal: 'INVALID_REASON' };
  await ctx.audit.recordIntent('objection.file', uscc, 'fileObjection');
  const r = await ctx.credit.fileObjection({ uscc, recordRef: input.recordRef, reason });
  ctx.audit.noteAction(
    'objection.file',
    uscc,
    r.ok ? `filed ${r.value.id} on ${input.recordRef}` : `refused ${r.status}`,
  );
  if (!r.ok)
    return {
      accepted: false,
      objection: null,
      refusal: r.status === 404 ? 'UNKNOWN_RECORD' : 'PLATFORM_REFUSED',
    };
  // The record is now disputed: every replica drops what it held for this enterprise.
  await ctx.invalidate(uscc);
  // The answering department is owed its deadlines and told (the workflow, when there is a ledger).
  await startObjection(ctx, { id: r.value.id, uscc, recordRef: input.recordRef, reason });
  return {
    accepted: true,
    refusal: null,
    objection: {
      id: r.value.id,
      recordRef: input.recordRef,
      status: 'OPEN',
      filedOn: ctx.today,
      resolvedOn: null,
    },
  };
};
