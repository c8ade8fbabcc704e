import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { publishPolicies, seedStores, useEmulator } from '../../scripts/publish-policy'
import { POLICY_VERSIONS } from '../../src/content'
import type { PolicyContent } from '../../src/domain/policy'
import { type Browser, launchBrowser } from './browser'
import { connectSdk, removeDataDir, ROOT, type RunningEmulator, startEmulator } from './emulator'

/** What the browser e2e suites share: sign in as a fictional user on a brand-new phone, read the ledger. */

/**
 * What `npm start` does on a fresh data folder: every collection and index, the given policy versions, the stores.
 * It empties the emulator first, so a test that calls it owns its state whatever ran before it.
 */
export async function prepareApp(emu: RunningEmulator, versions: readonly string[]): Promise<void> {
  await emu.control('/reset', {})
  const { collections, indexes } = JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions', 'collections.json'), 'utf8')) as { collections: string[]; indexes: unknown }
  await emu.control('/seed', { collections: Object.fromEntries(collections.map((name) => [name, []])), indexes })
  await publish(emu, versions)
  await seedStores()
}

/** The operator publishes policy versions (as `npm run policy:publish` does): shipped ones by label, or a draft. */
export async function publish(emu: RunningEmulator, versions: readonly (string | PolicyContent)[]): Promise<void> {
  await useEmulator(emu.url)
  await publishPolicies(
    versions.map((v) => (typeof v === 'string' ? POLICY_VERSIONS.find((p) => p.version === v)! : v)),
    new Date(),
  )
}

export interface SimCall {
  api: string
  collects: boolean
  agreed: boolean
  outcome: string
}

/**
 * A new phone for `openid`: the dev sign-in cookie, then an empty localStorage (the simulator's WeChat
 * state and the app's own memory), then the home page.
 */
export async function openAsNewUser(page: Page, emu: RunningEmulator, openid: string): Promise<void> {
  await page.context().clearCookies()
  const res = await page.request.post(`${emu.url}/gateway/signin`, { form: { openid, return: '/' }, maxRedirects: 0 })
  if (res.status() >= 400) throw new Error(`dev sign-in failed: ${res.status()}`)
  await page.goto(`${emu.url}/`)
  await page.evaluate(() => window.localStorage.clear())
  await page.goto(`${emu.url}/#/pages/index/index`)
  await page.reload()
}

/** Ticks the first-run sheet's box and agrees, then waits for the sheet to close. */
export async function agreeOnSheet(page: Page): Promise<void> {
  await page.click('#consent-check')
  await page.click('#consent-agree')
  await page.waitForSelector('#consent-sheet', { state: 'detached' })
}

/** 附近门店 as a user who allows it: the purpose first, then WeChat's location dialog; waits for the stores. */
export async function allowNearby(page: Page): Promise<void> {
  await page.click('#nearby')
  await page.click('#purpose-continue')
  await page.click('#wx-sim-allow')
  await page.waitForSelector('#nearby-list .store')
}

/** On the certification consent page: gives the separate consent, then opens an empty application form. */
export async function startCertificationForm(page: Page): Promise<void> {
  await page.waitForSelector('#cert-consent-page')
  await page.click('#cert-consent-check')
  await page.click('#cert-consent-agree')
  await page.waitForSelector('#cert-apply-page')
  await page.click('#cert-start')
  await page.waitForSelector('#cert-form')
}

/** What a user who refused can still do: another city's stores, a store page, the policy; back home each time. */
export async function browseWithoutAgreeing(page: Page): Promise<void> {
  await page.click('#city-hangzhou')
  await page.waitForFunction(() => document.querySelector('#store-list')?.textContent?.includes('杭州') === true)
  await page.click('#store-list .store')
  await page.waitForSelector('#store-name')
  await page.goBack()
  await page.click('#link-policy')
  await page.waitForSelector('#policy-title')
  await page.goBack()
}

export function simCalls(page: Page): Promise<SimCall[]> {
  return page.evaluate(() => (window as unknown as { __wxSim: { calls(): SimCall[] } }).__wxSim.calls())
}

export interface LedgerEvent {
  eventId: string
  seq: number
  serverTime: string
  decision: string
  method: string
  target: { kind: string; id: string }
  policy: { version: string; hash: string }
}

type InvokeReply<T> = { result?: { ok: boolean; data?: T; code?: string } }

/** The user's chain as the consent function returns it, invoked with the platform identity. */
export async function ledgerOf(emu: RunningEmulator, openid: string): Promise<LedgerEvent[]> {
  const r = await emu.control<InvokeReply<{ events: LedgerEvent[] }>>('/invoke', {
    name: 'consent',
    event: { action: 'history' },
    identity: { OPENID: openid, APPID: 'wx_local_app', SOURCE: 'wx_client' },
  })
  if (!r.result?.ok || !r.result.data) throw new Error(`history failed: ${JSON.stringify(r)}`)
  return r.result.data.events
}

export async function verifyOf(emu: RunningEmulator, openid: string): Promise<{ ok: boolean; count?: number }> {
  const r = await emu.control<InvokeReply<{ ok: boolean; count?: number }>>('/invoke', {
    name: 'consent',
    event: { action: 'verify' },
    identity: { OPENID: openid, APPID: 'wx_local_app', SOURCE: 'wx_client' },
  })
  if (!r.result?.ok || !r.result.data) throw new Error(`verify failed: ${JSON.stringify(r)}`)
  return r.result.data
}

/** One stored document read with the real SDK (undefined when absent), to check what the UI claims. */
export async function storedDoc(emu: RunningEmulator, collection: string, id: string): Promise<Record<string, unknown> | undefined> {
  const { data } = (await connectSdk(emu).database().collection(collection).where({ _id: id }).get()) as { data: Record<string, unknown>[] }
  return data[0]
}

export interface BrowserApp {
  emu: RunningEmulator
  page: Page
}

/**
 * The hooks every browser suite shares: one emulator serving the h5 build and one Chromium per file;
 * before each test a fresh install (so it owns its state and passes alone) and a new page. `use`
 * receives them as each test starts.
 */
export function browserApp(use: (app: BrowserApp) => void, versions: readonly string[] = ['2026.1'], env: Record<string, string> = {}): void {
  let emu: RunningEmulator
  let browser: Browser
  let page: Page
  beforeAll(async () => {
    emu = await startEmulator({ extraArgs: ['--static', path.join(ROOT, 'dist', 'h5')], env })
    browser = await launchBrowser()
  }, 120_000)
  beforeEach(async () => {
    await prepareApp(emu, versions)
    page = await browser.context.newPage()
    use({ emu, page })
  })
  afterEach(async () => {
    await page?.close()
  })
  afterAll(async () => {
    await browser?.close()
    await emu?.stop()
    if (emu) removeDataDir(emu.dataDir)
  })
}
