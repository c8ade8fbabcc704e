import type { Page } from 'playwright-core'
import { POLICY_VERSIONS } from '../../src/content'
import { agreeOnSheet, browserApp, openAsNewUser, startCertificationForm } from '../support/app'
import { CERT_ENV } from '../support/certification'
import type { RunningEmulator } from '../support/emulator'

/** Runs in the page: every corner of the element inside the viewport, and the element itself found there. */
function wholeOnScreen(selector: string): boolean {
  const el = document.querySelector(selector)
  if (!el) return false
  const r = el.getBoundingClientRect()
  if (r.height === 0 || r.top < 0 || r.left < 0 || r.bottom > window.innerHeight || r.right > window.innerWidth) return false
  const xs = [r.left + 2, r.right - 2]
  const ys = [r.top + 2, r.bottom - 2]
  return xs.every((x) => ys.every((y) => el.contains(document.elementFromPoint(x, y))))
}

/**
 * On a 375×812 phone, what a tap leads to is on screen: a sheet's actions are whole and reachable
 * however long its body, and a refused save or submission shows its first error instead of seeming to
 * do nothing. "On screen" is checked the way a finger finds it: every corner inside the viewport and
 * the element itself on top there (not clipped by a scrolling body, not under a header).
 */
describe('actions and errors stay in view in Chromium', () => {
  let emu: RunningEmulator
  let page: Page
  browserApp((app) => ({ emu, page } = app), POLICY_VERSIONS.map((p) => p.version), CERT_ENV)

  const onScreen = (selector: string) => page.evaluate(wholeOnScreen, selector)
  const becomesOnScreen = (selector: string) => page.waitForFunction(wholeOnScreen, selector)
  /** The whole sheet, its title first, is inside the screen: only its body scrolls. */
  const sheetFits = (id: string) =>
    page.evaluate((s) => {
      const r = document.querySelector(`#${s}`)!.getBoundingClientRect()
      return r.top >= 0 && r.bottom <= window.innerHeight
    }, id)

  const openMe = async (openid: string) => {
    await openAsNewUser(page, emu, openid)
    await agreeOnSheet(page)
    await page.click('#link-me')
  }

  it('the deletion sheet’s submit and the receipt sheet’s copy button are whole on screen, in Chinese and English', async () => {
    await openMe('o_test_user_91')
    for (const lang of ['zh-CN', 'en']) {
      if (lang === 'en') await page.locator('#lang-switch:visible').click()
      await page.click('#link-personal')
      await page.click('#deletion-open')
      await page.waitForSelector('#deletion-submit')
      expect(await sheetFits('deletion-form')).toBe(true)
      expect(await onScreen('#deletion-submit')).toBe(true)
      // A refused send (no reason chosen) shows why, and the button is still there to try again.
      await page.click('#deletion-submit')
      await becomesOnScreen('#deletion-trigger-error')
      expect(await onScreen('#deletion-submit')).toBe(true)
      await page.click('#deletion-form-close')
      await page.goBack()

      await page.click('#link-permissions')
      await page.locator('[id^="receipt-"][role="button"]').first().click()
      await page.waitForSelector('#receipt-signature')
      expect(await sheetFits('receipt')).toBe(true)
      expect(await onScreen('#receipt-copy')).toBe(true)
      expect(await page.textContent('#receipt-copy')).toBe(lang === 'en' ? 'Copy the full receipt' : '复制完整凭证')
      await page.click('#receipt-close')
      await page.goBack()
    }
  })

  it('保存 with a wrong mobile brings the mobile field and its error into view, each time', async () => {
    await openMe('o_test_user_92')
    await page.click('#link-personal')
    await page.click('#add-contact')
    await page.fill('#contact-name input', '王五')
    await page.fill('#contact-mobile input', '12345678901')
    await page.click('#region-310115')
    await page.fill('#contact-address input', '示例路 88 弄 8 号')
    // Ticking the box at the end of the form leaves the sheet scrolled to its bottom, far from the mobile field.
    await page.click('#contact-default')
    await page.click('#contact-save')
    await becomesOnScreen('#contact-mobile-error')
    expect(await page.textContent('#contact-mobile-error')).toContain('手机号码')
    expect(await onScreen('#contact-mobile')).toBe(true)
    expect(await onScreen('#contact-save')).toBe(true)

    // On a shorter phone, scrolled away and saved again unchanged: the sheet goes back to the field.
    await page.setViewportSize({ width: 375, height: 667 })
    const body = (await page.locator('#contact-form .ui-sheet__body').boundingBox())!
    await page.mouse.move(body.x + body.width / 2, body.y + body.height / 2)
    await page.mouse.wheel(0, 2000)
    await page.waitForFunction(() => {
      const error = document.querySelector('#contact-mobile-error')!.getBoundingClientRect()
      return error.bottom <= document.querySelector('#contact-form .ui-sheet__body')!.getBoundingClientRect().top
    })
    await page.click('#contact-save')
    await becomesOnScreen('#contact-mobile-error')
    expect(await onScreen('#contact-save')).toBe(true)
  })

  it('a refused 商家认证 submission shows its first error, not the bottom of the form', async () => {
    await openMe('o_test_user_93')
    await page.click('#link-certification')
    await startCertificationForm(page)

    // The button is at the bottom of a long form; the first field's error is at the top.
    await page.click('#cert-submit')
    await becomesOnScreen('#cert-legalName-error')
    expect(await page.textContent('#cert-legalName-error')).toBe('请输入法定代表人姓名')
    expect(await onScreen('#cert-legalName')).toBe(true)
  })
})
