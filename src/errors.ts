/**
 * The gateway's error codes and its one error class (STYLE.md "Errors"). `formatError` passes
 * these through and masks everything else as INTERNAL_SERVER_ERROR.
 */
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { type AnyDepartment, type Department } from './departments/registry.ts';

/** Every `extensions.code` the gateway sets, its own and those it passes through from Apollo; stable, documented in docs/errors.md. */
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
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  LIST_TOO_LONG: 'LIST_TOO_LONG',
  DEPARTMENT_BUDGET_EXCEEDED: 'DEPARTMENT_BUDGET_EXCEEDED',
  OPERATION_TIMEOUT: 'OPERATION_TIMEOUT',
  TRUSTED_DOCUMENT_REQUIRED: 'TRUSTED_DOCUMENT_REQUIRED',
  BAD_REQUEST: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  NOT_FOUND: 'NOT_FOUND',
  REPORT_BUSY: 'REPORT_BUSY',
  REPORT_INCOMPLETE: 'REPORT_INCOMPLETE',
  REPORT_EXPIRED: 'REPORT_EXPIRED',
  LEDGER_UNAVAILABLE: 'LEDGER_UNAVAILABLE',
  POPULATION_INCOMPLETE: 'POPULATION_INCOMPLETE',
  CALENDAR_NOT_COVERED: 'CALENDAR_NOT_COVERED',
  WEBHOOK_TARGET_REFUSED: 'WEBHOOK_TARGET_REFUSED',
  REPORT_PDF_UNAVAILABLE: 'REPORT_PDF_UNAVAILABLE',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  // Set by graphql-js and Apollo for a bad request; passed through as they are.
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
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
  constructor(
    message: string,
    code: GatewayErrorCode,
    extensions: Omit<NonNullable<GraphQLError['extensions']>, 'code'> = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'GatewayError';
  }
}

/** A department could not answer for this field (no upstream detail ever reaches the client). */
export function sourceUnavailable(department: AnyDepartment): GatewayError {
  return new GatewayError(
    `${department} is unavailable; other departments' data is unaffected`,
    GatewayErrorCode.SOURCE_UNAVAILABLE,
    { department },
  );
}

/**
 * An operation refused before execution (by a plugin): the client's error with an HTTP status
 * Apollo applies (the status plugin turns it into 200 for plain JSON clients), never Apollo's
 * default 500 for errors thrown from a plugin.
 */
export function refusal(
  message: string,
  code: GatewayErrorCode,
  status: 400 | 403,
  extensions: Omit<NonNullable<GraphQLError['extensions']>, 'code' | 'http'> = {},
): GatewayError {
  return new GatewayError(message, code, { ...extensions, http: { status, headers: new HeaderMap() } });
}
