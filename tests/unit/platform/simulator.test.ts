import { CALLS_KEY, MAX_CALLS, WechatSimulator } from '../../../src/platform/simulator/simulator'
import { DEFAULT_LOCATION, STATE_KEY } from '../../../src/platform/simulator/sim-state'
import { PlatformError } from '../../../src/platform/types'
import { MemoryStorage, T0, agreeUpFront, codeOf, flush, harness, status } from './sim-harness'

describe('getPrivacySetting', () => {
  it('needs authorization until the agree button is tapped, then not', async () => {
    const h = harness()
    expect(await h.sim.getPrivacySetting()).toEqual({ needAuthorization: true, privacyContractName: '《隐私中心小程序隐私保护指引》' })
    h.sim.tapAgreeButton('agree')
    expect((await h.sim.getPrivacySetting()).needAuthorization).toBe(false)
  })

  it('needs authorization again when the declared privacy types change', async () => {
    const h = harness()
    agreeUpFront(h.sim)
    h.sim.configure({ declaredTypesVersion: 'types-2' })
    expect((await h.sim.getPrivacySetting()).needAuthorization).toBe(true)
    h.sim.tapAgreeButton('agree')
    expect((await h.sim.getPrivacySetting()).needAuthorization).toBe(false)
    expect(h.sim.state().privacyAgreedFor).toBe('types-2')
  })

  it('a privacy API gated by an agreement for older types asks again', async () => {
    const h = harness()
    agreeUpFront(h.sim)
    h.sim.configure({ declaredTypesVersion: 'types-2' })
    const { requests } = h.listen()
    const call = h.sim.requirePrivacyAuthorize()
    expect(await status(call)).toBe('pending')
    expect(requests).toHaveLength(1)
  })
})

describe('a privacy API before agreement', () => {
  it('fires the listener with the referrer and waits', async () => {
    const h = harness()
    const { requests } = h.listen()
    const call = h.sim.getLocation()
    expect(await status(call)).toBe('pending')
    expect(requests.map((r) => r.referrer)).toEqual(['getLocation'])
    expect(h.scopeDialogs).toHaveLength(0)
  })

  it('continues after agree with the buttonId the user tapped, then asks the scope', async () => {
    const h = harness()
    const { requests } = h.listen()
    const call = h.sim.getLocation()
    await flush()
    h.advance(1500)
    h.sim.tapAgreeButton('privacy-agree')
    requests[0].resolve({ event: 'agree', buttonId: 'privacy-agree' })
    await flush()
    expect(h.scopeDialogs).toHaveLength(1)
    h.scopeDialogs[0].answer('allow')
    expect(await call).toEqual(DEFAULT_LOCATION)
    expect(h.sim.state().needAuthorization).toBe(false)
  })

  it('fails when agree names a button that was not tapped', async () => {
    const h = harness()
    const { requests } = h.listen()
    const call = h.sim.requirePrivacyAuthorize()
    await flush()
    h.sim.tapAgreeButton('button-a')
    requests[0].resolve({ event: 'agree', buttonId: 'button-b' })
    const err = await call.catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PlatformError)
    expect(err).toMatchObject({ code: 'PLATFORM.PRIVACY_NOT_AUTHORIZED' })
    expect((err as PlatformError).errMsg).toContain('privacy permission is not authorized')
    // A bad buttonId is the developer's mistake, not the user's refusal: no suppression starts.
    expect(h.sim.state().lastPrivacyRefusalAt).toBeNull()
  })

  it('fails when the named button was tapped only before the request began', async () => {
    const h = harness()
    h.sim.tapAgreeButton('privacy-agree')
    h.sim.deleteMiniProgram()
    h.advance(1000)
    const { requests } = h.listen()
    const call = h.sim.requirePrivacyAuthorize()
    await flush()
    requests[0].resolve({ event: 'agree', buttonId: 'privacy-agree' })
    expect(await codeOf(call)).toBe('PLATFORM.PRIVACY_NOT_AUTHORIZED')
  })

  it('disagree fails the pending call with "privacy permission is not authorized" and records the refusal', async () => {
    const h = harness()
    const { requests } = h.listen()
    const call = h.sim.chooseMedia()
    await flush()
    h.advance(2000)
    requests[0].resolve({ event: 'disagree' })
    const err = (await call.catch((e: unknown) => e)) as PlatformError
    expect(err.code).toBe('PLATFORM.PRIVACY_NOT_AUTHORIZED')
    expect(err.errMsg).toBe('chooseMedia:fail privacy permission is not authorized')
    expect(h.sim.state().lastPrivacyRefusalAt).toBe(T0 + 2000)
    expect(h.pickers).toHaveLength(0)
  })

  it('exposureAuthorization keeps the call pending; later resolves after the first are ignored', async () => {
    const h = harness()
    const { requests } = h.listen()
    const call = h.sim.requirePrivacyAuthorize()
    await flush()
    requests[0].resolve({ event: 'exposureAuthorization' })
    expect(await status(call)).toBe('pending')
    h.sim.tapAgreeButton('ok')
    requests[0].resolve({ event: 'agree', buttonId: 'ok' })
    requests[0].resolve({ event: 'disagree' })
    await expect(call).resolves.toBeUndefined()
    expect(h.sim.state().lastPrivacyRefusalAt).toBeNull()
    expect(h.sim.calls().filter((c) => c.api === 'privacyResolve').map((c) => c.outcome)).toEqual(['ok', 'ok', 'ignored: already resolved'])
  })

  it('each concurrent call gets its own request', async () => {
    const h = harness()
    const { requests } = h.listen()
    const a = h.sim.requirePrivacyAuthorize()
    const b = h.sim.chooseMedia()
    await flush()
    expect(requests.map((r) => r.referrer)).toEqual(['requirePrivacyAuthorize', 'chooseMedia'])
    requests[0].resolve({ event: 'disagree' })
    expect(await codeOf(a)).toBe('PLATFORM.PRIVACY_NOT_AUTHORIZED')
    expect(await status(b)).toBe('pending')
  })

  it('requirePrivacyAuthorize resolves at once when already agreed, without the listener', async () => {
    const h = harness()
    const { requests } = h.listen()
    agreeUpFront(h.sim)
    await expect(h.sim.requirePrivacyAuthorize()).resolves.toBeUndefined()
    expect(requests).toHaveLength(0)
  })
})

