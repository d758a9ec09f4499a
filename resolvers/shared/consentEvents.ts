/** Consent events (docs/rules.md "Supervision and alerts"): a grant or revocation through the gateway goes to the outbox. */
import type { GatewayContext } from '../../src/context.ts';
import type { Consent } from '../../src/model/unifiedModel.ts';

/**
 * Appends CONSENT_GRANTED / CONSENT_REVOKED; the consent itself stands either way. While the ledger
 * cannot take the event it waits in order (PendingAppends) and is appended when it can.
 */
export async function consentEvent(
  ctx: GatewayContext,
  kind: 'CONSENT_GRANTED' | 'CONSENT_REVOKED',
  c: Pick<Consent, 'id' | 'uscc' | 'grantee' | 'scopes' | 'purpose' | 'expiresAt'>,
): Promise<void> {
  if (!ctx.events) return;
  const consent = {
    id: c.id,
    grantee: c.grantee,
    scopes: c.scopes,
    purpose: c.purpose,
    expiresAt: c.expiresAt,
  };
  await ctx.events.pending.append({ uscc: c.uscc, kind, departments: [], content: { consent } });
}
