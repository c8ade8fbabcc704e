import type { Page } from 'playwright-core'
import { POLICY_VERSIONS } from '../../src/content'
import { agreeOnSheet, browserApp, openAsNewUser } from '../support/app'
import type { Invoked, Reply } from '../support/consent'
import type { RunningEmulator } from '../support/emulator'
import { OPS_ENV, operator } from '../support/ops'

// Fictional texts.
const INCIDENT = {
  kind: 'incident',
  title: { 'zh-CN': '示例安全事件通知', en: 'Example security incident' },
  body: { 'zh-CN': '示例系统于 3 月 1 日出现异常访问，我们已处置。', en: 'An example system saw unusual access on 1 March; we dealt with it.' },
}
const NOTICE = { kind: 'notice', title: { 'zh-CN': '示例维护公告', en: 'Example maintenance' }, body: { 'zh-CN': '周六凌晨维护。', en: 'Maintenance early on Saturday.' } }

/**
 * Ops publish through the `ops` function as the console does; every user sees a banner on the home
 * page (and on 我的) until they dismiss it on their device; a new version shows again, a withdrawn one goes.
 */
describe('announcements in Chromium', () => {
  let emu: RunningEmulator
  let page: Page
  browserApp((app) => ({ emu, page } = app), POLICY_VERSIONS.map((p) => p.version), OPS_ENV)

  const ops = async (event: Record<string, unknown>): Promise<Reply> => {
    const reply = (await emu.control<Invoked>('/invoke', { name: 'ops', event: { operator: operator(), ...event }, identity: null })).result!
    expect(reply).toMatchObject({ ok: true })
    return reply
  }
  const banner = (id: string) => `#announcement-${id}`
  /** After a reload: the notice shows once the announcements have arrived, so a missing banner is really gone. */
  const reloadAndWaitFor = async (shown: string) => {
    await page.reload()
    await page.waitForSelector(banner(shown))
  }

  it('shows an incident before and after agreeing; 查看 opens its text; dismissing hides it on this device, across a reload and on 我的', async () => {
    await ops({ action: 'publishAnnouncement', announcementId: 'e2e-notice', ...NOTICE })
    await ops({ action: 'publishAnnouncement', announcementId: 'e2e-incident', ...INCIDENT })
    await openAsNewUser(page, emu, 'o_test_user_81')

    // Before agreeing: the first-run sheet is up and the banner is already there, newest first.
    await page.waitForSelector('#consent-sheet')
    await page.waitForSelector(banner('e2e-incident'))
    expect(await page.$$eval('.ann', (els) => els.map((e) => e.id))).toEqual(['announcement-e2e-incident', 'announcement-e2e-notice'])
    expect(await page.textContent(banner('e2e-incident'))).toContain('安全事件通知')
    expect(await page.textContent(banner('e2e-incident'))).toContain(INCIDENT.title['zh-CN'])

    await agreeOnSheet(page)
    await page.waitForSelector(banner('e2e-incident'))

    await page.click(`${banner('e2e-incident')}-view`)
    await page.waitForSelector('#announcement-sheet')
    expect(await page.textContent('#announcement-sheet')).toContain(INCIDENT.body['zh-CN'])
    await page.click('#announcement-sheet-close')
    await page.waitForSelector('#announcement-sheet', { state: 'detached' })

    const dismiss = `${banner('e2e-incident')}-dismiss`
    expect(await page.getAttribute(dismiss, 'role')).toBe('button')
    expect((await page.locator(dismiss).boundingBox())!.height).toBeGreaterThanOrEqual(44)
    await page.click(dismiss)
    await page.waitForSelector(banner('e2e-incident'), { state: 'detached' })
    expect(await page.evaluate(() => window.localStorage.getItem('announcements.dismissed'))).toBe('["e2e-incident@1"]')

    await reloadAndWaitFor('e2e-notice')
    expect(await page.$(banner('e2e-incident'))).toBeNull()

    // 我的 shows the same live banners, minus the dismissed one.
    await page.click('#link-me')
    await page.waitForSelector(`.me ${banner('e2e-notice')}`)
    expect(await page.$(`.me ${banner('e2e-incident')}`)).toBeNull()
  })

  it('a new version of a dismissed announcement shows again; a withdrawn one disappears', async () => {
    await ops({ action: 'publishAnnouncement', announcementId: 'e2e-notice', ...NOTICE })
    await ops({ action: 'publishAnnouncement', announcementId: 'e2e-incident', ...INCIDENT })
    await openAsNewUser(page, emu, 'o_test_user_82')
    // Refused: browse mode, where the banner works all the same.
    await page.click('#consent-refuse')
    await page.waitForSelector('#consent-sheet', { state: 'detached' })
    await page.waitForSelector('#browse-banner')
    await page.waitForSelector(banner('e2e-incident'))
    await page.click(`${banner('e2e-incident')}-dismiss`)
    await page.waitForSelector(banner('e2e-incident'), { state: 'detached' })

    const update = { 'zh-CN': '更新：影响范围已确认。', en: 'Update: we know what was affected.' }
    await ops({ action: 'publishAnnouncement', announcementId: 'e2e-incident', ...INCIDENT, body: update })
    await reloadAndWaitFor('e2e-incident')
    await page.click(`${banner('e2e-incident')}-view`)
    await page.waitForSelector('#announcement-sheet')
    expect(await page.textContent('#announcement-sheet')).toContain(update['zh-CN'])
    await page.click('#announcement-sheet-close')

    // In English too.
    await page.click('#lang-switch')
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('Security incident') === true, banner('e2e-incident'))

    await ops({ action: 'withdrawAnnouncement', announcementId: 'e2e-incident', reason: '事件已处理完毕' })
    await reloadAndWaitFor('e2e-notice')
    expect(await page.$(banner('e2e-incident'))).toBeNull()
  })
})
