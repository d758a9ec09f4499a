/**
 * `registerWebhook`, `removeWebhook`, `webhooks` and `webhookDeliveries`: an
 * organization's systems receive credit events as signed POSTs. Only to allow-listed targets
 * (WEBHOOK_ALLOWED_HOSTS); a bank's webhook carries the purpose it declared when registering, and
 * receives only what its consents cover for that purpose. Registration and removal are audited.
 */
import type { GatewayContext } from '../../src/context.ts';
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';
import { checkTarget } from '../../src/events/allowList.ts';
import type { EventServices } from '../../src/events/eventServices.ts';
import type { EventStore } from '../../src/events/EventStore.ts';
import type { MutationResolvers, QueryResolvers } from '../../src/generated/graphql.ts';
import { unavailable } from '../shared/ledger.ts';
import { badInput } from '../shared/input.ts';
import { traitsOf } from '../../src/auth/roles.ts';

/** The caller's organization and the event services, or the reason why not. */
function owner(ctx: GatewayContext): { org: string; events: EventServices; store: EventStore } {
  const { principal } = ctx;
  if (!principal.org || !traitsOf(principal).webhooks)
    throw new GatewayError(
      'only regulators, banks and departments keep webhooks',
      GatewayErrorCode.FORBIDDEN,
    );
  const store = ctx.events?.store();
  if (!ctx.events || !store) throw unavailable();
  return { org: principal.org, events: ctx.events, store };
}

export const registerWebhook: MutationResolvers['registerWebhook'] = async (
  _p,
  { url, kinds, filter },
  ctx,
) => {
  const { org, events, store } = owner(ctx);
  if (url.length > 2000) throw badInput('url', 'url is too long');
  if (kinds.length === 0) throw badInput('kinds', 'name at least one kind of event');
  if ((filter?.usccs?.length ?? 0) > 1000)
    throw badInput('filter.usccs', 'at most 1,000 enterprises per webhook');
  if (traitsOf(ctx.principal).holdsConsents && !ctx.principal.purpose)
    throw new GatewayError(
      'a bank registers a webhook for a purpose (X-Purpose); its consents are checked against it',
      GatewayErrorCode.PURPOSE_REQUIRED,
    );
  const target = await checkTarget(url, events.allow);
  if (!target.ok)
    throw new GatewayError(
      `the webhook's target is refused: ${target.reason}`,
      GatewayErrorCode.WEBHOOK_TARGET_REFUSED,
      {
        argument: 'url',
      },
    );
  if ((await store.countLive(org)) >= events.webhooksPerOrg)
    throw new GatewayError(
      `at most ${events.webhooksPerOrg} webhooks per organization`,
      GatewayErrorCode.RATE_LIMITED,
    );
  await ctx.audit.recordIntent('webhook.register', 'city', 'registerWebhook');
  const hook = await store.register({
    ownerRole: ctx.principal.role,
    ownerOrg: org,
    ownerSubject: ctx.principal.subject,
    purpose: ctx.principal.purpose,
    url,
    kinds: [...new Set(kinds)],
    usccs: filter?.usccs?.length ? [...new Set(filter.usccs)] : null,
  });
  ctx.audit.noteAction('webhook.register', 'city', `registered ${hook.id}`);
  return { id: hook.id, secret: hook.secret, keyId: hook.keyId, webhook: hook };
};

export const rotateWebhookSecret: MutationResolvers['rotateWebhookSecret'] = async (
  _p,
  { id, overlapHours },
  ctx,
) => {
  const { org, store } = owner(ctx);
  const hours = overlapHours ?? 24;
  if (!Number.isInteger(hours) || hours < 0 || hours > 168)
    throw badInput('overlapHours', 'overlapHours must be 0 to 168');
  await ctx.audit.recordIntent('webhook.rotate', 'city', 'rotateWebhookSecret');
  const hook = await store.rotate(org, id, hours * 3_600_000);
  ctx.audit.noteAction(
    'webhook.rotate',
    'city',
    hook ? `rotated ${id} to ${hook.keyId}` : `no webhook ${id}`,
  );
  return hook ? { id: hook.id, secret: hook.secret, keyId: hook.keyId, webhook: hook } : null;
};

export const removeWebhook: MutationResolvers['removeWebhook'] = async (_p, { id }, ctx) => {
  const { org, store } = owner(ctx);
  await ctx.audit.recordIntent('webhook.remove', 'city', 'removeWebhook');
  const hook = await store.remove(org, id);
  ctx.audit.noteAction('webhook.remove', 'city', hook ? `removed ${id}` : `no webhook ${id}`);
  return hook;
};

export const webhooks: QueryResolvers['webhooks'] = async (_p, _a, ctx) => {
  const { org, store } = owner(ctx);
  return store.webhooks(org);
};

export const webhookDeliveries: QueryResolvers['webhookDeliveries'] = async (
  _p,
  { webhookId, first },
  ctx,
) => {
  const { org, store } = owner(ctx);
  const n = first ?? 50;
  if (n < 1 || n > 100) throw badInput('first', 'first must be 1 to 100');
  const rows = await store.deliveries(org, webhookId, n);
  if (!rows)
    throw new GatewayError('no such webhook of this organization', GatewayErrorCode.NOT_FOUND, {
      argument: 'webhookId',
    });
  return rows;
};
