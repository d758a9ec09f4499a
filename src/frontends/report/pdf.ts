/**
 * HTML to PDF with headless Chromium (playwright-core driving the system's Chromium: no browser
 * download). One browser per process, started on first use; pages are per report. Renders are
 * bounded: at most `concurrency` at once, a short queue (past it: `RendererBusy`), and each
 * render times out.
 */
import { bulkhead, BulkheadRejectedError } from 'cockatiel';
import type { Browser } from 'playwright-core';

/** Every render place and queue place is taken. */
/** Headless Chromium's flags on a closed network (no sandbox user namespace, no GPU, nothing phoning out); the browser tests use them too. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class RendererBusy extends Error {
  override readonly name = 'RendererBusy';
}

/** How renders are bounded. */
export interface PdfRendererOptions {
  /** Renders at once. @default 2 */
  concurrency?: number;
  /** Renders waiting for a place. @default 8 */
  queue?: number;
  /** Longest one render may take (ms). @default 10000 */
  timeoutMs?: number;
}

/** Renders HTML pages to PDF. */
export class PdfRenderer {
  private browser: Promise<Browser> | null = null;
  private readonly gate;
  private readonly timeoutMs: number;

  constructor(
    private readonly executablePath: string,
    { concurrency = 2, queue = 8, timeoutMs = 10_000 }: PdfRendererOptions = {},
  ) {
    this.gate = bulkhead(concurrency, queue);
    this.timeoutMs = timeoutMs;
  }

  /** The longest one render may take: Chromium's first launch, then the render itself. */
  get budgetMs(): number {
    return 2 * this.timeoutMs;
  }

  /** The PDF of an HTML document. */
  async render(html: string): Promise<Buffer> {
    try {
      return await this.gate.execute(() => this.renderNow(html));
    } catch (err) {
      if (err instanceof BulkheadRejectedError) throw new RendererBusy('every render place is taken');
      throw err;
    }
  }

  private async renderNow(html: string): Promise<Buffer> {
    // playwright-core is loaded with the first render: a replica that renders no PDF never pays for it.
    this.browser ??= import('playwright-core').then(({ chromium }) =>
      chromium.launch({
        executablePath: this.executablePath,
        timeout: this.timeoutMs,
        args: CHROMIUM_FLAGS,
      }),
    );
    const browser = await this.browser.catch((err: unknown) => {
      this.browser = null;
      throw err;
    });
    const page = await browser.newPage();
    page.setDefaultTimeout(this.timeoutMs);
    try {
      await page.setContent(html, { waitUntil: 'load', timeout: this.timeoutMs });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        margin: { top: '15mm', bottom: '18mm', left: '12mm', right: '12mm' },
        // Page numbers (第 N 页 / 共 M 页) in the footer of every page.
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate:
          '<div style="width:100%;text-align:center;font-size:9px;font-family:sans-serif;color:#333">第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>',
      });
    } finally {
      await page.close();
    }
  }

  /** Closes the browser (and with it every Chromium process this renderer started). */
  async close(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    if (b) await (await b.catch(() => null))?.close();
  }
}
