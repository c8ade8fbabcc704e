import path from 'node:path'
import type { Page } from 'playwright-core'
import { maskId } from '../../src/domain/common/mask'
import { agreeOnSheet, prepareApp } from '../support/app'
import { launchBrowser, type Browser } from '../support/browser'
import { removeDataDir, ROOT, startEmulator, type RunningEmulator } from '../support/emulator'

// The whole path in the h5 build: page → src/services → gateway → account function → emulator database.
describe('vertical slice in Chromium', () => {
  let emu: RunningEmulator
  let browser: Browser

  beforeAll(async () => {
    emu = await startEmulator({ extraArgs: ['--static', path.join(ROOT, 'dist', 'h5')] })
    await prepareApp(emu, ['2026.1'])
    browser = await launchBrowser()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await emu?.stop()
    removeDataDir(emu.dataDir)
  })

  /** The personal centre reads the account only after the user agreed to the policy. */
  const agreeAndOpenMe = async (page: Page) => {
    await agreeOnSheet(page)
    await page.click('#link-me')
    await page.waitForSelector('#me-openid')
  }

  it('signs in as a test identity and shows who the user is and since when, from the database', async () => {
    const page = await browser.context.newPage()
    // No dev session yet: the app shell sends the browser to the dev sign-in first, as WeChat's login precedes a mini-program.
    await page.goto(`${emu.url}/`)
    await page.waitForURL(/\/gateway\/signin/)
    await page.getByText('o_test_user_1', { exact: true }).click()
    await page.waitForSelector('#consent-sheet')
    await agreeAndOpenMe(page)
    expect(await page.textContent('#me-openid')).toBe(maskId('o_test_user_1'))

    // The row really is in the database, under the platform identity, holding only the account and since when.
    const row = await emu.control<{ result: { ok: boolean; data: { openid: string; firstSeenAt: string } } }>('/invoke', {
      name: 'account',
      event: { action: 'me' },
      identity: { OPENID: 'o_test_user_1', APPID: 'wx_local_app', SOURCE: 'wx_client' },
    })
    expect(row.result.data.openid).toBe('o_test_user_1')
    const local = new Date(Date.parse(row.result.data.firstSeenAt) + 8 * 3600 * 1000).toISOString().slice(0, 10)
    expect(await page.textContent('#me-since')).toBe(local)
    await page.close()
  })

  it('a second identity sees only its own row', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${emu.url}/gateway/signin`)
    await page.getByText('o_test_user_2', { exact: true }).click()
    await page.waitForSelector('#consent-sheet')
    await agreeAndOpenMe(page)
    expect(await page.textContent('#me-openid')).toBe(maskId('o_test_user_2'))
    expect(await page.textContent('#me-since')).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    await page.close()
  })
})
