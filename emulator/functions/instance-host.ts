import { createRequire } from 'node:module'
import { parentPort } from 'node:worker_threads'
import { EnvLayer, installEnvOverlay, runWithEnv } from './env-overlay'
import { type HostReply, type HostRequest, type LoadSpec, messageOf } from './host-protocol'
import { captureLogs, installLogCapture } from './log-capture'

/**
 * The body of an instance host: a worker thread holding function instances (each a module loaded
 * afresh, serving one invocation at a time, as in SCF) and running invocations on them, so that the
 * runner can stop a timed-out one by terminating the thread. Bundled by `host.ts` and run with `eval`,
 * so the worker needs no TypeScript loader.
 */

type Main = (event: unknown, context: Record<string, unknown>) => unknown
type Invoke = Extract<HostRequest, { type: 'invoke' }>

/** Process variables a function must never inherit from the host: identity, SDK routing, trigger state. */
const HOST_ONLY = /^(WX_|TCB_|TENCENTCLOUD_|SCF_|TRIGGER_SRC$|SILENCE$)/

const port = parentPort
if (!port) throw new Error('instance-host runs only in a worker thread')
const post = (reply: HostReply) => port.postMessage(reply)

installEnvOverlay()
// Before any module loads, so one that keeps a reference to console.log is captured too.
installLogCapture()
const specs = new Map<string, LoadSpec>()
/** Warm instances waiting for an invocation, by function, the last one used at the end. */
const idle = new Map<string, Main[]>()

port.on('message', (req: HostRequest) => {
  if (req.type === 'invoke') return void invoke(req)
  specs.set(req.load.name, req.load)
  try {
    idle.set(req.load.name, [start(req.load)])
    post({ type: 'loaded' })
  } catch (err) {
    post({ type: 'loaded', error: messageOf(err) })
  }
})

async function invoke(req: Invoke): Promise<void> {
  if (req.load) specs.set(req.name, req.load)
  const spec = specs.get(req.name)
  let main: Main
  try {
    if (!spec) throw new Error(`${req.name} was never loaded in this host`)
    main = (req.cold ? undefined : idle.get(req.name)?.pop()) ?? start(spec)
  } catch (err) {
    return post({ type: 'done', id: req.id, error: messageOf(err) })
  }
  const deadline = Date.now() + req.timeoutMs
  const context = { ...req.context, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) }
  const event: unknown = JSON.parse(req.event)
  const call = () => runWithEnv(new EnvLayer(req.vars, HOST_ONLY), async () => main(event, context))
  post({ type: 'started', id: req.id })
  try {
    const value = await (req.captureLogs ? captureLogs((level, text) => post({ type: 'log', id: req.id, level, text }), call) : call())
    // The result goes through JSON, as in the cloud; a value JSON cannot hold (BigInt, a cycle) fails here.
    post({ type: 'done', id: req.id, result: JSON.stringify(value) ?? 'null' })
  } catch (err) {
    post({ type: 'done', id: req.id, error: messageOf(err) })
  }
  // Ready for the next invocation. One that timed out can only come back in a retired host, which gets no more.
  const warm = idle.get(req.name) ?? []
  warm.push(main)
  idle.set(req.name, warm)
}

/**
 * A new instance, as SCF starts on a cold start: the module loaded afresh (Node caches it by path), its
 * top level run as a console-like call. Throws why it cannot serve, as a broken deploy fails.
 */
function start(spec: LoadSpec): Main {
  const load = createRequire(spec.file)
  delete load.cache[load.resolve(spec.file)]
  let mod: { main?: unknown }
  try {
    mod = runWithEnv(new EnvLayer(spec.vars, HOST_ONLY), () => load(spec.file) as { main?: unknown })
  } catch (err) {
    throw new Error(`${spec.name}/index.js failed to load: ${messageOf(err)}`)
  }
  if (typeof mod.main !== 'function') throw new Error(`${spec.name}/index.js does not export main`)
  return mod.main as Main
}
