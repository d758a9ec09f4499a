/**
 * An error's HTTP status is decided once (src/errorCodes.ts): every code has its status and
 * meaning, docs/errors.md is written from the same table, and no source file answers an error code
 * with a status of its own choosing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsDoc, GATEWAY_ERRORS, httpStatusOf, isGatewayErrorCode } from '../../../src/errorCodes.ts';
import { GatewayErrorCode } from '../../../src/errors.ts';

const ROOT = join(import.meta.dirname, '../../..');

describe('one error-code → HTTP status table', () => {
  it('gives every code a status and a meaning, the transports’ refusals the statuses they had', () => {
    const codes = Object.keys(GATEWAY_ERRORS);
    expect(codes.length).toBeGreaterThan(40);
    for (const code of codes) {
      const e = GATEWAY_ERRORS[code as GatewayErrorCode];
      expect(e.status, code).toBeGreaterThanOrEqual(200);
      expect(e.status, code).toBeLessThan(600);
      expect(e.meaning.length, code).toBeGreaterThan(10);
    }
    expect(
      Object.fromEntries(
        (
          [
            'UNAUTHENTICATED',
            'BAD_USER_INPUT',
            'FORBIDDEN',
            'RATE_LIMITED',
            'QUOTA_EXCEEDED',
            'DEPARTMENT_BUDGET_EXCEEDED',
            'PAYLOAD_TOO_LARGE',
            'OPERATION_TIMEOUT',
            'AUDIT_UNAVAILABLE',
            'REPORT_EXPIRED',
            'REPORT_INCOMPLETE',
            'INTERNAL_SERVER_ERROR',
          ] as const
        ).map((c) => [c, httpStatusOf(GatewayErrorCode[c])]),
      ),
    ).toEqual({
      UNAUTHENTICATED: 401,
      BAD_USER_INPUT: 400,
      FORBIDDEN: 403,
      RATE_LIMITED: 429,
      QUOTA_EXCEEDED: 429,
      DEPARTMENT_BUDGET_EXCEEDED: 400,
      PAYLOAD_TOO_LARGE: 413,
      OPERATION_TIMEOUT: 504,
      AUDIT_UNAVAILABLE: 503,
      REPORT_EXPIRED: 410,
      REPORT_INCOMPLETE: 503,
      INTERNAL_SERVER_ERROR: 500,
    });
    expect(isGatewayErrorCode('FORBIDDEN')).toBe(true);
    expect(isGatewayErrorCode('SOMETHING_ELSE')).toBe(false);
    expect(isGatewayErrorCode('toString')).toBe(false);
  });

  it('docs/errors.md is the table written out', () => {
    expect(readFileSync(join(ROOT, 'docs/errors.md'), 'utf8')).toBe(errorsDoc());
  });

  it('no source file answers with an error status of its own: only plain not-found bodies carry a literal 4xx', () => {
    const files = execFileSync('git', ['ls-files', 'src', 'resolvers'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.(ts|js)$/.test(f) && !f.startsWith('src/generated/') && f !== 'src/errorCodes.ts');
    expect(files.length).toBeGreaterThan(100);
    const literal =
      /(writeHead|sendJson|send)\(res, [45]\d\d|status: [45]\d\d|statusCode = [45]|status = [45]\d\d/;
    const found = files.flatMap((f) =>
      readFileSync(join(ROOT, f), 'utf8')
        .split('\n')
        .map((line, i) => ({ at: `${f}:${i + 1}`, line }))
        .filter(({ line }) => literal.test(line)),
    );
    // A path or record that is not there, answered without an error code (the same 404 for everyone).
    const plain = found.filter(({ line }) => /not found'|genuine: false|without the city ledger/.test(line));
    expect(found.filter((x) => !plain.includes(x)).map((x) => x.at)).toEqual([]);
    expect(plain.length).toBeGreaterThan(0);
  });
});
