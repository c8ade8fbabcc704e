import { addWorkingDays, chineseWorkdayCalendar } from '../../src/domain/calendar'
import { applyRequestEvent, newRequest, REQUEST_TYPES, RESPONSE_WORKING_DAYS, TRANSITIONS } from '../../src/domain/requests/rights-request'
import { codeOf } from '../support/domain'

/**
 * Checklist 22 (PIPL Art. 50; GB/T 35273 §8.7; 认定方法 §6): every request has an id, a status, a due date
 * and an outcome; a refusal must give its reason; the due date is 15 working days from receipt (inside
 * the 30-day cap). Pure domain, the one transition table every function uses.
 */
describe('checklist 22: request mechanism, refusals and timeline', () => {
  const calendar = chineseWorkdayCalendar()
  // A date the bundled calendar covers, so the due date is exact.
  const filed = new Date('2026-03-02T02:00:00Z')

  it('every request type gets an id, a status and a due date 15 working days out, never past 30 calendar days', () => {
    expect(RESPONSE_WORKING_DAYS).toBe(15)
    for (const type of REQUEST_TYPES) {
      const r = newRequest({ id: `req_${type.replace(/-/g, '_')}_0001`, type, now: filed, calendar })
      expect(r).toMatchObject({ id: expect.any(String), status: 'submitted', dueAt: addWorkingDays(calendar, filed.toISOString(), 15) })
      const days = (Date.parse(`${r.dueAt}T00:00:00+08:00`) - filed.getTime()) / 86_400_000
      expect(days).toBeLessThanOrEqual(30)
    }
  })

  it('a refusal without a reason is refused; with one, the reason is kept on the request and in its history', () => {
    const r = newRequest({ id: 'req_correction_0001', type: 'correction', now: filed, calendar })
    const later = new Date(filed.getTime() + 3_600_000)
    expect(codeOf(() => applyRequestEvent(r, 'reject', { now: later, by: 'ops' }))).toBe('REQUEST.REASON_REQUIRED')
    expect(codeOf(() => applyRequestEvent(r, 'reject', { now: later, by: 'ops', reason: '   ' }))).toBe('REQUEST.REASON_REQUIRED')
    const rejected = applyRequestEvent(r, 'reject', { now: later, by: 'ops', reason: '订单金额与支付记录一致，无需更正' })
    expect(rejected).toMatchObject({ status: 'rejected', reason: '订单金额与支付记录一致，无需更正' })
    expect(rejected.history.at(-1)).toMatchObject({ event: 'reject', by: 'ops', reason: '订单金额与支付记录一致，无需更正' })
  })

  it('a completed request carries its outcome, and every status leads to an end', () => {
    const r = newRequest({ id: 'req_question_0001', type: 'question', now: filed, calendar })
    const working = applyRequestEvent(r, 'accept', { now: new Date(filed.getTime() + 60_000), by: 'ops' })
    const done = applyRequestEvent(working, 'complete', { now: new Date(filed.getTime() + 120_000), by: 'ops', outcome: '我们只在你下单时使用收货信息。' })
    expect(done).toMatchObject({ status: 'completed', outcome: '我们只在你下单时使用收货信息。' })
    // From every status a terminal status is reachable through the table.
    const terminal = (s: string) => Object.keys(TRANSITIONS[s as keyof typeof TRANSITIONS]).length === 0
    for (const start of Object.keys(TRANSITIONS)) {
      const seen = new Set<string>([start])
      const queue = [start]
      while (queue.length) for (const next of Object.values(TRANSITIONS[queue.shift() as keyof typeof TRANSITIONS])) if (!seen.has(next!)) seen.add(next!), queue.push(next!)
      expect([start, [...seen].some(terminal)]).toEqual([start, true])
    }
  })
})
