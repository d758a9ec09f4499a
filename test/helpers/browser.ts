/**
 * Headless Debian Chromium for browser tests (playwright-core, no browser download). Where the
 * binary is missing the browser tests are skipped with a loud message — unless REQUIRE_CHROMIUM=1 (CI).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../src/frontends/report/pdf.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where screenshots are kept (a CI artifact). */
export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

/** Whether Chromium is installed; throws under REQUIRE_CHROMIUM=1 when it is not. */
export function chromiumAvailable(): boolean {
  const found = existsSync(CHROMIUM);
  if (!found && process.env.REQUIRE_CHROMIUM === '1')
    throw new Error(`REQUIRE_CHROMIUM=1 but ${CHROMIUM} is missing (apt-get install -y chromium)`);
  if (!found)
    console.warn(
      `\n!!! ${CHROMIUM} not found: the browser tests are SKIPPED. Install it (apt-get install -y chromium). !!!\n`,
    );
  return found;
}

/** Launches headless Chromium with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
  });
}
