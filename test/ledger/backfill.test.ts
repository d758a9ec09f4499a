/**
 * The backfill over the sandbox world: one replica assesses every enterprise of the
 * registry into the ledger — agreeing with the live evaluation of each — paced and resumable; a
 * repair at the platform reaches the roster within 2 s through the change feed; the lease moves
 * to another replica when its holder dies; the database killed and restarted mid-backfill
 * resumes with nothing counted twice. On a real PostgreSQL (two gateways share it), and the
 * backfill's agreement once more on the embedded PGlite (`npm start`'s engine).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ISSUER, devJwks } from '../../src/auth/devIssuer.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { headersFor, startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { postgresBinaries, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { dept, samples, startTestSandbox } from '../helpers/sandbox.ts';

const pgBin = postgresBinaries();
const SIZE = 120;
const ROSTER = '{ roster(filter: {}, first: 1) { totalCount } }';
/** An enterprise whose consents the 410 case changes. */
const SAMPLE_CODE = { value: '' };

describe.skipIf(!pgBin)('the backfill (on PostgreSQL)', () => {
  let sb: Sandbox;
  let db: TestPostgres;
  const gateways: TestGateway[] = [];
  let regulator: Record<string, string>;
  const gateway = async (env: Record<string, string> = {}): Promise<TestGateway> => {
    const gw = await startTestGateway(
      sb,
      {},
      { LEDGER: 'true', DATABASE_URL: db.url, BACKFILL_PER_SECOND: '200', CHANGE_POLL_MS: '200', ...env },
    );
    gateways.push(gw);
    return gw;
  };
  const readyz = async (gw: TestGateway): Promise<any> => (await fetch(`${gw.url}/readyz`)).json();
  beforeAll(async () => {
    sb = await startTestSandbox({ size: SIZE });
    db = await startPostgres(pgBin!);
    regulator = await headersFor({ role: 'regulator', org: 'samr', purpose: 'SUPERVISION' });
  }, 60_000);
  afterAll(async () => {
    for (const g of gateways) await g.close().catch(() => undefined);
    await db?.stop();
    await sb?.close();
  });

  it('assesses the whole registry; each grade agrees with the live evaluation; /readyz shows the progress', async () => {
    const gw = await gateway();
    await expect
      .poll(async () => (await gw.query(ROSTER, {}, regulator)).body.data?.roster.totalCount, {
        timeout: 30_000,
        interval: 250,
      })
      .toBe(SIZE);
    const ready = await readyz(gw);
    expect(ready.ledger).toBe('postgres');
    expect(ready.backfill).toMatchObject({ holding: true });
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/^cg_ledger_up 1$/m);
    expect(metrics).toMatch(new RegExp(`^cg_backfill_enterprises\\{of="registry"\\} ${SIZE}$`, 'm'));
    // Every roster entry agrees with the gateway's live evaluation of the same enterprise.
    const all = await gw.query(
      '{ roster(filter: {}, first: 100) { edges { node { uscc grade } } pageInfo { endCursor } } }',
      {},
      regulator,
    );
    const rest = await gw.query(
      'query($a: String) { roster(filter: {}, first: 100, after: $a) { edges { node { uscc grade } } } }',
      { a: all.body.data.roster.pageInfo.endCursor },
      regulator,
    );
    const entries = [...all.body.data.roster.edges, ...rest.body.data.roster.edges].map((e: any) => e.node);
    expect(entries).toHaveLength(SIZE);
    for (const { uscc, grade } of entries.slice(0, 40)) {
      const live = await gw.query(
        'query($u: USCC!) { enterprise(uscc: $u) { evaluation { grade } } }',
        { u: uscc },
        regulator,
      );
      expect(live.body.data.enterprise.evaluation.grade, uscc).toBe(grade);
    }
  }, 60_000);

  it('a repair at the platform changes the roster within 2 s', async () => {
    const gw = gateways[0]!;
    const traits = await samples(sb);
    const uscc = traits.seriousPenalty![0]!;
    const q = 'query($f: RosterFilter!) { roster(filter: $f, first: 100) { edges { node { uscc grade } } } }';
    const gradeOf = async (): Promise<string | undefined> =>
      (await gw.query(q, { f: { regionPrefix: uscc.slice(2, 8) } }, regulator)).body.data.roster.edges.find(
        (e: any) => e.node.uscc === uscc,
      )?.node.grade;
    expect(await gradeOf()).toBe('C');
    const penalties = (await (
      await dept(sb, 'market', `/samr/v2/entities/${uscc}/penalties?size=50`)
    ).json()) as { items: Array<{ penDecNo: string }> };
    for (const p of penalties.items) {
      await dept(sb, 'credit', '/credit/v1/repairs', {
        method: 'POST',
        body: JSON.stringify({ uscc, recordRef: `market:${p.penDecNo}`, decidedBy: 'market' }),
      });
    }
    await expect.poll(gradeOf, { timeout: 2000, interval: 100 }).not.toBe('C');
    // The lag from the change to its re-assessment is in the metrics.
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(Number(/^cg_ledger_feed_lag_seconds_count (\d+)$/m.exec(metrics)?.[1] ?? 0)).toBeGreaterThan(0);
  });

  it('the lease moves to another replica when its holder shuts down', async () => {
    const second = await gateway({ REPLICA_ID: 'second' });
    expect((await readyz(second)).backfill.holding).toBe(false);
    // A clean shutdown gives the lease up, so the other replica takes over at once.
    const first = gateways[0]!;
    await first.server.close();
    gateways.splice(0, 1);
    await expect
      .poll(async () => (await readyz(second)).backfill.holding, { timeout: 20_000, interval: 250 })
      .toBe(true);
  }, 30_000);

  it('a 410 from the change feed starts a new pass over the registry', async () => {
    const pg = (await import('pg')).default;
    /** When the pass began; -1 while the first pass has not finished (when `finished`). */
    const startedAt = async (finished = true): Promise<number> => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      try {
        const r = await c.query(
          "SELECT started_at, finished_at FROM backfill_progress WHERE name = 'backfill'",
        );
        return r.rows[0].finished_at || !finished ? (r.rows[0].started_at as Date).getTime() : -1;
      } finally {
        await c.end();
      }
    };
    await expect.poll(() => startedAt(), { timeout: 20_000, interval: 250 }).toBeGreaterThan(0);
    const before = await startedAt();
    // A change, the platform forgets its history, another change: the follower's cursor is now too old.
    const consent = () =>
      dept(sb, 'credit', '/credit/v1/consents', {
        method: 'POST',
        body: JSON.stringify({
          uscc: SAMPLE_CODE.value,
          grantee: 'x',
          scopes: ['TAX_PAID'],
          purpose: 'PRE_CREDIT',
          expiresAt: '2027-01-01T00:00:00Z',
        }),
      });
    SAMPLE_CODE.value = (await samples(sb)).clean![2]!;
    await consent();
    // A new boot of the platform's log (a failover): every cursor from before is answered 410,
    // however recently the follower read. (Compaction was a race: a follower that read between the
    // change and the compaction held a cursor compaction left valid — it did on a busy machine.)
    await fetch(`${sb.urls.control}/__sandbox/feed/restart`, { method: 'POST' });
    await consent();
    // A new pass starts: what is asserted is the start, not how soon a loaded machine finishes it
    // (CI once failed here waiting for the new pass to finish as well within the same 20 s).
    await expect.poll(() => startedAt(false), { timeout: 20_000, interval: 250 }).toBeGreaterThan(before);
  }, 60_000);

  it('the database killed and restarted mid-pass: the pass resumes, nothing counted twice', async () => {
    const gw = gateways.at(-1)!;
    const pg = (await import('pg')).default;
    /** The pass's progress as the database holds it (null while the database is away). */
    const progress = async (): Promise<{
      next_page: number;
      assessed: number;
      total: number;
      finished_at: Date | null;
    } | null> => {
      const c = new pg.Client({ connectionString: db.url });
      try {
        await c.connect();
        return (
          await c.query(
            "SELECT next_page, assessed, total, finished_at FROM backfill_progress WHERE name = 'backfill'",
          )
        ).rows[0];
      } catch {
        return null;
      } finally {
        await c.end().catch(() => undefined);
      }
    };
    // A new pass (as after the feed's 410), and the database killed in its middle.
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(
      "UPDATE backfill_progress SET next_page = 1, assessed = 0, finished_at = NULL WHERE name = 'backfill'",
    );
    await admin.end();
    await expect
      .poll(async () => (await progress())?.next_page, { timeout: 5000, interval: 20 })
      .toBeGreaterThan(1);
    const before = await progress();
    expect(before?.finished_at).toBeNull();
    await db.kill();
    await new Promise((r) => setTimeout(r, 500));
    expect((await gw.query(ROSTER, {}, regulator)).body.errors?.[0]?.extensions?.code).toBe(
      'LEDGER_UNAVAILABLE',
    );
    // Per-enterprise lookups still answer with the database down.
    const u = (await samples(sb)).clean![0]!;
    const check = await gw.query(
      'query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict } }',
      { u },
      await headersFor({ role: 'clerk', org: 'h', purpose: 'BIDDING' }),
    );
    expect(check.body.data.creditCheck.verdict).toBeTruthy();
    await db.restart();
    await expect
      .poll(async () => (await progress())?.finished_at ?? null, { timeout: 20_000, interval: 250 })
      .not.toBeNull();
    const after = (await progress())!;
    // Resumed from where it was (not from the start), and every enterprise counted exactly once.
    expect(after.assessed).toBe(after.total);
    expect((await gw.query(ROSTER, {}, regulator)).body.data.roster.totalCount).toBe(SIZE);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const dupes = await c.query(
      'SELECT count(*)::int AS n FROM (SELECT uscc FROM assessments GROUP BY uscc HAVING count(*) > 1) d',
    );
    await c.end();
    expect(dupes.rows[0].n).toBe(0);
  }, 60_000);

  it('the lease moves to another replica when its holder is killed (SIGKILL: no release) once the lease expires', async () => {
    // Every replica so far lets go, so the production process below takes the lease.
    for (const g of gateways.splice(0)) await g.close();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        TAX_URL: sb.urls.tax,
        MARKET_URL: sb.urls.market,
        ENVIRONMENT_URL: sb.urls.environment,
        COURT_URL: sb.urls.court,
        CREDIT_URL: sb.urls.credit,
        DEPARTMENT_APP_KEY: 'sandbox',
        REPORT_SECRET: 'lease-test',
        AUTH_ISSUER: DEV_ISSUER,
        AUTH_JWKS: JSON.stringify(devJwks()),
        AUDIT_FILE: join(mkdtempSync(join(tmpdir(), 'cg-lease-')), 'audit.jsonl'),
        LOG_LEVEL: 'warn',
        REDIS_URL: '',
        DATABASE_URL: db.url,
        REPLICA_ID: 'killed',
        BACKFILL_LEASE_MS: '2000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise((r) => child.once('exit', r));
    try {
      await expect
        .poll(() => /playground at (http:\/\/[\d.]+:\d+)/.exec(out)?.[1], { timeout: 30_000, interval: 100 })
        .toBeTruthy();
      const holder = /playground at (http:\/\/[\d.]+:\d+)/.exec(out)![1]!;
      await expect
        .poll(async () => (await (await fetch(`${holder}/readyz`)).json()).backfill.holding, {
          timeout: 10_000,
          interval: 100,
        })
        .toBe(true);
      const standby = await gateway({ REPLICA_ID: 'standby', BACKFILL_LEASE_MS: '2000' });
      expect((await readyz(standby)).backfill.holding).toBe(false);
      child.kill('SIGKILL');
      await exited;
      const killedAt = Date.now();
      // Nobody released the lease: the standby takes it when it expires (2 s), not before the kill.
      await expect
        .poll(async () => (await readyz(standby)).backfill.holding, { timeout: 10_000, interval: 100 })
        .toBe(true);
      // Taken on expiry, not on a release: the lease had over a second left when its holder died.
      expect(Date.now() - killedAt).toBeGreaterThan(500);
      // And it works the job: the roster stays whole.
      expect((await standby.query(ROSTER, {}, regulator)).body.data.roster.totalCount).toBe(SIZE);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('the backfill on the embedded PGlite', () => {
  it('assesses the whole registry; each grade agrees with the live evaluation', async () => {
    const size = 60;
    const sb = await startTestSandbox({ size });
    const dir = mkdtempSync(join(tmpdir(), 'cg-ledger-pglite-'));
    const gw = await startTestGateway(
      sb,
      {},
      { LEDGER: 'true', LEDGER_DIR: dir, BACKFILL_PER_SECOND: '500' },
    );
    try {
      const regulator = await headersFor({ role: 'regulator', org: 'samr', purpose: 'SUPERVISION' });
      await expect
        .poll(
          async () =>
            (
              await gw.query(
                '{ roster(filter: {}, first: 100) { totalCount edges { node { uscc grade } } } }',
                {},
                regulator,
              )
            ).body.data?.roster,
          {
            timeout: 30_000,
            interval: 250,
          },
        )
        .toMatchObject({ totalCount: size });
      const entries = (
        await gw.query('{ roster(filter: {}, first: 100) { edges { node { uscc grade } } } }', {}, regulator)
      ).body.data.roster.edges.map((e: any) => e.node);
      expect(entries).toHaveLength(size);
      expect((await (await fetch(`${gw.url}/readyz`)).json()).ledger).toBe('pglite');
      for (const { uscc, grade } of entries.slice(0, 20)) {
        const live = await gw.query(
          'query($u: USCC!) { enterprise(uscc: $u) { evaluation { grade } } }',
          { u: uscc },
          regulator,
        );
        expect(live.body.data.enterprise.evaluation.grade, uscc).toBe(grade);
      }
    } finally {
      await gw.close();
      await sb.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
