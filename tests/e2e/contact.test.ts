import type { Page } from 'playwright-core'
import { POLICY_VERSIONS } from '../../src/content'
import { addWorkingDays, chineseWorkdayCalendar } from '../../src/domain/calendar'
import { agreeOnSheet, browserApp, openAsNewUser } from '../support/app'
import { connectSdk, type RunningEmulator } from '../support/emulator'
import { OPS_ENV, operator } from '../support/ops'

/** `2026-12-22` → `2026年12月22日`, as the page says a date. */
const zhDate = (isoDate: string) => {
  const [y, m, d] = isoDate.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/**
 * 我的 → 联系我们 in the h5 build: a user sends a complaint (an error at the field first), sees it with
 * its due date; ops answer it through the `ops` function; the user reloads and reads the answer.
 */
describe('contact us in Chromium', () => {
  let emu: RunningEmulator
  let page: Page
  // Each test owns its state: a fresh install with every shipped policy version published; ops can sign in.
  browserApp((app) => ({ emu, page } = app), POLICY_VERSIONS.map((p) => p.version), OPS_ENV)

  const openContact = async (openid: string) => {
    await openAsNewUser(page, emu, openid)
    await agreeOnSheet(page)
    await page.click('#link-me')
    await page.click('#link-contact')
    await page.waitForSelector('#contact-messages')
  }
  const storedOf = async (openid: string) => (await connectSdk(emu).database().collection('rights_requests').where({ openid }).get()).data as Array<Record<string, any>>
  const asOps = async (event: Record<string, unknown>) => (await emu.control<{ result: { ok: boolean; code?: string } }>('/invoke', { name: 'ops', event: { operator: operator(), ...event }, identity: null })).result

  it('sends a complaint (a too-short message is refused at the field), shows its due date, and the answer ops give', async () => {
    await openContact('o_test_user_71')
    expect(await page.textContent('#contact-addresses')).toContain('privacy@example.com')

    await page.click('#contact-kind-complaint')
    await page.fill('#contact-message textarea', '太短')
    await page.click('#contact-send')
    await page.waitForSelector('#contact-message-error')
    expect(await page.textContent('#contact-message-error')).toContain('至少 5')
    expect(await storedOf('o_test_user_71')).toEqual([])

    const sentAt = new Date().toISOString()
    await page.fill('#contact-message textarea', '未经我同意给我发送了营销短信，请停止。')
    await page.click('#contact-send')
    let due: string | undefined
    try {
      due = addWorkingDays(chineseWorkdayCalendar(), sentAt, 15)
    } catch {
      // Past the calendar's last year: the page says so in words, and nothing is filed.
    }
    if (due === undefined) {
      await page.waitForFunction(() => document.querySelector('#contact-send-error')?.textContent?.includes('工作日日历') === true)
      expect(await storedOf('o_test_user_71')).toEqual([])
      return
    }
    await page.waitForSelector('#contact-messages [id^="message-"]')
    const [stored] = await storedOf('o_test_user_71')
    expect(stored).toMatchObject({ type: 'complaint', status: 'submitted', detail: '未经我同意给我发送了营销短信，请停止。', dueAt: due })
    const id = stored!._id as string
    expect(await page.textContent(`#message-${id}-due`)).toContain(zhDate(due))
    expect(await page.textContent(`#message-${id}-status`)).toBe('已提交')
    // Words only: no raw ids, codes or ISO times on screen.
    const text = (await page.textContent('#contact-page'))!
    expect(text).not.toContain(id)
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T|complaint|submitted/)

    expect(await asOps({ action: 'approve', requestId: id })).toMatchObject({ ok: true })
    expect(await asOps({ action: 'complete', requestId: id, outcome: '我们已停止向你发送营销短信。' })).toMatchObject({ ok: true })

    await page.reload()
    await page.waitForSelector(`#message-${id}-answer`)
    expect(await page.textContent(`#message-${id}-answer`)).toContain('我们已停止向你发送营销短信。')
    expect(await page.textContent(`#message-${id}-status`)).toBe('已完成')
  })
})
