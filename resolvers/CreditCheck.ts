/** The approval check's answer: verdict, measures, basis and the freshness of what it was made from. */
import { checkCode, checkVerifyPath } from '../src/frontends/report/checkReceipt.ts';
import type { CreditCheckResolvers } from '../src/generated/graphql.ts';

export const CreditCheck: CreditCheckResolvers = {
  uscc: (c) => c.uscc,
  name: (c) => c.profile.loaded.data.registration?.name ?? null,
  matter: (c) => c.result.matter,
  verdict: (c) => c.result.verdict,
  measures: (c) => c.result.measures,
  reasons: (c) => c.result.reasons,
  basis: (c, _a, ctx) => ({
    evaluation: c.profile.evaluation,
    records: c.result.records.length ? c.result.records : c.profile.evaluation.basis.records,
    // domain.md §6: an active RED entry (守信联合激励对象) is what a FAST_TRACK may rest on.
    incentives: (c.profile.loaded.data.credit?.lists ?? []).filter(
      (l) => l.list === 'RED' && (l.removedOn === null || l.removedOn > ctx.today),
    ),
  }),
  // The printout's receipt: the request id (its audit entry's), the gateway's time, the code.
  receipt: (c, _a, ctx) => {
    const facts = {
      number: ctx.requestId,
      uscc: c.uscc,
      matter: c.result.matter,
      verdict: c.result.verdict,
      checkedAt: new Date(ctx.now()).toISOString(),
    };
    const code = checkCode(ctx.receiptKeys, facts);
    return {
      number: facts.number,
      checkedAt: facts.checkedAt,
      code,
      verifyPath: checkVerifyPath(facts, code),
    };
  },
  sources: (c) => c.profile.loaded.sources,
  complete: (c) => c.profile.loaded.missing.length === 0,
  missingDepartments: (c) => c.result.missing,
  stale: (c) => c.profile.loaded.sources.some((s) => s.status === 'STALE'),
};
