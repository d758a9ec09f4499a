/** `CreditEvent`: the part of its content that belongs to its kind. */
import type { CreditEventResolvers, CreditEventKind } from '../src/generated/graphql.ts';
import type { AlertKind } from '../src/credit/alerts.ts';
import { contentFor } from '../src/events/eventAudience.ts';

const part = <T>(content: Record<string, unknown>, key: string): T | null =>
  (content[key] as T | undefined) ?? null;

export const CreditEvent: CreditEventResolvers = {
  kind: (e) => e.kind as CreditEventKind,
  record: (e) => part(e.content, 'record'),
  listEntry: (e) => part(e.content, 'listEntry'),
  grade: (e) => part(e.content, 'grade'),
  alert: (e) => part<AlertKind>(e.content, 'alert'),
  // What of the basis this caller may read (eventAudience.ts), as the webhook body has it.
  basis: (e, _a, ctx) => part(contentFor(ctx.principal, e), 'basis'),
  objection: (e) => part(e.content, 'objection'),
  consent: (e) => part(e.content, 'consent'),
  deadline: (e) => part(e.content, 'deadline'),
};
