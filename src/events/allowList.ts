/**
 * Where webhooks may point (issue 18): only `host:port` pairs in WEBHOOK_ALLOWED_HOSTS, over http
 * or https, without credentials in the URL. A listed name that resolves to a loopback, link-local,
 * unspecified or cloud-metadata address is refused unless that address (with the port) is listed
 * too, so a name someone re-points (DNS rebinding) cannot reach the host's own services.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** The allowed `host:port` pairs, lower-case. */
export type AllowList = ReadonlySet<string>;

/** Parses WEBHOOK_ALLOWED_HOSTS (comma-separated `host:port`). */
export function parseAllowList(text: string | undefined): AllowList {
  return new Set(
    (text ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** Addresses a webhook must never reach unless listed: loopback, link-local (metadata included), unspecified. */
function internal(address: string): boolean {
  const a = address.toLowerCase().replace(/^::ffff:/, '');
  return (
    /^127\./.test(a) ||
    /^169\.254\./.test(a) ||
    a === '0.0.0.0' ||
    a === '::1' ||
    a === '::' ||
    /^fe[89ab][0-9a-f]:/.test(a) ||
    a === '100.100.100.200' || // Alibaba Cloud's metadata service
    /^fd00:ec2::/.test(a)
  );
}

/** The URL's `host:port` as listed (brackets dropped from IPv6), or null for a URL that is not http(s). */
export function targetOf(url: string): { hostPort: string; host: string; port: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password) return null;
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return { hostPort: `${host}:${port}`, host, port };
}

/** Whether a webhook may be registered at, or delivered to, `url`; the reason when not. */
export async function checkTarget(
  url: string,
  allow: AllowList,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const t = targetOf(url);
  if (!t) return { ok: false, reason: 'the URL must be http(s), without credentials' };
  if (!allow.has(t.hostPort)) return { ok: false, reason: `${t.hostPort} is not in WEBHOOK_ALLOWED_HOSTS` };
  if (isIP(t.host)) return { ok: true };
  let addresses: Array<{ address: string }>;
  try {
    addresses = await lookup(t.host, { all: true });
  } catch {
    return { ok: false, reason: `${t.host} does not resolve` };
  }
  const blocked = addresses.find((a) => internal(a.address) && !allow.has(`${a.address}:${t.port}`));
  return blocked
    ? { ok: false, reason: `${t.host} resolves to an internal address that is not listed` }
    : { ok: true };
}