describe('10-second re-prompt suppression', () => {
  async function refuseOnce() {
    const h = harness()
    const listener = h.listen()
    const first = h.sim.requirePrivacyAuthorize()
    await flush()
    listener.requests[0].resolve({ event: 'disagree' })
    await first.catch(() => undefined)
    return { h, requests: listener.requests }
  }

  it('a call 9.999 s after the refusal fails at once without firing the listener', async () => {
    const { h, requests } = await refuseOnce()
    h.advance(9_999)
    const err = (await h.sim.getLocation().catch((e: unknown) => e)) as PlatformError
    expect(err.code).toBe('PLATFORM.PRIVACY_NOT_AUTHORIZED')
    expect(err.errMsg).toBe('getLocation:fail privacy permission is not authorized')
    expect(requests).toHaveLength(1)
    expect(h.scopeDialogs).toHaveLength(0)
  })

  it('a call exactly 10 s after the refusal asks again', async () => {
    const { h, requests } = await refuseOnce()
    h.advance(10_000)
    const call = h.sim.requirePrivacyAuthorize()
    expect(await status(call)).toBe('pending')
    expect(requests).toHaveLength(2)
  })

  it('a suppressed call does not extend the window', async () => {
    const { h, requests } = await refuseOnce()
    h.advance(9_000)
    await h.sim.requirePrivacyAuthorize().catch(() => undefined)
    h.advance(1_000)
    void h.sim.requirePrivacyAuthorize().catch(() => undefined)
    await flush()
    expect(requests).toHaveLength(2)
  })

  it('the refusal time survives a reload', async () => {
    const { h, requests } = await refuseOnce()
    const reloaded = new WechatSimulator({ clock: () => h.now() + 5_000, storage: h.storage, ui: { ...stubUi() }, isUserActive: () => false })
    reloaded.configure({ declaredTypesVersion: 'types-1' })
    reloaded.onNeedPrivacyAuthorization(() => requests.push({ referrer: 'reloaded', resolve: () => undefined }))
    expect(await codeOf(reloaded.requirePrivacyAuthorize())).toBe('PLATFORM.PRIVACY_NOT_AUTHORIZED')
    expect(requests).toHaveLength(1)
  })

  it('agreeing clears the refusal', async () => {
    const { h } = await refuseOnce()
    h.advance(1000)
    h.sim.tapAgreeButton('agree')
    expect(h.sim.state().lastPrivacyRefusalAt).toBeNull()
    await expect(h.sim.requirePrivacyAuthorize()).resolves.toBeUndefined()
  })
})

