/**
 * The sandbox's development token issuer: an Ed25519 key derived from a fixed seed, so
 * `npm run token` and an in-process gateway agree without a key file. Never used unless the
 * gateway runs against the sandbox (or a test configures it explicitly).
 */
import { createHash, createPrivateKey } from 'node:crypto';
import { importJWK, SignJWT, type JWK } from 'jose';
import type { Purpose, Role } from './principal.ts';

/** The sandbox issuer's name and the gateway's audience. */
export const DEV_ISSUER = 'https://sandbox.credit-gateway.invalid/issuer';
export const DEFAULT_AUDIENCE = 'credit-gateway';
/** How long the playground's example tokens live: an hour. */
export const DEV_TOKEN_TTL_SECONDS = 3600;

function devKeyJwk(): JWK {
  const seed = createHash('sha256').update('credit-gateway sandbox issuer, development only').digest();
  // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410).
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const jwk = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' }) as JWK;
  return { ...jwk, kid: 'sandbox-dev-1', alg: 'EdDSA', use: 'sig' };
}

/** The sandbox issuer's signing key (tests sign tokens of their own shape with it). */
export function devSigningKey(): ReturnType<typeof importJWK> {
  return importJWK(devKeyJwk(), 'EdDSA');
}

/** The public key set of the sandbox issuer (what the gateway trusts in sandbox mode). */
export function devJwks(): { keys: JWK[] } {
  const { d: _d, ...pub } = devKeyJwk();
  return { keys: [pub] };
}

/** Claims of a development token. */
export interface DevTokenClaims {
  role: Role;
  org?: string;
  uscc?: string;
  subject?: string;
  /** A regulator's region (a region-code prefix) and department: what it sees and draws for (docs/rules.md "Supervision and alerts"). */
  region?: string;
  department?: string;
  /** Lifetime in seconds. @default 8 hours */
  ttlSeconds?: number;
  purpose?: Purpose;
}

/** Mints a token signed by the sandbox issuer. */
export async function mintDevToken(claims: DevTokenClaims, now = Date.now()): Promise<string> {
  const key = await devSigningKey();
  const iat = Math.floor(now / 1000);
  return new SignJWT({
    role: claims.role,
    org: claims.org,
    uscc: claims.uscc,
    ...(claims.region ? { region: claims.region } : {}),
    ...(claims.department ? { department: claims.department } : {}),
  })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'sandbox-dev-1' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEFAULT_AUDIENCE)
    .setSubject(claims.subject ?? `${claims.role}-${claims.org ?? claims.uscc ?? 'user'}`)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (claims.ttlSeconds ?? 8 * 3600))
    .sign(key);
}
