/**
 * The embedded engine sized for a small server (src/ledger/embeddedEngine.ts): its PostgreSQL
 * settings are in force, a new data folder is initialized apart (in a worker thread) and then opened
 * here, and what was written is there when the folder is opened again. Its memory is measured by
 * the benchmark (bench/README.md), not asserted here.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMBEDDED_SETTINGS, openEmbedded } from '../../src/ledger/embeddedEngine.ts';

const dir = mkdtempSync(join(tmpdir(), 'cg-embedded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the embedded engine', () => {
  it('initializes a new folder, runs with its settings, and keeps what was written across opens', async () => {
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(false);
    const db = await openEmbedded(dir);
    try {
      expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
      for (const s of EMBEDDED_SETTINGS) {
        const [name, value] = s.split('=') as [string, string];
        expect((await db.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name], name).toBe(value);
      }
      await db.exec("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('written')");
    } finally {
      await db.close();
    }
    const again = await openEmbedded(dir);
    try {
      expect((await again.query<{ v: string }>('SELECT v FROM kept')).rows).toEqual([{ v: 'written' }]);
    } finally {
      await again.close();
    }
  }, 60_000);
});
