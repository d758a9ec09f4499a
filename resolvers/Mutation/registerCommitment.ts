/**
 * `Mutation.registerCommitment`: an approval system registers the commitment it accepted from an
 * applicant (告知承诺, docs/rules.md "Approval checks"); the credit platform records it PENDING, and past its due date
 * it counts as BREACHED. Clerks only; audited like every write.
 */
import type { MutationResolvers } from '../../src/generated/graphql.ts';
import { resolveEnterprise } from '../shared/resolveEnterprise.ts';
import { listCommitment } from './commitmentChecks.ts';

const MAX_TEXT = 2000;

export const registerCommitment: MutationResolvers['registerCommitment'] = async (_p, { input }, ctx) => {
  const { uscc, dueDate } = input;
  const verifying = input.verifyingDepartment ?? null;
  const [type, matter, content] = [input.type.trim(), input.matter.trim(), input.content.trim()];
  const tooLong = [type, matter, content].some((t) => !t || t.length > MAX_TEXT);
  if (tooLong || (dueDate && dueDate < ctx.today))
    return { accepted: false, id: null, refusal: 'INVALID_COMMITMENT' };
  // 容缺受理: accepted with documents missing, on the promise to supply them — by a day, or never checked.
  if (!dueDate && type.includes('容缺')) return { accepted: false, id: null, refusal: 'DUE_DATE_REQUIRED' };
  if (!(await resolveEnterprise(ctx, uscc)))
    return { accepted: false, id: null, refusal: 'UNKNOWN_ENTERPRISE' };
  await ctx.audit.recordIntent('commitment.register', uscc, 'registerCommitment');
  const r = await ctx.credit.registerCommitment({ uscc, type, matter, content, dueDate: dueDate ?? null });
  ctx.audit.noteAction(
    'commitment.register',
    uscc,
    r.ok ? `registered ${r.value.id} for ${matter}` : `refused ${r.status}`,
  );
  if (!r.ok) return { accepted: false, id: null, refusal: 'PLATFORM_REFUSED' };
  // The enterprise's commitments changed: every replica drops what it held for it.
  await ctx.invalidate(uscc);
  // On the verifying department's list, when one is named (the commitment loop).
  if (verifying)
    await listCommitment(ctx, {
      id: r.value.id,
      uscc,
      department: verifying,
      type,
      matter,
      dueOn: dueDate ?? null,
    });
  return { accepted: true, id: r.value.id, refusal: null };
};
