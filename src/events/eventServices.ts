/** What a request (and the transports) use of credit events. */
import type { AllowList } from './allowList.ts';
import type { EventHub } from './EventHub.ts';
import type { PendingAppends } from './PendingAppends.ts';
import type { EventStore } from './EventStore.ts';
import type { WebhookWorker } from './WebhookWorker.ts';
import type { Quotas } from '../server/quotas.ts';

/** The outbox, the live hub, the webhook worker, and the webhook rules. */
export interface EventServices {
  /** The outbox and webhook queue, or null while the ledger is away. */
  store(): EventStore | null;
  hub: EventHub;
  /** Events outside an assessment (consents) waiting while the ledger cannot take them. */
  pending: PendingAppends;
  worker: WebhookWorker;
  allow: AllowList;
  webhooksPerOrg: number;
  /** Organizations' daily quotas: each event delivered counts one against `events` (null: none configured). */
  quotas: Quotas | null;
}
