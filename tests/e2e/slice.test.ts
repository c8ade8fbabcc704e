import path from 'node:path'
import { launchBrowser, type Browser } from '../support/browser'
import { removeDataDir, ROOT, startEmulator, type RunningEmulator } from '../support/emulator'

// The whole path in the h5 build: page → src/services → gateway → account function → emulator database.
describe('vertical slice in Chromium', () => {
  let emu: RunningEmulator
  let browser: Browser

  beforeAll(async () => {
    emu = await startEmulator({ extraArgs: ['--static', path.join(ROOT, 'dist', 'h5')] })
    await emu.control('/seed', { collections: { profiles: [] } })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await emu?.stop()
    removeDataDir(emu.dataDir)
  })

  it('signs in as a test identity and shows who the user is and their visit count from the database', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${emu.url}/`)
    // No dev session yet: the services layer sends the user to the dev sign-in.
    await page.waitForURL(/\/gateway\/signin/)
    await page.getByText('o_test_user_1', { exact: true }).click()
    await page.waitForSelector('#me-openid')
    expect(await page.textContent('#me-openid')).toBe('o_test_user_1')
    expect(await page.textContent('#me-visits')).toBe('1')

    await page.click('#refresh')
    await page.waitForFunction(() => document.querySelector('#me-visits')?.textContent === '2')

    // The row really is in the database, under the platform identity.
    const row = await emu.control<{ result: { ok: boolean; data: { visits: number } } }>('/invoke', {
      name: 'account',
      event: { action: 'me' },
      identity: { OPENID: 'o_test_user_1', APPID: 'wx_local_app', SOURCE: 'wx_client' },
    })
    expect(row.result.data.visits).toBe(3)
    await page.close()
  })

  it('a second identity sees only its own row', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${emu.url}/gateway/signin`)
    await page.getByText('o_test_user_2', { exact: true }).click()
    await page.waitForSelector('#me-openid')
    expect(await page.textContent('#me-openid')).toBe('o_test_user_2')
    expect(await page.textContent('#me-visits')).toBe('1')
    await page.close()
  })
})
