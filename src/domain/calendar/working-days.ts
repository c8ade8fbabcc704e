import chineseDays from 'chinese-days/dist/chinese-days.json'
import { z } from 'zod/mini'
import { lazySchema } from '../common/lazy-schema'
import shippedOverrides from '../../content/workday-overrides.json'
import { DomainError } from '../common/errors'

/**
 * Chinese working days (工作日) for statutory deadlines such as "reply within 15 working days".
 *
 * Dates are civil dates in Asia/Shanghai, `YYYY-MM-DD`. China keeps UTC+8 all year, so an instant
 * maps to its Shanghai date by a fixed +8 h shift (as in `common/local-time.ts`); the arithmetic
 * below uses UTC getters only and never depends on the device's or server's time zone.
 */
export interface WorkdayCalendar {
  /** Whether `date` (`YYYY-MM-DD`, Shanghai civil date) is a working day. */
  isWorkday(date: string): boolean
  /** Whether the calendar knows that year's official holidays and make-up working days. */
  covers(year: number): boolean
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Epoch ms of `YYYY-MM-DD` at 00:00 UTC, or undefined when it is not a real calendar date. */
function dayMs(date: string): number | undefined {
  const m = DATE_RE.exec(date)
  if (!m) return undefined
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return new Date(ms).toISOString().slice(0, 10) === date ? ms : undefined
}

function requireDate(date: string): number {
  const ms = typeof date === 'string' ? dayMs(date) : undefined
  if (ms === undefined) throw new DomainError('COMMON.INVALID_INPUT', `not a YYYY-MM-DD date: ${String(date)}`)
  return ms
}

const isWeekend = (ms: number): boolean => {
  const day = new Date(ms).getUTCDay()
  return day === 0 || day === 6
}

/** The Shanghai civil date of an instant: `2026-03-05T23:30:00Z` → `2026-03-06`. */
export function shanghaiDate(iso: string): string {
  const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN
  if (Number.isNaN(ms)) throw new DomainError('COMMON.INVALID_INPUT', `not an ISO instant: ${String(iso)}`)
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

// ---------------------------------------------------------------------------------------------
// Operator overrides (src/content/workday-overrides.json)
// ---------------------------------------------------------------------------------------------

const isoDateSchema = lazySchema(() => z.string().check(z.refine((s) => dayMs(s) !== undefined, 'must be a real YYYY-MM-DD date')))

/** One year's arrangement, copied from the State Council notice. */
export const overrideYearSchema = lazySchema(() => z.strictObject({
  /** Where the dates come from: the gov.cn URL of the notice (国务院办公厅关于…节假日安排的通知). */
  source: z.string().check(z.minLength(1)),
  /** Rest days of the notice in this year (weekend days may be listed too; it changes nothing). */
  holidays: z.array(isoDateSchema),
  /** Make-up working days (调休上班) in this year; each is a Saturday or Sunday. */
  workdays: z.array(isoDateSchema),
}))
export type OverrideYear = z.infer<typeof overrideYearSchema>

/**
 * The override file: `{ "$comment"?: string | string[], "years": { "<YYYY>": OverrideYear } }`.
 * A listed year becomes covered and replaces the package's data for that year completely.
 */
export const workdayOverridesSchema = lazySchema(() => z.strictObject({
  $comment: z.optional(z.union([z.string(), z.array(z.string())])),
  years: z.record(z.string().check(z.regex(/^\d{4}$/)), overrideYearSchema),
}))
export type WorkdayOverrides = z.infer<typeof workdayOverridesSchema>

/**
 * Validates an override file: the shape, plus that every date lies in its year key, appears once,
 * is not both a holiday and a workday, and that make-up workdays fall on a weekend (a weekday there
 * is always a typo).
 * @throws DomainError `CALENDAR.INVALID_OVERRIDES` naming each problem.
 */
export function parseWorkdayOverrides(input: unknown): WorkdayOverrides {
  const parsed = workdayOverridesSchema.safeParse(input)
  if (!parsed.success) {
    throw new DomainError('CALENDAR.INVALID_OVERRIDES', parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; '))
  }
  const problems: string[] = []
  for (const [year, entry] of Object.entries(parsed.data.years)) {
    const seen = new Set<string>()
    for (const [list, dates] of [['holidays', entry.holidays], ['workdays', entry.workdays]] as const) {
      for (const date of dates) {
        const where = `years.${year}.${list}: ${date}`
        if (!date.startsWith(`${year}-`)) problems.push(`${where} is not in ${year}`)
        if (seen.has(date)) problems.push(`${where} is listed twice`)
        if (list === 'workdays' && !isWeekend(dayMs(date)!)) problems.push(`${where} is a weekday; make-up workdays fall on a weekend`)
        seen.add(date)
      }
    }
  }
  if (problems.length > 0) throw new DomainError('CALENDAR.INVALID_OVERRIDES', problems.join('; '))
  return parsed.data
}

let shipped: WorkdayOverrides | undefined
/**
 * The shipped override file, validated on first use rather than at load (a cold function start does
 * not pay for it): a bad file then fails every calendar question, and tests/unit/calendar checks it.
 * @throws DomainError `CALENDAR.INVALID_OVERRIDES`
 */
export function shippedWorkdayOverrides(): WorkdayOverrides {
  return (shipped ??= parseWorkdayOverrides(shippedOverrides))
}

// ---------------------------------------------------------------------------------------------
// The chinese-days adapter
// ---------------------------------------------------------------------------------------------

/**
 * The package's data, keyed `YYYY-MM-DD`: `holidays` are official rest days, `workdays` make-up
 * working days on a weekend. Read from its prebuilt `dist/chinese-days.json` rather than through
 * `isWorkday()`: the package parses date strings as UTC midnight and then reads them with local-time
 * getters, so on a device west of UTC (an overseas user) every answer is a day off. The JSON is
 * built from the same notices (`src/holidays/generate.ts`) and, in a UTC+0/+8 process, agrees with
 * `isWorkday()` on every day (see tests/unit/calendar).
 */
const packageHolidays = (): Readonly<Record<string, string>> => chineseDays.holidays
const packageWorkdays = (): Readonly<Record<string, string>> => chineseDays.workdays

let packageYears: readonly number[] | undefined
/**
 * Years chinese-days has a State Council notice for, derived from its data: the years of its
 * `holidays` keys. Each notice lists New Year's Day, so a year present in the package always has
 * keys there, and a year absent has none (1.5.7: 2004–2026).
 */
export function chineseDaysYears(): readonly number[] {
  return (packageYears ??= [...new Set(Object.keys(packageHolidays()).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b))
}

let shippedCalendar: WorkdayCalendar | undefined

/**
 * The Chinese working-day calendar: a year listed in `overrides` uses only those dates; any other
 * year the package covers uses the package's data; any other year is not covered, and asking about
 * one of its days throws `CALENDAR.YEAR_NOT_COVERED`.
 * @param overrides defaults to the shipped src/content/workday-overrides.json (that calendar is built
 *   once and kept); others are validated again here.
 * @throws DomainError `CALENDAR.INVALID_OVERRIDES` for bad overrides.
 */
export function chineseWorkdayCalendar(overrides?: WorkdayOverrides): WorkdayCalendar {
  if (overrides === undefined) return (shippedCalendar ??= calendarOf(shippedWorkdayOverrides()))
  return calendarOf(overrides)
}

function calendarOf(overrides: WorkdayOverrides): WorkdayCalendar {
  const byYear = new Map(
    Object.entries(parseWorkdayOverrides(overrides).years).map(([y, e]) => [Number(y), { holidays: new Set(e.holidays), workdays: new Set(e.workdays) }]),
  )
  const years = new Set(chineseDaysYears())
  const covers = (year: number): boolean => byYear.has(year) || years.has(year)
  return {
    covers,
    isWorkday(date: string): boolean {
      const ms = requireDate(date)
      const year = Number(date.slice(0, 4))
      if (!covers(year)) throw notCovered(year)
      const own = byYear.get(year)
      if (own) return own.workdays.has(date) || (!isWeekend(ms) && !own.holidays.has(date))
      return date in packageWorkdays() || (!isWeekend(ms) && !(date in packageHolidays()))
    },
  }
}

function notCovered(year: number): DomainError {
  return new DomainError(
    'CALENDAR.YEAR_NOT_COVERED',
    `the working-day calendar has no official holiday arrangement for ${year}; add it to src/content/workday-overrides.json once the State Council publishes it`,
  )
}

// ---------------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------------

/** A run this long without a working day means a broken calendar: official breaks last days, not weeks. */
const MAX_REST_RUN = 31

/**
 * The due date `n` working days after an instant. The start is its Shanghai civil date (an instant
 * at 23:30 UTC is already the next day in Shanghai), and that day never counts, whether or not it
 * is a working day or how late it is: the due date is the n-th working day strictly after it.
 * Filed on Friday 2026-03-06 (any time) → 1 working day → Monday 2026-03-09; filed on a Saturday →
 * also that Monday. `n = 0` gives the start date itself. The deadline is the whole due day (Shanghai).
 * @throws DomainError `CALENDAR.YEAR_NOT_COVERED` when counting reaches a year the calendar does not
 *   cover (the message names the year); `COMMON.INVALID_INPUT` for a bad instant or count.
 */
export function addWorkingDays(calendar: WorkdayCalendar, startIso: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new DomainError('COMMON.INVALID_INPUT', `working days must be a whole number ≥ 0, got ${String(n)}`)
  let ms = dayMs(shanghaiDate(startIso))!
  let date = new Date(ms).toISOString().slice(0, 10)
  let restRun = 0
  for (let counted = 0; counted < n; ) {
    ms += DAY_MS
    date = new Date(ms).toISOString().slice(0, 10)
    const year = Number(date.slice(0, 4))
    if (!calendar.covers(year)) throw notCovered(year)
    if (calendar.isWorkday(date)) {
      counted++
      restRun = 0
    } else if (++restRun > MAX_REST_RUN) {
      throw new DomainError('COMMON.INTERNAL', `the working-day calendar has no working day in the ${MAX_REST_RUN} days up to ${date}`)
    }
  }
  return date
}

/**
 * Per calendar, per year: `counts[i]` = working days from 1 January to day i of the year (0 = 1 January),
 * inclusive. Built once per year on first use (a calendar's answers never change), so counting across a
 * long span costs a lookup per year instead of a calendar question per day.
 */
const runningCounts = new WeakMap<WorkdayCalendar, Map<number, Uint16Array>>()

function countsOf(calendar: WorkdayCalendar, year: number): Uint16Array {
  let years = runningCounts.get(calendar)
  if (!years) runningCounts.set(calendar, (years = new Map()))
  let counts = years.get(year)
  if (!counts) {
    if (!calendar.covers(year)) throw notCovered(year)
    const first = Date.UTC(year, 0, 1)
    counts = new Uint16Array((Date.UTC(year + 1, 0, 1) - first) / DAY_MS)
    for (let i = 0, n = 0; i < counts.length; i++) {
      if (calendar.isWorkday(new Date(first + i * DAY_MS).toISOString().slice(0, 10))) n++
      counts[i] = n
    }
    years.set(year, counts)
  }
  return counts
}

/**
 * Working days from one Shanghai civil date to another, signed: the working days in (from, to] when
 * `to` is later, minus those in (to, from] when it is earlier. A request due on
 * `addWorkingDays(c, filedAt, n)` thus has n left on the day it was filed, 0 on its due day, and a
 * negative count once working days pass after it (a weekend right after the due day still counts 0).
 * @throws DomainError `CALENDAR.YEAR_NOT_COVERED` when the span's counted days reach a year the calendar
 *   does not cover; `COMMON.INVALID_INPUT` for a date that is not `YYYY-MM-DD`.
 */
export function workingDaysBetween(calendar: WorkdayCalendar, from: string, to: string): number {
  const a = requireDate(from)
  const b = requireDate(to)
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1]
  let count = 0
  // Year by year over (lo, hi]: each year's share is a difference of its running counts.
  for (let after = lo; after < hi; ) {
    const year = new Date(after + DAY_MS).getUTCFullYear()
    const yearStart = Date.UTC(year, 0, 1)
    const end = Math.min(hi, Date.UTC(year + 1, 0, 1) - DAY_MS)
    const counts = countsOf(calendar, year)
    const before = (after - yearStart) / DAY_MS
    count += counts[(end - yearStart) / DAY_MS]! - (before >= 0 ? counts[before]! : 0)
    after = end
  }
  return count === 0 ? 0 : sign * count
}
