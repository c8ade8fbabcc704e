import type { Page } from 'playwright-core'
import { agreeOnSheet, browserApp, ledgerOf, openAsNewUser, simCalls } from '../support/app'
import type { RunningEmulator } from '../support/emulator'

/**
 * Checklist 1 (认定方法 §1(2), §3(1); WeChat PrivacyAuthorize): on first launch the privacy notice shows,
 * with a link to the full policy, before any privacy API runs. The h5 build's WeChat simulator logs every
 * call with whether the user had agreed; none that collects may come before the agree tap.
 */
describe('checklist 1: first-run notice before any privacy API', () => {
  let emu: RunningEmulator
  let page: Page
  browserApp((app) => ({ emu, page } = app))

  it('shows the notice with the policy link first; nothing collects until the agree tap, and then it can', async () => {
    await openAsNewUser(page, emu, 'o_test_user_101')
    await page.waitForSelector('#consent-sheet')
    expect(await page.textContent('#consent-summary')).toBeTruthy()
    // Reading the full policy from the notice runs no privacy API either.
    await page.click('#consent-read-policy')
    await page.waitForSelector('#policy-title')
    await page.goBack()
    await page.waitForSelector('#consent-sheet')
    expect((await simCalls(page)).filter((c) => c.collects)).toEqual([])
    expect(await ledgerOf(emu, 'o_test_user_101')).toEqual([])

    await agreeOnSheet(page)
    // The log does see collecting calls: the first one comes from a feature the user starts, after agreeing.
    await page.click('#nearby')
    await page.click('#purpose-continue')
    await page.click('#wx-sim-allow')
    await page.waitForSelector('#nearby-list .store')
    const collecting = (await simCalls(page)).filter((c) => c.collects)
    expect(collecting.map((c) => c.api)).toEqual(expect.arrayContaining(['authorize', 'getLocation']))
    expect(collecting.every((c) => c.agreed)).toBe(true)
  })
})
