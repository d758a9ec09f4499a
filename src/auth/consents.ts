/**
 * Bank consent (docs/access.md; the consent artefact of India's Account Aggregator: purpose,
 * scopes, expiry, status). A bank sees a consent-scoped field of an enterprise only while the
 * credit platform holds an ACTIVE consent for that bank, that scope and that purpose, before
 * its expiry. Checked per enterprise in a batch: one consents call per batch, cached briefly
 * per bank, dropped at once when the change feed reports a CONSENT change.
 */
import DataLoader from 'dataloader';
import type { Consent } from '../model/unifiedModel.ts';
import { GatewayError, GatewayErrorCode } from '../errors.ts';

/** What a consent can open. */
export const CONSENT_SCOPES = ['TAX_RATINGS', 'TAX_PAID', 'ARREARS', 'COMMITMENTS', 'EVALUATION'] as const;
/** One scope. */
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/** A grantee's consents as the platform lists them (all statuses). */
export type ConsentSource = (grantee: string) => Promise<Consent[]>;

/** A process-wide, short-lived cache of each bank's consents, dropped on feed changes. */
export class ConsentCache {
  private readonly entries = new Map<string, { at: number; value: Promise<Consent[]> }>();

  constructor(
    private readonly source: ConsentSource,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every consent the grantee holds, from cache while fresh. */
  get(grantee: string): Promise<Consent[]> {
    const hit = this.entries.get(grantee);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = this.source(grantee);
    this.entries.set(grantee, { at: this.now(), value });
    value.catch(() => this.entries.delete(grantee));
    return value;
  }

  /** Drops everything (a CONSENT change names the enterprise, not the bank). */
  clear(): void {
    this.entries.clear();
  }
}

/**
 * The decision for one (bank, enterprise, scope, purpose): allowed, or the typed reason why not,
 * most specific first — a live consent for another purpose says so rather than "no consent".
 */
export function decideConsent(
  consents: readonly Consent[],
  scope: ConsentScope,
  purpose: string | null,
  nowMs: number,
): true | GatewayError {
  const live = consents.filter(
    (c) => c.status === 'ACTIVE' && !c.revokedAt && Date.parse(c.expiresAt) > nowMs,
  );
  if (live.some((c) => c.scopes.includes(scope) && c.purpose === purpose)) return true;
  if (live.some((c) => c.scopes.includes(scope))) {
    return new GatewayError(
      `the consent for ${scope} is for another purpose`,
      GatewayErrorCode.CONSENT_PURPOSE,
      { scope },
    );
  }
  if (live.length)
    return new GatewayError(`the consent does not cover ${scope}`, GatewayErrorCode.CONSENT_SCOPE, { scope });
  const withScope = consents.filter((c) => c.scopes.includes(scope));
  if (withScope.some((c) => c.status === 'REVOKED' || c.revokedAt))
    return new GatewayError('the consent was revoked', GatewayErrorCode.CONSENT_REVOKED, { scope });
  if (withScope.some((c) => c.status === 'EXPIRED' || Date.parse(c.expiresAt) <= nowMs))
    return new GatewayError('the consent has expired', GatewayErrorCode.CONSENT_EXPIRED, { scope });
  return new GatewayError('no consent from this enterprise', GatewayErrorCode.CONSENT_REQUIRED, { scope });
}

/** A request's consent checks for one bank: its consents loaded once per request batch. */
export function createConsentChecker(cache: ConsentCache, grantee: string | null, now: () => number) {
  const loader = new DataLoader<string, Consent[]>(async (usccs) => {
    // One platform call per batch, whatever the number of enterprises.
    const all = grantee ? await cache.get(grantee) : [];
    return usccs.map((u) => all.filter((c) => c.uscc === u));
  });
  return {
    /** The active consents a bank holds for an enterprise. */
    consentsFor: (uscc: string): Promise<Consent[]> => loader.load(uscc),
    async check(uscc: string, scope: ConsentScope, purpose: string | null): Promise<true | GatewayError> {
      return decideConsent(await loader.load(uscc), scope, purpose, now());
    },
  };
}

/** A request's consent checker. */
export type ConsentChecker = ReturnType<typeof createConsentChecker>;
