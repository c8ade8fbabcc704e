import path from 'node:path'
import type { Page } from 'playwright-core'
import { PRODUCTS } from '../../src/content/products'
import { openAsNewUser, prepareApp } from '../support/app'
import { type Browser, launchBrowser } from '../support/browser'
import { connectSdk, removeDataDir, ROOT, type RunningEmulator, startEmulator } from '../support/emulator'

/** A demo order from a store page: it needs the policy and a default contact, and becomes an order record the user can see. */
describe('demo shop in Chromium', () => {
  let emu: RunningEmulator
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    emu = await startEmulator({ extraArgs: ['--static', path.join(ROOT, 'dist', 'h5')] })
    browser = await launchBrowser()
  }, 120_000)
  beforeEach(async () => {
    await prepareApp(emu, ['2026.1'])
    page = await browser.context.newPage()
  })
  afterEach(async () => {
    await page.close()
  })
  afterAll(async () => {
    await browser?.close()
    await emu?.stop()
    removeDataDir(emu.dataDir)
  })

  const ordersOf = async (openid: string) => (await connectSdk(emu).database().collection('orders').where({ openid }).get()).data as Array<Record<string, unknown>>

  it('asks for a delivery contact first, then places an order whose total the server computes, and shows it in 个人信息', async () => {
    await openAsNewUser(page, emu, 'o_test_user_61')
    await page.click('#consent-check')
    await page.click('#consent-agree')
    await page.waitForSelector('#consent-sheet', { state: 'detached' })
    await page.click('#store-sh-jingan')
    await page.waitForSelector('#store-page [id^="product-"]')
    expect(await page.textContent('#store-name')).toBe('示例商城 静安店')
    await page.waitForSelector('#order-no-contact')

    await page.click('#order-add-contact')
    await page.waitForSelector('#cat-delivery-contact')
    await page.click('#add-contact')
    await page.fill('#contact-name input', '周八')
    await page.fill('#contact-mobile input', '13800008888')
    await page.click('#region-310106')
    await page.fill('#contact-address input', '示例路 101 号 2 楼')
    await page.click('#contact-save')
    await page.waitForSelector('#contact-form', { state: 'detached' })
    await page.goBack()

    await page.waitForSelector('#order-deliver-to')
    expect(await page.textContent('#order-deliver-to')).toContain('138****8888')
    const first = (await page.locator('#store-page [id^="product-"]').first().getAttribute('id'))!.slice('product-'.length)
    await page.click(`#more-${first}`)
    await page.click(`#more-${first}`)
    expect(await page.textContent(`#qty-${first}`)).toBe('2')
    await page.click('#place-order')
    await page.waitForSelector('#order-done')
    const [order] = await ordersOf('o_test_user_61')
    expect(order).toMatchObject({ storeId: 'sh-jingan', status: 'placed', totalFen: 2 * PRODUCTS.find((p) => p.id === first)!.unitPriceFen })
    // The cart empties once the order is placed.
    expect(await page.textContent('#order-total')).toBe('¥0.00')

    await page.goBack()
    await page.click('#link-me')
    await page.click('#link-personal')
    await page.waitForSelector('#cat-order-records')
    expect(await page.textContent('#cat-order-records')).toContain('138****8888')
    expect(await page.isVisible('#correct-order-records')).toBe(true)
  })
})
