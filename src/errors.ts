/**
 * The gateway's error codes and its one error class. `formatError` passes
 * these through and masks everything else as INTERNAL_SERVER_ERROR.
 */
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { type AnyDepartment, type Department } from './departments/registry.ts';

import { GatewayErrorCode, httpStatusOf } from './errorCodes.ts';

export { GatewayErrorCode, httpStatusOf, isGatewayErrorCode } from './errorCodes.ts';

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
  extensions: Omit<NonNullable<GraphQLError['extensions']>, 'code' | 'http'> = {},
  headers = new HeaderMap(),
): GatewayError {
  return new GatewayError(message, code, { ...extensions, http: { status: httpStatusOf(code), headers } });
}
