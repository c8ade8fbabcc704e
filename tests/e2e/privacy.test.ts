import type { Page } from 'playwright-core'
import { POLICY_2026_2 } from '../../src/content'
import { maskId } from '../../src/domain/common/mask'
import { agreeOnSheet, allowNearby, browserApp, ledgerOf, openAsNewUser, publish, simCalls, verifyOf } from '../support/app'
import { type RunningEmulator } from '../support/emulator'

/**
 * DESIGN.md rules 1–5 and 7 in the h5 build, end to end: the page, the WeChat simulator, the consent
 * and stores functions through the gateway, and the ledger they leave in the emulator's database.
 */
/** Polls an assertion until it holds or 5 s pass (for writes the UI does not wait for). */
async function eventually(check: () => Promise<void>): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      return await check()
    } catch (err) {
      if (i >= 50) throw err
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}

describe('policy, consent and permissions in Chromium', () => {
  let emu: RunningEmulator
  let page: Page
  // Each test owns its state: a fresh install where only the first policy version is published, as `npm start` does.
  browserApp((app) => ({ emu, page } = app))


  it('rule 1–2: asks before anything personal, never pre-ticks, and a refusal keeps browsing without nagging', async () => {
    await openAsNewUser(page, emu, 'o_test_user_1')
    await page.waitForSelector('#consent-sheet')
    // Unticked by default, and the agree button does nothing until ticked.
    expect(await page.getAttribute('#consent-check', 'class')).not.toContain('check--on')
    await page.click('#consent-agree', { force: true })
    expect(await page.isVisible('#consent-sheet')).toBe(true)
    // No privacy API has run: nothing collected before agreement.
    expect((await simCalls(page)).filter((c) => c.collects)).toEqual([])

    await page.click('#consent-refuse')
    await page.waitForSelector('#browse-banner')
    // Still in the app, and browsing works without personal data.
    await page.waitForSelector('#store-list .store')
    await page.click('#city-hangzhou')
    await page.waitForFunction(() => document.querySelector('#store-list')?.textContent?.includes('杭州') === true)
    // The refusal is provable (recorded in the background while the user browses on).
    await eventually(async () => expect((await ledgerOf(emu, 'o_test_user_1')).map((e) => [e.target.id, e.decision, e.method])).toEqual([['privacy-policy', 'deny', 'refuse-button']]))

    // Coming back does not ask again…
    await page.reload()
    await page.waitForSelector('#browse-banner')
    expect(await page.isVisible('#consent-sheet')).toBe(false)
    // …until the user starts a feature that needs personal data; still no privacy API ran.
    await page.click('#nearby')
    await page.waitForSelector('#consent-sheet')
    expect((await simCalls(page)).filter((c) => c.collects)).toEqual([])
  })

  it('rule 1: agreeing syncs to WeChat and records the policy and the openid as account identity', async () => {
    await openAsNewUser(page, emu, 'o_test_user_2')
    await page.waitForSelector('#consent-sheet')
    await agreeOnSheet(page)
    expect(await page.evaluate(() => (window as unknown as { __wxSim: { state(): { needAuthorization: boolean } } }).__wxSim.state().needAuthorization)).toBe(false)
    const events = await ledgerOf(emu, 'o_test_user_2')
    expect(events.map((e) => [e.target.id, e.decision, e.method, e.policy.version])).toEqual([
      ['privacy-policy', 'grant', 'agree-button', '2026.1'],
      ['account-identity', 'grant', 'agree-button', '2026.1'],
    ])
    await page.click('#link-me')
    await page.waitForSelector('#me-openid')
    expect(await page.textContent('#me-openid')).toBe(maskId('o_test_user_2'))
  })

  it('rule 3: location is asked at the moment of use with the purpose shown first, and each decision is recorded', async () => {
    await openAsNewUser(page, emu, 'o_test_user_3')
    await agreeOnSheet(page)
    await page.click('#nearby')
    await page.waitForSelector('#purpose-prompt')
    expect(await page.textContent('#purpose-text')).toContain('附近门店')
    // The system dialog has not been raised yet: the purpose comes first.
    expect((await simCalls(page)).some((c) => c.api === 'authorize' || c.api === 'getLocation')).toBe(false)
    await page.click('#purpose-continue')
    await page.click('#wx-sim-allow')
    await page.waitForSelector('#nearby-list .store')
    expect(await page.textContent('#nearby-list')).toMatch(/km/)
    const events = await ledgerOf(emu, 'o_test_user_3')
    expect(events.at(-1)).toMatchObject({ target: { kind: 'scope', id: 'scope.userLocation' }, decision: 'grant', method: 'permission-dialog' })
  })

  it('rule 2–3: a refused scope is not asked again, and only a tap on "open settings" recovers it', async () => {
    await openAsNewUser(page, emu, 'o_test_user_4')
    await agreeOnSheet(page)
    await page.click('#nearby')
    await page.click('#purpose-continue')
    await page.click('#wx-sim-deny')
    await page.waitForSelector('#location-denied')
    expect((await ledgerOf(emu, 'o_test_user_4')).at(-1)).toMatchObject({ target: { id: 'scope.userLocation' }, decision: 'deny' })

    // Starting the feature again: WeChat will not show its dialog; the app explains and offers settings.
    await page.click('#nearby')
    await page.click('#purpose-continue')
    await page.waitForSelector('#location-blocked')
    expect(await page.isVisible('[id="wx-sim-allow"]')).toBe(false)
    // openSetting outside a tap is refused by WeChat (the simulator enforces it).
    const scripted = await page.evaluate(async () => {
      await new Promise((r) => setTimeout(r, 1100))
      return (window as unknown as { __wxSim: { calls(): Array<{ api: string; outcome: string }> } }).__wxSim.calls().filter((c) => c.api === 'openSetting').length
    })
    expect(scripted).toBe(0)
    await page.click('#location-open-setting')
    await page.click('[id="wx-sim-setting-scope.userLocation"]')
    await page.click('#wx-sim-setting-done')
    await page.waitForSelector('#nearby-list .store')
    expect((await ledgerOf(emu, 'o_test_user_4')).at(-1)).toMatchObject({ target: { id: 'scope.userLocation' }, decision: 'grant', method: 'wechat-settings' })
  })

  it('going back from the policy at once leaves the home page shown (no page-switch timer hides it later)', async () => {
    await openAsNewUser(page, emu, 'o_test_user_11')
    await page.click('#consent-refuse')
    await page.waitForSelector('#store-list .store')
    // The page's timers run only when the test advances this clock, so "back within 50 ms" is exact, not luck.
    await page.clock.install()
    await page.click('#link-policy')
    await page.waitForSelector('#policy-page')
    await page.goBack()
    // The router has taken the "back" once it starts unloading the policy page (it drops the page's show class).
    await page.waitForFunction(() => !document.querySelector('#policy-page')?.closest('.taro_page')?.classList.contains('taro_page_show'))
    await page.clock.runFor(2_000)
    await page.waitForSelector('#store-list', { state: 'visible' })
    await page.clock.runFor(2_000)
    expect(await page.isVisible('#store-list')).toBe(true)
  })

  it('rule 4: the policy is one tap from home and two from the personal centre, in Chinese, with contents, versions and English', async () => {
    await openAsNewUser(page, emu, 'o_test_user_5')
    await page.click('#consent-refuse')
    await page.click('#link-policy')
    await page.waitForSelector('#policy-title')
    expect(await page.textContent('#policy-title')).toBe('示例商城隐私政策')
    expect(await page.textContent('#policy-meta')).toContain('2026.1')
    expect(await page.locator('#policy-toc [id^="toc-"]').count()).toBeGreaterThan(5)
    expect(await page.locator('#policy-versions [id^="version-"]').count()).toBe(1)
    await page.click('#policy-page #lang-switch')
    await page.waitForFunction(() => document.querySelector('#policy-title')?.textContent === 'Example Mall Privacy Policy')

    // From the personal centre: one tap more.
    await page.goto(`${emu.url}/#/pages/me/index`)
    await page.click('#me-link-policy')
    await page.waitForSelector('#policy-title')
  })

  it('rule 7: withdrawing location is one tap on the permissions page, recorded, and nothing of the position is kept', async () => {
    await openAsNewUser(page, emu, 'o_test_user_6')
    await agreeOnSheet(page)
    await allowNearby(page)

    await page.click('#link-me')
    await page.click('#link-permissions')
    const key = 'scope:scope.userLocation'
    await page.waitForSelector(`[id="state-${key}"]`)
    expect(await page.textContent(`[id="state-${key}"]`)).toBe('已同意')
    await page.click(`[id="withdraw-${key}"]`)
    await page.waitForFunction((k) => document.querySelector(`[id="state-${k}"]`)?.textContent === '已撤回', key)
    const events = await ledgerOf(emu, 'o_test_user_6')
    expect(events.at(-1)).toMatchObject({ target: { id: 'scope.userLocation' }, decision: 'withdraw', method: 'settings-toggle' })
    expect(await page.textContent(`[id="history-${key}"]`)).toContain('在“权限与同意”页操作')
    expect(await verifyOf(emu, 'o_test_user_6')).toMatchObject({ ok: true, count: events.length })

    // The app stops using it: the next use shows the purpose again rather than reading the position.
    await page.goBack()
    await page.goBack()
    await page.click('#nearby')
    await page.waitForSelector('#purpose-prompt')
  })

  it('rule 7: location switched off in WeChat\u2019s settings while the app was closed is recorded as withdrawn at the next launch', async () => {
    await openAsNewUser(page, emu, 'o_test_user_16')
    await agreeOnSheet(page)
    await allowNearby(page)
    expect((await ledgerOf(emu, 'o_test_user_16')).at(-1)).toMatchObject({ target: { id: 'scope.userLocation' }, decision: 'grant' })

    // … → 设置 → 位置信息 off, outside the app; the app learns it only from getSetting.
    await page.evaluate(() => (window as unknown as { __wxSim: { set(p: unknown): void } }).__wxSim.set({ authSetting: { 'scope.userLocation': false } }))
    await page.reload()
    await page.click('#link-me')
    await page.click('#link-permissions')
    const key = 'scope:scope.userLocation'
    await page.waitForFunction((k) => document.querySelector(`[id="state-${k}"]`)?.textContent === '已撤回', key)
    expect((await ledgerOf(emu, 'o_test_user_16')).at(-1)).toMatchObject({ target: { id: 'scope.userLocation' }, decision: 'withdraw', method: 'wechat-settings' })
    expect(await verifyOf(emu, 'o_test_user_16')).toMatchObject({ ok: true })
  })

  it('album: certification photos lead to the separate consent first (nothing picked here); saving a poster asks for the album scope', async () => {
    await openAsNewUser(page, emu, 'o_test_user_7')
    await agreeOnSheet(page)
    await page.click('#link-album')
    await page.click('#album-certification')
    // The separate consent screen, before any field or picker: no privacy API has run for it.
    await page.waitForSelector('#cert-consent-page')
    expect(await page.textContent('#cert-consent-collect')).toContain('敏感个人信息')
    expect((await simCalls(page)).map((c) => c.api)).not.toContain('chooseMedia')
    await page.click('#cert-consent-check')
    await page.click('#cert-consent-agree')
    await page.waitForSelector('#cert-apply-page')
    await page.goBack()
    await page.waitForSelector('#album-page')
    // Once consented, the album's link goes straight to the application.
    await page.click('#album-certification')
    await page.waitForSelector('#cert-apply-page')
    await page.goBack()
    await page.waitForSelector('#album-page')
    await page.click('#save-poster')
    await page.click('#purpose-continue')
    await page.click('#wx-sim-allow')
    await page.waitForSelector('#poster-saved')
    const events = await ledgerOf(emu, 'o_test_user_7')
    expect(events.slice(-2).map((e) => [e.target.id, e.decision, e.method])).toEqual([
      ['store-certification', 'grant', 'purpose-prompt'],
      ['scope.writePhotosAlbum', 'grant', 'permission-dialog'],
    ])
  })

  it('album: a refused album scope explains the loss, then recovers only through settings from a tap', async () => {
    await openAsNewUser(page, emu, 'o_test_user_9')
    await agreeOnSheet(page)
    await page.click('#link-album')
    await page.click('#save-poster')
    await page.click('#purpose-continue')
    await page.click('#wx-sim-deny')
    await page.waitForSelector('#album-denied')
    // Asked again, WeChat shows no dialog: the app says so and offers its settings.
    await page.click('#save-poster')
    await page.click('#purpose-continue')
    await page.waitForSelector('#album-blocked')
    await page.click('#album-open-setting')
    await page.click('[id="wx-sim-setting-scope.writePhotosAlbum"]')
    await page.click('#wx-sim-setting-done')
    await page.waitForSelector('#poster-saved')
    const events = await ledgerOf(emu, 'o_test_user_9')
    expect(events.slice(-2).map((e) => [e.target.id, e.decision, e.method])).toEqual([
      ['scope.writePhotosAlbum', 'deny', 'permission-dialog'],
      ['scope.writePhotosAlbum', 'grant', 'wechat-settings'],
    ])
  })

  it('rule 5: a major version brings re-consent with only the changes; old records stay', async () => {
    await openAsNewUser(page, emu, 'o_test_user_8')
    await agreeOnSheet(page)
    await publish(emu, ['2026.2'])
    await page.reload()
    await page.waitForSelector('#consent-changes')
    expect(await page.textContent('#consent-version')).toContain('2026.1 → 2026.2')
    expect(await page.isVisible('#change-personalised-recommendations')).toBe(true)
    // The new optional purpose is off unless ticked.
    expect(await page.getAttribute('#consent-optional-personalised-recommendations', 'class')).not.toContain('check--on')
    await agreeOnSheet(page)
    const events = await ledgerOf(emu, 'o_test_user_8')
    expect(events.map((e) => [e.target.id, e.decision, e.policy.version])).toEqual([
      ['privacy-policy', 'grant', '2026.1'],
      ['account-identity', 'grant', '2026.1'],
      ['privacy-policy', 'grant', '2026.2'],
    ])
    expect(await verifyOf(emu, 'o_test_user_8')).toMatchObject({ ok: true, count: 3 })
  })

  it('rule 5: a minor version shows a notice without blocking anything, and once dismissed it stays dismissed', async () => {
    await publish(emu, ['2026.2'])
    await openAsNewUser(page, emu, 'o_test_user_10')
    await agreeOnSheet(page)
    const before = await ledgerOf(emu, 'o_test_user_10')
    const wordingFix = structuredClone(POLICY_2026_2)
    wordingFix.version = '2026.2.1'
    wordingFix.sections[0].title['zh-CN'] = `${wordingFix.sections[0].title['zh-CN']}（修订）`
    await publish(emu, [wordingFix])

    await page.reload()
    await page.waitForSelector('#policy-notice')
    expect(await page.textContent('#policy-notice')).toContain('（修订）')
    expect(await page.isVisible('#consent-sheet')).toBe(false)
    // Nothing is blocked: the personal centre still opens.
    await page.click('#link-me')
    await page.waitForSelector('#me-openid')
    await page.goBack()
    await page.click('#policy-notice-ok')
    await page.waitForSelector('#policy-notice', { state: 'detached' })
    await page.reload()
    // The personal centre opening proves the status is in; only then is the notice's absence meaningful.
    await page.click('#link-me')
    await page.waitForSelector('#me-openid')
    await page.goBack()
    await page.waitForSelector('#store-list .store')
    expect(await page.isVisible('#policy-notice')).toBe(false)
    // A notice is not a decision: the ledger is unchanged.
    expect(await ledgerOf(emu, 'o_test_user_10')).toEqual(before)
  })
})
