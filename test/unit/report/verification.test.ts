/** Report verification codes across a key rotation: a code names its key; retired keys still verify what they signed. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  normalizeShortCode,
  reportKeyId,
  verificationCode,
  verifyCode,
  type Certified,
} from '../../../src/frontends/report/verification.ts';

const cert: Certified = {
  reportNo: 'CR2026110100000001',
  uscc: '91441500MA4UXXXX0X',
  generatedAt: '2026-11-01T08:00:00.000Z',
  grade: 'A',
  ruleSet: 'domain-default 2026.12',
  digest: '0123456789abcdef0123456789abcdef',
};
const oldKey = { id: 'k2025', secret: 'the-old-secret' };
const newKey = { id: 'k2026', secret: 'the-new-secret' };

describe('report verification codes and key rotation', () => {
  it('a code issued under the old key verifies after the rotation, and says which key signed it', () => {
    const code = verificationCode({ current: oldKey, previous: [] }, cert);
    expect(verifyCode({ current: newKey, previous: [oldKey] }, code)).toEqual({ ...cert, keyId: 'k2025' });
    // Once the old key is retired for good, its codes no longer verify.
    expect(verifyCode({ current: newKey, previous: [] }, code)).toBeNull();
  });

  it('a code names its key: the same content signed by another key under that id is refused', () => {
    const code = verificationCode({ current: oldKey, previous: [] }, cert);
    const impostor = verificationCode({ current: { id: 'k2025', secret: 'guessed' }, previous: [] }, cert);
    expect(impostor).not.toBe(code);
    expect(verifyCode({ current: newKey, previous: [oldKey] }, impostor)).toBeNull();
  });

  it('codes from before key ids (six fields) verify against every accepted key', () => {
    // The pre-rotation format: the six certified fields, signed with the secret alone.
    const payload = Buffer.from(
      JSON.stringify([cert.reportNo, cert.uscc, cert.generatedAt, cert.grade, cert.ruleSet, cert.digest]),
    ).toString('base64url');
    const legacy = `${payload}.${createHmac('sha256', oldKey.secret).update(payload).digest('base64url').slice(0, 22)}`;
    expect(verifyCode({ current: newKey, previous: [oldKey] }, legacy)).toEqual({ ...cert, keyId: 'k2025' });
  });

  it('a default key id is a digest, not part of the secret', () => {
    expect(reportKeyId('the-old-secret')).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(reportKeyId('the-old-secret')).not.toContain('old');
  });

  it('a short code read off paper: case, spaces and dashes forgiven, O read as 0, I and L as 1', () => {
    expect(normalizeShortCode('7k3m q2p9-xw4t 8hjn')).toBe('7K3M-Q2P9-XW4T-8HJN');
    expect(normalizeShortCode('O1AB-IL00-CDEF-GHJK')).toBe('01AB-1100-CDEF-GHJK');
    // U is no reading of anything: still not a code.
    expect(normalizeShortCode('U1AB-1100-CDEF-GHJK')).toBeNull();
    expect(normalizeShortCode('7K3M-Q2P9-XW4T')).toBeNull();
  });
});
