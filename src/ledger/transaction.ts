/**
 * One transaction on one pooled connection. A checked-out client whose connection dies emits
 * 'error' on itself, not on the pool (pg-pool listens only while a client is idle): without a
 * listener that is an uncaught exception and the process ends. Here the statement in flight
 * rejects, the error is the caller's, and the broken client is destroyed rather than reused.
 */
import type pg from 'pg';

/** Runs `fn` between BEGIN and COMMIT (ROLLBACK on any error, which is then rethrown). */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error): void => {
    broken = err;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
