import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { browserApp, browseWithoutAgreeing, ledgerOf, openAsNewUser } from '../support/app'
import { ROOT, type RunningEmulator } from '../support/emulator'

/**
 * Checklist 3 (PIPL Art. 16; 认定方法 §4(2); MIIT draft): after "disagree" the app does not exit, and
 * browsing, the policy and every feature that needs no personal information still work. The app has no
 * exit call at all, and in the browser nothing closes or leaves the app after a refusal.
 */
describe('checklist 3: refusal does not block unrelated features', () => {
  let emu: RunningEmulator
  let page: Page
  browserApp((app) => ({ emu, page } = app))

  it('the code never exits the mini-program', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [path.join(dir, d.name)] : []))
    const exits = files(path.join(ROOT, 'src')).filter((f) => /exitMiniProgram|navigateBackMiniProgram|window\.close\(/.test(readFileSync(f, 'utf8')))
    expect(exits).toEqual([])
  })

  it('after refusing, the user stays in the app and can browse stores, open a store and read the policy', async () => {
    await page.addInitScript(() => {
      window.close = () => sessionStorage.setItem('closed', '1')
    })
    await openAsNewUser(page, emu, 'o_test_user_301')
    await page.click('#consent-refuse')
    await page.waitForSelector('#browse-banner')
    await page.waitForSelector('#store-list .store')
    await browseWithoutAgreeing(page)
    await page.click('#link-me')
    await page.waitForSelector('#me-link-policy')
    expect(new URL(page.url()).origin).toBe(new URL(emu.url).origin)
    expect(await page.evaluate(() => sessionStorage.getItem('closed'))).toBeNull()
    expect(await page.isVisible('#consent-sheet')).toBe(false)
    expect((await ledgerOf(emu, 'o_test_user_301')).map((e) => e.decision)).toEqual(['deny'])
  })
})
