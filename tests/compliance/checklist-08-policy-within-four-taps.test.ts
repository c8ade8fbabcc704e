import type { Page } from 'playwright-core'
import { agreeOnSheet, browserApp, openAsNewUser } from '../support/app'
import type { RunningEmulator } from '../support/emulator'

/**
 * Checklist 8 (认定方法 §1(3), §1(4)): the policy is at most 4 taps from the home screen and from the
 * personal centre, in Simplified Chinese by default, at a legible size. Taps are counted as the test makes them.
 */
describe('checklist 8: the policy within 4 taps, in Simplified Chinese, legible', () => {
  let emu: RunningEmulator
  let page: Page
  browserApp((app) => ({ emu, page } = app), ['2026.1', '2026.2', '2026.3'])
  let taps = 0
  const tap = async (selector: string) => {
    taps += 1
    await page.click(selector)
  }

  it('home → policy and 我的 → policy each take at most 4 taps; the text is Chinese and at least 12 px', async () => {
    await openAsNewUser(page, emu, 'o_test_user_801')
    await agreeOnSheet(page)

    taps = 0
    await tap('#link-policy')
    await page.waitForSelector('#policy-title')
    expect(taps).toBeLessThanOrEqual(4)
    expect(await page.textContent('#policy-title')).toBe('示例商城隐私政策')
    expect(await page.textContent('#policy-meta')).toContain('2026.3')
    // Body text is Chinese and legible.
    const body = await page.evaluate(() => {
      const texts = Array.from(document.querySelectorAll('#policy-page *')).filter((el) => el.children.length === 0 && /[\u4e00-\u9fff]{6}/.test(el.textContent ?? ''))
      return { count: texts.length, smallest: Math.min(...texts.map((el) => parseFloat(getComputedStyle(el).fontSize))) }
    })
    expect(body.count).toBeGreaterThan(20)
    expect(body.smallest).toBeGreaterThanOrEqual(12)

    await page.goto(`${emu.url}/#/pages/me/index`)
    await page.waitForSelector('#me-openid')
    taps = 0
    await tap('#me-link-policy')
    await page.waitForSelector('#policy-title')
    expect(taps).toBeLessThanOrEqual(4)

    // From home through the personal centre as a user would: 2 taps.
    await page.goto(`${emu.url}/#/pages/index/index`)
    await page.waitForSelector('#store-list .store')
    taps = 0
    await tap('#link-me')
    await tap('#me-link-policy')
    await page.waitForSelector('#policy-title')
    expect(taps).toBeLessThanOrEqual(4)
  })
})
