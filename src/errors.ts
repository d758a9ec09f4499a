/**
 * The gateway's error codes and its one error class (STYLE.md "Errors"). `formatError` passes
 * these through and masks everything else as INTERNAL_SERVER_ERROR.
 */
import { GraphQLError } from 'graphql';
import type { Department } from './credit/model.ts';

/** Every `extensions.code` the gateway itself sets; stable, documented in the README. */
export const GatewayErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  INVALID_USCC: 'INVALID_USCC',
  USCC_CHECKSUM: 'USCC_CHECKSUM',
  SOURCE_UNAVAILABLE: 'SOURCE_UNAVAILABLE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  PURPOSE_REQUIRED: 'PURPOSE_REQUIRED',
  CONSENT_REQUIRED: 'CONSENT_REQUIRED',
  CONSENT_EXPIRED: 'CONSENT_EXPIRED',
  CONSENT_REVOKED: 'CONSENT_REVOKED',
  CONSENT_SCOPE: 'CONSENT_SCOPE',
  CONSENT_PURPOSE: 'CONSENT_PURPOSE',
  AUDIT_UNAVAILABLE: 'AUDIT_UNAVAILABLE',
  RATE_LIMITED: 'RATE_LIMITED',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  LIST_TOO_LONG: 'LIST_TOO_LONG',
  DEPARTMENT_BUDGET_EXCEEDED: 'DEPARTMENT_BUDGET_EXCEEDED',
  OPERATION_TIMEOUT: 'OPERATION_TIMEOUT',
  TRUSTED_DOCUMENT_REQUIRED: 'TRUSTED_DOCUMENT_REQUIRED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
/** One gateway error code. */
export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];

declare module 'graphql' {
  interface GraphQLErrorExtensions {
    code?: string;
    department?: Department;
    position?: number;
    /** The argument a BAD_USER_INPUT is about. */
    argument?: string;
    cost?: number;
    budget?: number;
    retryAfterSeconds?: number;
  }
}

/** An error the client may see as is. */
export class GatewayError extends GraphQLError {
  constructor(message: string, code: GatewayErrorCode, extensions: Omit<NonNullable<GraphQLError['extensions']>, 'code'> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'GatewayError';
  }
}

/** A department could not answer for this field (no upstream detail ever reaches the client). */
export function sourceUnavailable(department: Department): GatewayError {
  return new GatewayError(`${department} is unavailable; other departments' data is unaffected`, GatewayErrorCode.SOURCE_UNAVAILABLE, { department });
}