function stubUi() {
  const never = () => new Promise<never>(() => undefined)
  return { scopeDialog: never, privacyPopup: never, settingsPage: never, privacyContract: () => undefined, pickMedia: never, subscribeDialog: never }
}

describe('listeners', () => {
  it('with no listener ever registered, WeChat shows its official pop-up', async () => {
    const h = harness()
    const call = h.sim.requirePrivacyAuthorize()
    await flush()
    expect(h.popups.map((p) => p.request)).toEqual([{ appName: '隐私中心', contractName: '《隐私中心小程序隐私保护指引》', referrer: 'requirePrivacyAuthorize' }])
    h.popups[0].answer('agree')
    await expect(call).resolves.toBeUndefined()
    expect(h.sim.state().needAuthorization).toBe(false)
  })

  it('refusing the official pop-up starts the suppression too; concurrent calls share one pop-up', async () => {
    const h = harness()
    const a = h.sim.requirePrivacyAuthorize()
    const b = h.sim.getLocation()
    await flush()
    expect(h.popups).toHaveLength(1)
    h.popups[0].answer('disagree')
    expect(await codeOf(a)).toBe('PLATFORM.PRIVACY_NOT_AUTHORIZED')
    expect(await codeOf(b)).toBe('PLATFORM.PRIVACY_NOT_AUTHORIZED')
    expect(h.sim.state().lastPrivacyRefusalAt).toBe(T0)
  })

  it('the latest subscribed listener handles a request; unsubscribing hands it back', async () => {
    const h = harness()
    const first = h.listen()
    const second = h.listen()
    void h.sim.requirePrivacyAuthorize().catch(() => undefined)
    await flush()
    expect([first.requests.length, second.requests.length]).toEqual([0, 1])
    second.off()
    void h.sim.chooseMedia().catch(() => undefined)
    await flush()
    expect([first.requests.length, second.requests.length]).toEqual([1, 1])
  })

  it('a request made while no listener is subscribed waits for the next one, not the official pop-up', async () => {
    const h = harness()
    h.listen().off()
    const call = h.sim.requirePrivacyAuthorize()
    await flush()
    expect(h.popups).toHaveLength(0)
    const later = h.listen()
    expect(later.requests.map((r) => r.referrer)).toEqual(['requirePrivacyAuthorize'])
    h.sim.tapAgreeButton('b')
    later.requests[0].resolve({ event: 'agree', buttonId: 'b' })
    await expect(call).resolves.toBeUndefined()
  })
})

