import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { LocalConsole } from './console/console'
import { Database } from './database/database'
import { CloudError } from './errors'
import { FaultInjector } from './faults'
import { FunctionRunner } from './functions/runner'
import { PUSH_FUNCTION, pushIdentity } from './functions/push'
import { Gateway } from './gateway/gateway'
import { serveStatic } from './gateway/static'
import { isCrossOrigin, isJson, isLoopbackHost } from './http-guard'
import { OpenApi } from './openapi/openapi'
import { Outbox } from './openapi/outbox'
import { Storage } from './storage/storage'
import type { AdminReply, AdminRequest, Clock, Durability } from './types'

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number
  /** Folder for the database journal and stored files; one per run. */
  dataDir: string
  envId?: string
  appId?: string
  durability?: Durability
  /** Built cloud functions (`build/cloudfunctions`); no runner routes without it. */
  functionsDir?: string
  /** Built h5 app (`dist/h5`) served at `/` for `npm start`. */
  staticDir?: string
  /** Run timer triggers from each function's config.json. */
  timers?: boolean
  /** The function WeChat's message pushes go to (CloudBase's 消息推送 config); default `wxpush`. */
  pushFunction?: string
  now?: Clock
}

export interface Emulator {
  /** `http://127.0.0.1:<port>` */
  url: string
  /** What `TCB_CONTEXT_CNFG.URL` points the SDK at. */
  adminUrl: string
  port: number
  envId: string
  database: Database
  storage: Storage
  runner: FunctionRunner
  faults: FaultInjector
  close(): Promise<void>
}

const MAX_BODY = 50 * 1024 * 1024

/**
 * The local CloudBase: one HTTP server on 127.0.0.1 that speaks the wire protocol of
 * wx-server-sdk 4.0.2 (`POST /admin`), serves object-storage URLs, the h5 gateway,
 * a control API for tests (`/_emulator/*`) and, optionally, the built h5 app.
 */
