import type { Page } from 'playwright-core'
import { POLICY_VERSIONS } from '../../src/content'
import { agreeOnSheet, allowNearby, browserApp, openAsNewUser } from '../support/app'
import { type RunningEmulator } from '../support/emulator'

const VIEWPORT_HEIGHT = 812

/**
 * What a tap produces appears where the user is looking (h5 build, Chromium at 375×812): results and
 * failures that used to land below the fold or at the top of a long page, each failure with its retry.
 */
describe('results and failures in view', () => {
  let emu: RunningEmulator
  let page: Page
  browserApp((app) => ({ emu, page } = app), POLICY_VERSIONS.map((p) => p.version))

  /** The element's box lies wholly inside the 375×812 viewport (to the pixel: scrolling aligns to fractions). */
  const inViewport = async (selector: string) => {
    const box = await page.locator(selector).boundingBox()
    return box !== null && box.y >= -1 && box.y + box.height <= VIEWPORT_HEIGHT + 1
  }
  /** The next n database calls (of one action, if given) fail, as a dropped connection would. */
  const failNextDatabaseCalls = async (n = 1, action?: string) => {
    for (let i = 0; i < n; i++) await emu.control('/faults', { nth: 1, code: 'DATABASE_REQUEST_FAILED', action })
  }
  const openMe = async (openid: string) => {
    await openAsNewUser(page, emu, openid)
    await agreeOnSheet(page)
    await page.click('#link-me')
  }

  it('a failed withdrawal is said in its own card, in view, and its retry completes it', async () => {
    await openAsNewUser(page, emu, 'o_test_user_1101')
    await agreeOnSheet(page)
    await allowNearby(page)
    await page.click('#link-me')
    await page.click('#link-permissions')
    const key = 'scope:scope.userLocation'
    await page.waitForFunction((k) => document.querySelector(`[id="state-${k}"]`)?.textContent === '已同意', key)

    // The session sends a decision up to three times on a transport failure before it gives up; only the
    // decision's own transaction fails, whatever else the page reads meanwhile.
    await failNextDatabaseCalls(3, 'database.startTransaction')
    await page.click(`[id="withdraw-${key}"]`)
    await page.waitForSelector(`[id="perm-${key}"] #perm-error`)
    expect(await page.textContent('#perm-error')).toContain('操作未完成')
    expect(await inViewport('#perm-error')).toBe(true)
    expect(await page.textContent(`[id="state-${key}"]`)).toBe('已同意')

    await page.click('#perm-error-retry')
    await page.waitForFunction((k) => document.querySelector(`[id="state-${k}"]`)?.textContent === '已撤回', key)
    expect(await page.isVisible('#perm-error')).toBe(false)
  })

  it('the chain check shows its whole result on screen, below the long history', async () => {
    await openMe('o_test_user_1102')
    await page.click('#link-permissions')
    await page.waitForSelector('[id^="history-"]')
    await page.click('#verify-chain')
    await page.waitForSelector('#verify-result')
    await page.waitForFunction(() => !document.querySelector('#verify-chain')?.getAttribute('aria-busy')?.includes('true'))
    expect(await page.textContent('#verify-result')).toContain('记录链完整')
    expect(await inViewport('#verify-card')).toBe(true)
  })

  it('个人信息: a failed reveal says so at the bottom of the screen, and its retry shows the value', async () => {
    await openMe('o_test_user_1103')
    await page.click('#link-personal')
    await page.waitForSelector('#cat-delivery-contact')
    await page.click('#add-contact')
    await page.fill('#contact-name input', '王五')
    await page.fill('#contact-mobile input', '13912345678')
    await page.click('#region-310115')
    await page.fill('#contact-address input', '示例路 9 号')
    await page.click('#contact-save')
    const reveal = page.locator('#cat-delivery-contact [id^="reveal-"]').first()
    await reveal.waitFor()
    const id = (await reveal.getAttribute('id'))!.slice('reveal-'.length)

    await failNextDatabaseCalls()
    await reveal.click()
    await page.waitForSelector('#info-notice')
    expect(await page.textContent('#info-notice')).not.toMatch(/[A-Z]+\.[A-Z_]+/)
    expect(await inViewport('#info-notice')).toBe(true)
    expect(await page.textContent(`#value-${id}-mobile`)).toBe('139****5678')

    await page.click('#info-notice-retry')
    await page.waitForFunction((rid) => document.querySelector(`#value-${rid}-mobile`)?.textContent === '13912345678', id)
    expect(await page.isVisible('#info-notice')).toBe(false)
  })

  it('an export copy stays in view once made, and its record reads as checksum, size and China time', async () => {
    await openMe('o_test_user_1104')
    await page.click('#link-personal')
    await page.waitForSelector('#export-start')
    await page.click('#export-start')
    await page.waitForSelector('#export-sha256', { timeout: 30_000 })
    await page.waitForSelector('#cat-data-export [id^="record-"]')
    expect(await inViewport('#export-ready')).toBe(true)

    const record = (await page.textContent('#cat-data-export'))!
    const sha256 = (await page.textContent('#export-sha256'))!.trim()
    expect(record).toContain('文件校验值（SHA-256）')
    expect(record).toContain(sha256)
    expect(record).toMatch(/文件大小\s*\d+ KB/)
    expect(record).toContain('保留至')
    expect(record).not.toMatch(/sha256|expiresAt|\bsize\b|T\d\d:\d\d:\d\d/)
    const expiresAt = await page.$eval('[id$="-expiresAt"]', (el) => el.textContent)
    expect(expiresAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    // The same instant the export card states, both from the server's expiresAt.
    expect(await page.textContent('#export-ready')).toContain(expiresAt)
  })

  it('注销账号: the submit is grey until ticked, red after; a failed submit offers a retry that completes it', async () => {
    await openMe('o_test_user_1105')
    await page.click('#link-cancel')
    await page.waitForSelector('#cancel-preview')
    const look = () => page.$eval('#cancel-submit', (el) => ({ bg: getComputedStyle(el).backgroundColor, color: getComputedStyle(el).color }))
    const off = await look()
    expect(off.bg).toBe('rgb(242, 243, 245)')
    expect(off.color).toBe('rgb(100, 106, 115)')
    await page.click('#cancel-understand')
    expect(await look()).toEqual({ bg: 'rgb(199, 38, 27)', color: 'rgb(255, 255, 255)' })

    await failNextDatabaseCalls()
    await page.click('#cancel-submit')
    await page.click('#wx-sim-subscribe-reject')
    await page.waitForSelector('#cancel-error')
    expect(await inViewport('#cancel-error')).toBe(true)
    // The button that was tapped, at the end of the page, stays above the alert rather than under it.
    const alert = (await page.locator('#cancel-error').boundingBox())!
    await page.waitForFunction((top) => document.querySelector('#cancel-submit')!.getBoundingClientRect().bottom <= top, alert.y)
    await page.click('#cancel-error-retry')
    await page.click('#wx-sim-subscribe-reject')
    await page.waitForSelector('#cancel-status')
    expect(await page.isVisible('#cancel-error')).toBe(false)
  })

  it('a nearby store opens its page, as the same store does from the city list', async () => {
    await openAsNewUser(page, emu, 'o_test_user_1106')
    await agreeOnSheet(page)
    await allowNearby(page)
    const first = page.locator('#nearby-list .store').first()
    expect(await first.getAttribute('role')).toBe('button')
    const name = (await first.locator('.store__name').textContent())!
    await first.click()
    await page.waitForSelector('#store-name')
    expect(await page.textContent('#store-name')).toBe(name)
  })

  it('English titles take a second line rather than losing their end', async () => {
    await openMe('o_test_user_1107')
    await page.click('#lang-switch >> visible=true')
    await page.click('#link-permissions')
    const heading = page.locator('#page-title >> visible=true')
    await page.waitForSelector('#page-title >> visible=true >> text="Permissions & consent"')
    const title = await heading.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, width: el.scrollWidth - el.clientWidth }))
    expect(title.scroll).toBeLessThanOrEqual(title.client)
    expect(title.width).toBeLessThanOrEqual(0)
  })
})
