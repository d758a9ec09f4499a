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
import type { GatewayContext } from '../../context.ts';
import { findUsccProblem, normalizeUscc } from '../../credit/uscc.ts';
import { GatewayErrorCode } from '../../errors.ts';
import { RendererBusy, type PdfRenderer } from './pdf.ts';
import { reportHtml, type ReportData } from './reportHtml.ts';
import { digestOf, verificationCode, verifyCode } from './verification.ts';

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
  secret: string;
  pdf: PdfRenderer;
  now: () => number;
  ruleSet: string;
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
const problem = (res: ServerResponse, status: number, code: string, message: string): void =>
  send(
    res,
    status,
    JSON.stringify({ errors: [{ message, extensions: { code } }] }),
    'application/json; charset=utf-8',
  );

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
      const cert = verifyCode(opts.secret, rest.slice('verify/'.length));
      if (!cert) send(res, 404, JSON.stringify({ genuine: false }), 'application/json; charset=utf-8');
      else send(res, 200, JSON.stringify({ genuine: true, ...cert }), 'application/json; charset=utf-8');
      return true;
    }
    const wantsPdf = rest.endsWith('.pdf');
    const uscc = normalizeUscc(wantsPdf ? rest.slice(0, -4) : rest);
    const bad = findUsccProblem(uscc);
    if (bad) {
      problem(res, 400, GatewayErrorCode.INVALID_USCC, `invalid USCC at position ${bad.position}`);
      return true;
    }
    const self = principal.role === 'enterprise' && principal.uscc === uscc;
    const official = principal.role === 'clerk' || principal.role === 'regulator';
    if (!self && !official) {
      problem(
        res,
        403,
        GatewayErrorCode.FORBIDDEN,
        'a credit report is for the enterprise itself, or a clerk with a purpose',
      );
      return true;
    }
    if (!principal.purpose) {
      problem(
        res,
        403,
        GatewayErrorCode.PURPOSE_REQUIRED,
        'a credit report needs a purpose (X-Purpose header)',
      );
      return true;
    }
    const ctx = await opts.context(req, principal);
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
      problem(
        res,
        hard.extensions?.code === 'AUDIT_UNAVAILABLE' ? 503 : 400,
        hard.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
        'the report cannot be made',
      );
      return true;
    }
    if (!data?.enterprise) {
      problem(res, 404, GatewayErrorCode.NOT_FOUND, 'no registry knows this code');
      return true;
    }
    const generatedAt = new Date(opts.now()).toISOString();
    const day = generatedAt.slice(0, 10).replaceAll('-', '');
    const cert = {
      reportNo: `CR${day}${String(randomInt(0, 1e8)).padStart(8, '0')}`,
      uscc,
      generatedAt,
      grade: data.enterprise.evaluation?.grade ?? null,
      ruleSet: data.enterprise.evaluation
        ? `${data.enterprise.evaluation.ruleSet} ${data.enterprise.evaluation.version}`
        : opts.ruleSet,
      digest: digestOf(data),
    };
    const code = verificationCode(opts.secret, cert);
    const html = reportHtml(data, cert, code, `/reports/verify/${code}`);
    if (!wantsPdf) {
      send(res, 200, html, 'text/html; charset=utf-8', {
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
      return true;
    }
    try {
      send(res, 200, await opts.pdf.render(html), 'application/pdf', {
        'content-disposition': `inline; filename="${cert.reportNo}.pdf"`,
      });
    } catch (err) {
      if (err instanceof RendererBusy) {
        send(
          res,
          503,
          JSON.stringify({
            errors: [
              {
                message: 'every PDF renderer place is taken; try again shortly',
                extensions: { code: GatewayErrorCode.REPORT_BUSY },
              },
            ],
          }),
          'application/json; charset=utf-8',
          { 'retry-after': '2' },
        );
      } else
        problem(
          res,
          503,
          GatewayErrorCode.REPORT_PDF_UNAVAILABLE,
          'the PDF renderer (Chromium) is not available on this replica; the HTML report is',
        );
    }
    return true;
  };
}
