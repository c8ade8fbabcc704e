import { evalExpr } from 'mingo/core'
import { $toLower as mingoToLower, $toUpper as mingoToUpper } from 'mingo/operators/expression/string'
import type { AnyObject, Options } from 'mingo/types'
import { isPlainObject } from './ejson'

/**
 * Aggregation expressions where mingo 7.2.7 answers differently from MongoDB (which CloudBase
 * runs), or lacks them; each replaces mingo's operator of the same name. Sources are cited in
 * docs/emulator.md. Errors are plain Errors: the caller reports them as INVALID_PARAM.
 */

/** mingo's expression operator shape: evaluated on one document (or value) at a time. */
export type ExpressionOperator = (obj: AnyObject, expr: unknown, options: Options) => unknown

const isNullish = (v: unknown): v is null | undefined => v === null || v === undefined

/** An argument MongoDB accepts as an index: an integral number (2.0 included). */
function integral(op: string, what: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`${op} requires an integral ${what}, found: ${String(v)}`)
  return v
}

function args(op: string, expr: unknown, min: number, max: number): unknown[] {
  if (!Array.isArray(expr) || expr.length < min || expr.length > max) throw new Error(`${op} takes ${min === max ? min : `${min} to ${max}`} arguments`)
  return expr
}

// ---- strings ----

const isContinuation = (bytes: Buffer, i: number): boolean => i < bytes.length && (bytes[i]! & 0xc0) === 0x80

/**
 * `$substrBytes` (and its alias `$substr`): byte offsets into the UTF-8 text. A negative count
 * means "to the end", a negative or past-the-end start gives "", a count past the end stops at
 * the end; only a range that splits a character is an error.
 */
function substrBytes(op: string): ExpressionOperator {
  return (obj, expr, options) => {
    const [value, start, count] = evalExpr(obj, args(op, expr, 3, 3), options) as unknown[]
    const from = integral(op, 'starting index', start)
    const length = integral(op, 'length', count)
    if (isNullish(value)) return ''
    if (typeof value !== 'string') throw new Error(`${op} requires a string, found: ${typeof value}`)
    if (from < 0) return ''
    const bytes = Buffer.from(value, 'utf8')
    const to = length < 0 ? bytes.length : Math.min(bytes.length, from + length)
    if (isContinuation(bytes, from)) throw new Error(`${op}: Invalid range, starting index is a UTF-8 continuation byte.`)
    if (isContinuation(bytes, to)) throw new Error(`${op}: Invalid range, ending index is in the middle of a UTF-8 character.`)
    if (from >= bytes.length) return ''
    return bytes.subarray(from, to).toString('utf8')
  }
}

/**
 * `$strLenBytes`: the length of the UTF-8 text. mingo splits `encodeURI` of the string into one array
 * element per byte, five seconds for a 16 MiB string: long enough, on a busy machine, to pass the
 * SDK's 15 s timeout.
 */
const $strLenBytes: ExpressionOperator = (obj, expr, options) => {
  const value = evalExpr(obj, expr, options)
  if (typeof value !== 'string') throw new Error(`$strLenBytes requires a string argument, found: ${isNullish(value) ? 'null' : typeof value}`)
  return Buffer.byteLength(value, 'utf8')
}

/** `$substrCP`: code points; unlike the byte form, a negative start or count is an error. */
const $substrCP: ExpressionOperator = (obj, expr, options) => {
  const [value, start, count] = evalExpr(obj, args('$substrCP', expr, 3, 3), options) as unknown[]
  const from = integral('$substrCP', 'starting index', start)
  const length = integral('$substrCP', 'length', count)
  if (isNullish(value)) return ''
  if (typeof value !== 'string') throw new Error(`$substrCP requires a string, found: ${typeof value}`)
  if (length < 0) throw new Error('$substrCP: length must be a nonnegative integer.')
  if (from < 0) throw new Error('$substrCP: the starting index must be nonnegative integer.')
  return Array.from(value).slice(from, from + length).join('')
}

