import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, EnvReader } from '../../src/config/env.ts';
import { DEV_TOKEN_TTL_SECONDS } from '../../src/auth/devIssuer.ts';
import { loadConfig } from '../../src/config/gatewayConfig.ts';

describe('loadConfig', () => {
  it('defaults to the in-process sandbox on port 4000 with the default rule set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 4000,
      departments: { mode: 'sandbox', appKey: 'sandbox' },
      maxBodyBytes: 100_000,
    });
    expect(c.ruleSet.id).toBe('domain-default');
  });

  it('paces the backfill at the slowest per-enterprise department’s published rate unless told', () => {
    // Market regulation's 1,000 calls/s at four calls per enterprise: 250 a second, not a fixed 50.
    expect(loadConfig({}).backfill.perSecond).toBe(250);
    expect(loadConfig({ DEPT_MARKET_RATE_PER_SEC: '40' }).backfill.perSecond).toBe(10);
    expect(loadConfig({ DEPT_CREDIT_RATE_PER_SEC: '100' }).backfill.perSecond).toBe(100);
    expect(loadConfig({ BACKFILL_PER_SECOND: '20' }).backfill.perSecond).toBe(20);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'abc', TAX_URL: 'http://t', RULE_SET: 'nowhere.json', LOG_LEVEL: 'loud' });
      expect.unreachable('accepted a bad configuration');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const v of [
        'PORT',
        'MARKET_URL',
        'ENVIRONMENT_URL',
        'COURT_URL',
        'CREDIT_URL',
        'DEPARTMENT_APP_KEY',
        'RULE_SET',
        'LOG_LEVEL',
        'AUTH_JWKS_URL',
        'AUTH_ISSUER',
      ])
        expect(problems).toContain(v);
    }
  });

  it('reads any variable from <NAME>_FILE (mounted secrets), the variable itself winning; an unreadable file is a problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-secrets-'));
    writeFileSync(join(dir, 'app-key'), 'key-from-file\n');
    writeFileSync(join(dir, 'report'), 'report-secret-from-file\n');
    const env = {
      TAX_URL: 'http://t',
      MARKET_URL: 'http://m',
      ENVIRONMENT_URL: 'http://e',
      COURT_URL: 'http://c',
      CREDIT_URL: 'http://p',
      DEPARTMENT_APP_KEY_FILE: join(dir, 'app-key'),
      REPORT_SECRET_FILE: join(dir, 'report'),
      AUTH_JWKS_URL: 'https://idp/jwks',
      AUTH_ISSUER: 'https://idp',
    };
    const c = loadConfig(env);
    expect(c.departments.appKey).toBe('key-from-file');
    expect(c.reports.secret).toBe('report-secret-from-file');
    expect(loadConfig({ ...env, REPORT_SECRET: 'from-env' }).reports.secret).toBe('from-env');
    expect(() => loadConfig({ ...env, DEPARTMENT_APP_KEY_FILE: join(dir, 'missing') })).toThrow(
      /DEPARTMENT_APP_KEY_FILE .*missing cannot be read/,
    );
  });

  it('takes an app key per department where one is issued; the shared key is needed only for the others', () => {
    const urls = {
      TAX_URL: 'http://t',
      MARKET_URL: 'http://m',
      ENVIRONMENT_URL: 'http://e',
      COURT_URL: 'http://c',
      CREDIT_URL: 'http://p',
      AUTH_JWKS_URL: 'https://idp/jwks',
      AUTH_ISSUER: 'https://idp',
      REPORT_SECRET: 's',
    };
    const own = {
      DEPT_TAX_APP_KEY: 'tk',
      DEPT_MARKET_APP_KEY: 'mk',
      DEPT_ENVIRONMENT_APP_KEY: 'ek',
      DEPT_COURT_APP_KEY: 'ck',
      DEPT_CREDIT_APP_KEY: 'pk',
    };
    expect(loadConfig({ ...urls, ...own }).departments).toMatchObject({
      appKeys: { TAX: 'tk', CREDIT: 'pk' },
    });
    expect(() => loadConfig({ ...urls, DEPT_TAX_APP_KEY: 'tk' })).toThrow(
      /MARKET, ENVIRONMENT, COURT, CREDIT have none/,
    );
    expect(
      loadConfig({ ...urls, DEPT_TAX_APP_KEY: 'tk', DEPARTMENT_APP_KEY: 'shared' }).departments,
    ).toMatchObject({
      appKey: 'shared',
      appKeys: { TAX: 'tk' },
    });
  });

  it('takes remote departments when all URLs and a key are given', () => {
    const env = {
      TAX_URL: 'http://t/',
      MARKET_URL: 'http://m',
      ENVIRONMENT_URL: 'http://e',
      COURT_URL: 'http://c',
      CREDIT_URL: 'http://p',
      DEPARTMENT_APP_KEY: 'k',
      AUTH_JWKS_URL: 'https://idp/jwks',
      AUTH_ISSUER: 'https://idp',
      REPORT_SECRET: 's',
    };
    expect(loadConfig(env).departments).toEqual({
      mode: 'remote',
      appKey: 'k',
      appKeys: {},
      urls: {
        TAX: 'http://t',
        MARKET: 'http://m',
        ENVIRONMENT: 'http://e',
        COURT: 'http://c',
        CREDIT: 'http://p',
      },
      // No declared department connected: each answers SOURCE_UNAVAILABLE until its URL is given.
      declaredUrls: {},
    });
    expect(loadConfig({ ...env, LICENSING_URL: 'http://l/' }).departments).toMatchObject({
      declaredUrls: { LICENSING: 'http://l' },
    });
  });

  it('takes per-department call settings from DEPT_<NAME>_<SETTING>, checked', () => {
    expect(
      loadConfig({ DEPT_COURT_TIMEOUT_MS: '4000', DEPT_MARKET_RATE_PER_SEC: '500' }).departmentSettings,
    ).toEqual({ COURT: { timeoutMs: 4000 }, MARKET: { ratePerSec: 500 } });
    expect(() => loadConfig({ DEPT_TAX_MAX_ATTEMPTS: '0' })).toThrow(/DEPT_TAX_MAX_ATTEMPTS/);
  });

  it('takes the audit signing key as PEM (with \\n escapes) or from a file, and refuses one that is not Ed25519', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(loadConfig({ AUDIT_SIGNING_KEY: pem.replace(/\n/g, '\\n') }).audit).toMatchObject({
      signingKey: pem,
      checkpointMs: 5000,
    });
    expect(loadConfig({}).audit.signingKey).toBeNull();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: rsa })).toThrow(
      /audit signing key is not an Ed25519 private key/,
    );
    expect(() => loadConfig({ AUDIT_SIGNING_KEY_FILE: '/nonexistent/key.pem' })).toThrow(
      /AUDIT_SIGNING_KEY_FILE \/nonexistent\/key.pem cannot be read/,
    );
  });

  it('selects the bundled Shanwei rule set by name', () => {
    expect(loadConfig({ RULE_SET: 'shanwei' }).ruleSet.id).toBe('shanwei-four-level');
  });
});

