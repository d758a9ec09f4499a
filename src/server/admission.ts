/**
 * Admission, the same for every transport (POST/GET /graphql, the reports and desk routes, SSE at
 * /graphql/stream, WebSocket upgrades): the client's address (clientAddress.ts) past its
 * failed-authentication budget is refused before its token is looked at; the token and purpose
 * are verified by the one authenticator (one token cache for all transports); a failure counts
 * against the address; then the principal's and organization's rate limits.
 */
import type { IncomingMessage } from 'node:http';
import { AuthenticationError, PurposeError } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import { GatewayErrorCode, httpStatusOf } from '../errors.ts';
import type { ClientAddress } from './clientAddress.ts';
import type { RateDecision, RateLimiter } from './rateLimit.ts';

/** A refusal, as the HTTP transports answer it. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
  headers: Record<string, string>;
  retryAfterSeconds?: number;
}

/** Who is asking, or why not. */
export type Admitted = { ok: true; principal: Principal; address: string } | ({ ok: false } & Refusal);

/** Admits a request; `credentials` replace the request's headers (a WebSocket's init payload). */
export type Admission = (
  req: IncomingMessage,
  credentials?: { authorization?: string; purpose?: string },
) => Promise<Admitted>;

/** What admission is built from. */
export interface AdmissionParts {
  authenticate: (authorization: string | undefined, purpose: string | undefined) => Promise<Principal>;
  rateLimit: RateLimiter;
  clientAddress: ClientAddress;
  onRateLimited?: (scope: string) => void;
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

function rateRefusal(d: Exclude<RateDecision, { ok: true }>): Refusal {
  return {
    status: httpStatusOf(GatewayErrorCode.RATE_LIMITED),
    code: GatewayErrorCode.RATE_LIMITED,
    message: `rate limit of this ${d.scope} reached`,
    headers: { 'retry-after': String(d.retryAfterSeconds) },
    retryAfterSeconds: d.retryAfterSeconds,
  };
}

/** Builds the admission every transport uses. */
export function createAdmission(p: AdmissionParts): Admission {
  return async (req, credentials) => {
    const address = p.clientAddress(req);
    const before = await p.rateLimit.address(address);
    if (!before.ok) {
      p.onRateLimited?.(before.scope);
      return { ok: false, ...rateRefusal(before) };
    }
    let principal: Principal;
    try {
      principal = await p.authenticate(
        credentials ? credentials.authorization : req.headers.authorization,
        credentials ? credentials.purpose : first(req.headers['x-purpose']),
      );
    } catch (err) {
      if (err instanceof AuthenticationError) {
        await p.rateLimit.authFailed(address);
        const headers = { 'www-authenticate': 'Bearer' };
        return {
          ok: false,
          status: httpStatusOf(GatewayErrorCode.UNAUTHENTICATED),
          code: GatewayErrorCode.UNAUTHENTICATED,
          message: err.message,
          headers,
        };
      }
      if (err instanceof PurposeError)
        return {
          ok: false,
          status: httpStatusOf(GatewayErrorCode.BAD_USER_INPUT),
          code: GatewayErrorCode.BAD_USER_INPUT,
          message: err.message,
          headers: {},
        };
      throw err;
    }
    const decision = await p.rateLimit.principal(principal, address);
    if (decision.ok) return { ok: true, principal, address };
    p.onRateLimited?.(decision.scope);
    return { ok: false, ...rateRefusal(decision) };
  };
}
