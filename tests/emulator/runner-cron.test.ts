import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { cronMatches, parseCron } from '../../emulator/functions/cron'
import { readFunctionConfig } from '../../emulator/functions/function-config'

/** Epoch ms of a Beijing wall-clock time (UTC+8), the zone CloudBase timers run in. */
const beijing = (iso: string) => Date.parse(`${iso}+08:00`)

describe('7-field cron', () => {
  it('matches every second for all stars', () => {
    const every = parseCron('* * * * * * *')
    expect(cronMatches(every, beijing('2025-01-06T00:00:00'))).toBe(true)
    expect(cronMatches(every, beijing('2031-12-31T23:59:59'))).toBe(true)
  })

  it('reads the documented example "0 0 2 1 * * *" as 02:00:00 Beijing on the 1st', () => {
    const s = parseCron('0 0 2 1 * * *')
    expect(cronMatches(s, beijing('2025-03-01T02:00:00'))).toBe(true)
    expect(cronMatches(s, beijing('2025-03-01T02:00:01'))).toBe(false)
    expect(cronMatches(s, beijing('2025-03-02T02:00:00'))).toBe(false)
    // 02:00 Beijing is 18:00 UTC the day before.
    expect(cronMatches(s, Date.parse('2025-02-28T18:00:00Z'))).toBe(true)
  })

  it('supports steps from a star, from a start and within a range', () => {
    const quarter = parseCron('*/15 * * * * * *')
    const fired = [...Array(60).keys()].filter((sec) => cronMatches(quarter, beijing(`2025-01-06T10:00:${String(sec).padStart(2, '0')}`)))
    expect(fired).toEqual([0, 15, 30, 45])
    const fromOne = parseCron('0 1/10 * * * * *')
    expect([...Array(60).keys()].filter((min) => cronMatches(fromOne, beijing(`2025-01-06T10:${String(min).padStart(2, '0')}:00`)))).toEqual([1, 11, 21, 31, 41, 51])
    const officeHours = parseCron('0 0 9-17/4 * * MON-FRI *')
    const hours = [...Array(24).keys()].filter((h) => cronMatches(officeHours, beijing(`2025-01-06T${String(h).padStart(2, '0')}:00:00`)))
    expect(hours).toEqual([9, 13, 17])
  })

  it('numbers weekdays from Sunday = 0 and accepts names and lists', () => {
    // 2025-01-05 is a Sunday, 2025-01-06 a Monday.
    const sunday = parseCron('0 0 0 ? * 0 *')
    expect(cronMatches(sunday, beijing('2025-01-05T00:00:00'))).toBe(true)
    expect(cronMatches(sunday, beijing('2025-01-06T00:00:00'))).toBe(false)
    const named = parseCron('0 0 0 ? JAN,MAR sun *')
    expect(cronMatches(named, beijing('2025-01-05T00:00:00'))).toBe(true)
    expect(cronMatches(named, beijing('2025-02-02T00:00:00'))).toBe(false)
  })

  it('fires on either a restricted day or a restricted weekday', () => {
    const s = parseCron('0 0 0 1 * MON *')
    expect(cronMatches(s, beijing('2025-02-01T00:00:00'))).toBe(true) // the 1st, a Saturday
    expect(cronMatches(s, beijing('2025-02-03T00:00:00'))).toBe(true) // a Monday
    expect(cronMatches(s, beijing('2025-02-04T00:00:00'))).toBe(false)
  })

  it('honours the year field', () => {
    const s = parseCron('0 0 0 1 1 * 2030')
    expect(cronMatches(s, beijing('2030-01-01T00:00:00'))).toBe(true)
    expect(cronMatches(s, beijing('2031-01-01T00:00:00'))).toBe(false)
  })

  it.each([
    ['* * * * * *', /7 fields/],
    ['60 * * * * * *', /second field "60"/],
    ['0 ? * * * * *', /minute field "\?"/],
    ['0 0 5-1 * * * *', /runs backwards/],
    ['*/0 * * * * * *', /step below 1/],
    ['0 0 0 * * FUNDAY *', /week field/],
    ['0 0 0 * * * 1969', /year field/],
    ['0 0 0 1/2/3 * * *', /more than one/],
  ])('refuses %s', (expr, message) => {
    expect(() => parseCron(expr)).toThrow(message)
  })
})

describe('function config.json', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-config-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name)
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value))
    return file
  }

  it('defaults to a 3 s timeout, no triggers and no cloud-call permissions when absent', async () => {
    await expect(readFunctionConfig(path.join(dir, 'missing.json'))).resolves.toEqual({ timeoutMs: 3000, triggers: [], openapi: [] })
  })

  it('reads the timeout, timer triggers and the cloud-call permissions', async () => {
    const config = await readFunctionConfig(write('ok.json', { timeout: 20, permissions: { openapi: ['subscribeMessage.send'] }, triggers: [{ name: 'nightly', type: 'timer', config: '0 0 2 * * * *' }] }))
    expect(config.timeoutMs).toBe(20_000)
    expect(config.triggers.map((t) => [t.name, t.schedule.expression])).toEqual([['nightly', '0 0 2 * * * *']])
    expect(config.openapi).toEqual(['subscribeMessage.send'])
  })

  it.each([
    ['not-json', '{', /not valid JSON/],
    ['timeout-zero', { timeout: 0 }, /timeout/],
    ['timeout-huge', { timeout: 901 }, /timeout/],
    ['timeout-string', { timeout: '3' }, /timeout/],
    ['trigger-type', { triggers: [{ name: 'a', type: 'cos', config: '* * * * * * *' }] }, /type must be "timer"/],
    ['trigger-name', { triggers: [{ name: '1a', type: 'timer', config: '* * * * * * *' }] }, /name must start with a letter/],
    ['trigger-dup', { triggers: [{ name: 'a', type: 'timer', config: '* * * * * * *' }, { name: 'a', type: 'timer', config: '* * * * * * *' }] }, /used twice/],
    ['trigger-cron', { triggers: [{ name: 'a', type: 'timer', config: '* * * * *' }] }, /7 fields/],
    ['permissions-list', { permissions: ['subscribeMessage.send'] }, /permissions must be an object/],
    ['openapi-name', { permissions: { openapi: ['subscribeMessage'] } }, /permissions.openapi/],
  ])('refuses %s naming the file', async (name, value, message) => {
    const file = write(`${name}.json`, value)
    await expect(readFunctionConfig(file)).rejects.toThrow(message)
    await expect(readFunctionConfig(file)).rejects.toThrow(file)
  })
})
