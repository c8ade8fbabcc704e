import { OPS_ENV } from '../support/ops'
import { calendarCoversNow } from '../support/calendar'
import { cloudSuite } from './checklist-harness'

/**
 * Checklist 21 (PIPL Art. 48): a channel to ask how one's data is processed, with a tracked answer. A
 * question from 我的 → 联系我们 becomes a request with an id, a due date and a status; ops answer it, and
 * the user reads the answer in the app.
 */
describe('checklist 21: the right to an explanation', () => {
  const c = cloudSuite({ env: OPS_ENV })
  const ME = 'o_test_user_2101'

  it('a question is tracked to its answer, which the user reads in the app', async () => {
    if (!calendarCoversNow()) return // the due date needs the calendar (tests/unit/calendar holds the refusal)
    await c.agree(ME)
    const asked = await c.call('personal', ME, { action: 'sendMessage', clientRequestId: c.rid(), kind: 'question', message: '你们如何使用我的收货地址？' })
    expect(asked).toMatchObject({ ok: true, data: { type: 'question', status: 'submitted', dueAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } })
    const id = asked.data.id as string
    expect(await c.ops({ action: 'approve', requestId: id })).toMatchObject({ ok: true })
    expect(await c.ops({ action: 'complete', requestId: id, outcome: '收货地址只用于配送你的订单，不提供给其他第三方。' })).toMatchObject({ ok: true })
    const mine = (await c.call('personal', ME, { action: 'requests' })).data.requests
    expect(mine).toContainEqual(expect.objectContaining({ id, status: 'completed', outcome: '收货地址只用于配送你的订单，不提供给其他第三方。' }))
    // Nobody else sees it.
    expect((await c.call('personal', 'o_test_user_2102', { action: 'requests' })).data.requests).toEqual([])
  })
})