export async function createEmulator(options: EmulatorOptions): Promise<Emulator> {
  const envId = options.envId ?? 'local-env'
  const appId = options.appId ?? 'wx_local_app'
  const now: Clock = options.now ?? Date.now
  mkdirSync(options.dataDir, { recursive: true })

  const faults = new FaultInjector()
  const counts = new Map<string, number>()
  const database = new Database({ dir: path.join(options.dataDir, 'db'), durability: options.durability ?? 'fsync', now })
  await database.open()

  let baseUrl = ''
  const storage = new Storage({ dir: path.join(options.dataDir, 'storage'), envId, baseUrl: () => baseUrl, now })
  await storage.open()

  const runner = new FunctionRunner({ functionsDir: options.functionsDir, adminUrl: () => `${baseUrl}/admin`, envId, appId, now })
  const gateway = new Gateway({ runner, appId })
  const localConsole = new LocalConsole({ runner, database, storage, envId })
  const outbox = new Outbox({ dir: path.join(options.dataDir, 'openapi'), now })
  await outbox.open()
  const openApi = new OpenApi({ runner, outbox })

  async function admin(req: AdminRequest): Promise<AdminReply> {
    counts.set(req.action, (counts.get(req.action) ?? 0) + 1)
    // A request from a function that has timed out is refused when it gets here, even if it was sent before.
    if (req.action.startsWith('database.')) {
      await faults.before(req.action)
      return runner.guardRequest(req.wxCloudApiToken, () => database.handle(req))
    }
    if (req.action.startsWith('storage.')) return runner.guardRequest(req.wxCloudApiToken, () => storage.handle(req))
    if (req.action === 'functions.invokeFunction') return runner.handleInvoke(req)
    throw new CloudError('INVALID_ACTION', `unsupported action ${req.action}`)
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = `${req.method} ${url.pathname.slice('/_emulator'.length)}`
    const body = req.method === 'GET' || req.method === 'DELETE' ? {} : await readJson(req)
    switch (route) {
      case 'GET /health':
        return sendJson(res, 200, { ok: true, envId })
      case 'GET /stats':
        return sendJson(res, 200, { actions: Object.fromEntries(counts) })
      case 'DELETE /stats':
        counts.clear()
        return sendJson(res, 200, { ok: true })
      case 'POST /reset':
        counts.clear()
        faults.clear()
        await database.reset()
        await storage.reset()
        await outbox.clear({ refusals: true })
        return sendJson(res, 200, { ok: true })
      case 'POST /seed':
        await database.seed(asRecord(body.collections) as Record<string, unknown[]>, body.indexes)
        return sendJson(res, 200, { ok: true })
      case 'POST /faults':
        if (body.latencyMs !== undefined) faults.setLatency(Number(body.latencyMs))
        if (body.nth !== undefined) faults.arm({ nth: Number(body.nth), code: String(body.code), message: body.message as string | undefined, action: body.action as string | undefined })
        return sendJson(res, 200, { ok: true })
      case 'DELETE /faults':
        faults.clear()
        return sendJson(res, 200, { ok: true })
      case 'POST /invoke': {
        // `cold: true` runs on a new instance (module loaded afresh); otherwise an idle warm one serves, as in SCF.
        const result = await runner.invoke(String(body.name), body.event ?? {}, (body.identity as never) ?? null, { cold: body.cold === true })
        return sendJson(res, 200, result)
      }
      case 'POST /timers/run':
        return sendJson(res, 200, await runner.runTimer(String(body.name), body.trigger as string | undefined))
      // A WeChat message push (the body is its JSON), run as CloudBase runs the configured function for it.
      case 'POST /push':
        return sendJson(res, 200, await runner.invoke(options.pushFunction ?? PUSH_FUNCTION, body, pushIdentity(body, appId)))
      // Subscribe messages the functions sent (cloud.openapi), newest last; the /_console page reads this shape.
      case 'GET /outbox':
        return sendJson(res, 200, { messages: outbox.messages() })
      case 'DELETE /outbox':
        await outbox.clear()
        return sendJson(res, 200, { ok: true })
      case 'POST /outbox/refusals':
        await outbox.refuse(body)
        return sendJson(res, 200, { ok: true })
      default:
        return sendJson(res, 404, { code: 'NOT_FOUND', message: route })
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    void (async () => {
      try {
        if (url.pathname === '/admin' || url.pathname.startsWith('/_emulator/')) {
          const refused = refusal(req, url)
          if (refused) return sendJson(res, refused.status, { code: refused.code, message: refused.message })
        }
        // cloud.openapi.* comes as multipart/form-data with a protobuf payload, not JSON.
        if (req.method === 'POST' && url.pathname === '/admin' && OpenApi.accepts(req)) return await openApi.serve(req, res)
        if (req.method === 'POST' && url.pathname === '/admin') {
          const body = await readJson(req)
          const requestId = randomUUID()
          try {
            if (typeof body.action !== 'string') throw new CloudError('INVALID_PARAM', 'action is required')
            const reply = await admin(body as AdminRequest)
            return sendJson(res, 200, { requestId, ...reply })
          } catch (err) {
            if (err instanceof CloudError) return sendJson(res, 200, { code: err.code, message: err.message, requestId })
            throw err
          }
        }
        if (url.pathname.startsWith('/_emulator/')) return await control(req, res, url)
        if (await localConsole.route(req, res, url)) return
        if (await storage.route(req, res, url)) return
        if (await gateway.route(req, res, url)) return
        if (options.staticDir && gateway.requireSessionForApp(req, res, url)) return
        if (options.staticDir && (await serveStatic(options.staticDir, req, res, url))) return
        sendJson(res, 404, { code: 'NOT_FOUND', message: url.pathname })
      } catch (err) {
        const e = err instanceof CloudError ? err : new CloudError('INTERNAL_ERROR', (err as Error).message)
        if (!res.headersSent) sendJson(res, e.code === 'INTERNAL_ERROR' ? 500 : 400, { code: e.code, message: e.message })
        else res.end()
      }
    })()
  })
  server.keepAliveTimeout = 65_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  const port = (server.address() as AddressInfo).port
  baseUrl = `http://127.0.0.1:${port}`
  await runner.load()
  if (options.timers) runner.startTimers()

  return {
    url: baseUrl,
    adminUrl: `${baseUrl}/admin`,
    port,
    envId,
    database,
    storage,
    runner,
    faults,
    async close() {
      runner.stopTimers()
      runner.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await database.close()
      await storage.close()
    },
  }
}

/**
 * Why a request to `/admin` or `/_emulator/*` is refused, if it is. Both act as any user (or as the
 * platform), so a web page the developer opens must not reach them: only a loopback Host (a
 * DNS-rebinding page arrives under its own name), no cross-site browser request, and POST bodies in
 * JSON, or the SDK's multipart for `cloud.openapi` on `/admin`. The real SDK, curl and scripts send
 * no Origin or Sec-Fetch-Site and name 127.0.0.1 or localhost, so they pass.
 */
function refusal(req: IncomingMessage, url: URL): { status: number; code: string; message: string } | undefined {
  if (!isLoopbackHost(req)) return { status: 403, code: 'FORBIDDEN', message: 'the emulator answers only to 127.0.0.1 or localhost' }
  if (isCrossOrigin(req)) return { status: 403, code: 'FORBIDDEN', message: 'cross-origin request refused' }
  if (req.method === 'POST' && !isJson(req) && !(url.pathname === '/admin' && OpenApi.accepts(req))) {
    return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'content-type must be application/json' }
  }
  return undefined
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new CloudError('INVALID_PARAM', 'request body too large')
    chunks.push(chunk as Buffer)
  }
  if (size === 0) return {}
  try {
    return asRecord(JSON.parse(Buffer.concat(chunks).toString('utf8')))
  } catch {
    throw new CloudError('INVALID_PARAM', 'request body is not JSON')
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

function asRecord(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CloudError('INVALID_PARAM', 'expected a JSON object')
  return value as Record<string, unknown>
}
