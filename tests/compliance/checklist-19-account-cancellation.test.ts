import { accountRequest } from '../../src/contracts/account'
import { addWorkingDays, chineseWorkdayCalendar } from '../../src/domain/calendar'
import { OPS_ENV } from '../support/ops'
import { calendarCoversNow } from '../support/calendar'
import { cloudSuite, endCoolingOff, repoText } from './checklist-harness'

/**
 * Checklist 19 (GB/T 35273 §8.5; 认定方法 §6(1)–(3); 网络数据安全管理条例 Arts. 23–24): cancellation is
 * in-app and simple; identity is the trusted openid and nothing more is asked; there are no conditions
 * beyond a cooling-off the user can undo; it finishes within 15 working days, the date is shown, and the
 * user sees each stage and the result.
 */
describe('checklist 19: account cancellation', () => {
  const c = cloudSuite({ env: OPS_ENV })
  const ME = 'o_test_user_1901'

  it('one call with no personal data starts it, due within 15 working days; status shows each stage to the end', async () => {
    if (!calendarCoversNow()) return // the due date needs the calendar (tests/unit/calendar holds the refusal)
    await c.agree(ME)
    const preview = await c.call('account', ME, { action: 'cancellationPreview' })
    expect(preview).toMatchObject({ ok: true, data: { coolingOffDays: 7 } })
    const started = await c.call('account', ME, { action: 'requestCancellation', clientRequestId: c.rid(), notify: false })
    expect(started).toMatchObject({ ok: true, data: { stage: 'cooling-off' } })
    expect(started.data.dueAt).toBe(addWorkingDays(chineseWorkdayCalendar(), started.data.createdAt, 15))
    const id = started.data.requestId as string
    expect((await c.call('account', ME, { action: 'cancellationStatus' })).data.cancellation).toMatchObject({ requestId: id, stage: 'cooling-off', dueAt: started.data.dueAt })

    await endCoolingOff(id)
    await c.timer('account', 'runCancellations')
    expect((await c.call('account', ME, { action: 'cancellationStatus' })).data.cancellation.stage).toBe('awaiting-review')
    expect(await c.ops({ action: 'approve', requestId: id })).toMatchObject({ ok: true })
    await c.timer('account', 'runCancellations')
    const [request] = await c.rows('rights_requests', { _id: id })
    expect(request).toMatchObject({ type: 'cancellation', status: 'completed' })
    // The result: a deletion certificate the user can open by its id.
    expect(await c.call('account', ME, { action: 'certificate', certificateId: request!.outcome })).toMatchObject({ ok: true, data: { id: request!.outcome } })
  })

  it('the request carries no personal data: the schema takes only a request id and the notify choice', () => {
    const parsed = accountRequest.parse({ action: 'requestCancellation', clientRequestId: 'req-0123456789abcdef', notify: true, idNumber: '110105199003071234', mobile: '13812345678' })
    expect(Object.keys(parsed).sort()).toEqual(['action', 'clientRequestId', 'notify'])
    // The entry point is in the personal centre.
    expect(repoText('src/pages/me/index.tsx')).toMatch(/url: CANCEL_PAGE/)
  })
})
