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
  /**
   * The enterprise's registered name, kept beside a short code's certificate in the ledger for the
   * verification page (not part of any code: the codes of reports already issued stay valid).
   */
  name?: string | null;
  /** Whether every department answered (a report is only issued complete; kept for the page). */
  complete?: boolean;
}

const sign = (secret: string, payload: string): string =>
  createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 22);

/** The digest of a report's data. */
export function digestOf(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 32);
}

/** A key that signs verification codes, and its id (printed inside every code it signs). */
export interface ReportKey {
  id: string;
  secret: string;
}

/** The current key, and retired ones still accepted for codes they signed (key rotation). */
export interface ReportKeys {
  current: ReportKey;
  previous: readonly ReportKey[];
}

/** A key's default id: 8 characters of its digest (stable, and no part of the secret). */
export function reportKeyId(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url').slice(0, 8);
}

/** The verification code printed on a report: what it certifies with the key's id, signed with that key. */
export function verificationCode(keys: ReportKeys, c: Certified): string {
  const { id, secret } = keys.current;
  const payload = Buffer.from(
    JSON.stringify([id, c.reportNo, c.uscc, c.generatedAt, c.grade, c.ruleSet, c.digest]),
  ).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

const matches = (secret: string, payload: string, sig: string): boolean => {
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
};

/**
 * What a code certifies and which key signed it, or null when it is not one this gateway signed
 * (altered, truncated, forged, or signed by a key no longer accepted). A code names its key, so a
 * code issued before a rotation verifies with the retired key; codes from before key ids (six
 * fields) are tried against every accepted key.
 */
export function verifyCode(keys: ReportKeys, code: string): (Certified & { keyId: string }) | null {
  // Exactly two base64url parts: anything appended, prepended or inserted is not a code we issued.
  const parts = code.split('.');
  if (parts.length !== 2 || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) return null;
  const [payload, sig] = parts as [string, string];
  let fields: unknown[];
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
  } catch {
    return null;
  }
  if (!Array.isArray(fields)) return null;
  const accepted = [keys.current, ...keys.previous];
  const legacy = fields.length === 6;
  const key = legacy
    ? accepted.find((k) => matches(k.secret, payload, sig))
    : accepted.find((k) => k.id === fields[0] && matches(k.secret, payload, sig));
  if (!key) return null;
  const [reportNo, uscc, generatedAt, grade, ruleSet, digest] = (legacy ? fields : fields.slice(1)) as [
    string,
    string,
    string,
    string | null,
    string,
    string,
  ];
  return { reportNo, uscc, generatedAt, grade, ruleSet, digest, keyId: key.id };
}

// Crockford's base32: no I, L, O or U, so a code read aloud or typed is not mistaken.
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Buffer, chars: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= chars) break;
  }
  return out;
}

/** The canonical text a short code signs: every certified field, the key id first. */
const shortPayload = (keyId: string, c: Certified): string =>
  JSON.stringify([
    keyId,
    c.reportNo,
    c.uscc,
    c.generatedAt,
    c.grade,
    c.ruleSet,
    c.complete ?? true,
    c.digest,
  ]);

/** A key id as short codes carry it: its first four characters, upper-cased base32 of the id. */
const keyTag = (keyId: string): string => base32(createHash('sha256').update(keyId).digest(), 4);

/**
 * The short verification code printed on a report and carried by its QR code (≤ 20 characters:
 * `KKKK-XXXX-XXXX-XXXX`): four characters naming the key, then twelve of an HMAC-SHA256 of what
 * the report certifies under that key (60 bits). The certificate itself is kept in the ledger
 * (report_certificates), found by the code; an edited row no longer matches its code.
 */
export function shortCode(keys: ReportKeys, c: Certified): string {
  const { id, secret } = keys.current;
  const mac = base32(createHmac('sha256', secret).update(shortPayload(id, c)).digest(), 12);
  return `${keyTag(id)}-${mac.slice(0, 4)}-${mac.slice(4, 8)}-${mac.slice(8, 12)}`;
}

/** Whether a text has the short code's shape (case and spaces forgiven, as a person types it). */
export function normalizeShortCode(text: string): string | null {
  // Read off paper: O is taken for 0, I and L for 1 (Crockford's reading; the code uses none of them).
  const t = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(t)) return null;
  return `${t.slice(0, 4)}-${t.slice(4, 8)}-${t.slice(8, 12)}-${t.slice(12, 16)}`;
}

/**
 * Checks a stored certificate against its short code: the key the code names must still be
 * accepted, and the code must be that key's HMAC of exactly these fields. Null when not genuine.
 */
export function verifyShortCode(
  keys: ReportKeys,
  code: string,
  c: Certified & { keyId: string },
): (Certified & { keyId: string }) | null {
  const key = [keys.current, ...keys.previous].find(
    (k) => k.id === c.keyId && keyTag(k.id) === code.slice(0, 4),
  );
  if (!key) return null;
  const expected = shortCode({ current: key, previous: [] }, c);
  const a = Buffer.from(expected);
  const b = Buffer.from(code);
  return a.length === b.length && timingSafeEqual(a, b) ? c : null;
}
