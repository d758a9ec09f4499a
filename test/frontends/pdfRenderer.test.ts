/** PDF renders are bounded: a place each, a short queue, then REPORT_BUSY; and each render times out. */
import { afterAll, describe, expect, it } from 'vitest';
import { PdfRenderer, RendererBusy } from '../../src/frontends/report/pdf.ts';
import { CHROMIUM, chromiumAvailable } from '../helpers/browser.ts';

const available = chromiumAvailable();
const renderers: PdfRenderer[] = [];
afterAll(() => Promise.all(renderers.map((r) => r.close())));

describe.skipIf(!available)('the PDF renderer', () => {
  it('refuses a render past its places and queue, and serves the one it took', async () => {
    const r = new PdfRenderer(CHROMIUM, { concurrency: 1, queue: 0 });
    renderers.push(r);
    const first = r.render('<p>一</p>');
    await expect(r.render('<p>二</p>')).rejects.toBeInstanceOf(RendererBusy);
    expect((await first).subarray(0, 4).toString()).toBe('%PDF');
  });

  it('times a render out instead of holding its place forever', async () => {
    const r = new PdfRenderer(CHROMIUM, { timeoutMs: 300 });
    renderers.push(r);
    // A page that never finishes loading: its image never answers.
    const net = await import('node:net');
    const hold = net.createServer(() => {});
    await new Promise<void>((ok) => hold.listen(0, '127.0.0.1', ok));
    const port = (hold.address() as { port: number }).port;
    try {
      await expect(r.render(`<img src="http://127.0.0.1:${port}/never.png">`)).rejects.toThrow(/Timeout/i);
    } finally {
      hold.close();
    }
  });
});
