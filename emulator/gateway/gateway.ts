import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FunctionRunner, InvokeResult } from '../functions/runner'
import { isCrossOrigin, isJson, isLoopbackHost } from '../http-guard'
import type { RouteHandler } from '../types'
import { renderSignInPage } from './signin-page'

export interface GatewayOptions {
  runner: FunctionRunner
  appId: string
}

/** The dev session cookie: `<session id>.<HMAC of the id>`, naming a session the gateway keeps in memory. */
export const SESSION_COOKIE = 'pc_dev_session'
/** Sessions kept at most; past it the oldest ends (a sign-in loop must not grow memory without bound). */
const MAX_SESSIONS = 1000
/** Only fictional test identities can sign in. */
export const TEST_OPENID = /^o_test_[A-Za-z0-9_]{1,40}$/
/** wx.cloud.callFunction payloads are capped well below this; it only guards the emulator. */
const MAX_CALL_BYTES = 5 * 1024 * 1024
const MAX_FORM_BYTES = 8 * 1024
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/

/** How the mini-program client reports each runner error code (errCode, errMsg label). */
const CLIENT_ERRORS: Record<string, [number, string]> = {
  FUNCTIONS_EXECUTE_FAIL: [-504002, 'functions execute fail'],
  FUNCTIONS_TIME_LIMIT_EXCEEDED: [-504003, 'functions time limit exceeded'],
  FUNCTION_NOT_FOUND: [-501000, 'function not found'],
  INVALID_PARAM: [-501007, 'invalid parameters'],
}

class GatewayError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * The h5 build's stand-in for the WeChat client (development only): a sign-in page that picks a
 * test identity into a server-side session named by an HttpOnly cookie, and
 * `POST /gateway/callFunction`, which runs a function as that identity and answers like
 * `wx.cloud.callFunction`.
 */
export class Gateway implements RouteHandler {
  /** Signs session ids; new for each process, so no cookie outlives the emulator that issued it. */
  private readonly key = randomBytes(32)
  /** Live sessions: id → openid. Signing out (or in again) deletes the id, so its cookie stops working. */
  private readonly sessions = new Map<string, string>()

  constructor(private readonly opts: GatewayOptions) {}

  /**
   * In WeChat the user is signed in before the mini-program starts, so the h5 app shell is only
   * served with a dev session: without one, the browser goes to the dev sign-in first.
   */
  requireSessionForApp(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    if (req.method !== 'GET' || (url.pathname !== '/' && url.pathname !== '/index.html') || this.sessionOf(req)) return false
    res.writeHead(302, { location: `/gateway/signin?return=${encodeURIComponent(url.pathname + url.search)}`, 'cache-control': 'no-store' })
    res.end()
    return true
  }

