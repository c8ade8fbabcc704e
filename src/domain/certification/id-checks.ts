/**
 * Check characters of the two national identifiers store certification collects. Pure: "today" comes in.
 */

/** GB 11643-1999: weights 2^(17-i) mod 11 for the first 17 digits; the sum mod 11 picks the check character. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'
const ID_SHAPE = /^[1-9]\d{16}[\dX]$/

/** The check character GB 11643 gives the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!
  return ID_CHECK[sum % 11]!
}

/** Upper-cases a trailing `x`: people type the check character both ways, the card prints `X`. */
export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase()
}

export type IdNumberProblem = 'format' | 'birth_date' | 'check_digit'

/**
 * Why an 18-character resident ID number is not valid, or undefined when it is: 17 digits and a
 * check character (digit or `X`), a birth date (characters 7–14) that exists, from 1900 up to
 * `today` (`YYYY-MM-DD`), and the GB 11643 check character. The 15-digit cards of before 1999 are no
 * longer valid documents and are refused.
 */
export function idNumberProblem(id: string, today: string): IdNumberProblem | undefined {
  if (!ID_SHAPE.test(id)) return 'format'
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  const exists = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  const iso = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  if (!exists || y < 1900 || iso > today) return 'birth_date'
  return idCheckChar(id.slice(0, 17)) === id[17] ? undefined : 'check_digit'
}

/**
 * GB 32100-2015: 31 characters (digits and capitals without I, O, Z, S, V); weights 3^i mod 31; the
 * check character is the one whose value makes the weighted sum a multiple of 31.
 */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
/** Registration authority (1–9, A–N, Y), category, a 6-digit division code, 9 for the entity and the check character. */
const USCC_SHAPE = /^[1-9A-HJ-NY][1-9A-HJ-NP-RTUWXY0-9]\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/

/** The check character GB 32100 gives the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]!) * USCC_WEIGHTS[i]!
  return USCC_CHARS[(31 - (sum % 31)) % 31]!
}

export type UsccProblem = 'format' | 'check_digit'

/** Why an 18-character unified social credit code is not valid, or undefined when it is. */
export function usccProblem(code: string): UsccProblem | undefined {
  if (!USCC_SHAPE.test(code)) return 'format'
  return usccCheckChar(code.slice(0, 17)) === code[17] ? undefined : 'check_digit'
}
