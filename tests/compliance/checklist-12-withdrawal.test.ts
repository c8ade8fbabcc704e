import { LATEST_POLICY } from '../../src/content'
import { decision, LOCATION } from '../support/consent'
import { cloudSuite, POLICY_3 } from './checklist-harness'

/**
 * Checklist 12 (PIPL Art. 15; 认定方法 §3(8)): withdrawing is as easy as granting (one decision, the same
 * call), takes effect at once, stops the processing that relied on it, and is itself recorded. The policy
 * tells the user that WeChat's own agreement is cleared only by deleting the mini-program.
 */
describe('checklist 12: withdrawal as easy as granting', () => {
  const c = cloudSuite()
  const ME = 'o_test_user_1201'
  const JINGAN = { latitude: 31.2286, longitude: 121.4488 }

  it('one withdraw call is recorded, shows at once, and the nearby search stops using location', async () => {
    await c.agree(ME)
    await c.call('consent', ME, { action: 'record', request: decision({ policy: POLICY_3, target: LOCATION, method: 'permission-dialog' }) })
    expect(await c.call('stores', ME, { action: 'nearby', ...JINGAN })).toMatchObject({ ok: true })

    const withdrawn = await c.call('consent', ME, { action: 'record', request: decision({ policy: POLICY_3, target: LOCATION, decision: 'withdraw', method: 'settings-toggle' }) })
    expect(withdrawn).toMatchObject({ ok: true, data: { event: { decision: 'withdraw', method: 'settings-toggle' }, consents: { 'scope:scope.userLocation': { state: 'withdrawn' } } } })
    expect((await c.call('consent', ME, { action: 'status', language: 'zh-CN' })).data.consents['scope:scope.userLocation']).toMatchObject({ state: 'withdrawn' })
    expect(await c.call('stores', ME, { action: 'nearby', ...JINGAN })).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    const events = (await c.call('consent', ME, { action: 'history' })).data.events
    expect(events.map((e: { target: { id: string }; decision: string }) => [e.target.id, e.decision]).slice(-2)).toEqual([['scope.userLocation', 'grant'], ['scope.userLocation', 'withdraw']])
    expect((await c.call('consent', ME, { action: 'verify' })).data).toMatchObject({ ok: true })
  })

  it('the policy explains the one-tap withdrawal and that WeChat’s agreement is cleared only by deleting the mini-program', () => {
    const text = JSON.stringify(LATEST_POLICY.sections)
    expect(text).toContain('一键撤回')
    expect(text).toContain('只能通过在微信中删除本小程序来清除')
  })
})
