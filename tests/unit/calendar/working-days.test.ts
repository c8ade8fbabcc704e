import * as chineseDaysApi from 'chinese-days'
import shippedJson from '../../../src/content/workday-overrides.json'
import {
  type WorkdayCalendar,
  type WorkdayOverrides,
  addWorkingDays,
  chineseDaysYears,
  chineseWorkdayCalendar,
  parseWorkdayOverrides,
  shanghaiDate,
  shippedWorkdayOverrides,
  workingDaysBetween,
} from '../../../src/domain/calendar'
import { DomainError } from '../../../src/domain/common/errors'
import { codeOf } from '../../support/domain'

const calendar = chineseWorkdayCalendar()

/** A made-up 2027 for tests only (just New Year's Day off): NOT the real 2027 arrangement. */
const FAKE_2027: WorkdayOverrides = {
  years: { '2027': { source: 'test fixture, not the State Council notice', holidays: ['2027-01-01'], workdays: [] } },
}

function errorOf(fn: () => unknown): DomainError {
  try {
    fn()
  } catch (err) {
    if (err instanceof DomainError) return err
    throw err
  }
  throw new Error('expected a DomainError')
}

const days = (from: string, to: string): string[] => {
  const out: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10))
  return out
}

describe('chinese-days coverage', () => {
  it('has official data for 2004–2026 and nothing else (derived from the package data)', () => {
    expect(chineseDaysYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i))
    expect(calendar.covers(2003)).toBe(false)
    expect(calendar.covers(2026)).toBe(true)
    expect(calendar.covers(2027)).toBe(false)
  })

  it('lists New Year’s Day as a holiday in every covered year', () => {
    for (const y of chineseDaysYears()) expect(calendar.isWorkday(`${y}-01-01`)).toBe(false)
  })

  // The package's own isWorkday() is only right east of UTC (it reads UTC-midnight dates with local
  // getters), so compare against it only where the process's offset makes it reliable.
  const eastOfUtc = new Date('2026-01-01T00:00:00Z').getTimezoneOffset() <= 0
  ;(eastOfUtc ? it : it.skip)('agrees with the package’s isWorkday() on every day it covers', () => {
    const mismatches = days('2004-01-01', '2026-12-31').filter((d) => calendar.isWorkday(d) !== chineseDaysApi.isWorkday(d))
    expect(mismatches).toEqual([])
  })
})

describe('isWorkday', () => {
  it('follows the 2026 Spring Festival notice: 15–23 Feb off, Saturdays 14 and 28 Feb worked', () => {
    expect(days('2026-02-13', '2026-03-02').filter((d) => calendar.isWorkday(d))).toEqual([
      '2026-02-13',
      '2026-02-14',
      '2026-02-24',
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
      '2026-03-02',
    ])
  })

  it('refuses a day of an uncovered year, and a malformed date', () => {
    expect(codeOf(() => calendar.isWorkday('2027-01-04'))).toBe('CALENDAR.YEAR_NOT_COVERED')
    expect(codeOf(() => calendar.isWorkday('2026-02-30'))).toBe('COMMON.INVALID_INPUT')
    expect(codeOf(() => calendar.isWorkday('2026-2-3'))).toBe('COMMON.INVALID_INPUT')
  })

  it('uses only an override year’s own dates, replacing the package for that year', () => {
    const cal = chineseWorkdayCalendar({
      years: { '2026': { source: 'test fixture', holidays: ['2026-03-03'], workdays: ['2026-03-07'] } },
    })
    expect(cal.isWorkday('2026-02-16')).toBe(true) // the package's Spring Festival no longer applies
    expect(cal.isWorkday('2026-02-14')).toBe(false) // nor its make-up Saturday
    expect(cal.isWorkday('2026-03-03')).toBe(false)
    expect(cal.isWorkday('2026-03-07')).toBe(true)
    expect(cal.isWorkday('2026-03-08')).toBe(false)
    expect(cal.isWorkday('2025-10-01')).toBe(false) // other years keep the package
  })
})

describe('shanghaiDate', () => {
  it.each([
    ['2026-03-05T15:59:59.999Z', '2026-03-05'],
    ['2026-03-05T16:00:00.000Z', '2026-03-06'],
    ['2026-03-05T23:30:00Z', '2026-03-06'],
    ['2026-03-06T07:30:00+08:00', '2026-03-06'],
  ])('%s → %s', (iso, date) => expect(shanghaiDate(iso)).toBe(date))

  it('refuses a non-instant', () => expect(codeOf(() => shanghaiDate('soon'))).toBe('COMMON.INVALID_INPUT'))
})

