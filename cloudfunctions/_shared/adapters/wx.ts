import * as cloud from 'wx-server-sdk'
import type { Actor } from '../../../src/domain/common/actor'

/**
 * The only module that imports wx-server-sdk. `init` is lazy so importing a handler has no side
 * effects; the SDK reads its environment on every call, so one init serves every invocation.
 */
let initialised = false

export function wx(): typeof cloud {
  if (!initialised) {
    // The typings miss the symbol form of `env`; DYNAMIC_CURRENT_ENV means "the env this function runs in".
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    initialised = true
  }
  return cloud
}

export type WxDatabase = ReturnType<typeof cloud.database>

/** The SDK's typings union each call's promise form with its callback forms; we only use promises. */
export function settled<T>(call: Promise<T> | void | string): Promise<T> {
  if (typeof call !== 'object' || call === null || typeof call.then !== 'function') throw new Error('wx-server-sdk call returned no promise')
  return call
}

export function database(): WxDatabase {
  return wx().database()
}

/** Identity from the platform, read inside the invocation (never at module load). */
export function currentActor(): Actor {
  const ctx = wx().getWXContext() as Record<string, unknown>
  const text = (key: string) => (typeof ctx[key] === 'string' && ctx[key] !== '' ? (ctx[key] as string) : undefined)
  return { openid: text('OPENID'), appid: text('APPID'), source: text('SOURCE') }
}

/** The region this function runs in; CloudBase sets it for every function. */
export function currentRegion(): string | undefined {
  return process.env.TENCENTCLOUD_REGION
}