describe('authSetting tri-state', () => {
  it('undefined → the scope dialog, showing the purpose desc; allow → true, later calls silent', async () => {
    const h = harness()
    agreeUpFront(h.sim)
    const first = h.sim.getLocation()
    await flush()
    expect(h.scopeDialogs.map((d) => d.request)).toEqual([{ appName: '隐私中心', scope: 'scope.userLocation', desc: '用于查找你附近的门店' }])
    h.scopeDialogs[0].answer('allow')
    await expect(first).resolves.toEqual(DEFAULT_LOCATION)
    expect(await h.sim.getSetting()).toEqual({ 'scope.userLocation': true })
    await expect(h.sim.getLocation()).resolves.toEqual(DEFAULT_LOCATION)
    expect(h.scopeDialogs).toHaveLength(1)
  })

  it('deny → false and SCOPE_DENIED; the next call fails at once without a dialog', async () => {
    const h = harness()
    agreeUpFront(h.sim)
    const first = h.sim.authorize('scope.userLocation')
    await flush()
    h.scopeDialogs[0].answer('deny')
    const err = (await first.catch((e: unknown) => e)) as PlatformError
    expect([err.code, err.errMsg]).toEqual(['PLATFORM.SCOPE_DENIED', 'authorize:fail auth deny'])
    expect(await h.sim.getSetting()).toEqual({ 'scope.userLocation': false })
    const again = h.sim.getLocation()
    expect(await codeOf(again)).toBe('PLATFORM.SCOPE_DENIED')
    expect(h.scopeDialogs).toHaveLength(1)
  })

  it('scopes are independent: granting location leaves the album undefined', async () => {
    const h = harness()
    agreeUpFront(h.sim)
    h.sim.set({ authSetting: { 'scope.userLocation': true } })
    const save = h.sim.saveImageToPhotosAlbum('http://tmp/poster.png')
    await flush()
    expect(h.scopeDialogs.map((d) => [d.request.scope, d.request.desc])).toEqual([['scope.writePhotosAlbum', undefined]])
    h.scopeDialogs[0].answer('allow')
    await save
    expect(h.sim.state().album).toEqual(['http://tmp/poster.png'])
    expect(await h.sim.getSetting()).toEqual({ 'scope.userLocation': true, 'scope.writePhotosAlbum': true })
  })

  it('concurrent calls for one unasked scope share one dialog and its answer', async () => {
    const h = harness()
    agreeUpFront(h.sim)
    const a = h.sim.getLocation()
    const b = h.sim.authorize('scope.userLocation')
    await flush()
    expect(h.scopeDialogs).toHaveLength(1)
    h.scopeDialogs[0].answer('deny')
    expect([await codeOf(a), await codeOf(b)]).toEqual(['PLATFORM.SCOPE_DENIED', 'PLATFORM.SCOPE_DENIED'])
  })

  it('the privacy agreement comes before the scope: no scope dialog while it is pending or refused', async () => {
    const h = harness()
    const { requests } = h.listen()
    const call = h.sim.saveImageToPhotosAlbum('http://tmp/a.png')
    await flush()
    expect(h.scopeDialogs).toHaveLength(0)
    requests[0].resolve({ event: 'disagree' })
    expect(await codeOf(call)).toBe('PLATFORM.PRIVACY_NOT_AUTHORIZED')
    expect(h.sim.state().authSetting).toEqual({})
    expect(h.sim.state().album).toEqual([])
  })

  it('getSetting is not a privacy API: it answers before agreement without asking', async () => {
    const h = harness()
    const { requests } = h.listen()
    expect(await h.sim.getSetting()).toEqual({})
    expect(requests).toHaveLength(0)
  })
})

describe('openSetting', () => {
  it('refuses outside a user tap, without showing the page', async () => {
    const h = harness()
    const err = (await h.sim.openSetting().catch((e: unknown) => e)) as PlatformError
    expect(err.code).toBe('PLATFORM.NOT_FROM_TAP')
    expect(err.errMsg).toBe('openSetting:fail can only be invoked by user TAP gesture.')
    expect(h.settingsPages).toHaveLength(0)
  })

  it('from a tap lists only scopes asked before, and resolves with the authSetting left on close', async () => {
    const h = harness()
    agreeUpFront(h.sim)
    h.sim.set({ authSetting: { 'scope.userLocation': false } })
    h.setUserActive(true)
    const opened = h.sim.openSetting()
    h.setUserActive(false)
    await flush()
    expect(h.settingsPages[0].request.rows).toEqual([{ scope: 'scope.userLocation', granted: false }])
    h.settingsPages[0].answer({ 'scope.userLocation': true, 'scope.writePhotosAlbum': true })
    expect(await opened).toEqual({ 'scope.userLocation': true })
    await expect(h.sim.getLocation()).resolves.toEqual(DEFAULT_LOCATION)
    expect(h.scopeDialogs).toHaveLength(0)
  })

  it('turning a granted scope off makes the next use fail without a dialog', async () => {
    const h = harness()
    agreeUpFront(h.sim)
    h.sim.set({ authSetting: { 'scope.userLocation': true, 'scope.writePhotosAlbum': true } })
    h.setUserActive(true)
    const opened = h.sim.openSetting()
    await flush()
    expect(h.settingsPages[0].request.rows.map((r) => r.scope)).toEqual(['scope.userLocation', 'scope.writePhotosAlbum'])
    h.settingsPages[0].answer({ 'scope.userLocation': false, 'scope.writePhotosAlbum': true })
    expect(await opened).toEqual({ 'scope.userLocation': false, 'scope.writePhotosAlbum': true })
    expect(await codeOf(h.sim.getLocation())).toBe('PLATFORM.SCOPE_DENIED')
    expect(h.scopeDialogs).toHaveLength(0)
  })

  it('with nothing asked yet the page is empty', async () => {
    const h = harness()
    h.setUserActive(true)
    const opened = h.sim.openSetting()
    await flush()
    expect(h.settingsPages[0].request.rows).toEqual([])
    h.settingsPages[0].answer({})
    expect(await opened).toEqual({})
  })
})

