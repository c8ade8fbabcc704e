import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { sdkEnv } from '../env-recipe'
import { CloudError } from '../errors'
import type { AdminReply, AdminRequest, Clock, Identity } from '../types'
import { cronMatches } from './cron'
import { type TimerTrigger, readFunctionConfig } from './function-config'
import { type HostOutcome, InstanceHost } from './host'
import { type LoadSpec, messageOf } from './host-protocol'
import type { LogLine } from './log-capture'

export interface RunnerOptions {
  /** Built functions: `<dir>/<name>/index.js` (+ optional `config.json`). Absent = no functions. */
  functionsDir?: string
  /** What `TCB_CONTEXT_CNFG.URL` points the SDK inside functions at. */
  adminUrl: () => string
  envId: string
  appId: string
  now: Clock
}

/** The outcome of one invocation; JSON-serialisable (the result went through JSON, as in the cloud). */
export interface InvokeResult {
  requestId: string
  result?: unknown
  error?: { code: string; message: string }
  durationMs: number
  /** What the function wrote to the console during this invocation; only when asked for (`captureLogs`). */
  logs?: LogLine[]
}

export interface InvokeOptions {
  /** A timer firing: sets `TRIGGER_SRC=timer`, so the SDK sends `WX_TRIGGER_API_TOKEN_V0`. */
  timer?: boolean
  /** Keep this invocation's console output in the result, as the CloudBase console's log panel shows it. */
  captureLogs?: boolean
  /** Run on a new instance, loading the module afresh, even if a warm one is idle. */
  cold?: boolean
}

/** A deployed function as the console lists it. */
export interface DeployedFunction {
  name: string
  /** Why its `index.js` did not load; every invocation fails with it. */
  loadError?: string
}

interface CloudFunction {
  name: string
  file: string
  /** Why `index.js` could not be loaded; every invocation then fails with it, as a broken deploy does. */
  loadError?: string
  timeoutMs: number
  triggers: TimerTrigger[]
  /** The `cloud.openapi.*` APIs its config.json grants. */
  openapi: string[]
}

/** A live invocation, by its token: the function, the identity it runs as (null: console), its database and storage requests in progress. */
interface Live {
  fn: CloudFunction
  who: Identity | null
  requests: Set<Promise<unknown>>
}

/** CloudBase function names: a letter, then letters, digits, `-` or `_`; at most 60. */
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/
/** A late tick checks the seconds it missed, up to this many. */
const MAX_CATCH_UP_S = 60
/** Tokens of timed-out invocations remembered, to refuse their requests still on the way. */
const MAX_TIMED_OUT_TOKENS = 10_000

/**
 * Runs the built cloud functions in a worker thread (an instance host, see host.ts), each invocation
 * with its own identity (reference §6): inside the host, `process.env` is an AsyncLocalStorage overlay
 * holding the env recipe plus WX_OPENID/WX_APPID/…/TCB_SOURCE and an opaque WX_API_TOKEN that
 * `functions.invokeFunction` resolves back to the caller. A timeout retires the host: its requests are
 * refused at once, and the thread is terminated as soon as nothing else runs in it; a new host takes the
 * next invocations. Also fires timer triggers from each `config.json`.
 */
export class FunctionRunner {
  private readonly functions = new Map<string, CloudFunction>()
  /** Live invocation tokens. */
  private readonly tokens = new Map<string, Live>()
  /** Tokens of invocations that timed out, oldest first: their requests are refused. */
  private readonly timedOut = new Set<string>()
  /** Where new invocations run; replaced when it retires or dies. */
  private host: InstanceHost | undefined
  /** Every host not yet terminated, retired ones included. */
  private readonly hosts = new Set<InstanceHost>()
  private nextId = 1
  /** Trigger runs in flight, by `function/trigger`; a trigger never overlaps itself. */
  private readonly firing = new Map<string, Promise<InvokeResult>>()
  private ticker: NodeJS.Timeout | undefined
  private lastSecond = 0

  constructor(private readonly opts: RunnerOptions) {}