  async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname !== '/gateway' && !url.pathname.startsWith('/gateway/')) return false
    try {
      // A DNS-rebinding page reaches 127.0.0.1 under its own name and could sign itself in.
      if (!isLoopbackHost(req)) throw new GatewayError(403, 'the gateway answers only to 127.0.0.1 or localhost')
      // Writes act with (or on) the session cookie, so only same-origin pages may send them.
      if (req.method !== 'GET' && req.method !== 'HEAD' && isCrossOrigin(req)) throw new GatewayError(403, 'cross-origin request refused')
      switch (`${req.method} ${url.pathname}`) {
        case 'GET /gateway/signin':
          return sendHtml(res, 200, renderSignInPage({ current: this.sessionOf(req)?.openid, returnTo: safeReturn(url.searchParams.get('return')) }))
        case 'POST /gateway/signin':
          return await this.signIn(req, res)
        case 'POST /gateway/signout':
          return await this.signOut(req, res)
        case 'GET /gateway/session': {
          const openid = this.sessionOf(req)?.openid
          return openid ? sendJson(res, 200, { openid }) : sendJson(res, 401, { errCode: -1, errMsg: 'not signed in' })
        }
        case 'POST /gateway/callFunction':
          return await this.callFunction(req, res)
        default:
          throw new GatewayError(404, `no gateway route ${req.method} ${url.pathname}`)
      }
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err
      const prefix = url.pathname === '/gateway/callFunction' ? 'cloud.callFunction:fail ' : ''
      return sendJson(res, err.status, { errCode: -1, errMsg: `${prefix}${err.message}` })
    }
  }

  private async signIn(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const form = isForm(req)
    const fields = await readFields(req, MAX_FORM_BYTES)
    const openid = typeof fields.openid === 'string' ? fields.openid.trim() : ''
    const returnTo = safeReturn(fields.return)
    if (!TEST_OPENID.test(openid)) {
      const error = 'only test identities o_test_<letters, digits, _> (at most 40) can sign in'
      if (form) return sendHtml(res, 400, renderSignInPage({ current: this.sessionOf(req)?.openid, returnTo, error }))
      throw new GatewayError(400, error)
    }
    // A new id on every sign-in: the previous session ends, and no id chosen before sign-in survives it.
    this.endSession(req)
    res.setHeader('set-cookie', `${SESSION_COOKIE}=${this.startSession(openid)}; Path=/; HttpOnly; SameSite=Strict`)
    if (form) return redirect(res, returnTo)
    return sendJson(res, 200, { openid })
  }

  private async signOut(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const form = isForm(req)
    const fields = await readFields(req, MAX_FORM_BYTES)
    this.endSession(req)
    res.setHeader('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`)
    if (form) return redirect(res, `/gateway/signin?return=${encodeURIComponent(safeReturn(fields.return))}`)
    return sendJson(res, 200, { ok: true })
  }

  private async callFunction(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const openid = this.sessionOf(req)?.openid
    if (!openid) throw new GatewayError(401, 'not signed in')
    // JSON only: a cross-site HTML form cannot send it without a CORS preflight.
    if (!isJson(req)) throw new GatewayError(415, 'content-type must be application/json')
    const body = await readFields(req, MAX_CALL_BYTES)
    const { name, data } = body
    if (typeof name !== 'string' || !FUNCTION_NAME.test(name)) throw new GatewayError(400, 'name must be a function name')
    if (data !== undefined && (data === null || typeof data !== 'object' || Array.isArray(data))) throw new GatewayError(400, 'data must be an object')
    const outcome = await this.opts.runner.invoke(name, data ?? {}, { OPENID: openid, APPID: this.opts.appId, CLIENTIP: '127.0.0.1', SOURCE: 'wx_client' })
    return sendJson(res, 200, toClientReply(outcome))
  }

  /** A new session for `openid`; answers the cookie value. */
  private startSession(openid: string): string {
    const id = randomBytes(32).toString('base64url')
    this.sessions.set(id, openid)
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value as string)
    return `${id}.${this.sign(id)}`
  }

  private endSession(req: IncomingMessage): void {
    const session = this.sessionOf(req)
    if (session) this.sessions.delete(session.id)
  }

  /** The live session the request's cookie names, if its signature checks out. */
  private sessionOf(req: IncomingMessage): { id: string; openid: string } | undefined {
    const [id = '', mac = ''] = (cookieOf(req, SESSION_COOKIE) ?? '').split('.')
    const given = Buffer.from(mac)
    const wanted = Buffer.from(this.sign(id))
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return undefined
    const openid = this.sessions.get(id)
    return openid === undefined ? undefined : { id, openid }
  }

  private sign(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('base64url')
  }
}

/** `wx.cloud.callFunction`'s success object, or its failure object with the client's errCode. */
export function toClientReply(outcome: InvokeResult): Record<string, unknown> {
  if (!outcome.error) return { result: outcome.result, errMsg: 'cloud.callFunction:ok', requestID: outcome.requestId }
  const [errCode, label] = CLIENT_ERRORS[outcome.error.code] ?? [-1, outcome.error.code]
  return { errCode, errMsg: `cloud.callFunction:fail ${errCode} ${label}. ${outcome.error.message}`, requestID: outcome.requestId }
}

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [key, value = ''] = part.trim().split('=')
    if (key === name) return value
  }
  return undefined
}

/** A same-origin path to go back to; anything else (absolute, `//host`, `/\host`) becomes `/`. */
function safeReturn(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || /[\u0000-\u001f\\]/.test(value)) return '/'
  const base = 'http://gateway.invalid'
  try {
    return new URL(value, base).origin === base && !value.startsWith('//') ? value : '/'
  } catch {
    return '/'
  }
}

function isForm(req: IncomingMessage): boolean {
  return String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
}

async function readFields(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    // Past the limit keep reading and discard: breaking off would reset the socket before the client sees the 413.
    if (size <= limit) chunks.push(chunk)
  }
  if (size > limit) throw new GatewayError(413, `request body larger than ${limit} bytes`)
  const text = Buffer.concat(chunks).toString('utf8')
  if (isForm(req)) return Object.fromEntries(new URLSearchParams(text))
  if (text === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new GatewayError(400, 'body is not JSON')
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new GatewayError(400, 'body must be a JSON object')
  return value as Record<string, unknown>
}

function sendJson(res: ServerResponse, status: number, body: unknown): true {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' })
  res.end(text)
  return true
}

function sendHtml(res: ServerResponse, status: number, html: string): true {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    'x-frame-options': 'DENY',
  })
  res.end(html)
  return true
}

function redirect(res: ServerResponse, location: string): true {
  res.writeHead(303, { location, 'cache-control': 'no-store', 'content-length': 0 })
  res.end()
  return true
}