describe('addWorkingDays', () => {
  it('counts from the next day: Friday + 1 → Monday; a Saturday filing + 1 → the same Monday', () => {
    expect(addWorkingDays(calendar, '2026-03-06T02:00:00Z', 1)).toBe('2026-03-09')
    expect(addWorkingDays(calendar, '2026-03-07T02:00:00Z', 1)).toBe('2026-03-09')
    expect(addWorkingDays(calendar, '2026-03-09T02:00:00Z', 1)).toBe('2026-03-10')
    expect(addWorkingDays(calendar, '2026-03-06T02:00:00Z', 0)).toBe('2026-03-06')
  })

  it('15 working days across Spring Festival 2026, counting the make-up Saturdays 14 and 28 Feb', () => {
    // Mon 9 Feb → 10,11,12,13, Sat 14 | 15–23 off | 24,25,26,27, Sat 28 | 2,3,4,5,6 Mar.
    expect(addWorkingDays(calendar, '2026-02-09T02:00:00Z', 15)).toBe('2026-03-06')
    // Plain weekdays alone would have given 2 Mar.
    const weekdaysOnly: WorkdayCalendar = { covers: () => true, isWorkday: (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) }
    expect(addWorkingDays(weekdaysOnly, '2026-02-09T02:00:00Z', 15)).toBe('2026-03-02')
  })

  it('15 working days across Mid-Autumn and National Day 2026, counting Sun 20 Sep and Sat 10 Oct', () => {
    // Fri 18 Sep → Sun 20, 21–24 | 25–27 off | 28,29,30 | 1–7 Oct off | 8,9, Sat 10, 12,13,14,15.
    expect(addWorkingDays(calendar, '2026-09-18T02:00:00Z', 15)).toBe('2026-10-15')
    expect(addWorkingDays(calendar, '2026-09-18T02:00:00Z', 1)).toBe('2026-09-20')
    expect(addWorkingDays(calendar, '2026-09-30T02:00:00Z', 1)).toBe('2026-10-08')
  })

  it('starts from the Shanghai date: 23:30 UTC Thursday is already Friday in Shanghai', () => {
    expect(addWorkingDays(calendar, '2026-03-05T23:30:00Z', 1)).toBe('2026-03-09')
    expect(addWorkingDays(calendar, '2026-03-05T15:59:59Z', 1)).toBe('2026-03-06')
  })

  it('refuses to guess 2027 with the shipped (empty) overrides, naming the year', () => {
    const err = errorOf(() => addWorkingDays(calendar, '2026-12-15T02:00:00Z', 15))
    expect(err.code).toBe('CALENDAR.YEAR_NOT_COVERED')
    expect(err.message).toContain('2027')
    // 16–31 Dec hold only 12 working days, so a shorter count still fits.
    expect(addWorkingDays(calendar, '2026-12-15T02:00:00Z', 12)).toBe('2026-12-31')
  })

  it('goes into 2027 once an override supplies that year', () => {
    const cal = chineseWorkdayCalendar(FAKE_2027)
    expect(cal.covers(2027)).toBe(true)
    // 12 in Dec | Fri 1 Jan off | Mon 4, 5, 6 Jan.
    expect(addWorkingDays(cal, '2026-12-15T02:00:00Z', 15)).toBe('2027-01-06')
  })

  it('refuses a bad count or instant', () => {
    for (const n of [-1, 1.5, Number.NaN]) expect(codeOf(() => addWorkingDays(calendar, '2026-03-06T02:00:00Z', n))).toBe('COMMON.INVALID_INPUT')
    expect(codeOf(() => addWorkingDays(calendar, 'yesterday', 1))).toBe('COMMON.INVALID_INPUT')
  })

  it('stops on a calendar without working days instead of looping', () => {
    const never: WorkdayCalendar = { covers: () => true, isWorkday: () => false }
    expect(codeOf(() => addWorkingDays(never, '2026-03-06T02:00:00Z', 1))).toBe('COMMON.INTERNAL')
  })
})

