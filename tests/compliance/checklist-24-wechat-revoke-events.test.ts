import { buildAuthorizationPush } from '../../emulator/functions/push'
import { decision, type Invoked, LOCATION } from '../support/consent'
import { OPS_ENV } from '../support/ops'
import { calendarCoversNow } from '../support/calendar'
import { cloudSuite, POLICY_3 } from './checklist-harness'

/**
 * Checklist 24 (WeChat push `authorized_user_information_changes`): `user_authorization_revoke` with
 * RevokeInfo 13 (location) is recorded in the ledger as a withdrawal and stops the nearby search;
 * `user_authorization_cancellation` (the WeChat account is gone) starts this account's deletion at once,
 * and the scheduler carries it out.
 */
describe('checklist 24: WeChat revoke and cancel events are handled', () => {
  const c = cloudSuite({ env: OPS_ENV })
  const ME = 'o_test_user_2401'
  let clock = Date.now()
  const deliver = async (event: string, openid: string, revokeInfo?: string) =>
    (await c.emu.control<Invoked>('/push', buildAuthorizationPush({ event, openid, revokeInfo, appId: 'wx_local_app', now: (clock += 1000) }))).result!

  it('a location revoke is recorded as a platform-push withdrawal and nearby stops', async () => {
    await c.agree(ME)
    await c.call('consent', ME, { action: 'record', request: decision({ policy: POLICY_3, target: LOCATION, method: 'permission-dialog' }) })
    expect(await deliver('user_authorization_revoke', ME, '13')).toMatchObject({ ok: true, data: { withdrawn: ['scope:scope.userLocation'] } })
    expect((await c.call('consent', ME, { action: 'history' })).data.events.at(-1)).toMatchObject({ target: LOCATION, decision: 'withdraw', method: 'platform-push' })
    expect(await c.call('stores', ME, { action: 'nearby', latitude: 31.2286, longitude: 121.4488 })).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
  })

  it('an account cancellation push starts the deletion, which the scheduler completes', async () => {
    if (!calendarCoversNow()) return // the request's due date needs the calendar (tests/unit/calendar holds the refusal)
    await c.agree(ME)
    await c.call('personal', ME, { action: 'addContact', clientRequestId: c.rid(), contact: { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '示例路 88 弄 8 号' } })
    const reply = await deliver('user_authorization_cancellation', ME)
    expect(reply).toMatchObject({ ok: true, data: { cancellationId: expect.any(String) } })
    expect((await c.call('account', ME, { action: 'cancellationStatus' })).data.cancellation).toMatchObject({ requestId: reply.data.cancellationId, stage: 'approved' })
    await c.timer('account', 'runCancellations')
    expect(await c.rows('rights_requests', { _id: reply.data.cancellationId })).toEqual([expect.objectContaining({ type: 'cancellation', status: 'completed' })])
    for (const collection of ['contacts', 'consent_salts']) expect([collection, await c.rows(collection, { _id: ME })]).toEqual([collection, []])
  })
})
