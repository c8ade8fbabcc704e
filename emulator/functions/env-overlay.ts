import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * What one invocation sees of `process.env`: its own variables on top of the process's, with
 * every process variable matching `hide` removed (so a stray WX_OPENID or TCB_CONTEXT_CNFG of
 * the host never leaks into a function). Writes and deletes inside the invocation stay in it.
 */
export class EnvLayer {
  private readonly vars: Map<string, string>
  private readonly deleted = new Set<string>()

  constructor(
    vars: Record<string, string>,
    private readonly hide: RegExp,
  ) {
    this.vars = new Map(Object.entries(vars))
  }

  /** The value the invocation sees; undefined when absent or hidden. */
  lookup(base: NodeJS.ProcessEnv, key: string): string | undefined {
    if (this.vars.has(key)) return this.vars.get(key)
    if (this.deleted.has(key) || this.hide.test(key)) return undefined
    return base[key]
  }

  keys(base: NodeJS.ProcessEnv): string[] {
    const keys = new Set(Object.keys(base).filter((k) => this.lookup(base, k) !== undefined))
    for (const key of this.vars.keys()) keys.add(key)
    return [...keys]
  }

  /** The invocation's own variables (what SCF reports as `context.environment`). */
  own(): Record<string, string> {
    return Object.fromEntries(this.vars)
  }

  set(key: string, value: string): void {
    this.vars.set(key, value)
    this.deleted.delete(key)
  }

  delete(key: string): void {
    this.vars.delete(key)
    this.deleted.add(key)
  }
}

// Kept on `process` so that two copies of this module (e.g. Jest module registries) share one overlay.
const slot = process as unknown as Record<symbol, AsyncLocalStorage<EnvLayer> | undefined>
const KEY = Symbol.for('privacy-centre.emulator.env-overlay')
const als: AsyncLocalStorage<EnvLayer> = (slot[KEY] ??= new AsyncLocalStorage<EnvLayer>())
const INSTALLED = Symbol.for('privacy-centre.emulator.env-overlay.installed')

/**
 * Replaces `process.env` (once per process) with a Proxy that reads the current invocation's
 * {@link EnvLayer} from AsyncLocalStorage and falls through to the real environment outside any
 * invocation. The SDK reads env vars on every call (reference §6), so concurrent invocations in
 * one process each see their own identity.
 */
export function installEnvOverlay(): void {
  const holder = process as unknown as Record<symbol, boolean>
  if (holder[INSTALLED]) return
  const base = process.env
  const handler: ProxyHandler<NodeJS.ProcessEnv> = {
    get(_target, key) {
      if (typeof key !== 'string') return Reflect.get(base, key)
      const layer = als.getStore()
      return layer ? layer.lookup(base, key) : base[key]
    },
    set(_target, key, value) {
      if (typeof key !== 'string') return Reflect.set(base, key, value)
      const layer = als.getStore()
      // Node coerces env values to strings; keep that behaviour inside a layer too.
      if (layer) layer.set(key, String(value))
      else base[key] = String(value)
      return true
    },
    deleteProperty(_target, key) {
      if (typeof key !== 'string') return Reflect.deleteProperty(base, key)
      const layer = als.getStore()
      if (layer) layer.delete(key)
      else delete base[key]
      return true
    },
    has(_target, key) {
      if (typeof key !== 'string') return Reflect.has(base, key)
      const layer = als.getStore()
      return layer ? layer.lookup(base, key) !== undefined : key in base
    },
    ownKeys() {
      const layer = als.getStore()
      return layer ? layer.keys(base) : Reflect.ownKeys(base)
    },
    getOwnPropertyDescriptor(_target, key) {
      if (typeof key !== 'string') return Reflect.getOwnPropertyDescriptor(base, key)
      const layer = als.getStore()
      const value = layer ? layer.lookup(base, key) : base[key]
      return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true }
    },
    defineProperty(_target, key, descriptor) {
      return handler.set!(base, key, descriptor.value, base)
    },
  }
  process.env = new Proxy({} as NodeJS.ProcessEnv, handler)
  holder[INSTALLED] = true
}

/** Runs `fn` with `layer` as its view of `process.env` (also for everything it awaits or schedules). */
export function runWithEnv<T>(layer: EnvLayer, fn: () => T): T {
  installEnvOverlay()
  return als.run(layer, fn)
}
