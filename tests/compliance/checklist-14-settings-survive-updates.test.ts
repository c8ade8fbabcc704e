import { publishPolicies } from '../../scripts/publish-policy'
import { POLICY_2026_1, POLICY_2026_2, POLICY_2026_3 } from '../../src/content'
import { decision, LOCATION, POLICY_1 } from '../support/consent'
import { cloudSuite } from './checklist-harness'

/**
 * Checklist 14 (认定方法 §3(5)): an update never resets the user's consent or permission choices. Publishing
 * new policy versions (a minor and a major one) leaves every standing grant and refusal as it was; only the
 * policy agreement itself is asked again for the major version, and the app's update is not a decision.
 */
describe('checklist 14: settings survive updates', () => {
  const c = cloudSuite({ versions: [POLICY_2026_1] })
  const ME = 'o_test_user_1401'

  it('new versions leave scope grants and refusals untouched', async () => {
    await c.agree(ME, POLICY_1)
    await c.call('consent', ME, { action: 'record', request: decision({ policy: POLICY_1, target: LOCATION, method: 'permission-dialog' }) })
    await c.call('consent', ME, { action: 'record', request: decision({ policy: POLICY_1, target: { kind: 'scope', id: 'scope.writePhotosAlbum' }, decision: 'deny', method: 'permission-dialog' }) })
    const before = (await c.call('consent', ME, { action: 'status', language: 'zh-CN' })).data.consents

    const minor = structuredClone(POLICY_2026_1)
    minor.version = '2026.1.1'
    minor.sections[0]!.title['zh-CN'] = `${minor.sections[0]!.title['zh-CN']}（修订）`
    await publishPolicies([minor], new Date())
    // A minor version is a notice, not a new decision.
    expect((await c.call('consent', ME, { action: 'status', language: 'zh-CN' })).data).toMatchObject({ need: 'notice', consents: before })

    await publishPolicies([POLICY_2026_2, POLICY_2026_3], new Date())
    const after = (await c.call('consent', ME, { action: 'status', language: 'zh-CN' })).data
    expect(after.need).toBe('reconsent')
    expect(after.consents).toEqual(before)
    expect(after.consents['scope:scope.userLocation']).toMatchObject({ state: 'granted' })
    expect(after.consents['scope:scope.writePhotosAlbum']).toMatchObject({ state: 'denied' })
  })
})
