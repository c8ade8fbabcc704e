import type { Page } from 'playwright-core'
import { formatShanghai } from '../../src/domain/common/local-time'
import { maskId } from '../../src/domain/common/mask'
import { CONSENT_METHODS } from '../../src/domain/consent/consent-event'
import { agreeOnSheet, browserApp, ledgerOf, openAsNewUser, publish } from '../support/app'
import { type RunningEmulator } from '../support/emulator'

/**
 * What a new user sees on the first screens (h5 build, Chromium at 375×812): buttons that look like
 * what they are, readable history and receipts, one state per permission, titles and a tab bar, nearby
 * meaning near, one language at a time, 44 px targets, busy and error states, roles, no raw ids.
 */
describe('first screens in Chromium', () => {
  let emu: RunningEmulator
  let page: Page
  // Each test owns its state: a fresh install where only the first policy version is published, as `npm start` does.
  browserApp((app) => ({ emu, page } = app))

  /** Starts 附近门店, reads the purpose, and answers WeChat's location dialog. */
  const askLocation = async (answer: 'allow' | 'deny') => {
    await page.click('#nearby')
    await page.click('#purpose-continue')
    await page.click(`#wx-sim-${answer}`)
  }
  const openPermissions = async () => {
    await page.click('#link-me')
    await page.click('#link-permissions')
    await page.waitForSelector('[id^="history-"]')
  }
  /** WCAG contrast of an element's text against its own background colour. */
  const contrastOf = (selector: string) =>
    page.$eval(selector, (el) => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number)
      const lum = (c: number[]) => {
        const [r, g, b] = c.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4))
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
      }
      const style = getComputedStyle(el)
      const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))].sort((x, y) => y - x)
      return { ratio: (a! + 0.05) / (b! + 0.05), opacity: Number(style.opacity) }
    })
  /** Every visible control (button or checkbox role) that is smaller than 44×44 CSS px. */
  const smallTargets = () =>
    page.$$eval('[role="button"], [role="checkbox"], .weui-tabbar__item', (els) =>
      els
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => ({ id: el.id || el.textContent?.trim(), box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
        .map(({ id, box }) => `${id} ${Math.round(box.width)}×${Math.round(box.height)}`),
    )

  it('the agree control is a named button: off until ticked and inert, then clearly enabled', async () => {
    await openAsNewUser(page, emu, 'o_test_user_31')
    const agreeButton = page.getByRole('button', { name: '同意并继续' })
    expect(await agreeButton.getAttribute('aria-disabled')).toBe('true')
    await agreeButton.click({ force: true })
    expect(await page.isVisible('#consent-sheet')).toBe(true)
    expect(await ledgerOf(emu, 'o_test_user_31')).toEqual([])

    const box = page.getByRole('checkbox', { name: /我已阅读并同意/ })
    expect(await box.getAttribute('aria-checked')).toBe('false')
    await box.click()
    expect(await box.getAttribute('aria-checked')).toBe('true')
    expect(await agreeButton.getAttribute('aria-disabled')).toBe('false')
    const look = await contrastOf('#consent-agree')
    expect(look.ratio).toBeGreaterThanOrEqual(4.5)
    expect(look.opacity).toBe(1)
    expect(await smallTargets()).toEqual([])
  })

  it('agreeing shows progress and takes one tap only; a failed store load says so and retries', async () => {
    await openAsNewUser(page, emu, 'o_test_user_32')
    await page.click('#consent-check')
    await emu.control('/faults', { latencyMs: 400 })
    await page.click('#consent-agree')
    await page.waitForSelector('#consent-agree[aria-busy="true"]')
    expect(await page.textContent('#consent-agree')).toContain('正在保存')
    await page.click('#consent-agree', { force: true })
    await page.waitForSelector('#consent-sheet', { state: 'detached' })
    await emu.control('/faults', undefined, 'DELETE')
    expect((await ledgerOf(emu, 'o_test_user_32')).map((e) => e.target.id)).toEqual(['privacy-policy', 'account-identity'])

    await emu.control('/faults', { nth: 1, code: 'DATABASE_REQUEST_FAILED', action: 'database.getDocument' })
    await page.click('#city-hangzhou')
    await page.waitForSelector('#stores-error')
    expect(await page.textContent('#stores-error')).toContain('门店加载失败')
    expect(await page.textContent('#store-list')).toBe('')
    await page.click('#stores-error-retry')
    await page.waitForFunction(() => document.querySelector('#store-list')?.textContent?.includes('杭州') === true)
    expect(await page.isVisible('#stores-error')).toBe(false)
  })

  it('history reads in words and China time; the receipt opens where it was tapped, readable and copyable', async () => {
    await openAsNewUser(page, emu, 'o_test_user_33')
    await agreeOnSheet(page)
    await openPermissions()
    const [first] = await ledgerOf(emu, 'o_test_user_33')
    const history = (await page.textContent('[id="history-policy:privacy-policy"]'))!
    for (const method of CONSENT_METHODS) expect(history).not.toContain(method)
    expect(history).toContain('在隐私提示中点了“同意”')
    expect(history).toContain(formatShanghai(first!.serverTime))
    expect(history).toContain('北京时间')

    await page.click(`[id="receipt-${first!.eventId}"]`)
    const sheet = page.locator('#receipt')
    // The sheet opens at once with a loading line; the receipt arrives with the server's reply.
    await page.waitForFunction(() => document.querySelector('#receipt')?.textContent?.includes('隐私政策版本') === true)
    const box = (await sheet.boundingBox())!
    expect(box.y).toBeGreaterThanOrEqual(0)
    expect(box.y + box.height).toBeLessThanOrEqual(812)
    const text = (await sheet.textContent())!
    expect(text).toContain('隐私政策版本')
    expect(text).toContain(formatShanghai(first!.serverTime, { seconds: true }))
    expect(text).not.toContain(first!.eventId)
    expect(text).not.toContain('agree-button')
    expect(await page.isVisible('#receipt-copy')).toBe(true)
    expect(await smallTargets()).toEqual([])
    await page.click('#receipt-close')
    await sheet.waitFor({ state: 'detached' })
  })

  it('a withdrawn location has one state and turns on again from its card, through the purpose prompt', async () => {
    await openAsNewUser(page, emu, 'o_test_user_34')
    await agreeOnSheet(page)
    await askLocation('allow')
    await page.waitForSelector('#nearby-list .store')
    await openPermissions()
    const key = 'scope:scope.userLocation'
    await page.click(`[id="withdraw-${key}"]`)
    await page.waitForFunction((k) => document.querySelector(`[id="state-${k}"]`)?.textContent === '已撤回', key)
    const card = (await page.textContent(`[id="perm-${key}"]`))!
    expect(card).not.toContain('允许')
    expect(card).not.toContain('已同意')

    await page.click(`[id="grant-${key}"]`)
    await page.waitForSelector('#purpose-prompt')
    expect(await page.textContent('#purpose-text')).toContain('附近门店')
    await page.click('#purpose-continue')
    await page.waitForFunction((k) => document.querySelector(`[id="state-${k}"]`)?.textContent === '已同意', key)
    expect((await ledgerOf(emu, 'o_test_user_34')).at(-1)).toMatchObject({ target: { id: 'scope.userLocation' }, decision: 'grant', method: 'purpose-prompt' })
  })

  it('after a refusal, the message itself leads to settings in one tap', async () => {
    await openAsNewUser(page, emu, 'o_test_user_35')
    await agreeOnSheet(page)
    await askLocation('deny')
    await page.waitForSelector('#location-denied')
    // The button is below the sentence, never inside it.
    const message = await page.locator('#location-denied .scope-refused__text').boundingBox()
    const button = await page.locator('#location-open-setting').boundingBox()
    expect(button!.y).toBeGreaterThanOrEqual(message!.y + message!.height)
    await page.click('#location-open-setting')
    await page.click('[id="wx-sim-setting-scope.userLocation"]')
    await page.click('#wx-sim-setting-done')
    await page.waitForSelector('#nearby-list .store')
    expect((await ledgerOf(emu, 'o_test_user_35')).at(-1)).toMatchObject({ decision: 'grant', method: 'wechat-settings' })
  })

  it('every page has a title, pages below the tabs have a back control, and the tab bar leads to 我的', async () => {
    await openAsNewUser(page, emu, 'o_test_user_36')
    await page.click('#consent-refuse')
    expect(await page.textContent('#page-title')).toBe('示例商城')
    expect(await page.locator('.weui-tabbar__item').allTextContents()).toEqual(['首页', '我的'])
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
    await page.waitForSelector('#me-card')
    await page.waitForFunction(() => document.title === '我的')
    for (const [link, title] of [
      ['#me-link-policy', '隐私政策'],
      ['#link-permissions', '权限与同意'],
    ] as const) {
      await page.click(link)
      await page.waitForFunction((t) => document.title === t, title)
      const visible = page.locator('.taro_page:not(.taro_page_shade)')
      expect(await visible.locator('#page-title').textContent()).toBe(title)
      await visible.locator('#page-back').click()
      await page.waitForFunction(() => document.title === '我的')
    }
  })

  it('nearby means within the radius, nearest first, under a title the button does not repeat', async () => {
    await openAsNewUser(page, emu, 'o_test_user_37')
    await agreeOnSheet(page)
    await askLocation('allow')
    await page.waitForSelector('#nearby-list .store')
    const km = (await page.locator('#nearby-list .store__meta').allTextContents()).map((t) => Number.parseFloat(t))
    expect(km.length).toBeGreaterThan(0)
    expect(km.every((d) => d <= 50)).toBe(true)
    expect(km).toEqual([...km].sort((a, b) => a - b))
    expect(await page.textContent('#nearby-list')).toContain('50 公里内')
    const title = await page.locator('.section__title').first().textContent()
    expect(await page.textContent('#nearby')).not.toContain(title!)
  })

  it('English is English throughout: the policy tables, the receipt, and a switch that does not squeeze', async () => {
    await openAsNewUser(page, emu, 'o_test_user_38')
    await agreeOnSheet(page)
    await page.click('#lang-switch')
    await page.click('#link-policy')
    await page.waitForFunction(() => document.querySelector('#policy-title')?.textContent === 'Example Mall Privacy Policy')
    const policy = page.locator('#policy-page')
    const body = (await policy.textContent())!.replace('中文', '')
    expect(body).not.toMatch(/[\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]/)
    const sw = (await policy.locator('#lang-switch').boundingBox())!
    expect(sw.height).toBeGreaterThanOrEqual(44)
    // "中文" on one line: every rendered piece of its text shares one top edge.
    const lineTops = await policy.locator('#lang-switch').evaluate((el) => {
      const range = document.createRange()
      range.selectNodeContents(el)
      return new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size
    })
    expect(lineTops).toBe(1)
    expect(await smallTargets()).toEqual([])

    await policy.locator('#page-back').click()
    await openPermissions()
    const [first] = await ledgerOf(emu, 'o_test_user_38')
    await page.click(`[id="receipt-${first!.eventId}"]`)
    await page.waitForFunction(() => document.querySelector('#receipt')?.textContent?.includes('Policy version') === true)
    expect((await page.textContent('#receipt'))!).not.toMatch(/[\u4e00-\u9fff]/)
  })

  it('re-consent describes each change in one plain sentence', async () => {
    await openAsNewUser(page, emu, 'o_test_user_39')
    await agreeOnSheet(page)
    await publish(emu, ['2026.2'])
    await page.reload()
    await page.waitForSelector('#consent-changes')
    const changes = await page.locator('#consent-changes [id^="change-"] .change__title').allTextContents()
    expect(changes.length).toBeGreaterThan(0)
    for (const sentence of changes) {
      expect(sentence).toMatch(/。$/)
      expect(sentence.split('：').length).toBeLessThanOrEqual(2)
    }
    // A purpose added once is listed once.
    const named = changes.filter((c) => c.includes('个性化门店推荐'))
    expect(named).toHaveLength(1)
    const tick = (await page.textContent('#consent-optional-personalised-recommendations'))!
    expect(tick).toContain('个性化门店推荐')
    expect(tick).not.toContain('：')
  })

  it('我的 keeps its menu still while the account loads, so a tap lands where it was aimed', async () => {
    await openAsNewUser(page, emu, 'o_test_user_41')
    await agreeOnSheet(page)
    // Hold the account read until the loading state has been measured.
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/gateway/callFunction', async (route) => {
      const body = route.request().postDataJSON() as { name?: string; data?: { action?: string } }
      if (body.name === 'account' && body.data?.action === 'me') await released
      await route.continue()
    })
    await page.click('#link-me')
    await page.waitForSelector('#me-loading')
    const top = () => page.locator('#link-certification').evaluate((el) => el.getBoundingClientRect().top)
    const whileLoading = await top()
    release()
    await page.waitForSelector('#me-openid')
    expect(await top()).toBe(whileLoading)
    await page.unroute('**/gateway/callFunction')
  })

  it('我的 never shows the raw OpenID', async () => {
    await openAsNewUser(page, emu, 'o_test_user_40')
    await agreeOnSheet(page)
    await page.click('#link-me')
    await page.waitForSelector('#me-openid')
    expect(await page.textContent('#me-openid')).toBe(maskId('o_test_user_40'))
    expect(await page.textContent('#me-card')).not.toContain('o_test_user_40')
    expect(await smallTargets()).toEqual([])
  })
})
