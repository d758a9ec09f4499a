/**
 * TLS options for the gateway's own connections: a CA to trust (a city's private CA)
 * and a client certificate, for the departments, Redis and PostgreSQL. Each value is PEM text,
 * from the variable or — as every variable — from the file `<NAME>_FILE` names (mounted secrets).
 */
import type { EnvReader } from './env.ts';

/** PEM texts: the CA to trust, and this gateway's client certificate and key. */
export interface TlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
}

/**
 * `<PREFIX>_TLS_CA`, `_TLS_CERT`, `_TLS_KEY` (or their `_FILE`s); undefined when none is set.
 * A certificate needs its key and a key its certificate; a value that is not PEM is a problem.
 */
export function readTls(r: EnvReader, prefix: string): TlsOptions | undefined {
  const tls: TlsOptions = {};
  for (const [field, suffix] of [
    ['ca', 'CA'],
    ['cert', 'CERT'],
    ['key', 'KEY'],
  ] as const) {
    const name = `${prefix}_TLS_${suffix}`;
    const value = r.string(name);
    if (value === undefined) continue;
    if (!value.includes('-----BEGIN '))
      r.problems.push(`${name} must be PEM text (or ${name}_FILE a PEM file)`);
    tls[field] = value;
  }
  if (Boolean(tls.cert) !== Boolean(tls.key))
    r.problems.push(
      `${prefix}_TLS_CERT and ${prefix}_TLS_KEY go together (a client certificate and its key)`,
    );
  return Object.keys(tls).length > 0 ? tls : undefined;
}
