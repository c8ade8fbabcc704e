import { createHash } from 'node:crypto'
import http from 'node:http'
import path from 'node:path'
import { renderConsolePage } from '../../emulator/console/page'
import type { InvokeResult } from '../../emulator/functions/runner'
import { connectSdk, removeDataDir, ROOT, startEmulator, type RunningEmulator } from '../support/emulator'

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'functions')

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: string }

/** A raw request: fetch refuses to set Host, Origin or Sec-Fetch-*. */
function raw(base: string, method: string, rawPath: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path: rawPath, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('local console (/_console)', () => {
  let emu: RunningEmulator
  const json = { 'content-type': 'application/json' }
  const get = (route: string, headers: Record<string, string> = {}) => raw(emu.url, 'GET', route, headers)
  const invoke = (name: string, event: string, headers: Record<string, string> = {}) =>
    raw(emu.url, 'POST', '/_console/api/invoke', { ...json, ...headers }, JSON.stringify({ name, event }))
  const parsed = <T>(res: Raw): T => JSON.parse(res.body) as T
  const collections = async () => parsed<{ collections: Array<{ name: string; count: number }> }>(await get('/_console/api/collections')).collections

  beforeAll(async () => {
    emu = await startEmulator({ functionsDir: FIXTURES })
  })
  beforeEach(() => emu.control('/reset', {}))
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('serves a self-contained page whose one script and style are the only ones its CSP admits', async () => {
    const res = await get('/_console')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body).toContain('<title>本地控制台 · Local console</title>')
    expect(res.body).toContain('<option value="whoami">whoami</option>')
    expect(res.body).toContain('broken（加载失败 failed to load）')
    expect(res.body).not.toMatch(/<(script|link|img)[^>]*\s(src|href)=/)

    const csp = String(res.headers['content-security-policy'])
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('unsafe-')
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`
    const script = /<script>([\s\S]*)<\/script>/.exec(res.body)![1]!
    const style = /<style>([\s\S]*)<\/style>/.exec(res.body)![1]!
    expect(csp).toContain(`script-src ${sha(script)}`)
    expect(csp).toContain(`style-src ${sha(style)}`)
  })

  it('escapes every value it renders into the page', () => {
    const html = renderConsolePage({ envId: '<img src=x onerror=alert(1)>', functions: [{ name: '"><script>alert(1)</script>', loadError: 'x' }] })
    expect(html).not.toContain('<img src=x')
    expect(html).not.toContain('"><script>alert(1)')
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;')
  })

  it('lists the deployed functions, with why one failed to load', async () => {
    const { envId, functions } = parsed<{ envId: string; functions: Array<{ name: string; loadError?: string }> }>(await get('/_console/api/functions'))
    expect(envId).toBe('local-env')
    expect(functions.map((f) => f.name)).toEqual(['broken', 'caller', 'counter', 'dbwriter', 'latewriter', 'logger', 'sleeper', 'thrower', 'ticker', 'whoami'])
    expect(functions.find((f) => f.name === 'broken')!.loadError).toContain('fixture module fails at load')
  })

  it('invokes as the console (no OPENID) and answers each invocation with its own logs', async () => {
    const who = parsed<InvokeResult & { result: { wx: Record<string, unknown> } }>(await invoke('whoami', '{"echo":"hi"}'))
    expect(who.result.wx).toEqual({ ENV: 'local-env' })
    expect(who.logs).toEqual([])

    // Overlapping calls: each reply carries only the lines of its own invocation.
    const [a, b] = (await Promise.all([invoke('logger', '{"tag":"a","delayMs":80}'), invoke('logger', '{"tag":"b","delayMs":40}')])).map((r) => parsed<InvokeResult>(r))
    for (const [out, tag] of [[a!, 'a'], [b!, 'b']] as const) {
      expect(out.result).toEqual({ tag })
      expect(out.logs!.map((l) => [l.level, l.text])).toEqual([
        ['log', `begin ${tag}`],
        ['warn', `object ${tag} { tag: '${tag}' }`],
        ['error', `end ${tag}`],
      ])
      expect(Number.isNaN(Date.parse(out.logs![0]!.at))).toBe(false)
    }
    // Other callers are unchanged: the control API's invoke carries no logs.
    expect(await emu.control<InvokeResult>('/invoke', { name: 'logger', event: { tag: 'c' }, identity: null })).not.toHaveProperty('logs')

    const failed = parsed<InvokeResult>(await invoke('thrower', '{"message":"boom"}'))
    expect(failed.error).toEqual({ code: 'FUNCTIONS_EXECUTE_FAIL', message: 'boom' })
    expect(parsed<InvokeResult>(await invoke('nosuch', '{}')).error!.code).toBe('FUNCTION_NOT_FOUND')
  })

  it('refuses event text that is not a JSON object, and runs nothing', async () => {
    for (const [event, code] of [
      ['{"text": "x"', 'INVALID_EVENT'],
      ['', 'INVALID_EVENT'],
      ['["text"]', 'INVALID_EVENT'],
      ['null', 'INVALID_EVENT'],
    ] as const) {
      const res = await invoke('dbwriter', event)
      expect(res.status).toBe(400)
      expect(parsed<{ code: string }>(res).code).toBe(code)
    }
    const notText = await raw(emu.url, 'POST', '/_console/api/invoke', json, JSON.stringify({ name: 'dbwriter', event: { text: 'x' } }))
    expect(notText.status).toBe(400)
    const notJson = await raw(emu.url, 'POST', '/_console/api/invoke', json, '{"name": "dbwriter", ')
    expect(notJson.status).toBe(400)
    expect(await collections()).toEqual([])
    // The same call with a well-formed event runs (and creates the collection it writes to).
    expect((await invoke('dbwriter', '{"text": "x"}')).status).toBe(200)
    expect(await collections()).toEqual([{ name: 'fixture_notes', count: 1 }])
  })

  it('refuses cross-site and non-JSON posts, and any Host but the loopback, and runs nothing', async () => {
    const event = '{"text": "x"}'
    const crossSite: Array<Record<string, string>> = [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'http://evil.example.com' }, { origin: 'null' }]
    for (const headers of crossSite) {
      const res = await invoke('dbwriter', event, headers)
      expect(res.status).toBe(403)
    }
    const form = await raw(emu.url, 'POST', '/_console/api/invoke', { 'content-type': 'text/plain' }, JSON.stringify({ name: 'dbwriter', event }))
    expect(form.status).toBe(415)
    const port = new URL(emu.url).port
    for (const host of [`evil.example.com:${port}`, `127.0.0.1.evil.example.com:${port}`, `evil@127.0.0.1:${port}`]) {
      expect((await invoke('dbwriter', event, { host })).status).toBe(403)
      expect((await get('/_console', { host })).status).toBe(403)
      expect((await get('/_console/api/collections', { host })).status).toBe(403)
    }
    expect(await collections()).toEqual([])

    // The console itself: same-origin fetches under a loopback name.
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      const sameOrigin = { host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' }
      expect((await invoke('whoami', '{}', sameOrigin)).status).toBe(200)
      expect((await get('/_console', { host, 'sec-fetch-site': 'cross-site' })).status).toBe(200)
    }
    expect((await raw(emu.url, 'POST', '/_console', json, '{}')).status).toBe(405)
    expect((await get('/_console/api/nothing')).status).toBe(404)
  })

  it('browses collections and their documents, a page at a time, as relaxed EJSON', async () => {
    const notes = [...Array(55).keys()].map((i) => ({ _id: `n${String(i).padStart(2, '0')}`, i, at: { $date: '2026-03-02T10:00:00.000Z' }, ratio: i / 2 }))
    await emu.control('/seed', { collections: { notes, empty: [] } })
    expect(await collections()).toEqual([
      { name: 'empty', count: 0 },
      { name: 'notes', count: 55 },
    ])
    type Page = { name: string; total: number; offset: number; limit: number; documents: Array<Record<string, unknown>> }
    const first = parsed<Page>(await get('/_console/api/collections/notes'))
    expect(first).toMatchObject({ name: 'notes', total: 55, offset: 0, limit: 50 })
    expect(first.documents).toHaveLength(50)
    expect(first.documents[1]).toEqual({ _id: 'n01', i: 1, at: { $date: '2026-03-02T10:00:00.000Z' }, ratio: 0.5 })
    const rest = parsed<Page>(await get('/_console/api/collections/notes?offset=50&limit=50'))
    expect(rest.documents.map((d) => d._id)).toEqual(['n50', 'n51', 'n52', 'n53', 'n54'])
    expect(parsed<Page>(await get('/_console/api/collections/empty')).documents).toEqual([])

    expect((await get('/_console/api/collections/missing')).status).toBe(404)
    expect((await get('/_console/api/collections/bad%20name')).status).toBe(400)
    for (const q of ['limit=0', 'limit=201', 'offset=-1', 'offset=1.5', 'limit=ten']) expect((await get(`/_console/api/collections/notes?${q}`)).status).toBe(400)
  })

  it('lists stored files with path, size and time', async () => {
    const cloud = connectSdk(emu)
    await cloud.uploadFile({ cloudPath: 'console/b.txt', fileContent: Buffer.from('hello') })
    await cloud.uploadFile({ cloudPath: 'console/a.json', fileContent: Buffer.from('{}') })
    const { files } = parsed<{ files: Array<Record<string, unknown>> }>(await get('/_console/api/files'))
    expect(files.map((f) => [f.cloudPath, f.size, f.contentType])).toEqual([
      ['console/a.json', 2, 'application/json; charset=utf-8'],
      ['console/b.txt', 5, 'text/plain; charset=utf-8'],
    ])
    expect(files[0]!.fileID).toMatch(/^cloud:\/\/local-env\.[^/]+\/console\/a\.json$/)
    expect(typeof files[0]!.uploadedAt).toBe('number')
  })
})
