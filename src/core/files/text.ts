/**
 * Characters that change how text around them is shown without being seen themselves: the
 * Unicode bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). A name
 * such as "报告\u202Efdp.exe" shows as "报告exe.pdf". Refused in what people type (http/server.ts
 * findUnacceptableText) and removed from text that comes inside files (file names, sheet cells).
 * The plain marks U+200E / U+200F stay: they only mark direction and can hide nothing. Pure.
 */
// eslint-disable-next-line no-misleading-character-class
export const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

export function hasBidiControl(s: string): boolean {
  return BIDI_CONTROL.test(s);
}

/** The text without control characters and bidirectional overrides. */
export function neutraliseText(s: string): string {
  return s.replace(HIDDEN, '');
}
