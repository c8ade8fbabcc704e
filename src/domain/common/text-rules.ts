import type { ErrorCode } from './errors'

/**
 * Rules every single-line text field shares (the personal centre's and certification's forms), kept
 * apart from the zod schemas so a page that needs only these does not load zod.
 */

/** Mainland China mobile numbers: 11 digits, `1` then 3–9. */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/

/**
 * Characters no single-line field may hold: control characters (C0, DEL, C1: line breaks and tabs
 * among them), the Unicode line / paragraph separators, bidirectional embeddings, overrides and
 * isolates (they reorder what is shown around them) and unpaired surrogates.
 */
const FORBIDDEN_CHARS = /[\p{Cc}\p{Cs}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u

/** Length in Unicode code points (what `[...s]` yields), not UTF-16 units. */
export function codePointLength(s: string): number {
  return Array.from(s).length
}

/** Whether `s` holds a control, line-break or bidi-control character (see `FORBIDDEN_CHARS`). */
export function hasForbiddenChars(s: string): boolean {
  return FORBIDDEN_CHARS.test(s)
}

export interface BilingualText {
  'zh-CN': string
  en: string
}

/** What to show next to a refused field. */
export interface FieldError {
  code: ErrorCode
  message: BilingualText
}
