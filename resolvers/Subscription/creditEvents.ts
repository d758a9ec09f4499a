/**
 * `Subscription.creditEvents` (docs/rules.md "Supervision and alerts"): the hub's stream for the caller — each
 * event passed the audience rule and consent check — resumable from `after`. Every event delivered
 * is a read of that enterprise's data beyond the public view, so each is audited before it leaves
 * (fail closed: an event that cannot be recorded ends the subscription with AUDIT_UNAVAILABLE).
 */
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';
import type { CreditEvent } from '../../src/events/creditEvents.ts';
import type { GatewayContext } from '../../src/context.ts';
import type { SubscriptionResolvers } from '../../src/generated/graphql.ts';
import { quotaRefusal } from '../../src/server/quotas.ts';
import { unavailable } from '../shared/ledger.ts';
import { traitsOf } from '../../src/auth/roles.ts';

export const creditEvents: SubscriptionResolvers['creditEvents'] = {
  subscribe: (_p, { filter, after }, ctx) => {
    if (!ctx.events) throw unavailable();
    // Every event is a read beyond the public view: the purpose is asked for now, not at the first event.
    if (traitsOf(ctx.principal).token !== 'uscc' && ctx.principal.purpose === null)
      throw new GatewayError(
        'a subscription to credit events needs a purpose (X-Purpose, or x-purpose in the connection payload)',
        GatewayErrorCode.PURPOSE_REQUIRED,
      );
    if ((filter?.usccs?.length ?? 0) > 1000)
      throw new GatewayError('at most 1,000 enterprises per subscription', GatewayErrorCode.BAD_USER_INPUT, {
        argument: 'filter.usccs',
      });
    return ctx.events.hub.subscribe(ctx.principal, filter ?? {}, after ?? null);
  },
  resolve: async (event: CreditEvent, _a: unknown, ctx: GatewayContext) => {
    // Each event delivered counts one against the organization's daily event quota; past it the
    // event is not delivered, and the error says where to resume (it stays in the outbox).
    const quota = await ctx.events?.quotas?.use(ctx.principal.org, 'events', 1).catch(() => null);
    if (quota && !quota.ok) {
      const { message, extensions } = quotaRefusal(quota);
      throw new GatewayError(
        `${message}; resume with after: "${BigInt(event.id) - 1n}"`,
        GatewayErrorCode.QUOTA_EXCEEDED,
        {
          ...extensions,
          resumeAfter: String(BigInt(event.id) - 1n),
        },
      );
    }
    const audit = ctx.audit.fork();
    audit.noteRead(event.uscc, 'Subscription.creditEvents');
    try {
      await audit.flush('creditEvents', 'served');
    } catch {
      throw new GatewayError(
        'the audit log cannot be written, so this event is not delivered',
        GatewayErrorCode.AUDIT_UNAVAILABLE,
      );
    }
    return event;
  },
};
