import http from 'node:http'
import path from 'node:path'
import type { InvokeResult } from '../../emulator/functions/runner'
import { connectSdk, removeDataDir, ROOT, startEmulator, type RunningEmulator } from '../support/emulator'

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'functions')

type Raw = { status: number; body: string }

/** A raw request: fetch refuses to set Host, Origin or Sec-Fetch-*, which is what a browser sends. */
function raw(base: string, method: string, rawPath: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path: rawPath, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const GENUINE = { _id: 'evt_genuine', decision: 'agree' }
const FORGED = { _id: 'evt_forged', decision: 'agree', method: 'forged by a web page' }

/** What a page on another site can send without a CORS preflight, and the route it aims at. */
const ATTACKS: Array<[string, string, unknown]> = [
  ['reset the database', '/_emulator/reset', {}],
  ['forge a ledger row through the control API', '/_emulator/seed', { collections: { consent_events: [FORGED] } }],
  ['forge a ledger row through the SDK endpoint', '/admin', { action: 'database.insertDocument', collectionName: 'consent_events', data: [JSON.stringify(FORGED)] }],
  ['invoke a function as any openid', '/_emulator/invoke', { name: 'dbwriter', event: { text: 'forged' }, identity: { OPENID: 'o_test_victim' } }],
  ['invoke a function through the SDK endpoint', '/admin', { action: 'functions.invokeFunction', function_name: 'dbwriter', request_data: '{"text":"forged"}' }],
  ['send a push as WeChat', '/_emulator/push', { FromUserName: 'o_test_victim', Event: 'user_authorization_cancellation' }],
  ['fire a timer', '/_emulator/timers/run', { name: 'ticker', trigger: 'nightly' }],
]

// `/admin` and `/_emulator/*` act as anyone; a page the developer opens (or one rebinding its DNS name to
// 127.0.0.1) must not reach them, while the SDK, scripts and the /_console page still do.
describe('the control API and /admin refuse what a web page can send', () => {
  let emu: RunningEmulator
  let host: string
  const ledger = async () => ((await connectSdk(emu).database().collection('consent_events').get()) as { data: Array<{ _id: string }> }).data.map((d) => d._id)
  const collections = async () => ((await (await fetch(`${emu.url}/_console/api/collections`)).json()) as { collections: Array<{ name: string }> }).collections.map((c) => c.name)

  beforeAll(async () => {
    emu = await startEmulator({ functionsDir: FIXTURES })
    host = new URL(emu.url).host
  })
  beforeEach(async () => {
    await emu.control('/reset', {})
    await emu.control('/seed', { collections: { consent_events: [GENUINE] } })
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  /** Each attack left everything as it was: the genuine row only, no function ran. */
  const unchanged = async () => {
    expect(await ledger()).toEqual([GENUINE._id])
    expect(await collections()).toEqual(['consent_events'])
  }

  // fetch(url, {method: 'POST', mode: 'no-cors', body: JSON.stringify(…)}) from https://evil.example.com.
  it.each(ATTACKS)('a cross-site page cannot %s (%s)', async (_what, route, body) => {
    const res = await raw(emu.url, 'POST', route, { host, 'content-type': 'text/plain;charset=UTF-8', origin: 'https://evil.example.com', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' }, JSON.stringify(body))
    expect(res.status).toBe(403)
    await unchanged()
  })

  // Each protection alone: the same calls with only one of the marks a browser leaves.
  it.each(ATTACKS)('without JSON nothing runs, even with no browser headers: %s (%s)', async (_what, route, body) => {
    const res = await raw(emu.url, 'POST', route, { host, 'content-type': 'text/plain;charset=UTF-8' }, JSON.stringify(body))
    expect(res.status).toBe(415)
    expect(JSON.parse(res.body)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' })
    await unchanged()
  })

  it.each([
    ['an Origin of another site', { origin: 'https://evil.example.com' }],
    ['an Origin of another port of this machine', { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-site' }],
    ['Sec-Fetch-Site: cross-site alone', { 'sec-fetch-site': 'cross-site' }],
    ['Origin: null (a sandboxed frame)', { origin: 'null' }],
  ])('refuses JSON sent with %s', async (_what, headers) => {
    for (const [, route, body] of ATTACKS) {
      const res = await raw(emu.url, 'POST', route, { host, 'content-type': 'application/json', ...headers }, JSON.stringify(body))
      expect(res.status).toBe(403)
    }
    await unchanged()
  })

  it('refuses a multipart form posted to /admin from another site (the SDK uses multipart for cloud.openapi)', async () => {
    const form = '--b\r\nContent-Disposition: form-data; name="action"\r\n\r\nwx.openApi\r\n--b--\r\n'
    const res = await raw(emu.url, 'POST', '/admin', { host, 'content-type': 'multipart/form-data; boundary=b', origin: 'https://evil.example.com', 'sec-fetch-site': 'cross-site' }, form)
    expect(res.status).toBe(403)
    expect((await raw(emu.url, 'POST', '/_emulator/reset', { host, 'content-type': 'multipart/form-data; boundary=b' }, form)).status).toBe(415)
    await unchanged()
  })

  // DNS rebinding: evil.example.com now resolves to 127.0.0.1, so its page is same-origin with itself and may send JSON.
  it('refuses any Host but the loopback, for reads too', async () => {
    const port = new URL(emu.url).port
    for (const foreign of [`evil.example.com:${port}`, `127.0.0.1.evil.example.com:${port}`, `evil@127.0.0.1:${port}`]) {
      const sameOrigin = { host: foreign, origin: `http://${foreign}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }
      for (const [, route, body] of ATTACKS) expect((await raw(emu.url, 'POST', route, sameOrigin, JSON.stringify(body))).status).toBe(403)
      for (const route of ['/_emulator/outbox', '/_emulator/stats', '/_emulator/health']) expect((await raw(emu.url, 'GET', route, { host: foreign })).status).toBe(403)
      expect((await raw(emu.url, 'DELETE', '/_emulator/outbox', { host: foreign })).status).toBe(403)
    }
    await unchanged()
  })

  it('still serves the SDK, scripts and the console page under 127.0.0.1 and localhost', async () => {
    const port = new URL(emu.url).port
    for (const name of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      // A script (curl, npm run emulator, npm run ops): no browser headers, JSON.
      const invoked = await raw(emu.url, 'POST', '/_emulator/invoke', { host: name, 'content-type': 'application/json; charset=utf-8' }, JSON.stringify({ name: 'whoami', event: {}, identity: null }))
      expect(invoked.status).toBe(200)
      expect((JSON.parse(invoked.body) as InvokeResult).error).toBeUndefined()
      // The /_console page reading the outbox: a same-origin fetch.
      const outbox = await raw(emu.url, 'GET', '/_emulator/outbox', { host: name, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', accept: 'application/json' })
      expect(outbox.status).toBe(200)
    }
    // The real SDK, JSON and (from inside a function) multipart, as the other suites exercise at length.
    await connectSdk(emu).database().collection('consent_events').add({ data: { decision: 'agree' } })
    expect(await ledger()).toHaveLength(2)
    expect((await emu.control<InvokeResult>('/invoke', { name: 'dbwriter', event: { text: 'x' }, identity: { OPENID: 'o_test_user_1' } })).error).toBeUndefined()
  })
})