describe('the defaults, stated where each variable is read', () => {
  it('AUDIT_ROTATE_BYTES takes a size above its minimum (its maximum was 1 << 40, which is 256 in JavaScript)', () => {
    expect(loadConfig({ AUDIT_ROTATE_BYTES: '1048576' }).audit.rotateBytes).toBe(1048576);
    expect(() => loadConfig({ AUDIT_ROTATE_BYTES: '100' })).toThrow(
      /AUDIT_ROTATE_BYTES must be an integer from 4096/,
    );
  });

  it('the reader keeps every variable with its default and what it accepts, overrides with the default in effect', () => {
    const r = new EnvReader({ DEPT_COURT_TIMEOUT_MS: '4000' });
    const config = loadConfig({ DEPT_COURT_TIMEOUT_MS: '4000' }, r);
    expect(config.departmentSettings).toEqual({ COURT: { timeoutMs: 4000 } });
    expect(r.read.get('PORT')).toEqual({ default: '4000', accepts: 'an integer 0–65535' });
    expect(r.read.get('GRAPHQL_EXECUTOR')).toEqual({
      default: 'compiled',
      accepts: 'compiled or graphql-js',
    });
    // A department's own setting that is not set: its default in effect (the courts' 3 s), not "unset".
    expect(r.read.get('DEPT_TAX_TIMEOUT_MS')?.default).toBe('2000');
    expect(r.read.get('DEPT_COURT_TIMEOUT_MS')?.default).toBe('3000');
    expect(r.read.get('DATABASE_URL')).toEqual({ default: null, accepts: 'text' });
    expect(r.read.size).toBeGreaterThan(100);
  });
});

describe('sandbox mode is never mistaken for a deployment', () => {
  it('has no fixed report secret: each start makes its own, so no published default forges a code', () => {
    const a = loadConfig({});
    const b = loadConfig({});
    expect(a.reports.secret.length).toBeGreaterThanOrEqual(32);
    expect(a.reports.secret).not.toBe(b.reports.secret);
  });

  it('gives the playground short-lived example tokens', () => {
    expect(DEV_TOKEN_TTL_SECONDS).toBeLessThanOrEqual(3600);
  });
});
