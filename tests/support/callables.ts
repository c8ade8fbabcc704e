import path from 'node:path'
import type { HandlerManifest } from '../../cloudfunctions/_shared/handler'
import { functionNames } from '../../config/build-cloudfunctions'
import { ROOT } from './emulator'

/**
 * Everything a caller can reach, read off the functions' own route tables (`main.manifest`, set by
 * defineHandler / defineOpsHandler / definePushHandler): a new route, timer or push handler joins the
 * fuzz and authorization suites by construction, and they fail until it has a generator and a row.
 */
export type CallableKind = 'route' | 'ops' | 'timer' | 'push' | 'open'

export interface Callable {
  fn: string
  kind: CallableKind
  /** The action, the timer trigger, `open` or `push`. */
  name: string
  /** `personal.addContact`, `account.timer:runCancellations`, `stores.open`, `wxpush.push`. */
  key: string
}

export function manifestOf(fn: string): HandlerManifest {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(ROOT, 'cloudfunctions', fn, 'index.ts')) as { main?: { manifest?: HandlerManifest } }
  if (!mod.main?.manifest) throw new Error(`cloudfunctions/${fn}/index.ts exports no main built by defineHandler, defineOpsHandler or definePushHandler`)
  return mod.main.manifest
}

export function callablesOf(fn: string, manifest = manifestOf(fn)): Callable[] {
  const routeKind: CallableKind = manifest.audience === 'ops' ? 'ops' : 'route'
  return [
    ...manifest.actions.map((name) => ({ fn, kind: routeKind, name, key: `${fn}.${name}` })),
    ...manifest.timers.map((name) => ({ fn, kind: 'timer' as const, name, key: `${fn}.timer:${name}` })),
    ...(manifest.open ? [{ fn, kind: 'open' as const, name: 'open', key: `${fn}.open` }] : []),
    ...(manifest.audience === 'push' ? [{ fn, kind: 'push' as const, name: 'push', key: `${fn}.push` }] : []),
  ]
}

/** Every deployable function's callables, in build order. */
export function allCallables(): Callable[] {
  return functionNames().flatMap((fn) => callablesOf(fn))
}

/** The identities the emulator gives each kind of caller (emulator/functions/runner.ts). */
export const TIMER_IDENTITY = { APPID: '', SOURCE: 'wx_trigger' } as const