/** The shared part of `$indexOfBytes` and `$indexOfCP`: the string, the token and the window. */
function indexOfArgs(op: string, obj: AnyObject, expr: unknown, options: Options): { input: string; token: string; start: number; end: number | null } | null {
  const [input, token, start, end] = evalExpr(obj, args(op, expr, 2, 4), options) as unknown[]
  if (isNullish(input)) return null
  if (typeof input !== 'string') throw new Error(`${op} requires a string as the first argument, found: ${typeof input}`)
  if (typeof token !== 'string') throw new Error(`${op} requires a string as the second argument, found: ${typeof token}`)
  const bound = (what: string, v: unknown): number => {
    const n = integral(op, what, v)
    if (n < 0) throw new Error(`${op} requires a nonnegative ${what}, found: ${n}`)
    return n
  }
  return { input, token, start: start === undefined ? 0 : bound('starting index', start), end: end === undefined ? null : bound('ending index', end) }
}

/** `$indexOfBytes` counts UTF-8 bytes (mingo counted UTF-16 units, wrong for Chinese text). */
const $indexOfBytes: ExpressionOperator = (obj, expr, options) => {
  const a = indexOfArgs('$indexOfBytes', obj, expr, options)
  if (!a) return null
  const bytes = Buffer.from(a.input, 'utf8')
  const end = Math.min(bytes.length, a.end ?? bytes.length)
  if (a.start > bytes.length || end < a.start) return -1
  return bytes.subarray(0, end).indexOf(Buffer.from(a.token, 'utf8'), a.start)
}

/** `$indexOfCP`: the code point where the token first starts, at or after `start` and before `end`. */
const $indexOfCP: ExpressionOperator = (obj, expr, options) => {
  const a = indexOfArgs('$indexOfCP', obj, expr, options)
  if (!a) return null
  const points = Array.from(a.input)
  if (a.input === '' && a.token === '' && a.start === 0) return 0
  const end = Math.min(points.length, a.end ?? points.length)
  let offset = points.slice(0, a.start).join('').length
  for (let i = a.start; i < end; i++) {
    if (a.input.startsWith(a.token, offset)) return i
    offset += points[i]!.length
  }
  return -1
}

/** `$toUpper`/`$toLower` of null or a missing field is "", not null. */
function caseOf(op: (obj: AnyObject, expr: unknown, options: Options) => unknown): ExpressionOperator {
  return (obj, expr, options) => {
    const value = evalExpr(obj, expr, options)
    return isNullish(value) ? '' : op(obj, { $literal: value }, options)
  }
}

// ---- dates ----

const OFFSET = /^([+-])(\d{2})(?::?(\d{2}))?$/
const zoneFormats = new Map<string, Intl.DateTimeFormat>()

/** Minutes east of UTC of a zone (an IANA name or a `+hh:mm`/`+hhmm`/`+hh` offset) at an instant. */
function offsetMinutes(zone: string, at: Date): number {
  const fixed = OFFSET.exec(zone)
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0))
  let format = zoneFormats.get(zone)
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    } catch {
      throw new Error(`unrecognized time zone identifier: "${zone}"`)
    }
    zoneFormats.set(zone, format)
  }
  // "GMT+08:00", or "GMT" for a zero offset.
  const name = format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const m = OFFSET.exec(name.slice(3))
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0
}

/** A date operand as MongoDB reads it: a date, or `{date, timezone}`; null when either is null or missing. */
function localDate(op: string, obj: AnyObject, expr: unknown, options: Options): { local: Date; offset: number } | null {
  const spec = isPlainObject(expr) && 'date' in expr ? expr : { date: expr }
  const date = evalExpr(obj, spec.date, options)
  if (isNullish(date)) return null
  if (!(date instanceof Date)) throw new Error(`${op}: can't convert from BSON type ${typeof date} to Date`)
  let offset = 0
  if (spec.timezone !== undefined) {
    const zone = evalExpr(obj, spec.timezone, options)
    if (isNullish(zone)) return null
    if (typeof zone !== 'string') throw new Error(`${op} requires a string for the timezone argument`)
    offset = offsetMinutes(zone, date)
  }
  // The wall-clock time of the zone, read back with the UTC getters.
  return { local: new Date(date.getTime() + offset * 60_000), offset }
}

const DAY_MS = 86_400_000
/** A UTC midnight; unlike Date.UTC, years 0-99 stay themselves. */
function utcDay(year: number, month: number, day: number): Date {
  const d = new Date(0)
  d.setUTCFullYear(year, month, day)
  return d
}
const dayOfYear = (d: Date): number => Math.floor((d.getTime() - utcDay(d.getUTCFullYear(), 0, 1).getTime()) / DAY_MS) + 1
/** Sunday-based weeks as strftime's %U: days before the year's first Sunday are week 0. */
const week = (d: Date): number => Math.floor((dayOfYear(d) - 1 - d.getUTCDay() + 7) / 7)
/** The Thursday of the date's ISO week (ISO 8601 numbers weeks by their Thursday). */
const isoThursday = (d: Date): Date => utcDay(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 4 - (d.getUTCDay() || 7))
const isoWeek = (d: Date): number => Math.floor((dayOfYear(isoThursday(d)) - 1) / 7) + 1
const isoWeekYear = (d: Date): number => isoThursday(d).getUTCFullYear()

