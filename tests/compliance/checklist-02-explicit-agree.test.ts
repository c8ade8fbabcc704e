import type { Page } from 'playwright-core'
import { agreeOnSheet, browserApp, ledgerOf, openAsNewUser, simCalls } from '../support/app'
import type { RunningEmulator } from '../support/emulator'

/**
 * Checklist 2 (PIPL Art. 14; 认定方法 §3(4); MIIT draft): agreement is given only by a tap on WeChat's
 * agreePrivacyAuthorization button after ticking an unticked box. Nothing is pre-ticked, and neither a tap
 * without the tick nor carrying on (reading, reloading) records a consent.
 */
describe('checklist 2: explicit agree control, never pre-ticked', () => {
  let emu: RunningEmulator
  let page: Page
  browserApp((app) => ({ emu, page } = app))
  const wxAgreed = () => page.evaluate(() => !(window as unknown as { __wxSim: { state(): { needAuthorization: boolean } } }).__wxSim.state().needAuthorization)

  it('starts unticked; no record until tick and tap; the tap is the WeChat agree button and is recorded as such', async () => {
    await openAsNewUser(page, emu, 'o_test_user_201')
    await page.waitForSelector('#consent-sheet')
    expect(await page.getAttribute('#consent-check', 'class')).not.toContain('check--on')
    expect(await page.getAttribute('#consent-check', 'aria-checked')).toBe('false')
    await page.click('#consent-agree', { force: true })
    expect(await page.isVisible('#consent-sheet')).toBe(true)
    // Carrying on is not consent: read the policy, come back, reload.
    await page.click('#consent-read-policy')
    await page.waitForSelector('#policy-title')
    await page.goBack()
    await page.reload()
    await page.waitForSelector('#consent-sheet')
    expect(await page.getAttribute('#consent-check', 'class')).not.toContain('check--on')
    expect(await ledgerOf(emu, 'o_test_user_201')).toEqual([])
    expect(await wxAgreed()).toBe(false)
    expect((await simCalls(page)).map((c) => c.api)).not.toContain('agreePrivacyAuthorization')

    await agreeOnSheet(page)
    expect(await wxAgreed()).toBe(true)
    expect((await simCalls(page)).map((c) => c.api)).toContain('agreePrivacyAuthorization')
    expect((await ledgerOf(emu, 'o_test_user_201')).map((e) => [e.target.id, e.decision, e.method])).toContainEqual(['privacy-policy', 'grant', 'agree-button'])
  })
})
