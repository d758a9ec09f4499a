/**
 * Every `extensions.code` the gateway sets, its own and those it passes through from Apollo: what
 * each means, and the HTTP status of a request it ends — decided here once, read by every
 * transport and route (admission, the GraphQL refusals, the report and desk routes), and written
 * out as docs/errors.md (`npm run docs:errors`, drift-checked in CI).
 *
 * A code marked `besideData` is usually a field's error in a 200 answer with the rest of the data;
 * its status applies where it ends a request (the report route, which stops on it). GraphQL
 * refusals before execution (4xx here) answer 200 with the error to plain `application/json`
 * clients (src/server/graphqlHttpStatus.ts). Apollo's persisted-query codes are answered 200, as
 * Apollo does.
 */

/** One code: its HTTP status when it ends a request, whether it usually travels beside data, its meaning. */
export interface ErrorCodeEntry {
  status: number;
  /** Usually a field's error in a 200 answer with the rest of the data; its status applies where it ends a request (a report it stops). */
  besideData?: boolean;
  meaning: string;
}

export const GATEWAY_ERRORS = {
  INVALID_USCC: {
    status: 400,
    besideData: true,
    meaning: 'not 18 characters of the USCC alphabet; `extensions.position` names the position',
  },
  USCC_CHECKSUM: {
    status: 400,
    besideData: true,
    meaning: 'the check character is wrong and no registry knows the code (a typo)',
  },
  BAD_USER_INPUT: {
    status: 400,
    besideData: true,
    meaning:
      'other bad input (more than 100 codes, a bad or too deep cursor, a keyword over 100 characters, `first` out of range, a bad `X-Purpose` — which ends the request — or more than 50 bad variables); `extensions.argument` names the argument where there is one',
  },
  SOURCE_UNAVAILABLE: {
    status: 503,
    besideData: true,
    meaning: 'a department could not answer; `extensions.department` says which',
  },
  UNAUTHENTICATED: { status: 401, meaning: 'a bad, expired or foreign token' },
  FORBIDDEN: {
    status: 403,
    besideData: true,
    meaning:
      "the caller's role may not read this field (beside data), or the operation is refused whole (introspection for others than developers and regulators)",
  },
  PURPOSE_REQUIRED: {
    status: 403,
    besideData: true,
    meaning: 'a read beyond the public view without `X-Purpose`',
  },
  CONSENT_REQUIRED: {
    status: 403,
    besideData: true,
    meaning: 'a bank holds no consent of the enterprise for the field',
  },
  CONSENT_EXPIRED: { status: 403, besideData: true, meaning: "the bank's consent has expired" },
  CONSENT_REVOKED: { status: 403, besideData: true, meaning: 'the enterprise revoked the consent' },
  CONSENT_SCOPE: { status: 403, besideData: true, meaning: "the consent's scopes do not cover the field" },
  CONSENT_PURPOSE: { status: 403, besideData: true, meaning: 'the consent was given for another purpose' },
  AUDIT_UNAVAILABLE: {
    status: 503,
    meaning: 'the audit log cannot be written; nothing served or changed',
  },
  RATE_LIMITED: {
    status: 429,
    meaning: 'past the rate limit of the principal or its organization (`Retry-After`)',
  },
  QUOTA_EXCEEDED: {
    status: 429,
    meaning:
      "the organization's daily quota (`quota`: profiles, reports, webhooks) is used up (`Retry-After` to Beijing midnight, `RateLimit`/`RateLimit-Policy` headers); nothing was read or counted",
  },
  QUERY_TOO_DEEP: { status: 400, meaning: 'an abuse limit: nesting deeper than 8' },
  TOO_MANY_ALIASES: { status: 400, meaning: 'an abuse limit: more than 10 aliases' },
  TOO_MANY_DIRECTIVES: { status: 400, meaning: 'an abuse limit: more than 5 directives' },
  QUERY_TOO_COSTLY: { status: 400, meaning: 'an abuse limit: a cost over 5000' },
  TOO_MANY_TOKENS: { status: 400, meaning: 'an abuse limit: more than 1000 tokens' },
  LIST_TOO_LONG: { status: 400, meaning: 'an abuse limit: a list argument longer than 100' },
  DEPARTMENT_BUDGET_EXCEEDED: {
    status: 400,
    meaning:
      "the operation could cost more department calls than the caller's role may cause (`extensions.cost`, `extensions.budget`); nothing was called",
  },
  OPERATION_TIMEOUT: { status: 504, meaning: 'the operation took longer than `OPERATION_TIMEOUT_MS`' },
  TRUSTED_DOCUMENT_REQUIRED: {
    status: 400,
    meaning: 'trusted-documents-only mode: the document is not in the manifest',
  },
  BAD_REQUEST: {
    status: 400,
    meaning:
      'a body that is not JSON, a path with malformed percent-encoding, an APQ hash that does not match its query or an unsupported APQ version',
  },
  PAYLOAD_TOO_LARGE: { status: 413, meaning: 'a body over `MAX_BODY_BYTES`' },
  NOT_FOUND: {
    status: 404,
    meaning: 'a credit report for a code no registry knows; a draw not (yet) public',
  },
  REPORT_BUSY: { status: 503, meaning: 'every PDF render place and queue place is taken (`Retry-After`)' },
  REPORT_INCOMPLETE: {
    status: 503,
    meaning:
      'a department could not answer, so the grade is provisional and cannot be certified; `extensions.departments` names them (`Retry-After`)',
  },
  REPORT_EXPIRED: {
    status: 410,
    meaning:
      'the PDF of an issued report was asked for by its number (`?no=`) after its keeping time (`REPORT_KEEP_SECONDS`), or by someone it was not issued to: open the report again',
  },
  LEDGER_UNAVAILABLE: {
    status: 503,
    besideData: true,
    meaning:
      'the city ledger (PostgreSQL) is not configured or cannot be reached: rosters, draws, report verification; per-enterprise lookups still answer',
  },
  POPULATION_INCOMPLETE: {
    status: 400,
    besideData: true,
    meaning:
      '`drawInspection` while the ledger does not hold the whole city complete and current (counts in `extensions.coverage`); `acceptIncomplete: true` draws anyway and the draw records it',
  },
  CALENDAR_NOT_COVERED: {
    status: 400,
    besideData: true,
    meaning:
      'a deadline counted in working days falls in a year the shipped working-day calendar does not hold (`extensions.year`); never guessed — the calendar is updated as data (README "Working days")',
  },
  WEBHOOK_TARGET_REFUSED: {
    status: 400,
    besideData: true,
    meaning:
      "`registerWebhook`'s URL is not http(s), carries credentials, is not in `WEBHOOK_ALLOWED_HOSTS`, or its name resolves to an internal address that is not listed (`extensions.argument`: `url`)",
  },
  REPORT_PDF_UNAVAILABLE: {
    status: 503,
    meaning: 'no Chromium on this replica: the HTML report still works',
  },
  PERSISTED_QUERY_NOT_FOUND: { status: 200, meaning: "Apollo's automatic persisted queries, passed through" },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    status: 200,
    meaning: "Apollo's automatic persisted queries, passed through",
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    meaning: 'anything unexpected, masked: no stack, path or upstream body',
  },
  GRAPHQL_PARSE_FAILED: { status: 400, meaning: "GraphQL's own: the document does not parse" },
  GRAPHQL_VALIDATION_FAILED: {
    status: 400,
    meaning: "GraphQL's own: the document is not valid against the schema",
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: 400,
    meaning: "Apollo's own: the operation to run cannot be chosen (no or an unknown `operationName`)",
  },
} as const satisfies Record<string, ErrorCodeEntry>;

