import { chineseWorkdayCalendar } from '../../../src/domain/calendar'
import { assertOpsMay, decodeCursor, encodeCursor, workingDaysLeft } from '../../../src/domain/ops/request-queue'
import { heldSummary } from '../../../src/domain/personal/held-data'
import type { HeldData } from '../../../src/domain/personal/held-data'
import { REQUEST_STATUSES, REQUEST_TYPES, TRANSITIONS } from '../../../src/domain/requests/rights-request'
import { codeOf } from '../../support/domain'

const calendar = chineseWorkdayCalendar()

describe('queue cursor', () => {
  it('round-trips a position and is URL-safe', () => {
    const p = { dueAt: '2026-03-23', id: 'Ab_-09xyzXYZ1234abcd' }
    expect(encodeCursor(p)).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeCursor(encodeCursor(p))).toEqual(p)
  })

  it('refuses anything listRequests did not make', () => {
    for (const bad of ['', 'x', '!!!', btoa('{}'), btoa(JSON.stringify(['2026-03-23'])), btoa(JSON.stringify(['tomorrow', 'id'])), btoa(JSON.stringify(['2026-03-23', 'a b'])), btoa(JSON.stringify(['2026-03-23', { $gt: '' }]))]) {
      expect(codeOf(() => decodeCursor(bad))).toBe('COMMON.INVALID_INPUT')
    }
  })
})

describe('working days left', () => {
  it('15 on the day of filing, 0 on the due day, negative when overdue', () => {
    expect(workingDaysLeft(calendar, '2026-03-02', '2026-03-23')).toBe(15)
    expect(workingDaysLeft(calendar, '2026-03-23', '2026-03-23')).toBe(0)
    expect(workingDaysLeft(calendar, '2026-03-25', '2026-03-23')).toBe(-2)
  })

  it('is null, not an error, when the calendar does not reach a year in between', () => {
    expect(workingDaysLeft(calendar, '2027-01-05', '2026-12-31')).toBeNull()
  })
})

describe('what ops may do', () => {
  const req = (type: (typeof REQUEST_TYPES)[number], status: (typeof REQUEST_STATUSES)[number]) => ({ id: 'req-1', type, status })

  it('completes corrections, deletions, questions and complaints (an export or cancellation is completed by the system)', () => {
    const byOps = ['correction', 'deletion', 'question', 'complaint']
    for (const type of byOps) expect(codeOf(() => assertOpsMay(req(type as (typeof REQUEST_TYPES)[number], 'processing'), 'complete'))).toBeUndefined()
    for (const type of REQUEST_TYPES.filter((t) => !byOps.includes(t))) expect(codeOf(() => assertOpsMay(req(type, 'processing'), 'complete'))).toBe('OPS.NOT_ALLOWED')
    expect(REQUEST_TYPES.filter((t) => !byOps.includes(t))).toEqual(['access', 'export', 'cancellation'])
  })

  it('never accepts a cancellation before its cooling-off period; accepts other types where the table allows', () => {
    expect(codeOf(() => assertOpsMay(req('cancellation', 'submitted'), 'accept'))).toBe('OPS.NOT_ALLOWED')
    expect(codeOf(() => assertOpsMay(req('cancellation', 'awaiting-review'), 'accept'))).toBeUndefined()
    for (const type of REQUEST_TYPES.filter((t) => t !== 'cancellation')) {
      for (const status of REQUEST_STATUSES.filter((s) => TRANSITIONS[s].accept)) expect(codeOf(() => assertOpsMay(req(type, status), 'accept'))).toBeUndefined()
    }
    for (const type of REQUEST_TYPES) expect(codeOf(() => assertOpsMay(req(type, 'submitted'), 'reject'))).toBeUndefined()
  })
})

describe('held summary', () => {
  it('lists held categories with counts and nothing of the values', () => {
    const held = {
      profile: { openid: 'o_test_user_1', appid: 'wx_local_app', firstSeenAt: '2026-03-01T00:00:00.000Z' },
      orders: [{ id: 'order-1' }, { id: 'order-2' }],
      contacts: [{ id: 'c1', name: '张三', mobile: '13812345678' }],
      consent: { subject: 'subject-1', seq: 4, hash: 'h' },
      corrections: [{ id: 'fix-1' }],
      requests: [{ id: 'req-1' }],
      exports: [],
    } as unknown as HeldData
    const summary = heldSummary(held)
    expect(summary).toEqual([
      { category: 'wechat-openid', count: 1 },
      { category: 'order-records', count: 2 },
      { category: 'delivery-contact', count: 1 },
      { category: 'consent-records', count: 4 },
      { category: 'rights-requests', count: 2 },
    ])
    expect(JSON.stringify(summary)).not.toMatch(/o_test_user_1|张三|13812345678/)
  })
})
