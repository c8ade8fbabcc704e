import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { buildSync } from 'esbuild'
import type { HostReply, HostRequest, LoadSpec } from './host-protocol'
import type { LogLevel } from './log-capture'

/** How one invocation on a host ended: `result` is JSON text; `error` is why it failed or why the host died. */
export interface HostOutcome {
  result?: string
  error?: string
}

export interface RunHooks {
  /** `main` is about to be called (the module is loaded). */
  started(): void
  log(level: LogLevel, text: string): void
}

type Invoke = Extract<HostRequest, { type: 'invoke' }>
type Reply = Exclude<HostReply, { type: 'loaded' }>

let hostCode: string | undefined

/** instance-host.ts and what it imports, as one CommonJS script: workers then need no TypeScript loader. */
function code(): string {
  if (hostCode !== undefined) return hostCode
  const out = buildSync({ entryPoints: [path.join(__dirname, 'instance-host.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' })
  return (hostCode = out.outputFiles[0]!.text)
}

/**
 * The runner's handle on one instance host (a worker thread, see instance-host.ts) and the invocations
 * running in it. `terminate` stops everything in it at once; `retire` does so as soon as no invocation
 * the runner still waits for runs there.
 */
export class InstanceHost {
  /** Functions this host knows how to load. */
  readonly known = new Set<string>()
  private readonly worker: Worker
  private readonly running = new Map<number, (reply: Reply) => void>()
  private loading: ((error: string | undefined) => void) | undefined
  private exitReason: string | undefined
  private retired = false

  constructor() {
    // No inherited `--import tsx`: it would cost every worker a loader; keep source maps if the emulator has them.
    const execArgv = process.execArgv.includes('--enable-source-maps') ? ['--enable-source-maps'] : []
    this.worker = new Worker(code(), { eval: true, execArgv })
    this.worker.unref()
    this.worker.on('message', (reply: HostReply) => (reply.type === 'loaded' ? this.loading?.(reply.error) : this.running.get(reply.id)?.(reply)))
    // An uncaught error in function code ends the worker, as it would crash an SCF instance.
    this.worker.on('error', (err) => (this.exitReason ??= `function instance crashed: ${err.message}`))
    this.worker.on('exit', (exitCode) => {
      this.exitReason ??= `function instance exited with code ${exitCode}`
      this.loading?.(this.exitReason)
      for (const handle of [...this.running.values()]) handle({ type: 'done', id: 0, error: this.exitReason })
    })
  }

  /** Not terminated, nor dead of a crash. */
  get alive(): boolean {
    return this.exitReason === undefined
  }

  /** Takes new invocations: neither dead nor retired. */
  get open(): boolean {
    return this.exitReason === undefined && !this.retired
  }

  /** Loads a function's first instance; answers why it could not load, if it could not. */
  load(spec: LoadSpec): Promise<string | undefined> {
    this.known.add(spec.name)
    if (this.exitReason !== undefined) return Promise.resolve(this.exitReason)
    return new Promise((resolve) => {
      this.loading = (error) => {
        this.loading = undefined
        resolve(error)
      }
      this.worker.postMessage({ type: 'load', load: spec } satisfies HostRequest)
    })
  }

  /** Runs one invocation; resolves when `main` settles or the host dies. */
  run(req: Invoke, hooks: RunHooks): Promise<HostOutcome> {
    this.known.add(req.name)
    if (this.exitReason !== undefined) return Promise.resolve({ error: this.exitReason })
    return new Promise((resolve) => {
      this.running.set(req.id, (reply) => {
        if (reply.type === 'started') return hooks.started()
        if (reply.type === 'log') return hooks.log(reply.level, reply.text)
        this.forget(req.id)
        resolve(reply)
      })
      this.worker.postMessage(req)
    })
  }

  /** Stops waiting for invocation `id` (it timed out); whatever it still does, nobody hears. */
  forget(id: number): void {
    this.running.delete(id)
    if (this.retired && this.running.size === 0) this.terminate()
  }

  /** No new invocations; terminated once none that the runner waits for runs here any more. */
  retire(): void {
    this.retired = true
    if (this.running.size === 0) this.terminate()
  }

  /** Stops the worker now, whatever runs in it. */
  terminate(): void {
    this.exitReason ??= 'function instance terminated'
    void this.worker.terminate()
  }
}
