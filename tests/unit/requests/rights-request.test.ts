import { chineseWorkdayCalendar } from '../../../src/domain/calendar'
import {
  REQUEST_EVENTS,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  type RequestEvent,
  type RequestStatus,
  type RightsRequest,
  TRANSITIONS,
  allowedEvents,
  applyRequestEvent,
  isTerminal,
  newRequest,
  rightsRequestSchema,
} from '../../../src/domain/requests/rights-request'
import { codeOf } from '../../support/domain'

const calendar = chineseWorkdayCalendar()
const T0 = new Date('2026-03-02T02:00:00.000Z')
const T1 = new Date('2026-03-03T02:00:00.000Z')

/** A request sitting in `status`, as if it had got there (history is irrelevant to the table). */
const inStatus = (status: RequestStatus): RightsRequest => ({ ...newRequest({ id: 'req-1', type: 'cancellation', now: T0, calendar }), status })

/** Options that satisfy every event's own requirements (a reason for reject). */
const opts = { now: T1, by: 'ops' as const, reason: 'because' }

const edges = REQUEST_STATUSES.flatMap((from) => REQUEST_EVENTS.filter((e) => TRANSITIONS[from][e] !== undefined).map((e) => [from, e, TRANSITIONS[from][e]!] as const))
const nonEdges = REQUEST_STATUSES.flatMap((from) => REQUEST_EVENTS.filter((e) => TRANSITIONS[from][e] === undefined).map((e) => [from, e] as const))

describe('newRequest', () => {
  it('starts submitted, with times from the caller and an empty history', () => {
    const r = newRequest({ id: 'req-1', type: 'correction', now: T0, calendar, detail: 'my nickname is wrong' })
    expect(r).toEqual({
      id: 'req-1',
      type: 'correction',
      status: 'submitted',
      createdAt: '2026-03-02T02:00:00.000Z',
      updatedAt: '2026-03-02T02:00:00.000Z',
      dueAt: '2026-03-23',
      detail: 'my nickname is wrong',
      history: [],
    })
    expect(rightsRequestSchema.safeParse(r).success).toBe(true)
  })

  it('is due 15 working days later across Spring Festival 2026 (make-up Saturdays count)', () => {
    expect(newRequest({ id: 'req-2', type: 'export', now: new Date('2026-02-09T02:00:00Z'), calendar }).dueAt).toBe('2026-03-06')
    // Filed 23:30 UTC Sunday 8 Feb = Monday 9 Feb in Shanghai: the same deadline.
    expect(newRequest({ id: 'req-3', type: 'export', now: new Date('2026-02-08T23:30:00Z'), calendar }).dueAt).toBe('2026-03-06')
  })

  it('refuses a deadline in a year the calendar does not cover', () => {
    expect(codeOf(() => newRequest({ id: 'req-4', type: 'access', now: new Date('2026-12-15T02:00:00Z'), calendar }))).toBe('CALENDAR.YEAR_NOT_COVERED')
  })

  it.each([
    ['a bad id', { id: 'has space' }],
    ['an unknown type', { type: 'erase-everything' }],
    ['an invalid time', { now: new Date('nope') }],
    ['an over-long detail', { detail: 'x'.repeat(2001) }],
  ])('refuses %s', (_label, bad) => {
    expect(codeOf(() => newRequest({ id: 'req-5', type: 'access', now: T0, calendar, ...(bad as object) }))).toBe('COMMON.INVALID_INPUT')
  })

  it('accepts every request type', () => {
    for (const type of REQUEST_TYPES) expect(newRequest({ id: 'req-6', type, now: T0, calendar }).type).toBe(type)
  })
})

describe('transition table', () => {
  it('has edges and reaches every status from submitted', () => {
    const reached = new Set<RequestStatus>(['submitted'])
    for (let grew = true; grew; ) {
      grew = false
      for (const [from, , to] of edges) {
        if (reached.has(from) && !reached.has(to)) {
          reached.add(to)
          grew = true
        }
      }
    }
    expect([...reached].sort()).toEqual([...REQUEST_STATUSES].sort())
  })

  it('gives terminal statuses no way out', () => {
    expect(REQUEST_STATUSES.filter(isTerminal)).toEqual(['completed', 'rejected', 'withdrawn'])
    expect(allowedEvents('cooling-off')).toEqual(['cooling-off-ended', 'undo'])
  })

  it.each(edges)('%s --%s--> %s', (from, event, to) => {
    const next = applyRequestEvent(inStatus(from), event, opts)
    expect(next.status).toBe(to)
    expect(next.updatedAt).toBe(T1.toISOString())
    expect(next.history.at(-1)).toEqual({ at: T1.toISOString(), event, from, to, by: 'ops', reason: 'because' })
  })

  it.each(nonEdges)('%s refuses %s', (from, event) => {
    expect(codeOf(() => applyRequestEvent(inStatus(from), event, opts))).toBe('REQUEST.ILLEGAL_TRANSITION')
  })

  it('covers every (status, event) pair exactly once between the two lists', () => {
    expect(edges.length + nonEdges.length).toBe(REQUEST_STATUSES.length * REQUEST_EVENTS.length)
  })
})

