/**
 * The address people reach a printed document's verification page at, and its QR code: under
 * PUBLIC_BASE_URL when the deployment sets it, else the request's own host. Reports and approval
 * receipts both print one.
 */
import type { IncomingMessage } from 'node:http';
import QRCode from 'qrcode';

/** `path` under the public base (or the request's host). */
export function publicUrl(
  req: IncomingMessage,
  publicBaseUrl: string | null | undefined,
  path: string,
): string {
  const base = (publicBaseUrl ?? `http://${req.headers.host ?? 'localhost'}`).replace(/\/+$/, '');
  return `${base}${path}`;
}

/** The QR code of `url`, as SVG (rendered here: no CDN, works unplugged). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}
