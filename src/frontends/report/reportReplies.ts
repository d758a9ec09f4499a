/**
 * The report routes' replies (reportRoutes.ts): plain responses with no caching, refusals in the
 * GraphQL error shape with their code's status (src/errorCodes.ts), and verification — the code a
 * report carries, and `GET /reports/verify/{code}` answering what a genuine code certifies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayErrorCode, httpStatusOf } from '../../errors.ts';
import type { LedgerHandle } from '../../ledger/LedgerHandle.ts';
import { publicUrl, qrSvg } from '../publicLink.ts';
import type { ReportVerification } from './reportHtml.ts';
import { verificationPage, type CertificateWords } from './verificationPage.ts';
import {
  normalizeShortCode,
  shortCode,
  verificationCode,
  verifyCode,
  verifyShortCode,
  type Certified,
  type ReportKeys,
} from './verification.ts';

/** What verification needs of the report routes' options. */
export interface VerifyOptions {
  keys: ReportKeys;
  ledger?: LedgerHandle | null;
  words?: CertificateWords;
  publicBaseUrl?: string | null;
}

export function send(
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
/** The verification pages' policy: their own styles, nothing else, a form back to this site, framed only here. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'self'";

/** A refusal as the GraphQL error shape, with its code. */
/** A refusal as the GraphQL error shape, with its code and the status the code has (src/errorCodes.ts). */
export const problem = (
  res: ServerResponse,
  code: GatewayErrorCode,
  message: string,
  extra: Record<string, string> = {},
): void =>
  send(
    res,
    httpStatusOf(code),
    JSON.stringify({ errors: [{ message, extensions: { code } }] }),
    'application/json; charset=utf-8',
    extra,
  );

/** Whether the caller is a browser asking for a page (else JSON, for machines). */
export const wantsHtml = (req: IncomingMessage): boolean => {
  const accept = String(req.headers.accept ?? '');
  return accept.includes('text/html') && !accept.startsWith('application/json');
};

/**
 * `GET /reports/verify/{code}`: what a genuine code certifies, or that it is not genuine (404) — a
 * short code is looked up in the ledger and its HMAC checked; a long code carries its own. A
 * Chinese page for people, JSON for machines.
 */
export async function sendVerification(
  req: IncomingMessage,
  res: ServerResponse,
  opts: VerifyOptions,
  code: string,
): Promise<void> {
  const short = normalizeShortCode(code);
  let cert: (Certified & { keyId: string }) | null = null;
  if (short && opts.ledger) {
    try {
      const stored = await opts.ledger.certificates().find(short);
      cert = stored ? verifyShortCode(opts.keys, short, stored) : null;
    } catch {
      return problem(res, GatewayErrorCode.LEDGER_UNAVAILABLE, '核验服务暂不可用，请稍后再试');
    }
  } else if (!short) cert = verifyCode(opts.keys, code);
  if (wantsHtml(req))
    return send(
      res,
      cert ? 200 : 404,
      verificationPage(short ?? code, cert, opts.words),
      'text/html; charset=utf-8',
      {
        'content-security-policy': PAGE_CSP,
      },
    );
  if (!cert) send(res, 404, JSON.stringify({ genuine: false }), 'application/json; charset=utf-8');
  else send(res, 200, JSON.stringify({ genuine: true, ...cert }), 'application/json; charset=utf-8');
}

/**
 * How a report is verified: with the ledger, a short code (its certificate kept there); without
 * it, the long self-contained code. The QR code carries the full URL under PUBLIC_BASE_URL.
 */
export async function verificationOf(
  req: IncomingMessage,
  opts: VerifyOptions,
  cert: Certified,
): Promise<ReportVerification> {
  let code = verificationCode(opts.keys, cert);
  if (opts.ledger?.engine) {
    const short = shortCode(opts.keys, cert);
    try {
      await opts.ledger.certificates().issue(short, opts.keys.current.id, cert);
      code = short;
    } catch {
      // The ledger went away: the long code needs nothing stored.
    }
  }
  const url = publicUrl(req, opts.publicBaseUrl, `/reports/verify/${code}`);
  return { code, url, qrSvg: await qrSvg(url) };
}