describe('workingDaysBetween', () => {
  it('is the inverse of addWorkingDays: 15 on the day of filing, 0 on the due day, across Spring Festival 2026', () => {
    const due = addWorkingDays(calendar, '2026-02-10T02:00:00Z', 15)
    expect(workingDaysBetween(calendar, '2026-02-10', due)).toBe(15)
    expect(workingDaysBetween(calendar, due, due)).toBe(0)
  })

  it('counts past the due day as negative working days; a weekend right after it stays 0', () => {
    // Due Friday 2026-03-06: Saturday and Sunday add no working day, Monday is the first one late.
    expect(workingDaysBetween(calendar, '2026-03-07', '2026-03-06')).toBe(0)
    expect(workingDaysBetween(calendar, '2026-03-08', '2026-03-06')).toBe(0)
    expect(workingDaysBetween(calendar, '2026-03-09', '2026-03-06')).toBe(-1)
    expect(workingDaysBetween(calendar, '2026-03-13', '2026-03-06')).toBe(-5)
    expect(workingDaysBetween(calendar, '2026-03-06', '2026-03-13')).toBe(5)
  })

  it('agrees with counting day by day, across year ends and leap years', () => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
    const byDay = (from: string, to: string) => {
      const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1]
      let n = 0
      for (let ms = Date.parse(lo) + 86_400_000; ms <= Date.parse(hi); ms += 86_400_000) if (calendar.isWorkday(day(ms))) n++
      return sign * n
    }
    const start = Date.parse('2023-12-25')
    // Deterministic pseudo-random pairs over 2023-12-25 … about 2026-12-20, plus the year-end edges.
    const pairs: Array<[string, string]> = [
      ['2024-12-31', '2025-01-01'],
      ['2023-12-31', '2026-12-31'],
      ['2024-02-28', '2024-03-01'],
      ['2025-12-31', '2025-12-31'],
    ]
    for (let i = 1; i <= 300; i++) pairs.push([day(start + ((i * 7919) % 1091) * 86_400_000), day(start + ((i * 104_729) % 1091) * 86_400_000)])
    for (const [from, to] of pairs) expect([from, to, workingDaysBetween(calendar, from, to)]).toEqual([from, to, byDay(from, to)])
  })

  it('needs only the years whose days it counts', () => {
    // From 31 Dec 2003 (a year chinese-days lacks) to 2 Jan 2004: only 2004's days are counted.
    expect(workingDaysBetween(calendar, '2003-12-31', '2004-01-02')).toBe(1)
    expect(codeOf(() => workingDaysBetween(calendar, '2003-12-30', '2004-01-02'))).toBe('CALENDAR.YEAR_NOT_COVERED')
    expect(workingDaysBetween(calendar, '2027-03-01', '2027-03-01')).toBe(0)
  })

  it('refuses a span that reaches an uncovered year, and a malformed date', () => {
    expect(errorOf(() => workingDaysBetween(calendar, '2026-12-30', '2027-01-04')).message).toContain('2027')
    // Thu 31 Dec and Mon 4 Jan; 1 Jan is the fixture's holiday, 2–3 Jan a weekend.
    expect(workingDaysBetween(chineseWorkdayCalendar(FAKE_2027), '2026-12-30', '2027-01-04')).toBe(2)
    expect(codeOf(() => workingDaysBetween(calendar, '2026-02-30', '2026-03-02'))).toBe('COMMON.INVALID_INPUT')
  })
})

describe('workday overrides file', () => {
  it('ships with no years and a comment saying how to add one', () => {
    expect(shippedWorkdayOverrides().years).toEqual({})
    expect(parseWorkdayOverrides(shippedJson)).toEqual(shippedWorkdayOverrides())
    expect(JSON.stringify(shippedJson.$comment)).toContain('State Council')
  })

  const year = (entry: object) => ({ years: { '2027': { source: 'test fixture', holidays: [], workdays: [], ...entry } } })
  it.each([
    ['not an object', 'nope'],
    ['no years', {}],
    ['an unknown top-level key', { years: {}, extra: 1 }],
    ['a year key that is not a year', { years: { next: { source: 's', holidays: [], workdays: [] } } }],
    ['a year without its source', { years: { '2027': { holidays: [], workdays: [] } } }],
    ['a misspelt list', year({ holiday: ['2027-01-01'] })],
    ['a date that does not exist', year({ holidays: ['2027-02-30'] })],
    ['a date in another year', year({ holidays: ['2026-12-31'] })],
    ['a date listed twice', year({ holidays: ['2027-01-01', '2027-01-01'] })],
    ['a date both off and worked', year({ holidays: ['2027-02-06'], workdays: ['2027-02-06'] })],
    ['a make-up workday on a weekday', year({ workdays: ['2027-02-08'] })],
  ])('refuses %s', (_label, bad) => {
    expect(codeOf(() => parseWorkdayOverrides(bad))).toBe('CALENDAR.INVALID_OVERRIDES')
    expect(codeOf(() => chineseWorkdayCalendar(bad as WorkdayOverrides))).toBe('CALENDAR.INVALID_OVERRIDES')
  })

  it('accepts a well-formed year', () => {
    expect(parseWorkdayOverrides(year({ holidays: ['2027-01-01'], workdays: ['2027-02-06'] })).years['2027'].workdays).toEqual(['2027-02-06'])
  })
})
