/**
 * Report verification codes: what a report certifies (number, enterprise, time, grade, and a
 * digest of its content) signed with the gateway's secret (HMAC-SHA256), so a printed report
 * can be checked as genuine at `/reports/verify/{code}` by any replica, with nothing stored.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What a report certifies. */
export interface Certified {
  reportNo: string;
  uscc: string;
  generatedAt: string;
  grade: string | null;
  ruleSet: string;
  /** sha256 (hex, first 32) of the report's data. */
  digest: string;
}

const sign = (secret: string, payload: string): string =>
  createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 22);

/** The digest of a report's data. */
export function digestOf(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 32);
}

/** The verification code printed on a report. */
export function verificationCode(secret: string, c: Certified): string {
  const payload = Buffer.from(
    JSON.stringify([c.reportNo, c.uscc, c.generatedAt, c.grade, c.ruleSet, c.digest]),
  ).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** What a code certifies, or null when it is not one this gateway signed (altered, truncated, forged). */
export function verifyCode(secret: string, code: string): Certified | null {
  // Exactly two base64url parts: anything appended, prepended or inserted is not a code we issued.
  const parts = code.split('.');
  if (parts.length !== 2 || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) return null;
  const [payload, sig] = parts as [string, string];
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [reportNo, uscc, generatedAt, grade, ruleSet, digest] = JSON.parse(
      Buffer.from(payload, 'base64url').toString('utf8'),
    ) as [string, string, string, string | null, string, string];
    return { reportNo, uscc, generatedAt, grade, ruleSet, digest };
  } catch {
    return null;
  }
}
