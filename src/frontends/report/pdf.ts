/**
 * HTML to PDF with headless Chromium (playwright-core driving the system's Chromium: no browser
 * download). One browser per process, started on first use; pages are per report.
 */
import { chromium, type Browser } from 'playwright-core';

/** Renders HTML pages to PDF. */
export class PdfRenderer {
  private browser: Promise<Browser> | null = null;

  constructor(private readonly executablePath: string) {}

  /** The PDF of an HTML document. */
  async render(html: string): Promise<Buffer> {
    this.browser ??= chromium.launch({
      executablePath: this.executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const browser = await this.browser.catch((err: unknown) => {
      this.browser = null;
      throw err;
    });
    const page = await browser.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    if (b) await (await b.catch(() => null))?.close();
  }
}
