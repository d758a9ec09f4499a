/** Key rotation for report codes through the gateway's configuration: a code issued before the rotation verifies after it. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { headersFor, startTestGateway } from '../helpers/gateway.ts';
import { samples, startTestSandbox } from '../helpers/sandbox.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => sb?.close());

it('a report code issued under the old key verifies after the rotation; with the old key retired, it does not', async () => {
  const uscc = (await samples(sb)).clean![0]!;
  const self = await headersFor({ role: 'enterprise', uscc, purpose: 'SELF_QUERY' });
  const before = await startTestGateway(sb, {}, { REPORT_SECRET: 'secret-2025', REPORT_KEY_ID: 'k2025' });
  let code: string;
  try {
    const html = await (await fetch(`${before.url}/reports/${uscc}`, { headers: self })).text();
    code = /id="verification-code">([^<]+)</.exec(html)![1]!;
  } finally {
    await before.close();
  }
  const rotated = await startTestGateway(
    sb,
    {},
    { REPORT_SECRET: 'secret-2026', REPORT_KEY_ID: 'k2026', REPORT_PREVIOUS_KEYS: 'k2025=secret-2025' },
  );
  const retired = await startTestGateway(sb, {}, { REPORT_SECRET: 'secret-2026', REPORT_KEY_ID: 'k2026' });
  try {
    const res = await fetch(`${rotated.url}/reports/verify/${code}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ genuine: true, uscc, keyId: 'k2025' });
    expect((await fetch(`${retired.url}/reports/verify/${code}`)).status).toBe(404);
  } finally {
    await rotated.close();
    await retired.close();
  }
});
