/** The seal image a deployment gives its reports (REPORT_SEAL_IMAGE): what is accepted, what is refused and why. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/gatewayConfig.ts';
import { readSealImage, SEAL_MAX_BYTES } from '../../../src/frontends/report/seal.ts';

const dir = mkdtempSync(join(tmpdir(), 'cg-seal-'));
const file = (name: string, body: string | Buffer): string => {
  writeFileSync(join(dir, name), body);
  return join(dir, name);
};
const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const SVG =
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="4" cx="5" cy="5"/></svg>';

describe('report seal image', () => {
  it('takes a PNG or an SVG, as a data: URI the PDF renderer needs nothing outside for', () => {
    expect(readSealImage(file('s.png', PNG_HEADER)).dataUri).toBe(
      `data:image/png;base64,${PNG_HEADER.toString('base64')}`,
    );
    expect(readSealImage(file('s.svg', SVG)).dataUri).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it.each([
    ['a missing file', join(dir, 'nope.png'), /cannot read .*ENOENT/],
    ['a JPEG', () => file('s.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0])), /neither a PNG nor an SVG/],
    ['an SVG with a script', () => file('x.svg', '<svg><script>alert(1)</script></svg>'), /scripts/],
    ['an SVG with a handler', () => file('h.svg', '<svg onload="x()"></svg>'), /event handlers/],
    [
      'an SVG loading from outside',
      () => file('o.svg', '<svg><image href="http://x/y.png"/></svg>'),
      /outside/,
    ],
    [
      'an oversized image',
      () => file('big.png', Buffer.concat([PNG_HEADER, Buffer.alloc(SEAL_MAX_BYTES)])),
      /at most/,
    ],
  ])('refuses %s, saying why', (_what, path, why) => {
    expect(() => readSealImage(typeof path === 'string' ? path : path())).toThrow(why);
  });

  it('a bad REPORT_SEAL_IMAGE stops the start, named; none configured is null', () => {
    expect(loadConfig({}).reports.seal).toBeNull();
    expect(loadConfig({ REPORT_SEAL_IMAGE: file('s2.svg', SVG) }).reports.seal?.dataUri).toMatch(
      /^data:image\/svg/,
    );
    expect(() => loadConfig({ REPORT_SEAL_IMAGE: join(dir, 'absent.png') })).toThrow(
      /REPORT_SEAL_IMAGE: cannot read/,
    );
  });
});
