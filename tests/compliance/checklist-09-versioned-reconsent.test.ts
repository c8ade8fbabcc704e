import { publishPolicies } from '../../scripts/publish-policy'
import { POLICY_2026_1, POLICY_2026_2 } from '../../src/content'
import { POLICY_1, POLICY_2, decision } from '../support/consent'
import { cloudSuite } from './checklist-harness'

/**
 * Checklist 9 (PIPL Art. 14(2); 认定方法 §2(2); WeChat `needAuthorization` is true for new types): every
 * consent record names the policy version and content hash; publishing a version with a new purpose
 * makes the next status ask for re-consent with what changed, and the earlier record stays in the chain.
 */
describe('checklist 9: versioned re-consent', () => {
  const c = cloudSuite({ versions: [POLICY_2026_1] })
  const ME = 'o_test_user_901'

  it('a record keeps version and hash; a new major version asks again with the change, and the old record stays', async () => {
    await c.agree(ME, POLICY_1)
    const [first] = (await c.call('consent', ME, { action: 'history' })).data.events
    expect(first).toMatchObject({ target: { id: 'privacy-policy' }, decision: 'grant', policy: POLICY_1 })
    expect(POLICY_1.hash).toMatch(/^[0-9a-f]{64}$/)
    expect((await c.call('consent', ME, { action: 'status', language: 'zh-CN' })).data).toMatchObject({ need: 'none', agreed: POLICY_1 })

    // The operator publishes 2026.2, which adds an optional purpose.
    await publishPolicies([POLICY_2026_2], new Date())
    const status = (await c.call('consent', ME, { action: 'status', language: 'zh-CN' })).data
    expect(status).toMatchObject({ need: 'reconsent', agreed: POLICY_1, latest: POLICY_2 })
    expect(status.changes).toContainEqual(expect.objectContaining({ kind: 'purpose-added', id: 'personalised-recommendations' }))

    expect(await c.call('consent', ME, { action: 'record', request: decision({ policy: POLICY_2 }) })).toMatchObject({ ok: true })
    const events = (await c.call('consent', ME, { action: 'history' })).data.events
    expect(events.map((e: { policy: unknown }) => e.policy)).toEqual([POLICY_1, POLICY_2])
    expect(events[0]).toEqual(first)
    expect((await c.call('consent', ME, { action: 'status', language: 'zh-CN' })).data).toMatchObject({ need: 'none', agreed: POLICY_2 })
    expect((await c.call('consent', ME, { action: 'verify' })).data).toMatchObject({ ok: true, count: 2 })
  })
})
