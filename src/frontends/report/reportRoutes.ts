/**
 * The credit report (信用报告): `GET /reports/{uscc}` (HTML), `GET /reports/{uscc}.pdf`, and
 * `GET /reports/verify/{code}`. For the enterprise itself, or a clerk or regulator with a purpose.
 * Generated from the same resolvers as the API (one GraphQL operation run with the caller's
 * context: the same authorization, masking and audit).
 */
import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { PURPOSE_WORDS, type Principal } from '../../auth/principal.ts';
import { recordAudienceOf } from '../../auth/audience.ts';
import { quotaHeaders, quotaRefusal, type Quotas } from '../../server/quotas.ts';
import type { GatewayContext } from '../../context.ts';
import { findUsccProblem, normalizeUscc } from '../../credit/uscc.ts';
import { GatewayErrorCode, httpStatusOf, isGatewayErrorCode } from '../../errors.ts';
import type { AuthenticatedRoute } from '../../server/httpHandler.ts';
import { runOperation } from '../../server/runOperation.ts';
import { everyDepartmentLabel } from '../../departments/declared/declarations.ts';
import { declaredReportKeys, declaredReportSelection, type DeclaredPartStatus } from './declaredSections.ts';
import { RendererBusy, type PdfRenderer } from './pdf.ts';
import type { LedgerHandle } from '../../ledger/LedgerHandle.ts';
import { beijingTime, reportHtml, type ReportData } from './reportHtml.ts';
import { ownerOf, type IssuedReports } from './issuedReports.ts';
import type { SealImage } from './seal.ts';
import { verificationFormPage, type CertificateWords } from './verificationPage.ts';
import { digestOf, type Certified, type ReportKeys } from './verification.ts';
import { PAGE_CSP, problem, send, sendVerification, verificationOf } from './reportReplies.ts';

