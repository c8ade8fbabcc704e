/**
 * The 7-field cron of CloudBase timer triggers: `second minute hour day month week year`.
 * Supports `*`, numbers, lists (`,`), ranges (`-`), steps (`/`, as `*\/5`, `1/10`, `1-30/5`),
 * month and weekday names, and `?` in day or week. Weekdays are 0-6 with 0 = Sunday, as in the
 * current Tencent SCF docs (older WeChat docs disagree; the SCF reading is the one that runs).
 */
export interface CronSchedule {
  readonly expression: string
  readonly fields: ReadonlyArray<ReadonlySet<number>>
  /** Day and week both restricted: either may match (classic cron); otherwise both must. */
  readonly dayOrWeek: boolean
}

interface FieldSpec {
  name: string
  min: number
  max: number
  names?: readonly string[]
  question?: boolean
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const

const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'week', min: 0, max: 6, names: WEEKDAYS, question: true },
  { name: 'year', min: 1970, max: 2099 },
]

/** CloudBase evaluates timer triggers in Beijing time (UTC+8, no daylight saving). */
export const CLOUD_UTC_OFFSET_MINUTES = 480

/** Parses a 7-field expression; throws an Error naming the bad field. */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/)
  if (parts.length !== FIELDS.length) throw new Error(`cron "${expression}" must have 7 fields (second minute hour day month week year), has ${parts.length}`)
  const restricted: boolean[] = []
  const fields = FIELDS.map((spec, i) => {
    const text = parts[i]!
    restricted.push(text !== '*' && text !== '?')
    try {
      return parseField(text, spec)
    } catch (err) {
      throw new Error(`cron "${expression}": ${spec.name} field "${text}" ${(err as Error).message}`)
    }
  })
  return { expression, fields, dayOrWeek: restricted[3]! && restricted[5]! }
}

/** Whether the schedule fires in the second containing `epochMs`. */
export function cronMatches(schedule: CronSchedule, epochMs: number, utcOffsetMinutes = CLOUD_UTC_OFFSET_MINUTES): boolean {
  const t = new Date(epochMs + utcOffsetMinutes * 60_000)
  const [second, minute, hour, day, month, week, year] = schedule.fields as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>, Set<number>, Set<number>]
  if (!second.has(t.getUTCSeconds()) || !minute.has(t.getUTCMinutes()) || !hour.has(t.getUTCHours())) return false
  if (!month.has(t.getUTCMonth() + 1) || !year.has(t.getUTCFullYear())) return false
  const dayOk = day.has(t.getUTCDate())
  const weekOk = week.has(t.getUTCDay())
  return schedule.dayOrWeek ? dayOk || weekOk : dayOk && weekOk
}

function parseField(text: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>()
  if (text === '?') {
    if (!spec.question) throw new Error('does not allow "?"')
    return range(spec.min, spec.max, 1, values)
  }
  for (const part of text.split(',')) {
    const [body = '', stepText, extra] = part.split('/')
    if (extra !== undefined) throw new Error('has more than one "/"')
    const step = stepText === undefined ? 1 : toInt(stepText)
    if (step < 1) throw new Error('has a step below 1')
    let from: number
    let to: number
    if (body === '*') {
      from = spec.min
      to = spec.max
    } else if (body.includes('-')) {
      const [a = '', b = ''] = body.split('-')
      from = value(a, spec)
      to = value(b, spec)
      if (from > to) throw new Error('has a range that runs backwards')
    } else {
      from = value(body, spec)
      // `a/n` means "from a, every n"; a bare `a` is just a.
      to = stepText === undefined ? from : spec.max
    }
    range(from, to, step, values)
  }
  return values
}

function value(text: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(text.toUpperCase() as never) ?? -1
  const n = named >= 0 ? named + (spec.name === 'month' ? 1 : 0) : toInt(text)
  if (n < spec.min || n > spec.max) throw new Error(`has ${text}, outside ${spec.min}-${spec.max}`)
  return n
}

function toInt(text: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`has "${text}", not a number`)
  return Number(text)
}

function range(from: number, to: number, step: number, into: Set<number>): Set<number> {
  for (let n = from; n <= to; n += step) into.add(n)
  return into
}