describe('deleting the mini-program', () => {
  it('clears the privacy sync, every scope and the refusal time; the album stays on the phone', async () => {
    const h = harness()
    agreeUpFront(h.sim)
    h.sim.set({ authSetting: { 'scope.userLocation': false, 'scope.writePhotosAlbum': true }, lastPrivacyRefusalAt: T0, album: ['http://tmp/a.png'] })
    h.sim.deleteMiniProgram()
    const st = h.sim.state()
    expect(st).toMatchObject({ privacyAgreedFor: null, authSetting: {}, lastPrivacyRefusalAt: null, album: ['http://tmp/a.png'], needAuthorization: true, askedScopes: [] })
    expect(await h.sim.getPrivacySetting()).toMatchObject({ needAuthorization: true })
  })

  it('afterwards a refused scope asks again, once the privacy guide is agreed again', async () => {
    const h = harness()
    h.sim.set({ privacyAgreedFor: 'types-1', authSetting: { 'scope.userLocation': false } })
    h.sim.deleteMiniProgram()
    const { requests } = h.listen()
    const call = h.sim.getLocation()
    await flush()
    h.sim.tapAgreeButton('agree')
    requests[0].resolve({ event: 'agree', buttonId: 'agree' })
    await flush()
    expect(h.scopeDialogs).toHaveLength(1)
    h.scopeDialogs[0].answer('allow')
    await expect(call).resolves.toEqual(DEFAULT_LOCATION)
  })

  it('persists: a reload sees the cleared state', () => {
    const h = harness()
    agreeUpFront(h.sim)
    h.sim.deleteMiniProgram()
    const reloaded = new WechatSimulator({ clock: h.now, storage: h.storage, ui: stubUi(), isUserActive: () => false })
    expect(reloaded.state().privacyAgreedFor).toBeNull()
  })
})

describe('devices: location, photos, album', () => {
  it('getLocation returns the fixed Shanghai point unless a test moves the phone', async () => {
    const h = harness()
    agreeUpFront(h.sim)
    h.sim.set({ authSetting: { 'scope.userLocation': true } })
    expect(await h.sim.getLocation()).toEqual({ latitude: 31.2243, longitude: 121.4692 })
    h.sim.set({ location: { latitude: 31.1, longitude: 121.5 } })
    expect(await h.sim.getLocation()).toEqual({ latitude: 31.1, longitude: 121.5 })
  })

  it('chooseMedia needs the agreement but no scope, and returns at most count files', async () => {
    const h = harness()
    agreeUpFront(h.sim)
    const call = h.sim.chooseMedia({ count: 2 })
    await flush()
    expect(h.pickers[0].request).toEqual({ count: 2, sourceType: ['album'] })
    h.pickers[0].answer([1, 2, 3].map((n) => ({ tempFilePath: `blob:${n}`, size: n * 100 })))
    expect(await call).toEqual([
      { tempFilePath: 'blob:1', size: 100 },
      { tempFilePath: 'blob:2', size: 200 },
    ])
    expect(h.sim.state().authSetting).toEqual({})
  })

  it('cancelling the picker fails with USER_CANCELLED', async () => {
    const h = harness()
    agreeUpFront(h.sim)
    const call = h.sim.chooseMedia()
    await flush()
    h.pickers[0].answer(null)
    const err = (await call.catch((e: unknown) => e)) as PlatformError
    expect([err.code, err.errMsg]).toEqual(['PLATFORM.USER_CANCELLED', 'chooseMedia:fail cancel'])
  })

  it('openPrivacyContract shows the configured guide', async () => {
    const h = harness()
    h.sim.configure({ privacyContractName: '《示例指引》' })
    await h.sim.openPrivacyContract()
    expect(h.contracts).toEqual(['《示例指引》'])
    expect((await h.sim.getPrivacySetting()).privacyContractName).toBe('《示例指引》')
  })
})

