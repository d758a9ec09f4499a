/**
 * Bearer-token verification with jose (issuer, audience, expiry; a JWKS URL or a static key
 * set), and the principal it yields. No token is the public role; a bad token is an error
 * (HTTP 401), never a silent downgrade.
 */
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { findUsccProblem } from '../credit/uscc.ts';
import { PUBLIC, PURPOSES, ROLES, type Principal, type Purpose, type Role } from './principal.ts';

/** How tokens are checked. */
export interface AuthConfig {
  issuer: string;
  audience: string;
  /** A JWKS URL, or a static key set. */
  jwks: { url: string } | { keys: JSONWebKeySet };
  /** Allowed clock skew. @default 30 */
  clockToleranceSeconds?: number;
}

/** Why a request could not be authenticated (the message is safe to show). */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

/** A bad `X-Purpose`. */
export class PurposeError extends Error {
  override readonly name = 'PurposeError';
}

/** Builds the authenticator: headers in, principal out. */
export function createAuthenticator(config: AuthConfig, now: () => number = Date.now) {
  const keys: JWTVerifyGetKey = 'url' in config.jwks ? createRemoteJWKSet(new URL(config.jwks.url)) : createLocalJWKSet(config.jwks.keys);
  return async (authorization: string | undefined, purposeHeader: string | undefined): Promise<Principal> => {
    const purpose = parsePurpose(purposeHeader);
    if (!authorization) return { ...PUBLIC, purpose };
    const m = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/.exec(authorization.trim());
    if (!m) throw new AuthenticationError('the Authorization header must be "Bearer <token>"');
    let payload;
    try {
      ({ payload } = await jwtVerify(m[1]!, keys, {
        issuer: config.issuer,
        audience: config.audience,
        clockTolerance: config.clockToleranceSeconds ?? 30,
        currentDate: new Date(now()),
      }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new AuthenticationError('the token has expired');
      if (err instanceof errors.JWTClaimValidationFailed) throw new AuthenticationError(`the token's ${err.claim} claim is not accepted`);
      throw new AuthenticationError('the token is not valid');
    }
    const role = payload.role;
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role) || role === 'public') throw new AuthenticationError('the token has no valid role');
    const org = typeof payload.org === 'string' ? payload.org : null;
    const uscc = typeof payload.uscc === 'string' ? payload.uscc : null;
    if (role === 'enterprise' && (!uscc || findUsccProblem(uscc))) throw new AuthenticationError('an enterprise token must name a valid uscc');
    if ((role === 'bank' || role === 'clerk' || role === 'regulator') && !org) throw new AuthenticationError(`a ${role} token must name its org`);
    return { role: role as Role, subject: payload.sub ?? null, org, uscc: role === 'enterprise' ? uscc : null, purpose };
  };
}

function parsePurpose(header: string | undefined): Purpose | null {
  if (!header) return null;
  const p = header.trim().toUpperCase().replace(/-/g, '_');
  if (!(PURPOSES as readonly string[]).includes(p)) throw new PurposeError(`X-Purpose must be one of ${PURPOSES.join(', ')}`);
  return p as Purpose;
}