/** The report page's one operation. */
export const REPORT_QUERY = `query CreditReport($u: USCC!) {
  enterprise(uscc: $u) {
    uscc name
    code { regionCode organizationTypeName checksumValid }
    registration { status statusText establishedOn entityType authority address scope industryCode approvedOn legalRepresentative { name } registeredCapital { text } }
    evaluation { grade label ruleSet ruleSetName version evaluatedAt period { from to } basis { rule ruleName records { id title } } complete missingDepartments }
    records { id department kind severity date title status publicity { until } penalty { kinds amount fact authority } }
    history: records(includeHistory: true) { id recordRef title date penalty { authority } }
    credit {
      lists { id list domain reason authority listedOn removedOn }
      commitments { id type matter content signedOn dueOn status overdue }
      repairs { recordRef repairedOn }
      objections { id recordRef status filedOn resolvedOn progress { department answerDueOn compareDueOn deadlinesKnown decision answer answeredOn overdue } }
    }
    interviews { department kind heldOn required rectifyBy rectifiedOn overdue }
    sources { department status fetchedAt }
    tax { ratings { year grade } }
    environment { ratings { year card } }
    ${declaredReportSelection()}
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
  /** Whether the rule set is confirmed by the city, in words (报告说明: 规则集待确认 until it is). */
  ruleSetNote: () => string;
  /** Who issues reports (出具单位), as the deployment names itself (REPORT_ISSUER). */
  issuer: string;
  /** The issuer's seal mark (REPORT_SEAL_IMAGE), or null. */
  seal?: SealImage | null;
  /** Words for a certificate's grade and rule set on the verification page. */
  words?: CertificateWords;
  /** How old a department's data may be in a certified report (the rule set's affirmativeMaxAge), ms. */
  maxAgeMs: (department: string) => number;
  /** Organizations' daily quotas (a report counts one against `reports`), when configured. */
  quotas?: Quotas | null;
  /**
   * Where people reach this gateway (PUBLIC_BASE_URL, e.g. https://credit.example.gov.cn): the
   * verification URL in the QR code. Unset: the request's own host.
   */
  publicBaseUrl?: string | null;
  /** Issued reports kept by number, so the PDF of the report on screen is that report (none: every PDF is new). */
  issued?: IssuedReports | null;
  /** The city ledger, where certificates are kept for their short codes (long codes without it). */
  ledger?: LedgerHandle | null;
}

/** When to ask again for a report refused as incomplete (a department's outage is usually short). */
const INCOMPLETE_RETRY_SECONDS = 60;

/** A refusal before anything is read: a status, a code and why. */
type Refusal = [code: GatewayErrorCode, message: string];

/** Who may have a report (the enterprise itself, or a clerk or regulator) with a purpose, for a valid code. */
function refusalFor(principal: Principal, uscc: string): Refusal | null {
  const bad = findUsccProblem(uscc);
  if (bad) return [GatewayErrorCode.INVALID_USCC, `统一社会信用代码有误：第 ${bad.position} 位`];
  // The enterprise itself, or a role whose view of records is the officials' (src/auth/roles.ts).
  if (recordAudienceOf(principal, uscc) === 'public')
    return [GatewayErrorCode.FORBIDDEN, '信用报告仅限企业本身，或持查询目的的窗口人员、监管人员查询'];
  if (!principal.purpose)
    return [GatewayErrorCode.PURPOSE_REQUIRED, '查询信用报告须说明查询目的（X-Purpose）'];
  return null;
}

/** Runs the report's operation with the caller's context: the data, or why there is none. */
async function reportData(
  opts: ReportRoutesOptions,
  ctx: GatewayContext,
  uscc: string,
): Promise<ReportData | Refusal> {
  const { data, errors } = await runOperation<ReportData>(opts.apollo, ctx, REPORT_QUERY, { u: uscc });
  // A department or the ledger away, or a part the reader may not see: the report says so where it shows.
  const hard = errors?.find(
    (e) => !['SOURCE_UNAVAILABLE', 'FORBIDDEN', 'LEDGER_UNAVAILABLE'].includes(e.extensions?.code ?? ''),
  );
  if (hard) {
    // Answered with the status its code has (src/errorCodes.ts); a code not ours is masked as internal.
    const code = hard.extensions?.code;
    return [isGatewayErrorCode(code) ? code : GatewayErrorCode.INTERNAL_SERVER_ERROR, '报告暂不能生成'];
  }
  if (!data?.enterprise) return [GatewayErrorCode.NOT_FOUND, '登记机关查无此统一社会信用代码'];
  // A declared department's part: absent because the reader may not see it, or the department did not answer.
  const declaredStatus: Record<string, DeclaredPartStatus> = {};
  for (const key of declaredReportKeys()) {
    const code = errors?.find((e) => e.path?.[0] === 'enterprise' && e.path[1] === key)?.extensions?.code;
    if (code === 'FORBIDDEN' || code === 'SOURCE_UNAVAILABLE') declaredStatus[key] = code;
  }
  // The ledger away: its parts (objection progress, interviews) are unknown, and the report says so.
  const ledgerUnavailable = errors?.some((e) => e.extensions?.code === 'LEDGER_UNAVAILABLE');
  return {
    ...data,
    ...(ledgerUnavailable ? { ledgerUnavailable: true } : {}),
    ...(Object.keys(declaredStatus).length ? { declaredStatus } : {}),
  };
}

/** What a report certifies: its number, the enterprise, the time, the grade and rule set, a digest of its content. */
function certify(data: ReportData, uscc: string, now: number, fallbackRuleSet: string): Certified {
  const generatedAt = new Date(now).toISOString();
  // The report number's date is Beijing's (a report made at 01:00 in Beijing is that day's).
  const day = beijingTime(now).slice(0, 10).replaceAll('-', '');
  const e = data.enterprise!.evaluation;
  return {
    reportNo: `CR${day}${String(randomInt(0, 1e8)).padStart(8, '0')}`,
    complete: data.enterprise!.evaluation?.complete ?? true,
    uscc,
    generatedAt,
    grade: e?.grade ?? null,
    ruleSet: e ? `${e.ruleSet} ${e.version}` : fallbackRuleSet,
    digest: digestOf(data),
    name: data.enterprise!.name ?? null,
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
      problem(res, GatewayErrorCode.REPORT_BUSY, '报告生成繁忙，请稍后再试', { 'retry-after': '2' });
    } else {
      const message = '本服务器暂不能生成 PDF（缺少 Chromium），可先查看网页版报告';
      problem(res, GatewayErrorCode.REPORT_PDF_UNAVAILABLE, message);
    }
  }
}

/**
 * `GET /reports/{uscc}.pdf?no={reportNo}`: the PDF of a report already issued to this caller — the
 * same number, data and verification code as on screen; not counted again. Gone after its keeping
 * time (or never issued to this caller): 410 REPORT_EXPIRED, the same answer either way.
 */
async function sendIssuedPdf(
  res: ServerResponse,
  opts: ReportRoutesOptions,
  principal: Principal,
  uscc: string,
  reportNo: string,
): Promise<void> {
  const kept = /^CR\d{16}$/.test(reportNo) ? await opts.issued?.find(reportNo).catch(() => null) : null;
  if (!kept || kept.owner !== ownerOf(principal) || kept.uscc !== uscc) {
    const message = `报告 ${/^CR\d{16}$/.test(reportNo) ? reportNo : ''} 已超过保留时间或不属于当前登录者，请重新打开报告后下载`;
    return problem(res, GatewayErrorCode.REPORT_EXPIRED, message);
  }
  await sendPdf(res, opts.pdf, kept.html, reportNo);
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
    httpStatusOf(GatewayErrorCode.QUOTA_EXCEEDED),
    JSON.stringify({ errors: [{ message, extensions }] }),
    'application/json; charset=utf-8',
    headers,
  );
  return false;
}

/** Builds the route handler; it answers true when the request was one of its routes. */
export function createReportRoutes(opts: ReportRoutesOptions): AuthenticatedRoute {
  // Authenticated and rate limited by the HTTP handler, like /graphql, under the same operation timeout.
  return async (req, res, url, principal) => {
    if (req.method !== 'GET' || !url.pathname.startsWith('/reports/')) return false;
    const rest = decodeURIComponent(url.pathname.slice('/reports/'.length));
    if (rest.startsWith('verify/')) {
      await sendVerification(req, res, opts, rest.slice('verify/'.length));
      return true;
    }
    // The form a person types a code into from paper, and where it sends them.
    if (rest === 'verify') {
      const typed = url.searchParams.get('code');
      if (typed?.trim()) await sendVerification(req, res, opts, typed.trim());
      else
        send(res, 200, verificationFormPage(), 'text/html; charset=utf-8', {
          'content-security-policy': PAGE_CSP,
        });
      return true;
    }
    const wantsPdf = rest.endsWith('.pdf');
    const uscc = normalizeUscc(wantsPdf ? rest.slice(0, -4) : rest);
    const refusal = refusalFor(principal, uscc);
    const asIssued = wantsPdf ? url.searchParams.get('no') : null;
    if (asIssued !== null) {
      if (refusal) problem(res, ...refusal);
      else await sendIssuedPdf(res, opts, principal, uscc, asIssued);
      return true;
    }
    if (!refusal && !(await countReport(res, opts.quotas, principal))) return true;
    // A certified report rests on young data: every department whose cached value is older than the
    // rule set's affirmativeMaxAge is asked again (docs/rules.md "Approval checks").
    const ctx = refusal ? null : await opts.context(req, principal);
    const data = refusal ?? (await reportData(opts, { ...ctx!, data: ctx!.affirmative() }, uscc));
    if (Array.isArray(data)) {
      problem(res, ...data);
      return true;
    }
    // docs/rules.md "Grades and completeness": a provisional grade is never certified; the report waits for every department.
    const now = opts.now();
    const old = data
      .enterprise!.sources.filter(
        (s) => s.fetchedAt && now - Date.parse(s.fetchedAt) >= opts.maxAgeMs(s.department),
      )
      .map((s) => s.department);
    const missing = [...new Set([...(data.enterprise!.evaluation?.missingDepartments ?? []), ...old])];
    if (missing.length > 0) {
      const body = {
        errors: [
          {
            message: `${missing.map((d) => everyDepartmentLabel()[d] ?? d).join('、')}暂不可用，报告暂不能出具，请稍后再试`,
            extensions: { code: GatewayErrorCode.REPORT_INCOMPLETE, departments: missing },
          },
        ],
      };
      send(
        res,
        httpStatusOf(GatewayErrorCode.REPORT_INCOMPLETE),
        JSON.stringify(body),
        'application/json; charset=utf-8',
        {
          'retry-after': String(INCOMPLETE_RETRY_SECONDS),
        },
      );
      return true;
    }
    const cert = certify(data, uscc, opts.now(), opts.ruleSet);
    const html = reportHtml(data, cert, await verificationOf(req, opts, cert), opts.ruleSetNote(), {
      issuer: opts.issuer,
      seal: opts.seal ?? null,
      requester:
        recordAudienceOf(principal, uscc) === 'self' ? '企业本身' : (principal.org ?? principal.role),
      purpose: PURPOSE_WORDS[principal.purpose ?? ''] ?? principal.purpose ?? '—',
    });
    await opts.issued?.keep(cert.reportNo, { owner: ownerOf(principal), uscc, html }).catch(() => undefined); // not kept: its PDF is asked for as a new report, said so then
    if (wantsPdf) await sendPdf(res, opts.pdf, html, cert.reportNo);
    else
      send(res, 200, html, 'text/html; charset=utf-8', {
        'x-report-no': cert.reportNo,
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
      });
    return true;
  };
}