describe('call log and test hooks', () => {
  it('logs every call with time, whether it collects, whether agreed, and its outcome', async () => {
    const h = harness()
    await h.sim.getPrivacySetting()
    h.advance(100)
    const { requests } = h.listen()
    const call = h.sim.getLocation()
    await flush()
    h.advance(100)
    requests[0].resolve({ event: 'disagree' })
    await call.catch(() => undefined)
    h.advance(100)
    h.sim.tapAgreeButton('agree')
    const calls = h.sim.calls()
    expect(calls.map((c) => [c.seq, c.api, c.at - T0, c.collects, c.agreed, c.outcome])).toEqual([
      [1, 'getPrivacySetting', 0, false, false, 'ok'],
      [2, 'onNeedPrivacyAuthorization', 100, false, false, 'ok'],
      [3, 'getLocation', 100, true, false, 'getLocation:fail privacy permission is not authorized'],
      [4, 'privacyResolve', 200, false, false, 'ok'],
      [5, 'agreePrivacyAuthorization', 300, false, true, 'ok'],
    ])
    // What an e2e "no privacy API before agreement" check reads: here the app broke the rule once.
    expect(calls.filter((c) => c.collects && !c.agreed).map((c) => c.api)).toEqual(['getLocation'])
  })

  it('a pending call has no outcome yet', async () => {
    const h = harness()
    h.listen()
    void h.sim.chooseMedia().catch(() => undefined)
    await flush()
    expect(h.sim.calls().find((c) => c.api === 'chooseMedia')).not.toHaveProperty('outcome')
  })

  it('state and call log persist across a reload; reset forgets both', async () => {
    const h = harness()
    agreeUpFront(h.sim)
    h.sim.set({ authSetting: { 'scope.writePhotosAlbum': true } })
    const reloaded = new WechatSimulator({ clock: h.now, storage: h.storage, ui: stubUi(), isUserActive: () => false })
    reloaded.configure({ declaredTypesVersion: 'types-1' })
    expect(reloaded.state()).toMatchObject({ needAuthorization: false, authSetting: { 'scope.writePhotosAlbum': true }, askedScopes: ['scope.writePhotosAlbum'] })
    await reloaded.getSetting()
    expect(reloaded.calls().map((c) => [c.seq, c.api])).toEqual([
      [1, 'agreePrivacyAuthorization'],
      [2, 'getSetting'],
    ])
    reloaded.reset()
    expect(reloaded.calls()).toEqual([])
    expect(reloaded.state()).toMatchObject({ privacyAgreedFor: null, authSetting: {}, album: [], location: DEFAULT_LOCATION })
    expect(h.storage.getItem(CALLS_KEY)).toBeNull()
    expect(JSON.parse(h.storage.getItem(STATE_KEY) ?? 'null')).toMatchObject({ privacyAgreedFor: null })
  })

  it('keeps only the newest calls', async () => {
    const h = harness()
    for (let i = 0; i < MAX_CALLS + 5; i++) await h.sim.getSetting()
    const calls = h.sim.calls()
    expect(calls).toHaveLength(MAX_CALLS)
    expect(calls[0].seq).toBe(6)
  })

  it('set ignores malformed fields instead of corrupting the state', () => {
    const h = harness()
    h.sim.set({ authSetting: { 'scope.userLocation': 'yes', 'scope.camera': true }, lastPrivacyRefusalAt: 'soon', location: { latitude: 'x' } })
    expect(h.sim.state()).toMatchObject({ authSetting: {}, lastPrivacyRefusalAt: null, location: DEFAULT_LOCATION })
  })

  it('state() is a snapshot the caller cannot use to mutate the simulator', () => {
    const h = harness()
    const snapshot = h.sim.state()
    snapshot.authSetting['scope.userLocation'] = true
    snapshot.album.push('x')
    expect(h.sim.state()).toMatchObject({ authSetting: {}, album: [] })
  })

  it('a corrupt stored state reads as a fresh install', () => {
    const storage = new MemoryStorage()
    storage.setItem(STATE_KEY, '{not json')
    storage.setItem(CALLS_KEY, '"nope"')
    const sim = new WechatSimulator({ clock: () => T0, storage, ui: stubUi(), isUserActive: () => false })
    expect(sim.state()).toMatchObject({ privacyAgreedFor: null, authSetting: {} })
    expect(sim.calls()).toEqual([])
  })
})
