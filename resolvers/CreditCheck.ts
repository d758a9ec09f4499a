/** The approval check's answer: verdict, measures, basis and the freshness of what it was made from. */
import type { GatewayContext } from '../src/context.ts';
import {
  checkCode,
  checkVerifyPath,
  receiptSeal,
  shortVerifyPath,
  type CheckFacts,
} from '../src/frontends/report/checkReceipt.ts';
import type { CheckBasisResolvers, CreditCheckResolvers, Department } from '../src/generated/graphql.ts';
import { interviewsOf } from './Mutation/interviews.ts';
import type { StoredReceipt } from '../src/ledger/CheckReceipts.ts';

/** Keeps a receipt in the ledger under its code; false when there is none or it is away (the long address then serves). */
async function keepReceipt(
  ctx: GatewayContext,
  facts: CheckFacts,
  code: string,
  more: { name: string | null; missing: readonly string[]; sources: StoredReceipt['sources'] },
): Promise<boolean> {
  if (!ctx.ledger?.engine) return false;
  const key = ctx.receiptKeys.current;
  const row = {
    ...facts,
    code,
    keyId: key.id,
    org: ctx.principal.org ?? null,
    ...more,
    missing: [...more.missing],
    sources: more.sources.map((s) => ({
      department: s.department,
      status: s.status,
      fetchedAt: s.fetchedAt,
    })),
  };
  try {
    await ctx.ledger.receipts().issue({ ...row, seal: receiptSeal(key, row) });
    return true;
  } catch {
    return false;
  }
}

export const CreditCheck: CreditCheckResolvers = {
  uscc: (c) => c.uscc,
  name: (c) => c.profile.loaded.data.registration?.name ?? null,
  matter: (c) => c.result.matter,
  verdict: (c) => c.result.verdict,
  measures: (c) => c.result.measures,
  reasons: (c) => c.result.reasons,
  basis: (c, _a, ctx) => ({
    uscc: c.uscc,
    evaluation: c.profile.evaluation,
    records: c.result.records.length ? c.result.records : c.profile.evaluation.basis.records,
    // docs/rules.md "Approval checks": an active RED entry (守信联合激励对象) is what a FAST_TRACK may rest on.
    incentives: (c.profile.loaded.data.credit?.lists ?? []).filter(
      (l) => l.list === 'RED' && (l.removedOn === null || l.removedOn > ctx.today),
    ),
  }),
  // The printout's receipt: the request id (its audit entry's), the gateway's time, the code. With
  // the ledger it is kept under its code, which alone then verifies it (and the QR code carries the
  // short address); without, the long address states every fact.
  receipt: async (c, _a, ctx) => {
    const facts = {
      number: ctx.requestId,
      uscc: c.uscc,
      matter: c.result.matter,
      verdict: c.result.verdict,
      checkedAt: new Date(ctx.now()).toISOString(),
    };
    const code = checkCode(ctx.receiptKeys, facts);
    const kept = await keepReceipt(ctx, facts, code, {
      name: c.profile.loaded.data.registration?.name ?? null,
      missing: c.result.verdict === 'INCOMPLETE' ? c.result.missing : c.profile.loaded.missing,
      sources: c.profile.loaded.sources,
    });
    return {
      number: facts.number,
      checkedAt: facts.checkedAt,
      code,
      verifyPath: kept ? shortVerifyPath(code) : checkVerifyPath(facts, code),
    };
  },
  sources: (c) => c.profile.loaded.sources,
  complete: (c) => c.profile.loaded.missing.length === 0 && c.tooOld.length === 0,
  // A declared department's name is a value of the schema's Department enum (extended from the declarations).
  missingDepartments: (c) => c.result.missing as Department[],
  stale: (c) => c.profile.loaded.sources.some((s) => s.status === 'STALE'),
};

/** The check's basis: its interviews read from the ledger only when the caller asks for them. */
export const CheckBasis: CheckBasisResolvers = {
  interviews: (b, _a, ctx) => interviewsOf(ctx, b.uscc),
};
