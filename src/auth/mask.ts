/** Masking of personal data (docs/access.md): all but the enterprise itself and regulators see `440************234`. */

/**
 * Masks an identifier so that at most a third of it stays visible, split between its start
 * and its end (an 18-digit resident ID keeps 3 + 3: `440************234`; a 9-character
 * passport number 1 + 2). Shorter than 3 characters: all masked.
 */
export function maskIdNumber(id: string): string {
  const visible = Math.floor(id.length / 3);
  const head = Math.floor(visible / 2);
  const tail = visible - head;
  return id.slice(0, head) + '*'.repeat(id.length - visible) + (tail ? id.slice(-tail) : '');
}
