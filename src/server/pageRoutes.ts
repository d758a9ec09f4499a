/**
 * The people's pages that need no sign-in (httpHandler.ts routes them): the front page, a check's
 * receipt verified, the measure lists and published draws (一公开), and the report page's and the
 * desk's files.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayErrorCode, httpStatusOf } from '../errors.ts';
import { INDEX_HTML } from '../frontends/indexPage.ts';
import { receiptRoutes } from '../frontends/report/receiptRoutes.ts';
import type { Asset } from '../playground/assets.ts';
import type { HttpHandlerOptions } from './httpHandler.ts';
import { PAGE_HEADERS, sendJson } from './httpReplies.ts';

/** One route: does it take this request, and how it answers. */
export interface Route {
  matches(req: IncomingMessage, url: URL): boolean;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> | void;
}

/** A static asset from a map, under a path prefix. */
export function serveAsset(
  res: ServerResponse,
  assets: Map<string, Asset>,
  name: string,
  headers: Record<string, string>,
): void {
  const asset = assets.get(name);
  if (!asset) return sendJson(res, 404, { error: 'not found' });
  res.writeHead(200, { ...headers, 'content-type': asset.contentType });
  res.end(asset.body);
}

/**
 * A page's files under `prefix` (`/hall`, `/hall/hall.js`): GET of a name the page has, with the
 * pages' headers. Other paths under the prefix go on to the next route (`/reports/{uscc}`).
 */
export function pageAssetRoute(prefix: string, assets: Map<string, Asset> | undefined): Route {
  const nameOf = (u: URL): string | null =>
    u.pathname === prefix
      ? ''
      : u.pathname.startsWith(`${prefix}/`)
        ? u.pathname.slice(prefix.length + 1)
        : null;
  return {
    matches: (r, u) => {
      const name = nameOf(u);
      return r.method === 'GET' && name !== null && !!assets?.has(name);
    },
    handle: (_q, res, u) => serveAsset(res, assets!, nameOf(u)!, PAGE_HEADERS),
  };
}

/** The people's pages that need no sign-in: the front page, a check's receipt verified, the report page. */
export function pageRoutes(opts: HttpHandlerOptions): Route[] {
  const get = (req: IncomingMessage): boolean => req.method === 'GET';
  return [
    {
      // The front page: where each kind of user goes.
      matches: (r, u) => u.pathname === '/' && get(r),
      handle: (_q, res) => {
        res.writeHead(200, PAGE_HEADERS);
        res.end(INDEX_HTML);
      },
    },
    ...receiptRoutes({ ...opts, pageHeaders: PAGE_HEADERS }),
    {
      // The measure lists in force, for everyone (一公开).
      matches: (r, u) => u.pathname === '/public/measures' && get(r) && !!opts.measuresHtml,
      handle: (_q, res) => {
        res.writeHead(200, PAGE_HEADERS);
        res.end(opts.measuresHtml!());
      },
    },
    {
      // 双随机、一公开: published draws, their inspectors and results, for everyone.
      matches: (r, u) => u.pathname === '/public/inspections' && get(r) && !!opts.inspectionsHtml,
      handle: async (_q, res) => {
        const html = await opts.inspectionsHtml!().catch(() => null);
        if (html === null) {
          // The ledger away: the status LEDGER_UNAVAILABLE has (src/errorCodes.ts), as a page.
          res.writeHead(httpStatusOf(GatewayErrorCode.LEDGER_UNAVAILABLE), PAGE_HEADERS);
          res.end(
            '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>暂不可用</title></head><body><main><h1>抽查结果公示暂不可用</h1><p>账本暂不可用，请稍后再试。</p></main></body></html>',
          );
          return;
        }
        res.writeHead(200, PAGE_HEADERS);
        res.end(html);
      },
    },
    // The enterprise's report page (sign-in in the page) and the regulators' desk with its chart library.
    pageAssetRoute('/reports', opts.reportAssets),
    pageAssetRoute('/desk', opts.deskAssets),
  ];
}
