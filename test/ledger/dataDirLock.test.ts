/**
 * One process per embedded ledger directory: a second opener (another gateway on the same PGlite
 * folder) is refused with the folder named, instead of running a second engine over the same files;
 * once the first closes, the folder opens again and holds what the first wrote.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LedgerDirLocked, openLedger } from '../../src/ledger/openLedger.ts';

describe('the embedded ledger directory', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'cg-lock-')), 'ledger');
  afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('refuses a second gateway, naming the directory; opens again once the first has closed', async () => {
    const first = await openLedger({ dir });
    await first.pool.query('CREATE TABLE lock_probe (n int)');
    await first.pool.query('INSERT INTO lock_probe VALUES (1)');
    const second = openLedger({ dir }, { lockWaitMs: 500 });
    await expect(second).rejects.toBeInstanceOf(LedgerDirLocked);
    await expect(second).rejects.toThrow(dir);
    await first.close();
    const again = await openLedger({ dir }, { lockWaitMs: 500 });
    try {
      expect((await again.pool.query('SELECT n FROM lock_probe')).rows).toEqual([{ n: 1 }]);
    } finally {
      await again.close();
    }
  }, 60_000);
});
