import type { Page } from 'playwright-core'
import { agreeOnSheet, browserApp, ledgerOf, openAsNewUser } from '../support/app'
import { type RunningEmulator } from '../support/emulator'

/**
 * In the app (h5 build): a receipt says whether its signature holds, checked on the phone against the
 * shipped public keys, and "verify my consent records" says how the chain stands against the latest anchor.
 */
describe('receipt signatures and anchors in the app', () => {
  let emu: RunningEmulator
  let page: Page
  browserApp((app) => ({ emu, page } = app))

  it('the receipt shows a valid signature by the development key; verify reports no anchor, then a match', async () => {
    await openAsNewUser(page, emu, 'o_test_user_61')
    await agreeOnSheet(page)
    await page.click('#link-me')
    await page.click('#link-permissions')
    await page.waitForSelector('[id^="history-"]')
    const ledger = await ledgerOf(emu, 'o_test_user_61')
    const first = ledger[0]

    await page.click(`[id="receipt-${first!.eventId}"]`)
    const signature = page.locator('#receipt-signature')
    await signature.waitFor()
    expect(await signature.getAttribute('data-status')).toBe('valid')
    expect(await signature.textContent()).toContain('签名有效：本凭证由密钥 dev-2026 签发')
    expect(await signature.textContent()).toContain('开发用密钥')
    await page.click('#receipt-close')
    await page.locator('#receipt').waitFor({ state: 'detached' })

    await page.click('#verify-chain')
    await page.waitForSelector('#verify-anchor')
    expect(await page.getAttribute('#verify-anchor', 'data-status')).toBe('none')
    expect(await page.textContent('#verify-result')).toContain(`记录链完整：共 ${ledger.length} 条`)

    const run = await emu.control<{ result?: { ok: boolean; data?: { date: string } } }>('/timers/run', { name: 'consent', trigger: 'anchorHeads' })
    expect(run.result).toMatchObject({ ok: true })
    await page.click('#verify-chain')
    await page.waitForSelector('#verify-anchor[data-status="match"]')
    expect(await page.textContent('#verify-anchor')).toContain(`与 ${run.result!.data!.date} 公开的锚点一致`)
  })
})
