/**
 * Bearer-token verification with jose (issuer, audience, expiry; a JWKS URL or a static key
 * set), and the principal it yields. No token is the public role; a bad token is an error
 * (HTTP 401), never a silent downgrade.
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { findUsccProblem } from '../credit/uscc.ts';
import { everyDepartmentName } from '../departments/declared/declarations.ts';
import { PUBLIC, PURPOSES, type Principal, type Purpose, type Role } from './principal.ts';
import { ROLE_TABLE, type RoleTable } from './roles.ts';

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

/** Builds the authenticator: headers in, principal out; the role table says which roles a token may carry and what each needs. */
export function createAuthenticator(
  config: AuthConfig,
  now: () => number = Date.now,
  roles: RoleTable = ROLE_TABLE,
) {
  const keys: JWTVerifyGetKey =
    'url' in config.jwks ? createRemoteJWKSet(new URL(config.jwks.url)) : createLocalJWKSet(config.jwks.keys);
  // A verified token's principal, kept until the token expires (at most a minute): a signature
  // check per request was a tenth of the gateway's CPU on warm lookups (bench/README.md).
  const verified = new LRUCache<string, { principal: Omit<Principal, 'purpose'>; until: number }>({
    max: 10_000,
  });
  return async (authorization: string | undefined, purposeHeader: string | undefined): Promise<Principal> => {
    const purpose = parsePurpose(purposeHeader);
    if (!authorization) return { ...PUBLIC, purpose };
    // RFC 7235: the scheme is case-insensitive (Bearer, bearer, BEARER).
    const m = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization.trim());
    if (!m) throw new AuthenticationError('the Authorization header must be "Bearer <token>"');
    const hit = verified.get(m[1]!);
    if (hit && hit.until > now()) return { ...hit.principal, purpose };
    const principal = await verify(m[1]!);
    verified.set(m[1]!, { principal: principal.principal, until: Math.min(principal.exp, now() + 60_000) });
    return { ...principal.principal, purpose };
  };

  async function verify(token: string): Promise<{ principal: Omit<Principal, 'purpose'>; exp: number }> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: config.issuer,
        audience: config.audience,
        clockTolerance: config.clockToleranceSeconds ?? 30,
        currentDate: new Date(now()),
        // A token must say when it expires: one without `exp` would be good forever.
        requiredClaims: ['exp'],
      }));
      // A token issued in the future (beyond the skew) was not issued by a clock we trust.
      const skew = config.clockToleranceSeconds ?? 30;
      if (typeof payload.iat === 'number' && payload.iat * 1000 > now() + skew * 1000)
        throw new AuthenticationError('the token is issued in the future');
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      if (err instanceof errors.JWTExpired) throw new AuthenticationError('the token has expired');
      if (err instanceof errors.JWTClaimValidationFailed)
        throw new AuthenticationError(`the token's ${err.claim} claim is not accepted`);
      throw new AuthenticationError('the token is not valid');
    }
    const role = payload.role;
    const traits = typeof role === 'string' && Object.hasOwn(roles, role) ? roles[role]! : null;
    if (!traits || traits.token === null) throw new AuthenticationError('the token has no valid role');
    const org = typeof payload.org === 'string' ? payload.org : null;
    const uscc = typeof payload.uscc === 'string' ? payload.uscc : null;
    const a = `${/^[aeiou]/.test(String(role)) ? 'an' : 'a'} ${role}`;
    if (traits.token === 'uscc' && (!uscc || findUsccProblem(uscc)))
      throw new AuthenticationError(`${a} token must name a valid uscc`);
    if (traits.token === 'org' && !org) throw new AuthenticationError(`${a} token must name its org`);
    // The five and the declared departments alike (docs/departments.md): each has its own systems and regulators.
    const departments = everyDepartmentName();
    if (traits.token === 'department' && !departments.includes(org ?? ''))
      throw new AuthenticationError(`${a} token must name its department as org (${departments.join(', ')})`);
    // A regulator may be scoped to a region (a region-code prefix) and a department (docs/rules.md "Supervision and alerts").
    const region = payload.region;
    if (region !== undefined && (typeof region !== 'string' || !/^\d{2,6}$/.test(region)))
      throw new AuthenticationError('the token region must be a region code prefix of 2 to 6 digits');
    const department = payload.department;
    if (department !== undefined && !(departments as unknown[]).includes(department))
      throw new AuthenticationError(`the token department must be one of ${departments.join(', ')}`);
    const exp = typeof payload.exp === 'number' ? payload.exp * 1000 : now() + 60_000;
    return {
      principal: {
        role: role as Role,
        subject: payload.sub ?? null,
        org,
        uscc: traits.token === 'uscc' ? uscc : null,
        expiresAt: exp,
        traits,
        ...(traits.supervises
          ? {
              region: (region as string | undefined) ?? null,
              department: (department as string | undefined) ?? null,
            }
          : {}),
      },
      exp,
    };
  }
}

function parsePurpose(header: string | undefined): Purpose | null {
  if (!header) return null;
  const p = header.trim().toUpperCase().replace(/-/g, '_');
  if (!(PURPOSES as readonly string[]).includes(p))
    throw new PurposeError(`X-Purpose must be one of ${PURPOSES.join(', ')}`);
  return p as Purpose;
}