/** One gateway error code. */
export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;

/** The codes by name, for `GatewayErrorCode.X`. */
export const GatewayErrorCode = Object.fromEntries(Object.keys(GATEWAY_ERRORS).map((k) => [k, k])) as {
  readonly [K in GatewayErrorCode]: K;
};

/** Whether a string is one of these codes (an error from elsewhere may carry another). */
export function isGatewayErrorCode(code: unknown): code is GatewayErrorCode {
  return typeof code === 'string' && Object.hasOwn(GATEWAY_ERRORS, code);
}

/** The HTTP status of a request this code ends. */
export function httpStatusOf(code: GatewayErrorCode): number {
  return GATEWAY_ERRORS[code].status;
}

/** docs/errors.md: the table above, as a reader wants it. */
export function errorsDoc(): string {
  const rows = Object.entries(GATEWAY_ERRORS).map(
    ([code, e]: [string, ErrorCodeEntry]) =>
      `| \`${code}\` | ${e.status} | ${e.besideData ? 'yes' : ''} | ${e.meaning} |`,
  );
  return [
    '# Error codes (`extensions.code`)',
    '',
    'Generated from `src/errorCodes.ts` by `npm run docs:errors`; do not edit by hand.',
    '',
    '| code | HTTP status of a request it ends | usually beside data (200) | meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
    'No client input produces a 5xx: refused operations (introspection for other roles, a budget',
    'exceeded, abuse limits) answer 200 with the error to `application/json` clients and the 4xx above',
    'to `application/graphql-response+json` clients (graphql-http’s rules). A 5xx says the gateway or',
    'what it depends on could not serve: a timeout, a busy renderer, an unreachable ledger.',
    '',
  ].join('\n');
}
