/**
 * Signed checkpoints of the audit chain (X-Road's message log is the bar; docs/access.md): each
 * replica signs its chain head — replica, sequence, hash, time — with an Ed25519 key from
 * configuration, and the checkpoint is itself an entry of the chain. A verifier holding the public
 * keys (served at `/.well-known/audit-keys`) then catches what a hash chain alone cannot: a chain
 * rehashed after an edit, a dropped tail, a forged checkpoint.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** A signed chain head. */
export interface Checkpoint {
  replica: string;
  /** The sequence number and hash of the entry signed (the one before the checkpoint entry). */
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  /** Ed25519 over the canonical message, base64url. */
  signature: string;
}

/** A replica's signing key. */
export interface AuditSigner {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** The key id of a public key when none is configured: the first 16 hex digits of SHA-256 of its SPKI. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** A signer from an Ed25519 private key in PEM (PKCS#8). */
export function signerFromPem(pem: string, keyId?: string): AuditSigner {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the audit signing key must be Ed25519');
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyId || keyIdOf(publicKey), privateKey, publicKey };
}

/** What is signed: the head's fields in a fixed order. */
function message(c: Pick<Checkpoint, 'replica' | 'seq' | 'hash' | 'at'>): Buffer {
  return Buffer.from(JSON.stringify(['credit-gateway audit checkpoint v1', c.replica, c.seq, c.hash, c.at]));
}

/** Signs a chain head. */
export function signCheckpoint(
  signer: AuditSigner,
  head: Pick<Checkpoint, 'replica' | 'seq' | 'hash' | 'at'>,
): Checkpoint {
  const signature = sign(null, message(head), signer.privateKey).toString('base64url');
  return { ...head, keyId: signer.keyId, signature };
}

/** Whether a checkpoint's signature verifies under a public key. */
export function checkpointVerifies(c: Checkpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, message(c), publicKey, Buffer.from(c.signature, 'base64url'));
  } catch {
    return false;
  }
}

/** The public keys as a JWK set (what `/.well-known/audit-keys` serves). */
export function publicJwks(signers: AuditSigner[]): { keys: Array<Record<string, string>> } {
  return {
    keys: signers.map((s) => ({
      ...(s.publicKey.export({ format: 'jwk' }) as Record<string, string>),
      kid: s.keyId,
      use: 'sig',
      alg: 'EdDSA',
    })),
  };
}

/** Public keys by key id, from a JWK set. */
export function keysFromJwks(jwks: { keys?: Array<Record<string, unknown>> }): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const jwk of jwks.keys ?? []) {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.kid !== 'string') continue;
    keys.set(
      jwk.kid,
      createPublicKey({ key: jwk as unknown as import('node:crypto').JsonWebKey, format: 'jwk' }),
    );
  }
  return keys;
}
