/** A timestamp column as ISO text, whichever engine answered (pg gives a Date, PGlite may give text). */
export const isoOf = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
