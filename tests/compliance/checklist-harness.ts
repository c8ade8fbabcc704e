import { readFileSync } from 'node:fs'
import path from 'node:path'
import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { POLICY_VERSIONS, POLICY_2026_3 } from '../../src/content'
import type { PolicyContent } from '../../src/domain/policy'
import { contentHash } from '../../src/domain/policy/policy-hash'
import { decision, freshCloud, invoker, type Reply, user } from '../support/consent'
import { removeDataDir, ROOT, type RunningEmulator, startEmulator } from '../support/emulator'
import { operator } from '../support/ops'

/**
 * What the checklist's contract tests share (docs/compliance.md): one emulator per file running the built
 * cloud functions, a fresh cloud before each test (every collection, the given policy versions, the
 * stores), and calls made as WeChat would make them, with the real wx-server-sdk.
 */
export const POLICY_3 = { version: POLICY_2026_3.version, hash: contentHash(POLICY_2026_3) }

export interface Cloud {
  emu: RunningEmulator
  /** Invokes function `fn` as the mini-program user `openid` and returns its reply. */
  call(fn: string, openid: string, event: Record<string, unknown>): Promise<Reply>
  /** The `ops` function as the test operator (needs `OPS_ENV`). */
  ops(event: Record<string, unknown>): Promise<Reply>
  /** Rows of a collection read with the real SDK, optionally filtered. */
  rows(collection: string, where?: Record<string, unknown>): Promise<Array<Record<string, any>>>
  /** Runs a function's timer trigger as the scheduler would. */
  timer(fn: string, trigger: string): Promise<{ result?: Reply }>
  /** Records the user's agreement to `policy` (the latest by default). */
  agree(openid: string, policy?: { version: string; hash: string }): Promise<void>
  /** A fresh client request id. */
  rid(): string
}

export function cloudSuite(opts: { env?: Record<string, string>; versions?: readonly PolicyContent[] } = {}): Cloud {
  let n = 0
  const cloud = {
    async call(fn: string, openid: string, event: Record<string, unknown>) {
      return (await invoker(cloud.emu, fn)(event, user(openid))).result!
    },
    async ops(event: Record<string, unknown>) {
      return (await invoker(cloud.emu, 'ops')({ operator: operator(), ...event }, null)).result!
    },
    async rows(collection: string, where: Record<string, unknown> = {}) {
      return (await settled(database().collection(collection).where(where).limit(1000).get())).data as Array<Record<string, any>>
    },
    timer(fn: string, trigger: string) {
      return cloud.emu.control<{ result?: Reply }>('/timers/run', { name: fn, trigger })
    },
    async agree(openid: string, policy = POLICY_3) {
      expect(await cloud.call('consent', openid, { action: 'record', request: decision({ policy }) })).toMatchObject({ ok: true })
    },
    rid: () => `chk-${process.pid}-${++n}`,
  } as Cloud
  beforeAll(async () => {
    cloud.emu = await startEmulator({ env: opts.env ?? {} })
  })
  beforeEach(() => freshCloud(cloud.emu, [...(opts.versions ?? POLICY_VERSIONS)]))
  afterAll(async () => {
    await cloud.emu?.stop()
    if (cloud.emu) removeDataDir(cloud.emu.dataDir)
  })
  return cloud
}

/** Every collection the functions use (cloudfunctions/collections.json). */
export function allCollections(): string[] {
  return (JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions', 'collections.json'), 'utf8')) as { collections: string[] }).collections
}

/** The cooling-off of the user's cancellation ends now, as if 7 days passed. */
export async function endCoolingOff(requestId: string): Promise<void> {
  await settled(database().collection('rights_requests').doc(requestId).update({ data: { coolingOffEndsAt: new Date(Date.now() - 1000).toISOString() } }))
}

/** Requests cancellation as `openid`, lets the cooling-off end, has ops approve and the scheduler delete. */
export async function cancelAccount(c: Cloud, openid: string): Promise<string> {
  const req = await c.call('account', openid, { action: 'requestCancellation', clientRequestId: c.rid(), notify: false })
  expect(req).toMatchObject({ ok: true })
  const id = req.data.requestId as string
  await endCoolingOff(id)
  await c.timer('account', 'runCancellations')
  expect(await c.ops({ action: 'approve', requestId: id })).toMatchObject({ ok: true })
  await c.timer('account', 'runCancellations')
  expect((await c.call('account', openid, { action: 'cancellationStatus' }))).toEqual({ ok: true, data: {} })
  return id
}

/** Source text of a repository file. */
export function repoText(relative: string): string {
  return readFileSync(path.join(ROOT, relative), 'utf8')
}
