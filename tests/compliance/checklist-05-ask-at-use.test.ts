import type { Page } from 'playwright-core'
import { agreeOnSheet, browserApp, openAsNewUser, simCalls } from '../support/app'
import type { RunningEmulator } from '../support/emulator'

/**
 * Checklist 5 (WeChat authorize best practice; 《微信小程序平台运营规范》): location, camera and photo
 * access are requested only when the user taps the feature. An agreed user opens every page of the app;
 * not one scope request, location read, photo pick, album write or clipboard write may happen on load.
 */
const PAGES: Array<[string, string]> = [
  ['/pages/index/index', '#store-list .store'],
  ['/pages/me/index', '#me-openid'],
  ['/packages/privacy/pages/policy/index', '#policy-title'],
  ['/packages/privacy/pages/permissions/index', '#permissions-page'],
  ['/packages/privacy/pages/album/index', '#album-page'],
  ['/packages/personal/pages/info/index', '#info-page'],
  ['/packages/personal/pages/lists/index?list=collected', '#lists-page'],
  ['/packages/personal/pages/contact/index', '#contact-page'],
  ['/packages/account/pages/cancel/index', '#cancel-page'],
  ['/packages/merchant/pages/consent/index', '#cert-consent-page'],
  ['/packages/shop/pages/store/index?id=sh-jingan', '#store-name'],
]
const AT_USE_ONLY = ['authorize', 'getLocation', 'chooseMedia', 'saveImageToPhotosAlbum', 'setClipboardData', 'openSetting', 'requestSubscribeMessage']

describe('checklist 5: ask at the time of use', () => {
  let emu: RunningEmulator
  let page: Page
  browserApp((app) => ({ emu, page } = app), ['2026.1', '2026.2', '2026.3'])

  it('opening every page asks for nothing; the same APIs run once the user taps the feature', async () => {
    await openAsNewUser(page, emu, 'o_test_user_501')
    await agreeOnSheet(page)
    for (const [route, ready] of PAGES) {
      await page.goto(`${emu.url}/#${route}`)
      await page.waitForSelector(ready)
      expect([route, (await simCalls(page)).filter((c) => AT_USE_ONLY.includes(c.api)).map((c) => c.api)]).toEqual([route, []])
    }
    // The check is not blind: a tap on the feature makes the request.
    await page.goto(`${emu.url}/#/pages/index/index`)
    await page.click('#nearby')
    await page.click('#purpose-continue')
    await page.waitForSelector('#wx-sim-allow')
    expect((await simCalls(page)).map((c) => c.api)).toContain('authorize')
  })
})