describe('applyRequestEvent', () => {
  it('walks a cancellation through cooling-off to completion, appending history', () => {
    const steps: Array<[RequestEvent, 'user' | 'ops' | 'system']> = [
      ['start-cooling-off', 'system'],
      ['cooling-off-ended', 'system'],
      ['accept', 'ops'],
      ['complete', 'system'],
    ]
    let r = newRequest({ id: 'req-7', type: 'cancellation', now: T0, calendar })
    steps.forEach(([event, by], i) => {
      r = applyRequestEvent(r, event, { now: new Date(T0.getTime() + (i + 1) * 60_000), by, ...(event === 'complete' ? { outcome: 'account erased' } : {}) })
    })
    expect(r.status).toBe('completed')
    expect(r.outcome).toBe('account erased')
    expect(r.history.map((h) => [h.from, h.event, h.to, h.by])).toEqual([
      ['submitted', 'start-cooling-off', 'cooling-off', 'system'],
      ['cooling-off', 'cooling-off-ended', 'awaiting-review', 'system'],
      ['awaiting-review', 'accept', 'processing', 'ops'],
      ['processing', 'complete', 'completed', 'system'],
    ])
    expect(rightsRequestSchema.safeParse(r).success).toBe(true)
  })

  it('never mutates its input', () => {
    const before = newRequest({ id: 'req-8', type: 'export', now: T0, calendar })
    const snapshot = structuredClone(before)
    const after = applyRequestEvent(before, 'accept', { now: T1, by: 'system' })
    expect(before).toEqual(snapshot)
    expect(after).not.toBe(before)
    expect(after.history).not.toBe(before.history)
    expect(before.history).toHaveLength(0)
    expect(after.history).toHaveLength(1)
  })

  it('needs a non-blank reason to reject, and keeps it', () => {
    const r = inStatus('submitted')
    expect(codeOf(() => applyRequestEvent(r, 'reject', { now: T1, by: 'ops' }))).toBe('REQUEST.REASON_REQUIRED')
    expect(codeOf(() => applyRequestEvent(r, 'reject', { now: T1, by: 'ops', reason: '   ' }))).toBe('REQUEST.REASON_REQUIRED')
    const rejected = applyRequestEvent(r, 'reject', { now: T1, by: 'ops', reason: ' identity not verified ' })
    expect(rejected.reason).toBe('identity not verified')
    expect(rejected.history.at(-1)?.reason).toBe('identity not verified')
    // An illegal rejection is illegal first, whatever the reason.
    expect(codeOf(() => applyRequestEvent(rejected, 'reject', { now: T1, by: 'ops' }))).toBe('REQUEST.ILLEGAL_TRANSITION')
  })

  it('keeps the reason only while it explains the current status', () => {
    const failed = applyRequestEvent(inStatus('processing'), 'fail', { now: T1, by: 'system', reason: 'export timed out' })
    expect(failed).toMatchObject({ status: 'awaiting-review', reason: 'export timed out' })
    const retried = applyRequestEvent(failed, 'accept', { now: T1, by: 'ops' })
    expect(retried.reason).toBeUndefined()
    expect(retried.history.map((h) => h.reason)).toEqual(['export timed out', undefined])
  })

  it('refuses an unknown event or actor, time running backwards, and an over-long reason', () => {
    const r = applyRequestEvent(inStatus('submitted'), 'accept', { now: T1, by: 'ops' })
    expect(codeOf(() => applyRequestEvent(r, 'teleport' as RequestEvent, { now: T1, by: 'ops' }))).toBe('COMMON.INVALID_INPUT')
    expect(codeOf(() => applyRequestEvent(r, 'complete', { now: T1, by: 'robot' as 'ops' }))).toBe('COMMON.INVALID_INPUT')
    expect(codeOf(() => applyRequestEvent(r, 'complete', { now: T0, by: 'system' }))).toBe('COMMON.INVALID_INPUT')
    expect(codeOf(() => applyRequestEvent(r, 'fail', { now: T1, by: 'system', reason: 'x'.repeat(501) }))).toBe('COMMON.INVALID_INPUT')
  })
})
