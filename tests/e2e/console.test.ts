import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { type Browser, launchBrowser } from '../support/browser'
import { connectSdk, removeDataDir, ROOT, type RunningEmulator, startEmulator } from '../support/emulator'
import { OPS_ENV, operator, requestRow } from '../support/ops'

const REQUEST_ID = 'req_console_00000001'

/**
 * The emulator's local console (`/_console`), standing in for the CloudBase console: ops staff run
 * the `ops` function from its test panel as they would in 云开发控制台 → 云函数 → ops → 云端测试, then
 * find the request in the database browser. What the page shows is checked with the real SDK.
 */
describe('local console in Chromium', () => {
  let emu: RunningEmulator
  let browser: Browser
  let page: Page

  const rows = async (collection: string) => (await connectSdk(emu).database().collection(collection).limit(1000).get()).data as Array<Record<string, any>>
  const textOf = (selector: string) => page.locator(selector).innerText()

  beforeAll(async () => {
    // The built functions (npm run build:cloud); OPS_OPERATORS holds the test operators' token hashes.
    emu = await startEmulator({ env: OPS_ENV })
    browser = await launchBrowser()
  }, 120_000)
  // Each test owns its state: every collection of collections.json, empty but for one correction request.
  beforeEach(async () => {
    await emu.control('/reset', {})
    const { collections } = JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions', 'collections.json'), 'utf8')) as { collections: string[] }
    const seeded: Record<string, unknown[]> = Object.fromEntries(collections.map((name) => [name, []]))
    seeded.rights_requests = [requestRow({ id: REQUEST_ID, openid: 'o_test_user_1', filedAt: new Date(Date.UTC(2026, 2, 2, 2, 0, 0)) })]
    await emu.control('/seed', { collections: seeded })
    page = await browser.context.newPage()
    await page.goto(`${emu.url}/_console`)
  })
  afterEach(async () => {
    await page?.close()
  })
  afterAll(async () => {
    await browser?.close()
    await emu?.stop()
    if (emu) removeDataDir(emu.dataDir)
  })

  it('lets ops staff approve a correction request from the function test panel, then browse it', async () => {
    expect(await page.title()).toBe('本地控制台 · Local console')
    // Prefilled with the README's queue event, for the ops function.
    expect(await page.inputValue('#fn')).toBe('ops')
    expect(JSON.parse(await page.inputValue('#event'))).toMatchObject({ action: 'listRequests' })

    await page.selectOption('#fn', 'ops')
    await page.fill('#event', JSON.stringify({ operator: operator('ops_alice'), action: 'approve', requestId: REQUEST_ID }, null, 2))
    await page.click('#invoke')
    await page.waitForFunction(() => document.querySelector('#result-meta')?.classList.contains('ok') === true)

    const meta = await textOf('#result-meta')
    const requestId = /RequestId (\S+)/.exec(meta)![1]!
    expect(meta).toContain('成功 Succeeded · ops')
    expect(JSON.parse(await textOf('#result'))).toMatchObject({ ok: true })
    const logs = await textOf('#logs')
    expect(logs.split('\n')[0]).toBe(`START RequestId: ${requestId}`)
    expect(logs).toContain(`END RequestId: ${requestId}`)
    expect(logs).toContain(`Report RequestId: ${requestId} Duration:`)

    // What the panel reported happened, read with the real SDK.
    const [request] = (await rows('rights_requests')).filter((r) => r._id === REQUEST_ID)
    expect(request!.status).toBe('processing')
    const audit = (await rows('ops_audit')).filter((r) => r._id !== 'head')
    expect(audit.map((e) => [e.operator, e.action, e.targets, e.outcome])).toEqual([['ops_alice', 'approve', [REQUEST_ID], 'ok']])

    await page.click('#tab-database')
    await page.click('button[data-collection="rights_requests"]')
    await page.waitForFunction((id) => document.querySelector('#documents')?.textContent?.includes(`"_id": "${id}"`) === true, REQUEST_ID)
    const documents = await textOf('#documents')
    expect(documents).toContain('"status": "processing"')
    expect(await textOf('#docs-range')).toBe('1–1 / 1')
    expect(await textOf('button[data-collection="ops_audit"]')).toMatch(/ops_audit\s+2/) // the entry and the chain head
  })

  it('shows malformed event JSON as an error and sends nothing', async () => {
    const invocations: string[] = []
    page.on('request', (req) => {
      if (req.url().endsWith('/_console/api/invoke')) invocations.push(req.url())
    })
    await page.fill('#event', '{ "operator": { "name": "ops_alice" }, "action": ')
    await page.click('#invoke')
    await page.waitForSelector('#event-error:not([hidden])')
    expect(await textOf('#event-error')).toContain('The event is not valid JSON')
    expect(await page.getAttribute('#event', 'aria-invalid')).toBe('true')
    expect(await textOf('#result-meta')).toBe('尚未调用 Not invoked yet')
    expect(invocations).toEqual([])
    expect(await rows('ops_audit')).toEqual([])
  })

  it('browses empty storage and outbox, and fits a 375 px phone with 44 px buttons', async () => {
    await page.click('#tab-storage')
    await page.waitForFunction(() => document.querySelector('#files')?.textContent === '没有文件 No files')
    await page.click('#tab-outbox')
    await page.waitForFunction(() => document.querySelector('#outbox')?.textContent === '暂无消息 No messages')

    await page.click('#tab-functions')
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      buttons: Array.from(document.querySelectorAll('button'))
        .filter((b) => b.offsetParent !== null)
        .map((b) => ({ id: b.id, height: b.getBoundingClientRect().height })),
    }))
    expect(layout.scrollWidth).toBeLessThanOrEqual(375)
    expect(layout.buttons.length).toBeGreaterThanOrEqual(5)
    for (const b of layout.buttons) expect(b.height).toBeGreaterThanOrEqual(44)
  })
})
