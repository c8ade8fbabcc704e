import type { AuthSetting } from '../../src/platform/types'

/**
 * Checklist 7 (WeChat openSetting rule since base library 2.3.0; authorize semantics): when a scope was
 * refused (`authSetting[scope] === false`) the app neither asks again nor sends the user to settings on
 * its own; it explains, and only the user's tap on "open settings" opens WeChat's settings page. The
 * flow is tested against a scripted platform; the tap-only rule for the page is held in the markup check.
 */
const platform = {
  auth: {} as AuthSetting,
  afterSettings: {} as AuthSetting,
  calls: [] as string[],
}
jest.mock('@/platform', () => {
  const { PlatformError } = jest.requireActual('../../src/platform/types')
  return {
    PlatformError,
    getAuthSetting: async () => (platform.calls.push('getAuthSetting'), platform.auth),
    authorize: async () => {
      platform.calls.push('authorize')
      throw new PlatformError('PLATFORM.SCOPE_DENIED', 'authorize:fail auth deny')
    },
    openSetting: async () => (platform.calls.push('openSetting'), platform.afterSettings),
  }
})
const recorded: Array<[string, string, string]> = []
jest.mock('../../src/flows/privacy-session', () => ({
  getPrivacySession: () => ({ phase: 'agreed', consents: {} }),
  askForAgreement: () => platform.calls.push('askForAgreement'),
  recordDecision: async (target: { id: string }, decision: string, method: string) => (recorded.push([target.id, decision, method]), { ok: true }),
}))

// eslint-disable-next-line import/first
import { recoverInSettings, requestScope } from '../../src/flows/permissions'
import { repoText } from './checklist-harness'

describe('checklist 7: refused-scope recovery', () => {
  beforeEach(() => {
    platform.calls = []
    recorded.length = 0
  })

  it('a scope refused earlier is reported blocked: no new ask, no automatic trip to settings, nothing recorded', async () => {
    platform.auth = { 'scope.userLocation': false }
    expect(await requestScope('scope.userLocation')).toBe('blocked')
    expect(platform.calls).toEqual(['getAuthSetting'])
    expect(recorded).toEqual([])
  })

  it('a refusal in the dialog is recorded once and explained, and settings are not opened', async () => {
    platform.auth = {}
    expect(await requestScope('scope.userLocation')).toBe('denied')
    expect(platform.calls).toEqual(['getAuthSetting', 'authorize'])
    expect(recorded).toEqual([['scope.userLocation', 'deny', 'permission-dialog']])
  })

  it('the way back is openSetting, and a scope switched on there is recorded as granted from WeChat’s settings', async () => {
    platform.afterSettings = { 'scope.userLocation': true }
    expect(await recoverInSettings('scope.userLocation')).toBe('granted')
    expect(platform.calls).toEqual(['openSetting'])
    expect(recorded).toEqual([['scope.userLocation', 'grant', 'wechat-settings']])
  })

  it('pages open settings only from the explanation’s button tap', () => {
    // The explanation component's only action is the tap handler it is given.
    expect(repoText('src/components/scope-refused/index.tsx')).toMatch(/id=\{`\$\{id\}-open-setting`\}[^>]*onTap=\{onOpenSettings\}/)
    for (const page of ['src/pages/index/index.tsx', 'src/packages/privacy/pages/album/index.tsx', 'src/packages/privacy/pages/permissions/index.tsx']) {
      const source = repoText(page)
      // recoverInSettings / openSetting is never called from an effect (page load), only from handlers.
      for (const effect of source.matchAll(/useEffect\(\(\) => \{([\s\S]*?)\n {2}\}, \[/g)) expect([page, /recoverInSettings|openSetting/.test(effect[1]!)]).toEqual([page, false])
    }
  })
})