/** Each date part MongoDB extracts, computed on the wall-clock date of the requested zone. */
const DATE_PARTS: Record<string, (d: Date) => number> = {
  $year: (d) => d.getUTCFullYear(),
  $month: (d) => d.getUTCMonth() + 1,
  $dayOfMonth: (d) => d.getUTCDate(),
  $hour: (d) => d.getUTCHours(),
  $minute: (d) => d.getUTCMinutes(),
  $second: (d) => d.getUTCSeconds(),
  $millisecond: (d) => d.getUTCMilliseconds(),
  $dayOfYear: dayOfYear,
  $dayOfWeek: (d) => d.getUTCDay() + 1,
  $week: week,
  $isoWeek: isoWeek,
  $isoWeekYear: isoWeekYear,
  $isoDayOfWeek: (d) => d.getUTCDay() || 7,
}

function datePart(op: string, part: (d: Date) => number): ExpressionOperator {
  return (obj, expr, options) => {
    const at = localDate(op, obj, expr, options)
    return at === null ? null : part(at.local)
  }
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** What each `$dateToString` specifier prints (MongoDB's table; `%%` is a literal percent sign). */
const SPECIFIERS: Record<string, (d: Date, offset: number) => string> = {
  d: (d) => pad(d.getUTCDate(), 2),
  G: (d) => pad(isoWeekYear(d), 4),
  H: (d) => pad(d.getUTCHours(), 2),
  j: (d) => pad(dayOfYear(d), 3),
  L: (d) => pad(d.getUTCMilliseconds(), 3),
  m: (d) => pad(d.getUTCMonth() + 1, 2),
  M: (d) => pad(d.getUTCMinutes(), 2),
  S: (d) => pad(d.getUTCSeconds(), 2),
  w: (d) => String(d.getUTCDay() + 1),
  u: (d) => String(d.getUTCDay() || 7),
  U: (d) => pad(week(d), 2),
  V: (d) => pad(isoWeek(d), 2),
  Y: (d) => pad(d.getUTCFullYear(), 4),
  z: (_, offset) => `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60), 2)}${pad(Math.abs(offset) % 60, 2)}`,
  Z: (_, offset) => `${offset < 0 ? '-' : '+'}${Math.abs(offset)}`,
  '%': () => '%',
}

const DEFAULT_FORMAT = '%Y-%m-%dT%H:%M:%S.%LZ'

/** `$dateToString`: mingo printed %U, %w and %G wrongly and %% as nothing. */
const $dateToString: ExpressionOperator = (obj, expr, options) => {
  if (!isPlainObject(expr)) throw new Error('$dateToString only supports an object as its argument')
  const at = localDate('$dateToString', obj, { date: expr.date, timezone: expr.timezone }, options)
  if (at === null) return expr.onNull === undefined ? null : evalExpr(obj, expr.onNull, options)
  const format = expr.format === undefined ? DEFAULT_FORMAT : evalExpr(obj, expr.format, options)
  if (typeof format !== 'string') throw new Error('$dateToString requires that \'format\' be a string')
  let out = ''
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') {
      out += format[i]
      continue
    }
    const spec = format[++i]
    if (spec === undefined) throw new Error("$dateToString: unmatched '%' at end of format string")
    const print = SPECIFIERS[spec]
    if (!print) throw new Error(`$dateToString: invalid format character '%${spec}' in format string`)
    out += print(at.local, at.offset)
  }
  return out
}

export const EXPRESSION_OPERATORS: Record<string, ExpressionOperator> = {
  $substr: substrBytes('$substr'),
  $substrBytes: substrBytes('$substrBytes'),
  $substrCP,
  $strLenBytes,
  $indexOfBytes,
  $indexOfCP,
  $toUpper: caseOf(mingoToUpper),
  $toLower: caseOf(mingoToLower),
  $dateToString,
  ...Object.fromEntries(Object.entries(DATE_PARTS).map(([op, part]) => [op, datePart(op, part)])),
}
