/**
 * The issuing authority's seal mark on reports (印章): an image each deployment
 * supplies (REPORT_SEAL_IMAGE, a PNG or SVG file), read once at start and printed beside 出具单位.
 * A deployment without one prints that none is configured — a report never borrows a seal.
 */
import { readFileSync } from 'node:fs';

/** The largest seal image accepted: a seal is a small mark, and every report carries it. */
export const SEAL_MAX_BYTES = 256 * 1024;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The seal as the report embeds it (a data: URI: the PDF renderer loads nothing from outside). */
export interface SealImage {
  dataUri: string;
}

/** Reads and checks a seal image; throws with a message naming what is wrong. */
export function readSealImage(file: string): SealImage {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      cause: err,
    });
  }
  if (bytes.length > SEAL_MAX_BYTES)
    throw new Error(`${file} is ${bytes.length} bytes; a seal image may be at most ${SEAL_MAX_BYTES}`);
  if (bytes.subarray(0, 8).equals(PNG))
    return { dataUri: `data:image/png;base64,${bytes.toString('base64')}` };
  const text = bytes.toString('utf8');
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(text)) {
    // An SVG drawn by a script or pointing outside would run or load in the PDF renderer: refused.
    if (/<script|\bon[a-z]+\s*=|href\s*=\s*["']?(?!#)/i.test(text))
      throw new Error(`${file}: a seal SVG may not hold scripts, event handlers or outside references`);
    return { dataUri: `data:image/svg+xml;base64,${bytes.toString('base64')}` };
  }
  throw new Error(`${file} is neither a PNG nor an SVG image`);
}