  /**
   * Loads every function under `functionsDir` into one host (module top level runs as a console-like
   * call), so each starts with a warm instance and the SDK is loaded once.
   */
  async load(): Promise<void> {
    this.close()
    this.functions.clear()
    const dir = this.opts.functionsDir
    if (dir === undefined || !existsSync(dir)) return
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name, 'index.js')
      if (!entry.isDirectory() || !FUNCTION_NAME.test(entry.name) || !existsSync(file)) continue
      const config = await readFunctionConfig(path.join(dir, entry.name, 'config.json'))
      const fn: CloudFunction = { name: entry.name, file, ...config }
      fn.loadError = await this.current().load(this.loadSpec(fn))
      this.functions.set(fn.name, fn)
    }
  }

  /** Stops every host (and so every invocation still running). */
  close(): void {
    for (const host of this.hosts) host.terminate()
    this.hosts.clear()
    this.host = undefined
  }

  /**
   * Runs one database or storage request that carries `token` (its `wxCloudApiToken`). A timed-out
   * invocation's requests still on the way are refused, so nothing it sent lands after its timeout;
   * one already admitted is awaited by the timeout (see `execute`).
   */
  async guardRequest<T>(token: unknown, work: () => Promise<T>): Promise<T> {
    if (typeof token !== 'string' || token === '') return work()
    if (this.timedOut.has(token)) throw new CloudError('PERMISSION_DENIED', 'wxCloudApiToken expired: its invocation timed out')
    const live = this.tokens.get(token)
    if (!live) return work()
    const request = work()
    live.requests.add(request)
    try {
      return await request
    } finally {
      live.requests.delete(request)
    }
  }

  /** The loaded functions, by name. */
  deployed(): DeployedFunction[] {
    return [...this.functions.values()]
      .map((fn) => (fn.loadError === undefined ? { name: fn.name } : { name: fn.name, loadError: fn.loadError }))
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  /**
   * Invokes a function as `identity` (null = a console test call: no OPENID/APPID, no SOURCE).
   * An identity with an OPENID defaults to a mini-program call: APPID = this app, SOURCE = wx_client.
   * Mini-program calls get `event.userInfo = {appId, openId}`, replacing any the caller forged.
   */
  async invoke(name: string, event: unknown, identity: Identity | null, opts: InvokeOptions = {}): Promise<InvokeResult> {
    let who: Identity | null
    try {
      who = identity === null ? null : checkIdentity(identity)
    } catch (err) {
      return { requestId: randomUUID(), error: { code: 'INVALID_PARAM', message: messageOf(err) }, durationMs: 0 }
    }
    if (who?.OPENID !== undefined) who = { APPID: this.opts.appId, SOURCE: 'wx_client', ...who }
    return this.execute(name, event, who, opts)
  }

  /**
   * `functions.invokeFunction`, i.e. `cloud.callFunction` from inside a function: the callee runs as
   * the caller, found by the `wxCloudApiToken` the emulator issued to that invocation, with SOURCE
   * chained as the SDK in SCF sends it (`wx_client` → `wx_client,scf`). The `x-tcb-source` header is
   * never read: anyone can send it, and `wx_trigger` would open a function's timer routes. A call
   * without a token comes from outside any function (a script holding the SDK) and runs as the
   * console does, with no identity.
   */
  async handleInvoke(req: AdminRequest): Promise<AdminReply> {
    if (typeof req.function_name !== 'string' || req.function_name === '') throw new CloudError('INVALID_PARAM', 'function_name is required')
    let event: unknown = {}
    if (req.request_data !== undefined) {
      if (typeof req.request_data !== 'string') throw new CloudError('INVALID_PARAM', 'request_data must be a JSON string')
      try {
        event = JSON.parse(req.request_data)
      } catch {
        throw new CloudError('INVALID_PARAM', 'request_data is not valid JSON')
      }
    }
    let callee: Identity | null = null
    const token = req.wxCloudApiToken
    if (typeof token === 'string' && token !== '') {
      const live = this.tokens.get(token)
      if (!live) throw new CloudError('PERMISSION_DENIED', 'wxCloudApiToken is unknown or expired')
      callee = { ...live.who, SOURCE: `${live.who?.SOURCE ?? ''},scf` }
    }
    const outcome = await this.execute(req.function_name, event, callee, {})
    if (outcome.error) throw new CloudError(outcome.error.code, outcome.error.message)
    return { data: { response_data: JSON.stringify(outcome.result ?? null) } }
  }

  /**
   * Who a `cloud.openapi.*` call comes from: the live invocation holding `token` (its WX_API_TOKEN) and
   * the APIs its config.json grants; undefined for an unknown or finished invocation.
   */
  openApiCaller(token: string): { functionName: string; openapi: readonly string[] } | undefined {
    const live = this.tokens.get(token)
    return live && { functionName: live.fn.name, openapi: live.fn.openapi }
  }

  /** Starts checking every function's timer triggers once a second. */
  startTimers(): void {
    if (this.ticker) return
    this.lastSecond = Math.floor(this.opts.now() / 1000)
    const schedule = () => {
      this.ticker = setTimeout(() => {
        this.tick()
        if (this.ticker) schedule()
      }, 1005 - (Date.now() % 1000))
      this.ticker.unref()
    }
    schedule()
  }

  stopTimers(): void {
    clearTimeout(this.ticker)
    this.ticker = undefined
  }

  /**
   * Fires one timer trigger now (the function's first when `trigger` is omitted), after any
   * run of the same trigger still in flight.
   */
  async runTimer(name: string, trigger?: string): Promise<InvokeResult> {
    const fn = this.functions.get(name)
    if (!fn) return notFound(name)
    const t = trigger === undefined ? fn.triggers[0] : fn.triggers.find((x) => x.name === trigger)
    if (!t) return { requestId: randomUUID(), error: { code: 'INVALID_PARAM', message: `function ${name} has no timer trigger ${trigger ?? ''}`.trim() }, durationMs: 0 }
    const key = `${fn.name}/${t.name}`
    for (let busy = this.firing.get(key); busy; busy = this.firing.get(key)) await busy
    return this.fire(fn, t, Math.floor(this.opts.now() / 1000) * 1000)
  }

  private tick(): void {
    const second = Math.floor(this.opts.now() / 1000)
    const from = Math.max(this.lastSecond + 1, second - MAX_CATCH_UP_S + 1)
    this.lastSecond = Math.max(this.lastSecond, second)
    for (let s = from; s <= second; s++) {
      for (const fn of this.functions.values()) {
        for (const t of fn.triggers) {
          if (!cronMatches(t.schedule, s * 1000) || this.firing.has(`${fn.name}/${t.name}`)) continue
          void this.fire(fn, t, s * 1000).then((r) => {
            if (r.error) console.error(`[timer] ${fn.name}/${t.name} failed: ${r.error.code} ${r.error.message}`)
          })
        }
      }
    }
  }

  private fire(fn: CloudFunction, trigger: TimerTrigger, at: number): Promise<InvokeResult> {
    const key = `${fn.name}/${trigger.name}`
    const event = { Type: 'Timer', TriggerName: trigger.name, Time: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z') }
    // Timers run with an empty APPID and no OPENID, as captured from the cloud (reference §6).
    const run = this.execute(fn.name, event, { APPID: '', SOURCE: 'wx_trigger' }, { timer: true }).finally(() => {
      if (this.firing.get(key) === run) this.firing.delete(key)
    })
    this.firing.set(key, run)
    return run
  }

  private async execute(name: string, event: unknown, who: Identity | null, opts: InvokeOptions): Promise<InvokeResult> {
    const requestId = randomUUID()
    const started = performance.now()
    const logs: LogLine[] | undefined = opts.captureLogs ? [] : undefined
    const done = (outcome: Pick<InvokeResult, 'result' | 'error'>): InvokeResult => ({
      requestId,
      ...outcome,
      durationMs: Math.round(performance.now() - started),
      // A copy: lines a terminated host sent before it stopped may still arrive.
      ...(logs && { logs: [...logs] }),
    })
    const fn = this.functions.get(name)
    if (!fn) return notFound(name)
    if (fn.loadError !== undefined) return done({ error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: fn.loadError } })

    let payload: unknown
    try {
      payload = JSON.parse(JSON.stringify(event ?? {}) ?? '{}')
    } catch (err) {
      return done({ error: { code: 'INVALID_PARAM', message: `event is not JSON-serialisable: ${messageOf(err)}` } })
    }
    if (who?.SOURCE === 'wx_client' && isPlainObject(payload)) payload = { ...payload, userInfo: { appId: who.APPID ?? '', openId: who.OPENID ?? '' } }

    const token = randomBytes(24).toString('hex')
    const vars = this.vars(who, requestId, token, opts)
    const context = {
      callbackWaitsForEmptyEventLoop: false,
      memory_limit_in_mb: 256,
      time_limit_in_ms: fn.timeoutMs,
      request_id: requestId,
      function_name: fn.name,
      function_version: '$LATEST',
      namespace: this.opts.envId,
      tencentcloud_region: 'ap-shanghai',
      environment: JSON.stringify(vars),
    }
    const host = this.current()
    const id = this.nextId++
    const live: Live = { fn, who, requests: new Set() }
    this.tokens.set(token, live)

    // The timeout runs from the call of `main` (a cold start's module load is not counted, as in SCF).
    let timer: NodeJS.Timeout | undefined
    let startClock = () => {}
    const timeout = new Promise<'timeout'>((resolve) => (startClock = () => (timer = setTimeout(() => resolve('timeout'), fn.timeoutMs))))
    const run = host.run(
      {
        type: 'invoke',
        id,
        name: fn.name,
        ...(!host.known.has(fn.name) && { load: this.loadSpec(fn) }),
        cold: opts.cold === true,
        event: JSON.stringify(payload),
        vars,
        timeoutMs: fn.timeoutMs,
        context,
        captureLogs: logs !== undefined,
      },
      { started: () => startClock(), log: (level, text) => logs?.push({ at: new Date(this.opts.now()).toISOString(), level, text }) },
    )
    const outcome: HostOutcome | 'timeout' = await Promise.race([run, timeout])
    clearTimeout(timer)
    this.tokens.delete(token)
    if (outcome === 'timeout') {
      // SCF stops a timed-out instance and never reuses it. Its requests on the way are refused from now
      // on, and those already admitted finish before the caller hears of the timeout. The host takes no
      // new invocations and is terminated once the others running in it are done (at once if none is).
      this.timedOut.add(token)
      if (this.timedOut.size > MAX_TIMED_OUT_TOKENS) this.timedOut.delete(this.timedOut.values().next().value as string)
      host.retire()
      host.forget(id)
      await Promise.allSettled(live.requests)
      return done({ error: { code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED', message: `Invoking task timed out after ${fn.timeoutMs / 1000} seconds` } })
    }
    if (outcome.error !== undefined) return done({ error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: outcome.error } })
    return done({ result: JSON.parse(outcome.result ?? 'null') })
  }

  /** The host new invocations go to: a new one when there is none or it retired or died (a cold start). */
  private current(): InstanceHost {
    if (this.host?.open) return this.host
    for (const host of this.hosts) if (!host.alive) this.hosts.delete(host)
    const host = new InstanceHost()
    this.hosts.add(host)
    return (this.host = host)
  }

  private loadSpec(fn: CloudFunction): LoadSpec {
    return { name: fn.name, file: fn.file, vars: this.vars(null, randomUUID(), '') }
  }

  /** The env variables one invocation sees on top of the host's: the SDK recipe plus its identity and token. */
  private vars(who: Identity | null, requestId: string, token: string, opts: InvokeOptions = {}): Record<string, string> {
    const vars: Record<string, string> = { ...sdkEnv(this.opts.adminUrl(), this.opts.envId), TCB_SEQID: requestId, WX_API_TOKEN: token }
    if (who?.OPENID !== undefined) vars.WX_OPENID = who.OPENID
    if (who?.APPID !== undefined) vars.WX_APPID = who.APPID
    if (who?.UNIONID !== undefined) vars.WX_UNIONID = who.UNIONID
    if (who?.CLIENTIP !== undefined) vars.WX_CLIENTIP = who.CLIENTIP
    if (who?.SOURCE !== undefined) vars.TCB_SOURCE = who.SOURCE
    if (opts.timer) {
      vars.TRIGGER_SRC = 'timer'
      vars.WX_TRIGGER_API_TOKEN_V0 = token
    }
    return vars
  }
}

function notFound(name: string): InvokeResult {
  return { requestId: randomUUID(), error: { code: 'FUNCTION_NOT_FOUND', message: `function ${name} is not deployed` }, durationMs: 0 }
}

/** Identity arrives as JSON from the control API and the gateway: only string fields pass. */
function checkIdentity(identity: Identity): Identity {
  if (identity === null || typeof identity !== 'object' || Array.isArray(identity)) throw new Error('identity must be an object or null')
  const out: Identity = {}
  for (const key of ['OPENID', 'APPID', 'UNIONID', 'CLIENTIP', 'SOURCE'] as const) {
    const value = identity[key]
    if (value === undefined) continue
    if (typeof value !== 'string') throw new Error(`identity.${key} must be a string`)
    out[key] = value
  }
  return out
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
