import { readFileSync } from 'node:fs'
import path from 'node:path'
import { publishPolicies, seedStores } from '../../scripts/publish-policy'
import { POLICY_2026_1, POLICY_2026_2 } from '../../src/content'
import type { ConsentRequest } from '../../src/domain/consent/consent-event'
import { contentHash } from '../../src/domain/policy/policy-hash'
import { removeDataDir, ROOT, type RunningEmulator, startEmulator, useSdk } from './emulator'

export type Reply = { ok: boolean; code?: string; message?: string; data?: any }
export type Invoked = { result?: Reply; error?: { code: string; message: string } }

export const user = (OPENID: string) => ({ OPENID, APPID: 'wx_local_app', SOURCE: 'wx_client' })

export const POLICY_1 = { version: POLICY_2026_1.version, hash: contentHash(POLICY_2026_1) }
export const POLICY_2 = { version: POLICY_2026_2.version, hash: contentHash(POLICY_2026_2) }
export const LOCATION = { kind: 'scope', id: 'scope.userLocation' } as const
export const POLICY_TARGET = { kind: 'policy', id: 'privacy-policy' } as const

let counter = 0
/** A valid decision with a fresh client request id; override any field. */
export function decision(over: Partial<ConsentRequest> = {}): ConsentRequest {
  counter += 1
  return {
    clientRequestId: `req-${process.pid}-${counter}`,
    target: POLICY_TARGET,
    decision: 'grant',
    policy: POLICY_2,
    method: 'agree-button',
    page: 'pages/index/index',
    client: { platform: 'h5', appVersion: '0.1.0' },
    language: 'zh-CN',
    ...over,
  }
}

/**
 * Empties the emulator, creates every collection and index of collections.json, and publishes through the
 * real SDK in this process (fixed time, so every reset stores the same rows).
 */
export async function freshCloud(emu: RunningEmulator, versions = [POLICY_2026_1, POLICY_2026_2]): Promise<void> {
  await emu.control('/reset', {})
  const { collections, indexes } = JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions', 'collections.json'), 'utf8')) as { collections: string[]; indexes: unknown }
  await emu.control('/seed', { collections: Object.fromEntries(collections.map((c) => [c, []])), indexes })
  useSdk(emu)
  await publishPolicies(versions, new Date('2026-01-01T00:00:00Z'))
  await seedStores()
  await emu.control('/stats', undefined, 'DELETE')
}

export function invoker(emu: RunningEmulator, name: string) {
  return (event: unknown, identity: unknown) => emu.control<Invoked>('/invoke', { name, event, identity })
}

/** Database actions counted by the emulator since the last reset of its stats. */
export async function dbStats(emu: RunningEmulator): Promise<Record<string, number>> {
  const { actions } = await emu.control<{ actions: Record<string, number> }>('/stats')
  return Object.fromEntries(Object.entries(actions).filter(([k]) => k.startsWith('database.')))
}

/**
 * The hooks every contract suite shares: one emulator per file (with `env` for the functions), set up by
 * `setUp` once it runs, a fresh cloud before each test (so each test owns its state and passes alone),
 * and the emulator stopped and its data folder removed at the end.
 */
export function cloudSuite(setUp: (emu: RunningEmulator) => void, env?: Record<string, string>): void {
  let emu: RunningEmulator | undefined
  beforeAll(async () => {
    emu = await startEmulator(env ? { env } : undefined)
    setUp(emu)
  })
  beforeEach(() => freshCloud(emu!))
  afterAll(async () => {
    await emu?.stop()
    if (emu) removeDataDir(emu.dataDir)
  })
}
