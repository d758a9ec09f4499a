/**
 * Where webhooks may point: only `host:port` pairs in WEBHOOK_ALLOWED_HOSTS, over http
 * or https, without credentials in the URL. A listed name that resolves to a loopback, link-local,
 * unspecified or cloud-metadata address is refused unless that address (with the port) is listed
 * too, so a name someone re-points (DNS rebinding) cannot reach the host's own services.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** The allowed `host:port` pairs, lower-case. */
export type AllowList = ReadonlySet<string>;

/**
 * Parses WEBHOOK_ALLOWED_HOSTS (comma-separated `host:port`; an IPv6 address in brackets,
 * `[fd00::5]:8443`, is kept as the URL's host reads without them).
 */
export function parseAllowList(text: string | undefined): AllowList {
  return new Set(
    (text ?? '')
      .split(',')
      .map((s) =>
        s
          .trim()
          .toLowerCase()
          .replace(/^\[([^\]]*)\]:/, '$1:'),
      )
      .filter(Boolean),
  );
}

/**
 * Addresses a webhook must never reach unless listed: loopback, link-local (metadata included),
 * unspecified, and the private ranges (RFC 1918, shared address space, unique-local IPv6), where
 * the deployment's own services live.
 */
export function internal(address: string): boolean {
  const a = address.toLowerCase().replace(/^::ffff:/, '');
  return (
    /^127\./.test(a) ||
    /^169\.254\./.test(a) ||
    /^10\./.test(a) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(a) ||
    /^192\.168\./.test(a) ||
    /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./.test(a) ||
    /^f[cd][0-9a-f]{2}:/.test(a) ||
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

/** A target that may be reached, with the address it was checked at (null for a literal IP). */
export type TargetCheck =
  | { ok: true; host: string; address: { address: string; family: number } | null }
  | { ok: false; reason: string };

/**
 * Whether a webhook may be registered at, or delivered to, `url`; the reason when not. A name is
 * resolved here once, and the delivery connects to the address checked (`address`), so a name
 * re-pointed between the check and the connection cannot reach what the check refused.
 */
export async function checkTarget(url: string, allow: AllowList): Promise<TargetCheck> {
  const t = targetOf(url);
  if (!t) return { ok: false, reason: 'the URL must be http(s), without credentials' };
  if (!allow.has(t.hostPort)) return { ok: false, reason: `${t.hostPort} is not in WEBHOOK_ALLOWED_HOSTS` };
  if (isIP(t.host)) return { ok: true, host: t.host, address: null };
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = await lookup(t.host, { all: true });
  } catch {
    return { ok: false, reason: `${t.host} does not resolve` };
  }
  const blocked = addresses.find((a) => internal(a.address) && !allow.has(`${a.address}:${t.port}`));
  if (blocked) return { ok: false, reason: `${t.host} resolves to an internal address that is not listed` };
  return { ok: true, host: t.host, address: addresses[0]! };
}
