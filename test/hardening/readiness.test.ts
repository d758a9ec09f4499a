/**
 * /readyz tells the truth about what the gateway stands on: a PostgreSQL ledger that stopped
 * answering, and a Redis that is connected but stalled (frozen: connections open, no answers), each
 * make the status `degraded` and are named — where /readyz had said `ok`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import pgClient from 'pg';
import { headersFor, startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { postgresBinaries, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { redisAvailable, startRedis, type TestRedis } from '../helpers/redis.ts';
import { samples, startTestSandbox } from '../helpers/sandbox.ts';

const PG = postgresBinaries();
const REDIS = redisAvailable();

describe.skipIf(!PG || !REDIS)('readiness names what is down', () => {
  let sb: Sandbox;
  let pg: TestPostgres;
  let redis: TestRedis;
  let gw: TestGateway;
  const readyz = async (): Promise<any> => (await fetch(`${gw.url}/readyz`)).json();
  /** Waits (bounded) until /readyz's `field` reads `value`; fails saying what it read. */
  const until = async (field: string, value: string, ms: number): Promise<void> => {
    let seen: unknown;
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
      if ((seen = (await readyz())[field]) === value) return;
    throw new Error(`/readyz ${field} read ${JSON.stringify(seen)}, not ${value}, for ${ms} ms`);
  };

  beforeAll(async () => {
    sb = await startTestSandbox({ size: 20 });
    [pg, redis] = await Promise.all([startPostgres(PG!), startRedis()]);
    gw = await startTestGateway(
      sb,
      {},
      { LEDGER: 'true', DATABASE_URL: pg.url, REDIS_URL: redis.url, BACKFILL: 'false' },
    );
    await until('redis', 'ready', 20_000);
    await until('ledger', 'postgres', 20_000);
  }, 60_000);

  afterAll(async () => {
    redis?.resume();
    await gw?.close();
    await redis?.stop();
    await pg?.stop();
    await sb?.close();
  });

  it('a stalled Redis is named and the status is degraded; it recovers when Redis answers again', async () => {
    expect((await readyz()).status).toBe('ok');
    redis.pause();
    try {
      const r = await readyz();
      expect(r.redis).toBe('stalled');
      expect(r.status).toBe('degraded');
    } finally {
      redis.resume();
    }
    await expect.poll(async () => (await readyz()).redis, { timeout: 10_000, interval: 50 }).toBe('ready');
  });

  it('a ledger that stopped answering is named and the status is degraded', async () => {
    await pg.kill();
    try {
      const r = await readyz();
      expect(r.ledger).toBe('unavailable');
      expect(r.status).toBe('degraded');
    } finally {
      await pg.restart();
    }
    await expect
      .poll(async () => (await readyz()).ledger, { timeout: 15_000, interval: 100 })
      .toBe('postgres');
  }, 30_000);

  it('a consent granted while the ledger is down keeps its event: held (named by /readyz), appended when the ledger is back', async () => {
    const uscc = (await samples(sb)).clean![0]!;
    const owner = await headersFor({ role: 'enterprise', uscc, purpose: 'SELF_QUERY' });
    await pg.kill();
    let id: string;
    try {
      const grant = await gw.query(
        'mutation($i: GrantConsentInput!) { grantConsent(input: $i) { accepted consent { id } } }',
        {
          i: {
            grantee: 'bank-r',
            scopes: ['TAX_PAID'],
            purpose: 'PRE_CREDIT',
            expiresAt: '2027-06-01T00:00:00Z',
          },
        },
        owner,
      );
      // The consent stands at the credit platform; its event waits for the ledger.
      expect(grant.body.data.grantConsent.accepted).toBe(true);
      id = grant.body.data.grantConsent.consent.id;
      const r = await readyz();
      expect(r.events.pendingAppends).toBe(1);
      expect(r.status).toBe('degraded');
    } finally {
      await pg.restart();
    }
    await expect
      .poll(async () => (await readyz()).events.pendingAppends, { timeout: 20_000, interval: 200 })
      .toBe(0);
    const client = new pgClient.Client({ connectionString: pg.url });
    await client.connect();
    try {
      const rows = await client.query(
        "SELECT content FROM credit_events WHERE kind = 'CONSENT_GRANTED' AND uscc = $1",
        [uscc],
      );
      expect(rows.rows.map((x) => x.content.consent.id)).toEqual([id]);
    } finally {
      await client.end();
    }
  }, 40_000);
});
