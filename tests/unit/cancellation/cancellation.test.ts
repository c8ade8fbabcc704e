import { PRIVACY_MANIFEST } from '../../../src/content'
import { addWorkingDays, chineseWorkdayCalendar, type WorkdayCalendar } from '../../../src/domain/calendar'
import { coolingOffDays, coolingOffOver, DELETION_STEPS, finishStep, newCancellation, nextStep, reminderDue, requireUndoable, stageOf } from '../../../src/domain/cancellation/cancellation'
import { deletionCertificate, deletionPlan } from '../../../src/domain/cancellation/certificate'
import type { HeldData } from '../../../src/domain/personal/held-data'
import { applyRequestEvent } from '../../../src/domain/requests/rights-request'
import { codeOf } from '../../support/domain'

/** Weekdays are working days; every year is covered: the rules here are about cancellation, not holidays. */
const weekdays: WorkdayCalendar = { isWorkday: (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()), covers: () => true }
const MON = new Date('2026-03-02T02:00:00Z') // Monday 10:00 in Shanghai

describe('cancellation lifecycle', () => {
  it('starts in its cooling-off, due 15 working days after submission', () => {
    const { request, coolingOffEndsAt } = newCancellation({ id: 'c1', now: MON, calendar: weekdays, coolingOffDays: 7 })
    expect(request).toMatchObject({ type: 'cancellation', status: 'cooling-off', dueAt: '2026-03-23' })
    expect(request.history.map((h) => [h.event, h.from, h.to])).toEqual([['start-cooling-off', 'submitted', 'cooling-off']])
    expect(coolingOffEndsAt).toBe('2026-03-09T02:00:00.000Z')
    expect(coolingOffOver({ coolingOffEndsAt }, new Date('2026-03-09T01:59:59Z'))).toBe(false)
    expect(coolingOffOver({ coolingOffEndsAt }, new Date('2026-03-09T02:00:00Z'))).toBe(true)
  })

  it('counts the due date in Chinese working days across National Day 2026', () => {
    const filed = new Date('2026-09-28T02:00:00Z')
    const { request } = newCancellation({ id: 'c2', now: filed, calendar: chineseWorkdayCalendar(), coolingOffDays: 7 })
    expect(request.dueAt).toBe(addWorkingDays(chineseWorkdayCalendar(), filed.toISOString(), 15))
    expect(request.dueAt > '2026-10-16').toBe(true)
  })

  it('reads the cooling-off length from the environment, 0–30 days, 7 by default', () => {
    expect(coolingOffDays(undefined)).toBe(7)
    expect(coolingOffDays(' ')).toBe(7)
    expect(coolingOffDays('0')).toBe(0)
    expect(coolingOffDays('30')).toBe(30)
    for (const bad of ['31', '-1', '2.5', 'seven']) expect(() => coolingOffDays(bad)).toThrow(/CANCELLATION_COOLING_OFF_DAYS/)
  })

  it('shows the user a stage for every status, splitting processing into approved and deleting', () => {
    const { request } = newCancellation({ id: 'c3', now: MON, calendar: weekdays, coolingOffDays: 7 })
    expect(stageOf(request, {})).toBe('cooling-off')
    const review = applyRequestEvent(request, 'cooling-off-ended', { now: MON, by: 'system' })
    expect(stageOf(review, {})).toBe('awaiting-review')
    const approved = applyRequestEvent(review, 'accept', { now: MON, by: 'ops' })
    expect(stageOf(approved, {})).toBe('approved')
    const plan = deletionPlan(emptyHeld(), { now: MON, certificateId: 'cert', inventoryHash: 'h' })
    expect(stageOf(approved, { deletion: plan })).toBe('deleting')
    expect(stageOf(applyRequestEvent(approved, 'complete', { now: MON, by: 'system' }), {})).toBe('completed')
    expect(stageOf(applyRequestEvent(review, 'reject', { now: MON, by: 'ops', reason: 'x' }), {})).toBe('rejected')
  })

  it('can be undone only during the cooling-off', () => {
    const { request } = newCancellation({ id: 'c4', now: MON, calendar: weekdays, coolingOffDays: 7 })
    expect(codeOf(() => requireUndoable(request))).toBeUndefined()
    const review = applyRequestEvent(request, 'cooling-off-ended', { now: MON, by: 'system' })
    expect(codeOf(() => requireUndoable(review))).toBe('REQUEST.ILLEGAL_TRANSITION')
  })

  it('reminds once 3 working days before the due date and once when overdue', () => {
    const { request } = newCancellation({ id: 'c5', now: MON, calendar: weekdays, coolingOffDays: 7 })
    const at = (iso: string) => new Date(iso)
    expect(reminderDue(request, {}, at('2026-03-17T02:00:00Z'), weekdays)).toBeUndefined() // 4 working days left
    expect(reminderDue(request, {}, at('2026-03-18T02:00:00Z'), weekdays)).toBe('due-soon')
    expect(reminderDue(request, { reminded: { dueSoonAt: 'x' } }, at('2026-03-18T02:00:00Z'), weekdays)).toBeUndefined()
    expect(reminderDue(request, { reminded: { dueSoonAt: 'x' } }, at('2026-03-24T02:00:00Z'), weekdays)).toBe('overdue')
    expect(reminderDue(request, { reminded: { dueSoonAt: 'x', overdueAt: 'y' } }, at('2026-03-24T02:00:00Z'), weekdays)).toBeUndefined()
    const done = applyRequestEvent(applyRequestEvent(applyRequestEvent(request, 'cooling-off-ended', { now: MON, by: 'system' }), 'accept', { now: MON, by: 'ops' }), 'complete', { now: MON, by: 'system' })
    expect(reminderDue(done, {}, at('2026-03-24T02:00:00Z'), weekdays)).toBeUndefined()
  })
})

