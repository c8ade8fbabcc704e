import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { removeDataDir, ROOT, startEmulator, type RunningEmulator } from '../support/emulator'

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'functions')

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: string }

/** A raw request: fetch would normalise `..` away and refuses to set Origin / Sec-Fetch-*. */
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

describe('h5 gateway and static serving', () => {
  let emu: RunningEmulator
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'pc-gateway-'))
  const site = path.join(scratch, 'h5')
  const json = { 'content-type': 'application/json' }
  const form = { 'content-type': 'application/x-www-form-urlencoded' }
  /** Signs in as the sign-in form does; answers the Cookie header of the new session. */
  const signIn = async (openid: string, base = emu.url, headers: Record<string, string> = {}) => {
    const res = await raw(base, 'POST', '/gateway/signin', { ...form, ...headers }, `openid=${openid}&return=%2F`)
    const cookie = res.headers['set-cookie']?.[0]?.split(';')[0]
    if (res.status !== 303 || cookie === undefined) throw new Error(`sign-in as ${openid} failed: ${res.status}`)
    return { cookie }
  }
  const sessionStatus = async (headers: Record<string, string>) => (await raw(emu.url, 'GET', '/gateway/session', headers)).status
  const call = (body: unknown, headers: Record<string, string> = {}) =>
    raw(emu.url, 'POST', '/gateway/callFunction', { ...json, ...headers }, JSON.stringify(body))

  beforeAll(async () => {
    mkdirSync(path.join(site, 'js'), { recursive: true })
    mkdirSync(path.join(site, 'docs'))
    writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>h5 app</title>')
    writeFileSync(path.join(site, 'js', 'app.js'), 'console.log("app")')
    writeFileSync(path.join(site, 'docs', 'index.html'), '<p>docs</p>')
    writeFileSync(path.join(scratch, 'secret.txt'), 'TOP SECRET')
    symlinkSync(path.join(scratch, 'secret.txt'), path.join(site, 'link.txt'))
    emu = await startEmulator({ functionsDir: FIXTURES, extraArgs: ['--static', site] })
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
    rmSync(scratch, { recursive: true, force: true })
  })

  describe('sign-in', () => {
    it('shows a bilingual page listing the test identities', async () => {
      const res = await raw(emu.url, 'GET', '/gateway/signin?return=%2Fpages%2Fme%3Fa%3D1%26b%3D%22x%22')
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(res.body).toContain('<html lang="zh-CN">')
      expect(res.body).toContain('name="viewport"')
      expect(res.body).toContain('Dev sign-in')
      for (const id of ['o_test_user_1', 'o_test_user_2', 'o_test_merchant_1']) expect(res.body).toContain(`value="${id}"`)
      // The return path is carried, escaped, into both forms.
      expect(res.body).toContain('value="/pages/me?a=1&#38;b=&#34;x&#34;"')
      expect(res.headers['content-security-policy']).toContain("default-src 'none'")
    })

    it('sets an HttpOnly SameSite=Strict cookie naming a signed session, and returns to the given path', async () => {
      const res = await raw(emu.url, 'POST', '/gateway/signin', form, 'openid=o_test_user_2&return=%2Fpages%2Fme')
      expect(res.status).toBe(303)
      expect(res.headers.location).toBe('/pages/me')
      // A random id and its HMAC: the openid is not in the cookie.
      expect(res.headers['set-cookie']).toEqual([expect.stringMatching(/^pc_dev_session=[\w-]{43}\.[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/)])
      const session = await raw(emu.url, 'GET', '/gateway/session', { cookie: res.headers['set-cookie']![0]!.split(';')[0]! })
      expect(session.status).toBe(200)
      expect(JSON.parse(session.body)).toEqual({ openid: 'o_test_user_2' })
    })

    it('accepts a custom o_test_ id as JSON too', async () => {
      const res = await raw(emu.url, 'POST', '/gateway/signin', json, JSON.stringify({ openid: 'o_test_reviewer_9' }))
      expect(res.status).toBe(200)
      expect(JSON.parse(res.body)).toEqual({ openid: 'o_test_reviewer_9' })
      const cookie = res.headers['set-cookie']![0]!.split(';')[0]!
      expect(cookie).toMatch(/^pc_dev_session=/)
      expect(JSON.parse((await raw(emu.url, 'GET', '/gateway/session', { cookie })).body)).toEqual({ openid: 'o_test_reviewer_9' })
    })

    it.each(['//evil.example.com/x', 'https://evil.example.com/', '/\\evil.example.com', 'pages/me'])('only returns to same-origin paths (%s → /)', async (target) => {
      const res = await raw(emu.url, 'POST', '/gateway/signin', form, `openid=o_test_user_1&return=${encodeURIComponent(target)}`)
      expect(res.status).toBe(303)
      expect(res.headers.location).toBe('/')
    })

    it.each(['o_user_1', 'o_test_', 'o_test_a;b', 'o_test_a b', `o_test_${'x'.repeat(41)}`, '<script>alert(1)</script>'])('refuses the id %s', async (openid) => {
      const page = await raw(emu.url, 'POST', '/gateway/signin', form, `openid=${encodeURIComponent(openid)}`)
      expect(page.status).toBe(400)
      expect(page.headers['set-cookie']).toBeUndefined()
      expect(page.body).not.toContain('<script>alert')
      const api = await raw(emu.url, 'POST', '/gateway/signin', json, JSON.stringify({ openid }))
      expect(api.status).toBe(400)
      expect(api.headers['set-cookie']).toBeUndefined()
    })

    it('signs out by ending the session: a copy of the cookie kept by anyone no longer works', async () => {
      const me = await signIn('o_test_user_1')
      expect(await sessionStatus(me)).toBe(200)
      const res = await raw(emu.url, 'POST', '/gateway/signout', { ...json, ...me }, '{}')
      expect(res.status).toBe(200)
      expect(res.headers['set-cookie']?.[0]).toMatch(/^pc_dev_session=; .*Max-Age=0/)
      expect(await sessionStatus(me)).toBe(401)
      expect((await call({ name: 'whoami' }, me)).status).toBe(401)
      expect((await raw(emu.url, 'GET', '/', me)).status).toBe(302)
      // Through the page's form too.
      const again = await signIn('o_test_user_1')
      const viaForm = await raw(emu.url, 'POST', '/gateway/signout', { ...form, ...again }, 'return=%2Fpages%2Fme')
      expect(viaForm.status).toBe(303)
      expect(viaForm.headers.location).toBe('/gateway/signin?return=%2Fpages%2Fme')
      expect(await sessionStatus(again)).toBe(401)
    })

    it('ends the previous session when the browser signs in again', async () => {
      const first = await signIn('o_test_user_1')
      const second = await signIn('o_test_user_2', emu.url, first)
      expect(await sessionStatus(first)).toBe(401)
      expect(JSON.parse((await raw(emu.url, 'GET', '/gateway/session', second)).body)).toEqual({ openid: 'o_test_user_2' })
    })

    it('answers 401 for a cookie it did not issue: the bare openid, an unsigned or re-signed id, another emulator\'s session', async () => {
      expect(await sessionStatus({})).toBe(401)
      const genuine = (await signIn('o_test_user_1')).cookie
      const id = genuine.slice('pc_dev_session='.length).split('.')[0]!
      const flipped = `${genuine.slice(0, -1)}${genuine.endsWith('A') ? 'B' : 'A'}`
      for (const cookie of ['pc_dev_openid=o_test_user_1', 'pc_dev_session=o_test_user_1', `pc_dev_session=${id}`, `pc_dev_session=${id}.`, flipped, `pc_dev_session=${'A'.repeat(43)}.${'A'.repeat(43)}`]) {
        expect(await sessionStatus({ cookie })).toBe(401)
        expect((await call({ name: 'whoami' }, { cookie })).status).toBe(401)
      }
      // A browser sends one cookie jar to every port of 127.0.0.1: another emulator's session must not work here.
      const other = await startEmulator({ functionsDir: FIXTURES })
      try {
        const foreign = await signIn('o_test_user_1', other.url)
        expect(await sessionStatus(foreign)).toBe(401)
      } finally {
        await other.stop()
        removeDataDir(other.dataDir)
      }
    })

    it('refuses cross-origin sign-in, and any Host but the loopback', async () => {
      const fromElsewhere = await raw(emu.url, 'POST', '/gateway/signin', { ...form, origin: 'http://evil.example.com' }, 'openid=o_test_user_1')
      expect(fromElsewhere.status).toBe(403)
      expect(fromElsewhere.headers['set-cookie']).toBeUndefined()
      // DNS rebinding: a page of evil.example.com, resolved to 127.0.0.1, is same-origin with itself.
      const host = `evil.example.com:${new URL(emu.url).port}`
      const rebound = await raw(emu.url, 'POST', '/gateway/signin', { ...form, host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' }, 'openid=o_test_user_1')
      expect(rebound.status).toBe(403)
      expect(rebound.headers['set-cookie']).toBeUndefined()
      const me = await signIn('o_test_user_1')
      expect((await call({ name: 'whoami' }, { ...me, host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' })).status).toBe(403)
      expect((await raw(emu.url, 'GET', '/gateway/session', { ...me, host })).status).toBe(403)
      expect((await raw(emu.url, 'GET', '/gateway/session', { ...me, host: `localhost:${new URL(emu.url).port}` })).status).toBe(200)
    })
  })

  describe('callFunction', () => {
    it('runs the function as the signed-in user and answers like wx.cloud.callFunction', async () => {
      const res = await call({ name: 'whoami', data: { echo: 'x', userInfo: { openId: 'o_test_victim', appId: 'wx_forged' } } }, await signIn('o_test_user_2'))
      expect(res.status).toBe(200)
      const body = JSON.parse(res.body)
      expect(body.errMsg).toBe('cloud.callFunction:ok')
      expect(typeof body.requestID).toBe('string')
      expect(body.result.wx).toEqual({ OPENID: 'o_test_user_2', APPID: 'wx_local_app', CLIENTIP: '127.0.0.1', ENV: 'local-env', SOURCE: 'wx_client' })
      expect(body.result.userInfo).toEqual({ appId: 'wx_local_app', openId: 'o_test_user_2' })
      expect(body.result.echo).toBe('x')
    })

    it('answers 401 without a session', async () => {
      const res = await call({ name: 'whoami', data: {} })
      expect(res.status).toBe(401)
      expect(JSON.parse(res.body)).toEqual({ errCode: -1, errMsg: 'cloud.callFunction:fail not signed in' })
      expect((await call({ name: 'whoami' }, { cookie: 'pc_dev_session=o_someone_else' })).status).toBe(401)
    })

    it('reports function failures with the client error codes', async () => {
      const me = await signIn('o_test_user_1')
      const thrown = JSON.parse((await call({ name: 'thrower', data: { message: 'boom' } }, me)).body)
      expect(thrown).toMatchObject({ errCode: -504002, errMsg: 'cloud.callFunction:fail -504002 functions execute fail. boom' })
      const missing = JSON.parse((await call({ name: 'nope' }, me)).body)
      expect(missing.errCode).toBe(-501000)
      const slow = JSON.parse((await call({ name: 'sleeper', data: { ms: 1500 } }, me)).body)
      expect(slow.errCode).toBe(-504003)
    })

    it('refuses cross-origin calls, non-JSON bodies, bad names and oversized bodies', async () => {
      const me = await signIn('o_test_user_1')
      expect((await call({ name: 'whoami' }, { ...me, origin: 'http://evil.example.com' })).status).toBe(403)
      expect((await call({ name: 'whoami' }, { ...me, 'sec-fetch-site': 'cross-site' })).status).toBe(403)
      expect((await call({ name: 'whoami' }, { ...me, origin: emu.url, 'sec-fetch-site': 'same-origin' })).status).toBe(200)
      expect((await raw(emu.url, 'POST', '/gateway/callFunction', { ...me, 'content-type': 'text/plain' }, '{"name":"whoami"}')).status).toBe(415)
      expect((await call({ name: '../whoami' }, me)).status).toBe(400)
      expect((await call({ name: 'whoami', data: [1] }, me)).status).toBe(400)
      const huge = await call({ name: 'whoami', data: { blob: 'x'.repeat(6 * 1024 * 1024) } }, me)
      expect(huge.status).toBe(413)
      expect(JSON.parse(huge.body).errMsg).toMatch(/^cloud.callFunction:fail request body larger than/)
    })
  })

  describe('static files', () => {
    it('sends a browser without a dev session to the sign-in before the app shell, as WeChat signs in before a mini-program', async () => {
      for (const p of ['/', '/index.html']) {
        const res = await raw(emu.url, 'GET', p)
        expect(res.status).toBe(302)
        expect(res.headers.location).toBe(`/gateway/signin?return=${encodeURIComponent(p)}`)
      }
      // Assets are not personal: they load without a session.
      expect((await raw(emu.url, 'GET', '/js/app.js')).status).toBe(200)
    })

    it('serves index.html at / and files with their content type', async () => {
      const index = await raw(emu.url, 'GET', '/', await signIn('o_test_user_1'))
      expect(index.status).toBe(200)
      expect(index.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(index.body).toContain('h5 app')
      const js = await raw(emu.url, 'GET', '/js/app.js')
      expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
      expect(js.body).toBe('console.log("app")')
      expect((await raw(emu.url, 'GET', '/docs/')).body).toBe('<p>docs</p>')
      const head = await raw(emu.url, 'HEAD', '/js/app.js')
      expect(head.status).toBe(200)
      expect(head.headers['content-length']).toBe(String('console.log("app")'.length))
      expect(head.body).toBe('')
    })

    it('answers 404 for missing files and other methods', async () => {
      expect((await raw(emu.url, 'GET', '/missing.js')).status).toBe(404)
      expect((await raw(emu.url, 'DELETE', '/js/app.js')).status).toBe(404)
    })

    it.each(['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/js/..%2f..%2fsecret.txt', '/link.txt', '/%00index.html'])('never serves outside the folder (%s)', async (p) => {
      const res = await raw(emu.url, 'GET', p)
      expect(res.status).toBe(404)
      expect(res.body).not.toContain('TOP SECRET')
    })
  })
})
