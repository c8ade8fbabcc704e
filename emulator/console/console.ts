import type { IncomingMessage, ServerResponse } from 'node:http'
import { checkCollectionName } from '../database/actions'
import type { Database } from '../database/database'
import { toRelaxedEjson } from '../database/ejson'
import type { FunctionRunner } from '../functions/runner'
import { isCrossOrigin, isLoopbackHost } from '../http-guard'
import type { Storage } from '../storage/storage'
import type { RouteHandler } from '../types'
import { consoleCsp, renderConsolePage } from './page'

export interface LocalConsoleOptions {
  runner: FunctionRunner
  database: Database
  storage: Storage
  envId: string
}

/** SCF's cap on a synchronous invocation's event. */
const MAX_INVOKE_BYTES = 6 * 1024 * 1024
const DEFAULT_PAGE = 50
const MAX_PAGE = 200
const DOCUMENTS_PREFIX = '/_console/api/collections/'

class ConsoleError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * The local stand-in for the CloudBase console, served by the emulator only: `GET /_console` (the
 * page) and its JSON API under `/_console/api/`: the deployed functions, a console test invocation
 * (identity null, with that invocation's logs), and read-only views of the database and storage.
 *
 * It can run any function as the console, so only loopback Hosts are served (no DNS rebinding),
 * the API refuses cross-site requests, and a POST must be JSON (a cross-site form cannot send it).
 */
export class LocalConsole implements RouteHandler {
  constructor(private readonly opts: LocalConsoleOptions) {}

  async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const { pathname } = url
    if (pathname !== '/_console' && !pathname.startsWith('/_console/')) return false
    try {
      if (!isLoopbackHost(req)) throw new ConsoleError(403, 'FORBIDDEN', 'the local console answers only to 127.0.0.1 or localhost')
      if (pathname === '/_console' || pathname === '/_console/') {
        if (req.method !== 'GET') throw new ConsoleError(405, 'METHOD_NOT_ALLOWED', 'the console page accepts GET only')
        return sendPage(res, renderConsolePage({ envId: this.opts.envId, functions: this.opts.runner.deployed() }))
      }
      if (isCrossOrigin(req)) throw new ConsoleError(403, 'FORBIDDEN', 'cross-origin request refused')
      if (req.method === 'POST' && !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new ConsoleError(415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type must be application/json')
      }
      switch (`${req.method} ${pathname}`) {
        case 'GET /_console/api/functions':
          return sendJson(res, 200, { envId: this.opts.envId, functions: this.opts.runner.deployed() })
        case 'POST /_console/api/invoke':
          return await this.invoke(req, res)
        case 'GET /_console/api/collections':
          return sendJson(res, 200, { collections: this.opts.database.collectionCounts() })
        case 'GET /_console/api/files':
          return sendJson(res, 200, { files: this.opts.storage.list() })
      }
      if (req.method === 'GET' && pathname.startsWith(DOCUMENTS_PREFIX)) return this.documents(res, pathname.slice(DOCUMENTS_PREFIX.length), url.searchParams)
      throw new ConsoleError(404, 'NOT_FOUND', `no console route ${req.method} ${pathname}`)
    } catch (err) {
      if (err instanceof ConsoleError) return sendJson(res, err.status, { code: err.code, message: err.message })
      throw err
    }
  }

  /**
   * A test call as the CloudBase console makes it: identity null (no OPENID). The event arrives as
   * the JSON text typed into the panel (as SCF's Invoke takes its `ClientContext`), so text that is
   * not a JSON object is refused here and nothing runs.
   */
  private async invoke(req: IncomingMessage, res: ServerResponse): Promise<true> {
    const { name, event } = await readBody(req)
    if (typeof name !== 'string' || name === '') throw new ConsoleError(400, 'INVALID_PARAM', 'name must be a function name')
    if (typeof event !== 'string') throw new ConsoleError(400, 'INVALID_PARAM', "event must be the event's JSON text")
    let parsed: unknown
    try {
      parsed = JSON.parse(event)
    } catch (err) {
      throw new ConsoleError(400, 'INVALID_EVENT', `the event is not valid JSON: ${(err as Error).message}`)
    }
    if (!isObject(parsed)) throw new ConsoleError(400, 'INVALID_EVENT', 'the event must be a JSON object')
    return sendJson(res, 200, await this.opts.runner.invoke(name, parsed, null, { captureLogs: true }))
  }

  private documents(res: ServerResponse, encodedName: string, params: URLSearchParams): true {
    let name: string
    try {
      name = checkCollectionName(decodeURIComponent(encodedName))
    } catch {
      throw new ConsoleError(400, 'INVALID_PARAM', 'not a collection name')
    }
    const offset = integerParam(params, 'offset', 0, Number.MAX_SAFE_INTEGER, 0)
    const limit = integerParam(params, 'limit', 1, MAX_PAGE, DEFAULT_PAGE)
    const page = this.opts.database.documents(name, offset, limit)
    if (!page) throw new ConsoleError(404, 'DATABASE_COLLECTION_NOT_EXIST', `collection ${name} does not exist`)
    return sendJson(res, 200, { name, total: page.total, offset, limit, documents: page.docs.map(toRelaxedEjson) })
  }
}

function integerParam(params: URLSearchParams, key: string, min: number, max: number, fallback: number): number {
  const raw = params.get(key)
  if (raw === null) return fallback
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new ConsoleError(400, 'INVALID_PARAM', `${key} must be an integer from ${min} to ${max}`)
  return n
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    // Past the limit keep reading and discard: breaking off would reset the socket before the client sees the 413.
    if (size <= MAX_INVOKE_BYTES) chunks.push(chunk)
  }
  if (size > MAX_INVOKE_BYTES) throw new ConsoleError(413, 'PAYLOAD_TOO_LARGE', `request body larger than ${MAX_INVOKE_BYTES} bytes`)
  let body: unknown
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new ConsoleError(400, 'INVALID_PARAM', 'the request body is not JSON')
  }
  if (!isObject(body)) throw new ConsoleError(400, 'INVALID_PARAM', 'the request body must be a JSON object')
  return body
}

function sendJson(res: ServerResponse, status: number, body: unknown): true {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
  res.end(text)
  return true
}

function sendPage(res: ServerResponse, html: string): true {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'content-security-policy': consoleCsp(),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  })
  res.end(html)
  return true
}
