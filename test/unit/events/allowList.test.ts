/** Where webhooks may point: bracketed IPv6 in the list, private ranges as internal, the checked address returned for pinning. */
import { describe, expect, it } from 'vitest';
import { checkTarget, internal, parseAllowList } from '../../../src/events/allowList.ts';

describe('webhook allow list', () => {
  it('a bracketed IPv6 entry matches the URL that names it', async () => {
    const allow = parseAllowList('[fd00::5]:8443, hooks.bank.example:443');
    expect(await checkTarget('https://[fd00::5]:8443/hooks', allow)).toMatchObject({ ok: true });
    expect(await checkTarget('https://[fd00::6]:8443/hooks', allow)).toMatchObject({ ok: false });
  });

  it('private, shared and unique-local ranges are internal; public addresses are not', () => {
    const cases: Array<[string, boolean]> = [
      ['10.1.2.3', true],
      ['172.16.0.1', true],
      ['172.31.255.255', true],
      ['172.32.0.1', false],
      ['192.168.1.1', true],
      ['100.64.0.1', true],
      ['100.127.255.1', true],
      ['100.128.0.1', false],
      ['fd12:3456::1', true],
      ['fc00::1', true],
      ['::ffff:10.0.0.1', true],
      ['127.0.0.1', true],
      ['8.8.8.8', false],
      ['2001:db8::1', false],
    ];
    for (const [address, isInternal] of cases) expect(internal(address), address).toBe(isInternal);
    expect(cases.length).toBeGreaterThan(0);
  });

  it('a listed name that resolves internally is refused; one that resolves to a listed address is pinned to it', async () => {
    expect(await checkTarget('http://localhost:9/x', parseAllowList('localhost:9'))).toMatchObject({
      ok: false,
    });
    const ok = await checkTarget('http://localhost:9/x', parseAllowList('localhost:9,127.0.0.1:9,::1:9'));
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(['127.0.0.1', '::1']).toContain(ok.address?.address);
  });
});
