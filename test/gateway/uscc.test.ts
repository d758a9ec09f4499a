import { describe, expect, it } from 'vitest';
import { useGateway } from '../helpers/useGateway.ts';

const fx = useGateway();

const Q = 'query($u: USCC!) { enterprise(uscc: $u) { uscc name code { checksumValid } } }';

describe('USCC input (docs/rules.md "Unified Social Credit Code")', () => {
  it.each([
    ['91440300I92203821X', 9],
    ['9144030019220382', 17],
    ['914403A01922038216', 7],
  ])('refuses %s as a variable with INVALID_USCC at position %i', async (code, position) => {
    const { body } = await fx.gw.query(Q, { u: code });
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions).toEqual({ code: 'INVALID_USCC', position });
  });

  it('refuses a bad inline literal too', async () => {
    const { body } = await fx.gw.query('{ enterprise(uscc: "91440300O92203821X") { uscc } }');
    expect(body.errors[0].extensions).toMatchObject({ code: 'INVALID_USCC', position: 9 });
  });

  it('trims and upper-cases', async () => {
    const code = fx.traits.clean![0]!;
    const { body } = await fx.gw.query(Q, { u: `  ${code.toLowerCase()} ` });
    expect(body.data.enterprise.uscc).toBe(code);
  });

  it('serves a failing check character the registry knows, marked', async () => {
    const code = fx.traits.badChecksum![0]!;
    const { body } = await fx.gw.query(Q, { u: code });
    expect(body.errors).toBeUndefined();
    expect(body.data.enterprise).toMatchObject({ uscc: code, code: { checksumValid: false } });
    expect(body.data.enterprise.name).toBeTruthy();
  });

  it('calls a failing check character nobody knows a typo: USCC_CHECKSUM', async () => {
    const good = fx.traits.clean![0]!;
    const typo = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const { body } = await fx.gw.query(Q, { u: typo });
    expect(body.data.enterprise).toBeNull();
    expect(body.errors[0].extensions).toEqual({ code: 'USCC_CHECKSUM', position: 18 });
    expect(body.errors[0].path).toEqual(['enterprise']);
  });

  it('answers null for a valid code no registry knows', async () => {
    const { body } = await fx.gw.query(Q, { u: '91350100M000100Y43' });
    expect(body).toEqual({ data: { enterprise: null } });
  });

  it('puts a typo in a batch at its index and serves the rest', async () => {
    const good = fx.traits.clean!.slice(0, 2);
    const typo = good[0]!.slice(0, 17) + (good[0]![17] === '0' ? '1' : '0');
    const { body } = await fx.gw.query('query($u: [USCC!]!) { enterprises(usccs: $u) { uscc } }', {
      u: [good[0], typo, good[1]],
    });
    expect(body.data.enterprises).toEqual([{ uscc: good[0] }, null, { uscc: good[1] }]);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ path: ['enterprises', 1], extensions: { code: 'USCC_CHECKSUM' } });
  });

  it('refuses more than 100 codes', async () => {
    const { body } = await fx.gw.query('query($u: [USCC!]!) { enterprises(usccs: $u) { uscc } }', {
      u: Array(101).fill(fx.traits.clean![0]),
    });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
