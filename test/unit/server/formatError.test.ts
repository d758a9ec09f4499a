/** Error formatting: gateway errors keep their code, request errors pass, everything else is masked. */
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GatewayError, GatewayErrorCode, refusal, sourceUnavailable } from '../../../src/errors.ts';
import { createFormatError } from '../../../src/server/formatError.ts';

const format = (error: unknown, masked: unknown[] = []) => {
  const fmt = createFormatError((e) => masked.push(e));
  const base = error instanceof GraphQLError ? error.toJSON() : { message: String((error as Error).message) };
  return fmt(
    { ...base, extensions: { code: (error as GraphQLError).extensions?.code ?? 'INTERNAL_SERVER_ERROR' } },
    error,
  );
};

describe('formatError', () => {
  it('passes a gateway error with its code and extensions', () => {
    expect(format(sourceUnavailable('COURT')).extensions).toEqual({
      code: 'SOURCE_UNAVAILABLE',
      department: 'COURT',
    });
  });

  it('finds a gateway error behind a resolver wrapper', () => {
    const wrapped = new GraphQLError('wrapped', {
      originalError: new GatewayError('x', GatewayErrorCode.INVALID_USCC, { position: 3 }),
    });
    expect(format(wrapped).extensions).toEqual({ code: 'INVALID_USCC', position: 3 });
  });

  it('never shows the HTTP status a refusal carries', () => {
    const out = format(refusal('no', GatewayErrorCode.FORBIDDEN));
    expect(out.extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('masks an unexpected error: no message, stack or path of ours, and logs it', () => {
    const masked: unknown[] = [];
    const out = format(
      new GraphQLError('boom at /work/main/src/x.ts', {
        originalError: new TypeError('secret upstream body'),
      }),
      masked,
    );
    expect(out).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(out)).not.toContain('secret');
    expect(masked).toHaveLength(1);
  });

  it('gives graphql-js’s variable-error cap a client code', () => {
    const e = new GraphQLError(
      'Too many errors processing variables, error limit reached. Execution aborted.',
    );
    expect(format(e).extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('gives Apollo’s codeless 4xx refusals (APQ) a client code', () => {
    const e = new GraphQLError('provided sha does not match query', {
      extensions: { http: { status: 400 } },
    });
    expect(format(e).extensions).toEqual({ code: 'BAD_REQUEST' });
  });
});
