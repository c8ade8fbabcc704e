import type { Page } from 'playwright-core'
import { PRODUCTS } from '../../src/content/products'
import { agreeOnSheet, browserApp, openAsNewUser } from '../support/app'
import { connectSdk, type RunningEmulator } from '../support/emulator'

/** A demo order from a store page: it needs the policy and a default contact, and becomes an order record the user can see. */
describe('demo shop in Chromium', () => {
  let emu: RunningEmulator
  let page: Page
  // Each test owns its state: a fresh install where only the first policy version is published, as `npm start` does.
  browserApp((app) => ({ emu, page } = app))

  const ordersOf = async (openid: string) => (await connectSdk(emu).database().collection('orders').where({ openid }).get()).data as Array<Record<string, unknown>>

  it('asks for a delivery contact first, then places an order whose total the server computes, and shows it in 个人信息', async () => {
    await openAsNewUser(page, emu, 'o_test_user_61')
    await agreeOnSheet(page)
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
