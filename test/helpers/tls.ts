/**
 * A private CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl
 * (as a city's own PKI would issue them) for the TLS tests.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The files and their PEM texts. */
export interface TestPki {
  dir: string;
  files: { ca: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string };
  pem: { ca: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string };
  /** A second CA that signed nothing here (a server it does not vouch for must be refused). */
  otherCa: string;
}

/** Makes the PKI; with `owner` (a system user), the server's files are handed to it (PostgreSQL insists). */
export function makePki(owner?: string): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'cg-pki-'));
  const f = (name: string): string => join(dir, name);
  const ssl = (...args: string[]): void => void execFileSync('openssl', args, { stdio: 'ignore' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=test-city-ca',
  );
  ssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    f('other.key'),
    '-out',
    f('other.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=other-ca',
  );
  const issue = (name: string, cn: string, ext: string): void => {
    ssl('req', ...ec, '-keyout', f(`${name}.key`), '-out', f(`${name}.csr`), '-subj', `/CN=${cn}`);
    writeFileSync(f(`${name}.ext`), ext);
    ssl(
      'x509',
      '-req',
      '-in',
      f(`${name}.csr`),
      '-CA',
      f('ca.pem'),
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-out',
      f(`${name}.pem`),
      '-days',
      '2',
      '-extfile',
      f(`${name}.ext`),
    );
  };
  issue('server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  issue('client', 'credit-gateway', 'extendedKeyUsage=clientAuth\n');
  if (owner && process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', owner], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', owner], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    for (const n of ['ca.pem', 'server.pem', 'server.key']) chownSync(f(n), uid, gid);
  }
  chmodSync(dir, 0o755);
  chmodSync(f('server.key'), 0o600);
  const files = {
    ca: f('ca.pem'),
    serverCert: f('server.pem'),
    serverKey: f('server.key'),
    clientCert: f('client.pem'),
    clientKey: f('client.key'),
  };
  const read = (p: string): string => readFileSync(p, 'utf8');
  return {
    dir,
    files,
    pem: {
      ca: read(files.ca),
      serverCert: read(files.serverCert),
      serverKey: read(files.serverKey),
      clientCert: read(files.clientCert),
      clientKey: read(files.clientKey),
    },
    otherCa: read(f('other.pem')),
  };
}
