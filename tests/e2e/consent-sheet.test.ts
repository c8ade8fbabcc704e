import type { Page } from 'playwright-core'
import { POLICY_VERSIONS } from '../../src/content'
import { agreeOnSheet, browserApp, ledgerOf, openAsNewUser } from '../support/app'
import { type RunningEmulator } from '../support/emulator'

/**
 * The first-run sheet in Chromium, with every shipped version published so the latest (longest) summary
 * is shown: it can be read in English before any choice, and its title and its choice stay on screen on
 * small phones while only the summary scrolls.
 */
describe('the first-run consent sheet', () => {
  let emu: RunningEmulator
  let page: Page
  browserApp((app) => ({ emu, page } = app), POLICY_VERSIONS.map((p) => p.version))

  const sheet = () => page.locator('#consent-sheet')
  const CJK = /[\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]/

  /**
   * Each selector whose box is not wholly inside the viewport, or whose centre is not the element itself
   * (clipped by a scrolled parent, or covered): "#id top–bottom".
   */
  const offScreen = (selectors: readonly string[]) =>
    page.evaluate((sels) => {
      const out: string[] = []
      for (const sel of sels) {
        const el = document.querySelector(sel)
        if (!el) {
          out.push(`${sel} missing`)
          continue
        }
        const r = el.getBoundingClientRect()
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
        const inside = r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth
        if (!inside || !hit || !el.contains(hit)) out.push(`${sel} ${Math.round(r.top)}–${Math.round(r.bottom)} of ${window.innerHeight}`)
      }
      return out
    }, selectors)

  it('has its own language switch, a 44 px named button, that turns the sheet and the app behind it into English and back', async () => {
    await openAsNewUser(page, emu, 'o_test_user_87')
    const toEnglish = sheet().getByRole('button', { name: 'Switch to English' })
    const box = (await toEnglish.boundingBox())!
    expect(box.width).toBeGreaterThanOrEqual(44)
    expect(box.height).toBeGreaterThanOrEqual(44)
    // A plain click: Playwright fails it if the mask or anything else takes the tap.
    await toEnglish.click()
    await page.waitForFunction(() => document.querySelector('#consent-title')?.textContent === 'Your privacy')
    // The whole sheet is English, the switch back aside.
    expect((await sheet().textContent())!.replace('中文', '')).not.toMatch(CJK)
    expect(await page.getByRole('checkbox', { name: /I have read and agree/ }).count()).toBe(1)
    expect(await page.textContent('#consent-refuse')).toBe('Not now, just browse')
    // The version line says what its two values are.
    expect(await page.textContent('#consent-version')).toMatch(/^Version \d{4}\.\d+ · in force from \d{4}-\d{2}-\d{2}$/)
    // The page behind follows.
    await page.waitForFunction(() => document.querySelector('#page-title')?.textContent === 'Example Mall')

    await sheet().getByRole('button', { name: '切换到中文' }).click()
    await page.waitForFunction(() => document.querySelector('#consent-title')?.textContent === '隐私保护提示')
    expect(await page.textContent('#consent-agree')).toBe('同意并继续')
    expect(await page.textContent('#consent-version')).toMatch(/^版本 \d{4}\.\d+ · \d{4}-\d{2}-\d{2} 起生效$/)
    await page.waitForFunction(() => document.querySelector('#page-title')?.textContent === '示例商城')

    // Agreeing after switching languages records the policy as before.
    await sheet().getByRole('button', { name: 'Switch to English' }).click()
    await agreeOnSheet(page)
    expect((await ledgerOf(emu, 'o_test_user_87')).map((e) => e.target.id)).toEqual(['privacy-policy', 'account-identity'])
  })

  it('keeps the title, the box and both choices on screen at 375×812 and 375×667, in Chinese and English, scrolling only the summary', async () => {
    await openAsNewUser(page, emu, 'o_test_user_88')
    await page.waitForSelector('#consent-summary')
    const pinned = ['#consent-title', '#consent-lang', '#consent-check', '#consent-agree', '#consent-refuse']
    for (const height of [812, 667]) {
      await page.setViewportSize({ width: 375, height })
      for (const [lang, title] of [
        ['zh-CN', '隐私保护提示'],
        ['en', 'Your privacy'],
      ] as const) {
        if ((await page.textContent('#consent-title')) !== title) {
          await page.click('#consent-lang')
          await page.waitForFunction((t) => document.querySelector('#consent-title')?.textContent === t, title)
        }
        expect({ height, lang, offScreen: await offScreen(pinned) }).toEqual({ height, lang, offScreen: [] })
        // Read to the end of the summary: the title and the choice do not move away.
        await page.locator('#consent-summary > :last-child').scrollIntoViewIfNeeded()
        expect({ height, lang, offScreen: await offScreen([...pinned, '#consent-summary > :last-child']) }).toEqual({ height, lang, offScreen: [] })
        await page.locator('#consent-summary > :first-child').scrollIntoViewIfNeeded()
      }
    }
  })
})
