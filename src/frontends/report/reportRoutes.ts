/**
 * The credit report (信用报告): `GET /reports/{uscc}` (HTML), `GET /reports/{uscc}.pdf`, and
 * `GET /reports/verify/{code}`. For the enterprise itself, or a clerk or regulator with a purpose.
 * Generated from the same resolvers as the API (one GraphQL operation run with the caller's
 * context: the same authorization, masking and audit).
 */
import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { Principal } from '../../auth/principal.ts';
import { quotaHeaders, quotaRefusal, type Quotas } from '../../server/quotas.ts';
import type { GatewayContext } from '../../context.ts';
import { findUsccProblem, normalizeUscc } from '../../credit/uscc.ts';
import { GatewayErrorCode } from '../../errors.ts';
import { RendererBusy, type PdfRenderer } from './pdf.ts';
import { reportHtml, type ReportData } from './reportHtml.ts';
import { digestOf, verificationCode, verifyCode, type Certified, type ReportKeys } from './verification.ts';

const REPORT_QUERY = `query CreditReport($u: USCC!) {
  enterprise(uscc: $u) {
    uscc name
    code { regionCode organizationTypeName checksumValid }
    registration { status statusText establishedOn entityType authority address legalRepresentative { name } }
    evaluation { grade label ruleSet version evaluatedAt basis { rule } complete missingDepartments }
    records { id department kind severity date title status publicity { until } }
    credit { repairs { recordRef repairedOn } }
    sources { department status fetchedAt }
  }
}`;

/** What the report routes need. */
export interface ReportRoutesOptions {
  apollo: ApolloServer<GatewayContext>;
  context: (req: IncomingMessage, principal: Principal) => Promise<GatewayContext>;
  /** The key that signs verification codes, and retired ones still accepted. */
  keys: ReportKeys;
  pdf: PdfRenderer;
  now: () => number;
  ruleSet: string;
  /** Organizations' daily quotas (a report counts one against `reports`), when configured. */
  quotas?: Quotas | null;
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(body);
}
/** A refusal as the GraphQL error shape, with its code. */
const problem = (
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
): void =>
  send(
    res,
    status,
    JSON.stringify({ errors: [{ message, extensions: { code } }] }),
    'application/json; charset=utf-8',
    extra,
  );

/** When to ask again for a report refused as incomplete (a department's outage is usually short). */
const INCOMPLETE_RETRY_SECONDS = 60;

/** A refusal before anything is read: a status, a code and why. */
type Refusal = [status: number, code: string, message: string];

/** `GET /reports/verify/{code}`: what a genuine code certifies, or `genuine: false` (404). */
function sendVerification(res: ServerResponse, keys: ReportKeys, code: string): void {
  const cert = verifyCode(keys, code);
  if (!cert) send(res, 404, JSON.stringify({ genuine: false }), 'application/json; charset=utf-8');
  else send(res, 200, JSON.stringify({ genuine: true, ...cert }), 'application/json; charset=utf-8');
}

/** Who may have a report (the enterprise itself, or a clerk or regulator) with a purpose, for a valid code. */
function refusalFor(principal: Principal, uscc: string): Refusal | null {
  const bad = findUsccProblem(uscc);
  if (bad) return [400, GatewayErrorCode.INVALID_USCC, `invalid USCC at position ${bad.position}`];
  const self = principal.role === 'enterprise' && principal.uscc === uscc;
  const official = principal.role === 'clerk' || principal.role === 'regulator';
  if (!self && !official)
    return [
      403,
      GatewayErrorCode.FORBIDDEN,
      'a credit report is for the enterprise itself, or a clerk with a purpose',
    ];
  if (!principal.purpose)
    return [403, GatewayErrorCode.PURPOSE_REQUIRED, 'a credit report needs a purpose (X-Purpose header)'];
  return null;
}

/** Runs the report's operation with the caller's context: the data, or why there is none. */
async function reportData(
  opts: ReportRoutesOptions,
  ctx: GatewayContext,
  uscc: string,
): Promise<ReportData | Refusal> {
  const result = await opts.apollo.executeOperation(
    { query: REPORT_QUERY, variables: { u: uscc } },
    { contextValue: ctx },
  );
  if (result.body.kind !== 'single') throw new Error('unexpected incremental result');
  const { data, errors } = result.body.singleResult as {
    data?: ReportData | null;
    errors?: Array<{ extensions?: { code?: string } }>;
  };
  const hard = errors?.find((e) => !['SOURCE_UNAVAILABLE', 'FORBIDDEN'].includes(e.extensions?.code ?? ''));
  if (hard) {
    const code = hard.extensions?.code ?? GatewayErrorCode.INTERNAL_SERVER_ERROR;
    const status =
      code === GatewayErrorCode.AUDIT_UNAVAILABLE
        ? 503
        : code === GatewayErrorCode.QUOTA_EXCEEDED
          ? 429
          : 400;
    return [status, code, 'the report cannot be made'];
  }
  if (!data?.enterprise) return [404, GatewayErrorCode.NOT_FOUND, 'no registry knows this code'];
  return data;
}

