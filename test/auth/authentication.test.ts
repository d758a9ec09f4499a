import { SignJWT, generateKeyPair } from 'jose';

type KeyObjectLike = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
import { describe, expect, it } from 'vitest';
import { DEFAULT_AUDIENCE, DEV_ISSUER, devSigningKey, mintDevToken } from '../../src/auth/devIssuer.ts';
import { headersFor, testNow } from '../helpers/gateway.ts';
import { useGateway } from '../helpers/useGateway.ts';

const fx = useGateway();

const Q = '{ myAccess { role organization } }';
const post = (headers: Record<string, string>) => fx.gw.query(Q, {}, headers);

describe('authentication', () => {
  it('no token is the public role', async () => {
    const { status, body } = await post({});
    expect(status).toBe(200);
    expect(body.data.myAccess).toEqual({ role: 'public', organization: null });
  });

  it('a valid token gives its role', async () => {
    expect((await post(await headersFor({ role: 'bank', org: 'bank-a' }))).body.data.myAccess).toEqual({
      role: 'bank',
      organization: 'bank-a',
    });
  });

  it("says how long the caller's token has left by the gateway's clock, and nothing for the public", async () => {
    const q = '{ myAccess { expiresInSeconds } }';
    const token = await mintDevToken({ role: 'clerk', org: 'h', ttlSeconds: 600 }, testNow() - 60_000);
    const own = await fx.gw.query(q, {}, { authorization: `Bearer ${token}` });
    expect(own.body.data.myAccess.expiresInSeconds).toBe(540);
    expect((await fx.gw.query(q, {}, {})).body.data.myAccess.expiresInSeconds).toBeNull();
  });

  const otherKey = generateKeyPair('EdDSA');
  const signed = async (
    claims: Record<string, unknown>,
    opts: { iss?: string; aud?: string; exp?: number; key?: KeyObjectLike } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid: 'sandbox-dev-1' })
      .setIssuer(opts.iss ?? DEV_ISSUER)
      .setAudience(opts.aud ?? DEFAULT_AUDIENCE)
      .setIssuedAt(Math.floor(testNow() / 1000))
      .setExpirationTime(opts.exp ?? Math.floor(testNow() / 1000) + 600)
      .sign(opts.key ?? (await otherKey).privateKey);

  it.each([
    ['a malformed header', async () => 'Token abc'],
    ['garbage', async () => 'Bearer not.a.jwt'],
    ['another key', async () => `Bearer ${await signed({ role: 'regulator', org: 'x' })}`],
    [
      'an expired token',
      async () =>
        `Bearer ${await mintDevToken({ role: 'clerk', org: 'h', ttlSeconds: 60 }, testNow() - 3600_000)}`,
    ],
    [
      'a role it does not know',
      async () => `Bearer ${await mintDevToken({ role: 'admin' as never, org: 'h' }, testNow())}`,
    ],
    [
      'an enterprise token without its code',
      async () => `Bearer ${await mintDevToken({ role: 'enterprise' }, testNow())}`,
    ],
    ['a bank token without its org', async () => `Bearer ${await mintDevToken({ role: 'bank' }, testNow())}`],
  ])('refuses %s with 401, never a silent downgrade', async (_n, header) => {
    const { status, body } = await post({ authorization: await header() });
    expect(status).toBe(401);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(body.data).toBeUndefined();
  });

  /** A token from the trusted development key, with `iat` and `exp` as given (none when undefined). */
  const devSigned = async (iat: number | undefined, exp: number | undefined): Promise<string> => {
    const t = new SignJWT({ role: 'clerk', org: 'h' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'sandbox-dev-1' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEFAULT_AUDIENCE);
    if (iat !== undefined) t.setIssuedAt(iat);
    if (exp !== undefined) t.setExpirationTime(exp);
    return t.sign(await devSigningKey());
  };
  const nowS = Math.floor(testNow() / 1000);

  it.each([
    ['a token without exp (good forever)', () => devSigned(nowS, undefined)],
    ['a token issued an hour in the future', () => devSigned(nowS + 3600, nowS + 7200)],
  ])('refuses %s from a trusted key with 401', async (_n, token) => {
    const { status, body } = await post({ authorization: `Bearer ${await token()}` });
    expect(status).toBe(401);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('takes the scheme in any case (RFC 7235)', async () => {
    const token = await mintDevToken({ role: 'clerk', org: 'h' }, testNow());
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      expect((await post({ authorization: `${scheme} ${token}` })).body.data.myAccess, scheme).toEqual({
        role: 'clerk',
        organization: 'h',
      });
    }
  });

  it('refuses an unknown purpose with 400', async () => {
    const { status, body } = await post({
      ...(await headersFor({ role: 'clerk', org: 'h' })),
      'x-purpose': 'CURIOSITY',
    });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('needs a purpose for reads beyond the public view', async () => {
    const clerk = await headersFor({ role: 'clerk', org: 'h' });
    const { body } = await fx.gw.query(
      'query($u: USCC!) { enterprise(uscc: $u) { name evaluation { grade } } }',
      { u: fx.sb.world.at(0).uscc },
      clerk,
    );
    expect(body.data.enterprise.name).toBeTruthy();
    expect(body.errors[0]).toMatchObject({
      path: ['enterprise', 'evaluation'],
      extensions: { code: 'PURPOSE_REQUIRED' },
    });
  });
});
