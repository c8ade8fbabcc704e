import type { Page } from 'playwright-core'
import { browserApp, browseWithoutAgreeing, openAsNewUser, simCalls } from '../support/app'
import type { RunningEmulator } from '../support/emulator'

/**
 * Checklist 4 (认定方法 §3(2)): after a refusal the app asks again only when the user starts a feature
 * that needs agreement, at most once per such action. Every appearance of the consent sheet is counted
 * (a DOM observer kept across reloads) while the user browses, reloads and taps.
 */
describe('checklist 4: no nagging after a refusal', () => {
  let emu: RunningEmulator
  let page: Page
  browserApp((app) => ({ emu, page } = app))

  const shown = () => page.evaluate(() => Number(sessionStorage.getItem('sheetShown') ?? 0))
  const refuse = async () => {
    await page.click('#consent-refuse')
    await page.waitForSelector('#consent-sheet', { state: 'detached' })
  }

  it('browsing and reloading never bring the sheet back; each tap on a feature brings it once', async () => {
    await page.addInitScript(() => {
      const count = () => sessionStorage.setItem('sheetShown', String(Number(sessionStorage.getItem('sheetShown') ?? 0) + 1))
      new MutationObserver((mutations) => {
        for (const m of mutations) for (const n of Array.from(m.addedNodes)) if (n instanceof Element && (n.id === 'consent-sheet' || n.querySelector('#consent-sheet'))) count()
      }).observe(document, { childList: true, subtree: true })
    })
    await openAsNewUser(page, emu, 'o_test_user_401')
    await page.waitForSelector('#consent-sheet')
    await page.evaluate(() => sessionStorage.setItem('sheetShown', '0'))
    await refuse()
    await page.waitForSelector('#browse-banner')

    // Browsing: another city, a store, the policy, the personal centre, a reload.
    await browseWithoutAgreeing(page)
    await page.reload()
    await page.waitForSelector('#browse-banner')
    await page.waitForSelector('#store-list .store')
    expect(await shown()).toBe(0)

    // A feature that needs agreement: one sheet per tap, and a refusal there is final for that tap.
    await page.click('#nearby')
    await page.waitForSelector('#consent-sheet')
    await refuse()
    expect(await shown()).toBe(1)
    await page.click('#nearby')
    await page.waitForSelector('#consent-sheet')
    await refuse()
    expect(await shown()).toBe(2)
    // No privacy API ran through any of it.
    expect((await simCalls(page)).filter((c) => c.collects)).toEqual([])
  })
})