function emptyHeld(): HeldData {
  return { orders: [], contacts: [], corrections: [], requests: [], exports: [] }
}

describe('deletion plan and certificate', () => {
  const held: HeldData = {
    ...emptyHeld(),
    profile: { openid: 'o_test_user_1', appid: 'wx_local_app', firstSeenAt: '2026-01-01T00:00:00.000Z', nickname: { value: '小明', setAt: '2026-01-02T00:00:00.000Z' }, avatar: { fileID: 'cloud://env.bucket/avatars/o_test_user_1/avatar.jpg', sha256: 'a'.repeat(64), size: 100, updatedAt: '2026-01-02T00:00:00.000Z' } },
    contacts: [{ id: 'k1', name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '示例路 1 号', isDefault: true, createdAt: '2026-01-03T00:00:00.000Z', updatedAt: '2026-01-03T00:00:00.000Z' }],
    orders: [{ placedAt: '2026-02-01T00:00:00.000Z' }, { placedAt: '2026-02-10T00:00:00.000Z' }] as HeldData['orders'],
    consent: { subject: 's', seq: 4, hash: 'h' },
    exports: [{ requestId: 'r1', fileID: 'cloud://env.bucket/exports/o_test_user_1/r1.zip', sha256: 'b'.repeat(64), size: 10, createdAt: '2026-03-01T00:00:00.000Z', expiresAt: '2026-03-08T00:00:00.000Z' }],
  }

  it('runs its steps in order, each once', () => {
    let p = deletionPlan(held, { now: MON, certificateId: 'cert', inventoryHash: 'h' })
    const order: string[] = []
    for (let step = nextStep(p); step; step = nextStep(p)) {
      order.push(step)
      p = finishStep(finishStep(p, step), step)
    }
    expect(order).toEqual([...DELETION_STEPS])
    expect(p.done).toEqual([...DELETION_STEPS])
  })

  it('plans the files and rows to delete and what is kept, from the inventory', () => {
    const p = deletionPlan(held, { now: MON, certificateId: 'cert', inventoryHash: 'h' })
    expect(p.fileIDs).toEqual([held.profile!.avatar!.fileID, held.exports[0]!.fileID])
    expect(p.tally.files).toEqual({ avatars: 1, exports: 1, certification: 0 })
    expect(p.tally.rows).toMatchObject({ profiles: 1, contacts: 1, exports: 1, consent_salts: 1 })
    expect(p.tally.retained).toEqual({ orders: 2, rights_requests: 0, consent_events: 4 })
    expect(p.lastOrderAt).toBe('2026-02-10T00:00:00.000Z')
  })

  it('certifies what was kept and until when, and names no one', () => {
    const p = deletionPlan(held, { now: MON, certificateId: 'cert', inventoryHash: 'h' })
    const cert = deletionCertificate({ id: 'cert', requestedAt: '2026-02-20T00:00:00.000Z', startedAt: p.startedAt, completedAt: '2026-03-02T03:00:00.000Z', inventoryHash: 'h', categories: p.categories, tally: p.tally, lastOrderAt: p.lastOrderAt, manifest: PRIVACY_MANIFEST })
    const transactionsDays = PRIVACY_MANIFEST.retentionClasses.find((r) => r.id === 'transactions')!.maxDays!
    expect(cert.retained).toEqual([
      { category: 'order-records', collection: 'orders', count: 2, retention: 'transactions', until: new Date(Date.parse('2026-02-10T00:00:00.000Z') + transactionsDays * 86_400_000).toISOString() },
      expect.objectContaining({ category: 'consent-records', collection: 'consent_events', count: 4 }),
    ])
    expect(cert.consentChain).toBe('anonymised')
    expect(cert.categories.map((c) => c.category)).toEqual(['wechat-openid', 'profile', 'order-records', 'delivery-contact', 'consent-records', 'data-export'])
    expect(JSON.stringify(cert)).not.toMatch(/o_test_user|小明|张三|13812345678|cloud:\/\//)
  })
})