/** What a report certifies: its number, the enterprise, the time, the grade and rule set, a digest of its content. */
function certify(data: ReportData, uscc: string, now: number, fallbackRuleSet: string): Certified {
  const generatedAt = new Date(now).toISOString();
  const day = generatedAt.slice(0, 10).replaceAll('-', '');
  const e = data.enterprise!.evaluation;
  return {
    reportNo: `CR${day}${String(randomInt(0, 1e8)).padStart(8, '0')}`,
    uscc,
    generatedAt,
    grade: e?.grade ?? null,
    ruleSet: e ? `${e.ruleSet} ${e.version}` : fallbackRuleSet,
    digest: digestOf(data),
  };
}

/** The PDF of a report, or the renderer's refusal (busy, or no Chromium on this replica). */
async function sendPdf(res: ServerResponse, pdf: PdfRenderer, html: string, reportNo: string): Promise<void> {
  try {
    send(res, 200, await pdf.render(html), 'application/pdf', {
      'content-disposition': `inline; filename="${reportNo}.pdf"`,
    });
  } catch (err) {
    if (err instanceof RendererBusy) {
      problem(
        res,
        503,
        GatewayErrorCode.REPORT_BUSY,
        'every PDF renderer place is taken; try again shortly',
        { 'retry-after': '2' },
      );
    } else {
      const message = 'the PDF renderer (Chromium) is not available on this replica; the HTML report is';
      problem(res, 503, GatewayErrorCode.REPORT_PDF_UNAVAILABLE, message);
    }
  }
}

/** Counts a report against its organization's quota: false (answered 429) when it is used up. */
async function countReport(
  res: ServerResponse,
  quotas: Quotas | null | undefined,
  principal: Principal,
): Promise<boolean> {
  const use = await quotas?.use(principal.org, 'reports', 1);
  if (!use) return true;
  const headers = quotaHeaders(use);
  if (use.ok) {
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    return true;
  }
  const { message, extensions } = quotaRefusal(use);
  send(
    res,
    429,
    JSON.stringify({ errors: [{ message, extensions }] }),
    'application/json; charset=utf-8',
    headers,
  );
  return false;
}

/** Builds the route handler; it answers true when the request was one of its routes. */
export function createReportRoutes(opts: ReportRoutesOptions) {
  // Authenticated and rate limited by the HTTP handler, like /graphql, under the same operation timeout.
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    principal: Principal,
  ): Promise<boolean> => {
    if (req.method !== 'GET' || !url.pathname.startsWith('/reports/')) return false;
    const rest = decodeURIComponent(url.pathname.slice('/reports/'.length));
    if (rest.startsWith('verify/')) {
      sendVerification(res, opts.keys, rest.slice('verify/'.length));
      return true;
    }
    const wantsPdf = rest.endsWith('.pdf');
    const uscc = normalizeUscc(wantsPdf ? rest.slice(0, -4) : rest);
    const refusal = refusalFor(principal, uscc);
    if (!refusal && !(await countReport(res, opts.quotas, principal))) return true;
    const data = refusal ?? (await reportData(opts, await opts.context(req, principal), uscc));
    if (Array.isArray(data)) {
      problem(res, ...data);
      return true;
    }
    // domain.md §4: a provisional grade is never certified; the report waits for every department.
    const missing = data.enterprise!.evaluation?.missingDepartments ?? [];
    if (missing.length > 0) {
      const body = {
        errors: [
          {
            message: `the report cannot be certified while ${missing.join(', ')} cannot answer; try again later`,
            extensions: { code: GatewayErrorCode.REPORT_INCOMPLETE, departments: missing },
          },
        ],
      };
      send(res, 503, JSON.stringify(body), 'application/json; charset=utf-8', {
        'retry-after': String(INCOMPLETE_RETRY_SECONDS),
      });
      return true;
    }
    const cert = certify(data, uscc, opts.now(), opts.ruleSet);
    const code = verificationCode(opts.keys, cert);
    const html = reportHtml(data, cert, code, `/reports/verify/${code}`);
    if (wantsPdf) await sendPdf(res, opts.pdf, html, cert.reportNo);
    else
      send(res, 200, html, 'text/html; charset=utf-8', {
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
    return true;
  };
}
