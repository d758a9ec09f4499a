/**
 * The one cursor codec: an opaque base64url of `<kind>:<offset>`. Every cursor a client sends
 * back is checked here, before any department is called — a forged or huge offset is the
 * client's error (`BAD_USER_INPUT`), never a request a department would refuse and its circuit
 * breaker would count against everyone.
 */
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';

/** The kinds of cursor the API gives out: search hits and the regulator's alert sweep. */
export type CursorKind = 'o' | 'r';

/** The deepest offset any cursor may carry (as search engines cap their result windows). */
export const MAX_CURSOR_OFFSET = 10_000_000;

/** A cursor for the position after `offset` items. */
export function encodeCursor(kind: CursorKind, offset: number): string {
  return Buffer.from(`${kind}:${offset}`).toString('base64url');
}

/** A keyset cursor: the code after which a roster page continues. */
export function encodeKey(uscc: string): string {
  return Buffer.from(`k:${uscc}`).toString('base64url');
}

/** The code a keyset cursor stands for (null without one), or BAD_USER_INPUT. */
export function decodeKey(cursor: string | null | undefined, argument = 'after'): string | null {
  if (!cursor) return null;
  const m =
    cursor.length <= 64 ? /^k:([0-9A-Z]{18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
  if (!m)
    throw new GatewayError(`${argument} is not a cursor this API gave out`, GatewayErrorCode.BAD_USER_INPUT, {
      argument,
    });
  return m[1]!;
}

/** The offset a cursor stands for (0 without one), or BAD_USER_INPUT naming the argument. */
export function decodeCursor(
  kind: CursorKind,
  cursor: string | null | undefined,
  argument = 'after',
): number {
  if (!cursor) return 0;
  const m =
    cursor.length <= 64
      ? new RegExp(`^${kind}:(\\d{1,8})$`).exec(Buffer.from(cursor, 'base64url').toString('utf8'))
      : null;
  const offset = m ? Number(m[1]) : NaN;
  if (!(offset <= MAX_CURSOR_OFFSET))
    throw new GatewayError(`${argument} is not a cursor this API gave out`, GatewayErrorCode.BAD_USER_INPUT, {
      argument,
    });
  return offset;
}

/** A keyset cursor into a newest-first audit page: the (time, replica, sequence) of the last entry served. */
export function encodeTrailKey(k: { at: string; replica: string; seq: number }): string {
  return Buffer.from(`t:${k.at}|${k.seq}|${k.replica}`).toString('base64url');
}

/** The position an audit cursor stands for (null without one), or BAD_USER_INPUT. */
export function decodeTrailKey(
  cursor: string | null | undefined,
  argument = 'after',
): { at: string; replica: string; seq: number } | null {
  if (!cursor) return null;
  const m =
    cursor.length <= 400
      ? /^t:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(\d{1,15})\|([^\n]{1,200})$/.exec(
          Buffer.from(cursor, 'base64url').toString('utf8'),
        )
      : null;
  if (!m || Number.isNaN(Date.parse(m[1]!)))
    throw new GatewayError(`${argument} is not a cursor this API gave out`, GatewayErrorCode.BAD_USER_INPUT, {
      argument,
    });
  return { at: m[1]!, seq: Number(m[2]), replica: m[3]! };
}
