/**
 * The public routes of approval checks' receipts: `/checks/verify` — a form to
 * type a receipt's number and code, the code alone (a receipt kept in the ledger), or the long
 * address stating every fact — and `/checks/qr.svg`, the QR code of a kept receipt's short address.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { publicUrl, qrSvg } from '../publicLink.ts';
import type { CheckReceipts } from '../../ledger/CheckReceipts.ts';
import {
  checkGenuine,
  checkVerificationPage,
  missingParams,
  normalizeReceiptCode,
  storedGenuine,
  type ReceiptCheck,
} from './checkReceipt.ts';
import type { ReportKeys } from './verification.ts';

/** What the routes need. */
export interface ReceiptRoutesOptions {
  receiptKeys?: ReportKeys;
  receipts?: () => CheckReceipts | null;
  publicBaseUrl?: string | null;
  /** The security headers of the gateway's pages. */
  pageHeaders: Record<string, string>;
}

const get = (req: IncomingMessage): boolean => req.method === 'GET';

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, headers);
  res.end(body);
}

/** What `/checks/verify` finds for its parameters. */
async function verifyReceipt(p: URLSearchParams, opts: ReceiptRoutesOptions): Promise<ReceiptCheck> {
  const keys = opts.receiptKeys;
  const typed = (p.get('code') ?? '').slice(0, 40);
  if (!p.get('code') && !p.get('no') && !p.get('uscc')) return { kind: 'form' };
  if (!p.get('code') && !p.get('uscc')) return { kind: 'partial', missing: ['核验码'] };
  const missing = missingParams(p);
  const code = normalizeReceiptCode(typed);
  // The code alone (and, from the form, the number): the receipt kept in the ledger.
  if (missing.length && p.get('code') && !p.get('uscc')) {
    const store = opts.receipts?.() ?? null;
    const stored = store ? await store.find(code).catch(() => null) : null;
    if (!stored || !keys || (p.get('no') && p.get('no')!.trim() !== stored.number))
      return { kind: 'unknown', code };
    if (!storedGenuine(keys, stored)) return { kind: 'altered' };
    return { kind: 'genuine', facts: stored, stored };
  }
  if (missing.length) return { kind: 'partial', missing };
  const facts = {
    number: p.get('no') ?? '',
    uscc: p.get('uscc') ?? '',
    matter: p.get('matter') ?? '',
    verdict: p.get('verdict') ?? '',
    checkedAt: p.get('at') ?? '',
  };
  if (!keys || !checkGenuine(keys, facts, code)) return { kind: 'altered' };
  const stored =
    (await opts
      .receipts?.()
      ?.find(code)
      .catch(() => null)) ?? null;
  return { kind: 'genuine', facts, stored: stored && storedGenuine(keys, stored) ? stored : null };
}

/** The routes, for the handler's table. */
export function receiptRoutes(opts: ReceiptRoutesOptions) {
  return [
    {
      // A check's printout verified by anyone holding it: its code alone (kept in the ledger; typed
      // from paper or read from the QR code), or the long address with every fact it states.
      matches: (r: IncomingMessage, u: URL) => u.pathname === '/checks/verify' && get(r),
      handle: async (_q: IncomingMessage, res: ServerResponse, u: URL) => {
        const found = await verifyReceipt(u.searchParams, opts);
        const status = { form: 200, genuine: 200, partial: 400, altered: 404, unknown: 404 }[found.kind];
        send(res, status, opts.pageHeaders, checkVerificationPage(found));
      },
    },
    {
      // The QR code of a kept receipt's short address, for the hall's printout.
      matches: (r: IncomingMessage, u: URL) => u.pathname === '/checks/qr.svg' && get(r),
      handle: async (req: IncomingMessage, res: ServerResponse, u: URL) => {
        const code = u.searchParams.get('code') ?? '';
        if (!/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(code))
          return void send(
            res,
            400,
            { 'content-type': 'application/json' },
            JSON.stringify({ error: 'not a receipt code' }),
          );
        const svg = await qrSvg(publicUrl(req, opts.publicBaseUrl, `/checks/verify?code=${code}`));
        res.writeHead(200, {
          'content-type': 'image/svg+xml; charset=utf-8',
          'cache-control': 'private, max-age=3600',
        });
        res.end(svg);
      },
    },
  ];
}
