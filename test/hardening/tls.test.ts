/**
 * TLS for the gateway's own connections, each against a real server with a private CA
 * and client certificates required: a department behind an HTTPS endpoint that demands a client
 * certificate, redis-server on its TLS port with client authentication, PostgreSQL with ssl=on.
 * And the configuration: PEM from the variable or its `_FILE`, a certificate without its key refused.
 */
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectors } from '../../connectors/index.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { createRedisClient, isReady } from '../../src/cache/redisClient.ts';
import { loadConfig } from '../../src/config/gatewayConfig.ts';
import { openLedger } from '../../src/ledger/openLedger.ts';
import { urlsOf } from '../helpers/gateway.ts';
import { postgresBinaries, startPostgres } from '../helpers/postgres.ts';
import { redisAvailable } from '../helpers/redis.ts';
import { samples, startTestSandbox } from '../helpers/sandbox.ts';
import { freePort } from '../helpers/ports.ts';
import { makePki, type TestPki } from '../helpers/tls.ts';
import { spawn, type ChildProcess } from 'node:child_process';

const HAS_REDIS = redisAvailable();
const PG_BIN = postgresBinaries();
const silent = pino({ level: 'silent' });

let pki: TestPki;
beforeAll(() => {
  pki = makePki('postgres');
});
afterAll(() => rmSync(pki.dir, { recursive: true, force: true }));

describe('TLS to a department (a CA and a client certificate)', () => {
  let sb: Sandbox;
  let proxy: Server;
  let url: string;
  let uscc: string;
  beforeAll(async () => {
    sb = await startTestSandbox({ size: 50 });
    uscc = (await samples(sb)).clean![0]!;
    const upstream = new URL(sb.urls.market);
    // Market regulation's HTTPS endpoint: a client certificate from the city's CA is required.
    proxy = createServer(
      {
        key: pki.pem.serverKey,
        cert: pki.pem.serverCert,
        ca: pki.pem.ca,
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const out = httpRequest(
          {
            host: upstream.hostname,
            port: upstream.port,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        req.pipe(out);
      },
    );
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => proxy.close(r));
    await sb.close();
  });

  const market = (tls: Parameters<typeof createConnectors>[0]['tls']) =>
    createConnectors({
      urls: { ...urlsOf(sb), MARKET: url },
      appKey: 'sandbox',
      tls,
      settings: { MARKET: { maxAttempts: 1 } },
    });

  it('answers with the CA and the client certificate', async () => {
    const c = market({ MARKET: { ca: pki.pem.ca, cert: pki.pem.clientCert, key: pki.pem.clientKey } });
    try {
      const reg = await c.market.fetchRegistration(uscc);
      expect(reg?.uscc).toBe(uscc);
    } finally {
      await c.close();
    }
  });

  it('fails without the client certificate, and against a server another CA vouches for', async () => {
    const noCert = market({ MARKET: { ca: pki.pem.ca } });
    const wrongCa = market({ MARKET: { ca: pki.otherCa, cert: pki.pem.clientCert, key: pki.pem.clientKey } });
    try {
      await expect(noCert.market.fetchRegistration(uscc)).rejects.toMatchObject({ kind: 'unavailable' });
      await expect(wrongCa.market.fetchRegistration(uscc)).rejects.toMatchObject({ kind: 'unavailable' });
    } finally {
      await noCert.close();
      await wrongCa.close();
    }
  });
});

describe.skipIf(!HAS_REDIS)('TLS to Redis (client authentication required)', () => {
  let child: ChildProcess;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    child = spawn(
      'redis-server',
      [
        '--port',
        '0',
        '--tls-port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--tls-cert-file',
        pki.files.serverCert,
        '--tls-key-file',
        pki.files.serverKey,
        '--tls-ca-cert-file',
        pki.files.ca,
        '--tls-auth-clients',
        'yes',
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      { stdio: 'ignore' },
    );
  });
  afterAll(() => {
    child.kill('SIGKILL');
  });

  it('the gateway’s client connects with REDIS_TLS_* and works; without its certificate it never becomes ready', async () => {
    const config = loadConfig({
      REDIS_URL: `rediss://127.0.0.1:${port}`,
      REDIS_TLS_CA: pki.pem.ca,
      REDIS_TLS_CERT: pki.pem.clientCert,
      REDIS_TLS_KEY: pki.pem.clientKey,
      LOG_LEVEL: 'silent',
    });
    const client = createRedisClient(config.cache.redis!, 'tls', silent);
    const refused = createRedisClient(
      { mode: 'standalone', url: `rediss://127.0.0.1:${port}`, tls: { ca: pki.pem.ca } },
      'tls-no-cert',
      silent,
    );
    try {
      await expect.poll(() => isReady(client), { timeout: 5000 }).toBe(true);
      await client.set('cg:tls-test', 'ok');
      expect(await client.get('cg:tls-test')).toBe('ok');
      await new Promise((r) => setTimeout(r, 500));
      expect(isReady(refused)).toBe(false);
    } finally {
      client.disconnect();
      refused.disconnect();
    }
  });
});

describe.skipIf(!PG_BIN)('TLS to PostgreSQL', () => {
  it('the ledger connects over TLS, verifying the server by the CA and presenting its client certificate', async () => {
    const pg = await startPostgres(PG_BIN!, [
      'ssl=on',
      `ssl_cert_file=${pki.files.serverCert}`,
      `ssl_key_file=${pki.files.serverKey}`,
      `ssl_ca_file=${pki.files.ca}`,
    ]);
    try {
      const config = loadConfig({
        DATABASE_URL: pg.url,
        DATABASE_TLS_CA: pki.pem.ca,
        DATABASE_TLS_CERT: pki.pem.clientCert,
        DATABASE_TLS_KEY: pki.pem.clientKey,
        LOG_LEVEL: 'silent',
      });
      const db = await openLedger(config.ledger!);
      try {
        const r = await db.pool.query('SELECT ssl, client_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
        expect(r.rows[0]).toEqual({ ssl: true, client_dn: '/CN=credit-gateway' });
      } finally {
        await db.close();
      }
      // A server the configured CA does not vouch for is refused.
      const wrong = loadConfig({ DATABASE_URL: pg.url, DATABASE_TLS_CA: pki.otherCa, LOG_LEVEL: 'silent' });
      await expect(openLedger(wrong.ledger!)).rejects.toThrow();
    } finally {
      await pg.stop();
    }
  });
});

describe('TLS configuration', () => {
  it('reads PEM from <NAME>_FILE, lets a department’s own settings win, and refuses a certificate without its key', () => {
    const c = loadConfig({
      DEPARTMENT_TLS_CA_FILE: pki.files.ca,
      DEPT_COURT_TLS_CERT_FILE: pki.files.clientCert,
      DEPT_COURT_TLS_KEY_FILE: pki.files.clientKey,
      LOG_LEVEL: 'silent',
    });
    expect(c.departmentTls.TAX).toEqual({ ca: pki.pem.ca.replace(/\n$/, '') });
    expect(c.departmentTls.COURT).toMatchObject({
      ca: expect.stringContaining('BEGIN CERTIFICATE'),
      cert: pki.pem.clientCert.replace(/\n$/, ''),
      key: expect.stringContaining('PRIVATE KEY'),
    });
    expect(() =>
      loadConfig({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_TLS_CERT: pki.pem.clientCert }),
    ).toThrow(/REDIS_TLS_CERT and REDIS_TLS_KEY go together/);
    expect(() => loadConfig({ DEPARTMENT_TLS_CA: 'not a certificate' })).toThrow(
      /DEPARTMENT_TLS_CA must be PEM/,
    );
  });
});
