import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { uploadFile } from '../../cloudfunctions/_shared/adapters/wx'
import { avatarPath } from '../../cloudfunctions/_shared/repositories/profiles'
import { buildCloudFunctions, OUT } from '../../config/build-cloudfunctions'
import { PRODUCTS } from '../../src/content/products'
import { STORES } from '../../src/content/stores'
import { type ConsentEvent } from '../../src/domain/consent/consent-event'
import { eventIdFor, headOf, nextEvent } from '../../src/domain/consent/consent-ledger'
import { applyEvent, type ConsentView } from '../../src/domain/consent/consent-state'
import { subjectPseudonym } from '../../src/domain/consent/pseudonym'
import { placeOrder } from '../../src/domain/orders/order'
import { LOCATION, POLICY_1, decision, freshCloud, invoker, user } from '../support/consent'
import { removeDataDir, startEmulator } from '../support/emulator'
import type { BenchSection } from './types'

const EVENTS = 10_000
const CONTACTS = 10
const ORDERS = 500
/** The budget's avatar: far over what the app uploads (64 KB), seeded straight into storage to weigh the zip. */
const AVATAR_BYTES = 2 * 1024 * 1024
const OPENID = 'o_test_user_1'
const SALT = 'ab'.repeat(16)

/** Peak resident memory of a process so far (Linux `VmHWM`), in MB. */
function peakMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'))
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024)
}

/** A valid chain of `n` decisions (policy grant first, then location grant/withdraw pairs), built with the ledger's own code. */
function chain(n: number): { events: ConsentEvent[]; consents: ConsentView } {
  const subject = subjectPseudonym(OPENID, SALT)
  const events: ConsentEvent[] = []
  let consents: ConsentView = {}
  const start = Date.parse('2026-01-02T00:00:00Z')
  for (let i = 0; i < n; i++) {
    const req = i === 0 ? decision({ policy: POLICY_1 }) : decision({ policy: POLICY_1, target: LOCATION, decision: i % 2 ? 'grant' : 'withdraw', method: i % 2 ? 'permission-dialog' : 'settings-toggle' })
    const event = nextEvent(events.length ? headOf(events[events.length - 1]!) : undefined, { ...req, subject }, { now: new Date(start + i * 60_000), eventId: eventIdFor(subject, req.clientRequestId) })
    events.push(event)
    consents = applyEvent(consents, event)
  }
  return { events, consents }
}

/** Orders built with the domain's own `placeOrder`, as stored rows. */
function orders(n: number): unknown[] {
  const contact = { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '示例路 1 号' }
  return Array.from({ length: n }, (_, i) => {
    const { id, placedAt, ...rest } = placeOrder({
      id: `bench-order-${i}`,
      storeId: STORES[i % STORES.length]!.id,
      lines: [{ productId: PRODUCTS[i % PRODUCTS.length]!.id, quantity: 1 + (i % 3) }],
      contact,
      now: new Date(Date.parse('2026-02-01T00:00:00Z') + i * 3_600_000),
      products: PRODUCTS,
      stores: STORES,
    })
    return { _id: id, openid: OPENID, ...rest, placedAt: { $date: placedAt } }
  })
}

/**
 * The export archive at scale, through the built `personal` function and the real SDK: a user with
 * 10,000 consent events, 10 contacts, 500 orders and a 2 MB avatar. Reports the time against the function's configured timeout
 * and the emulator process's peak memory (the function runs inside it).
 */
export default async function exportBench(): Promise<BenchSection> {
  await buildCloudFunctions()
  const timeoutS = (JSON.parse(readFileSync(`${OUT}/personal/config.json`, 'utf8')) as { timeout: number }).timeout
  const emu = await startEmulator({ functionsDir: OUT, durability: 'fsync' })
  try {
    await freshCloud(emu)
    const { events, consents } = chain(EVENTS)
    const last = events[events.length - 1]!
    await emu.control('/seed', {
      collections: {
        consent_salts: [{ _id: OPENID, salt: SALT, createdAt: { $date: '2026-01-02T00:00:00.000Z' } }],
        consent_events: events.map((e) => ({ _id: e.eventId, ...e })),
        consent_heads: [{ _id: last.subject, subject: last.subject, seq: last.seq, hash: last.hash, consents: Object.values(consents), updatedAt: last.serverTime }],
        orders: orders(ORDERS),
      },
    })
    const avatar = new Uint8Array(AVATAR_BYTES).map((_, i) => (i * 2654435761) >>> 24)
    avatar.set([0xff, 0xd8, 0xff, 0xe0], 0)
    avatar.set([0xff, 0xd9], AVATAR_BYTES - 2)
    const fileID = await uploadFile(avatarPath(OPENID), avatar)
    const sha256 = createHash('sha256').update(avatar).digest('hex')
    await emu.control('/seed', {
      collections: {
        profiles: [{ _id: OPENID, appid: 'wx_local_app', visits: 1, firstSeenAt: { $date: '2026-01-02T00:00:00.000Z' }, lastSeenAt: { $date: '2026-01-02T00:00:00.000Z' }, avatar: { fileID, sha256, size: AVATAR_BYTES, updatedAt: { $date: '2026-01-03T00:00:00.000Z' } } }],
      },
    })
    const personal = invoker(emu, 'personal')
    for (let i = 0; i < CONTACTS; i++) {
      const r = await personal({ action: 'addContact', clientRequestId: `bench-contact-${i}`, contact: { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: `示例路 ${i + 1} 号` } }, user(OPENID))
      if (!r.result?.ok) throw new Error(`seeding contacts failed: ${JSON.stringify(r)}`)
    }
    const before = peakMb(emu.child.pid!)
    const t0 = performance.now()
    const reply = await personal({ action: 'requestExport', clientRequestId: 'bench-export-1' }, user(OPENID))
    const ms = performance.now() - t0
    if (!reply.result?.ok) throw new Error(`export failed: ${JSON.stringify(reply)}`)
    const archive = reply.result.data.archive as { size: number; status: string }
    const after = peakMb(emu.child.pid!)
    return {
      title: 'Export archive at scale (real SDK in the built function, emulator)',
      rows: [
        {
          user: `${EVENTS.toLocaleString('en')} consent events, ${CONTACTS} contacts, ${ORDERS} orders, a ${AVATAR_BYTES / 1024 / 1024} MB avatar`,
          'build time': `${(ms / 1000).toFixed(1)} s`,
          'function timeout': `${timeoutS} s`,
          'zip size': `${(archive.size / 1024).toFixed(0)} KB`,
          'emulator peak RSS': `${before} MB before, ${after} MB after`,
          result: ms < timeoutS * 1000 ? 'within the timeout' : 'OVER the timeout',
        },
      ],
      notes: [
        `One ${EVENTS.toLocaleString('en')}-event chain and ${ORDERS} orders built with the domain's own code and seeded, then one \`requestExport\`, which reads every event (1,000 per round trip), writes one receipt per event into the zip as the zip reaches it, uploads, and records the metadata.`,
        'The function runs inside the emulator process, so its peak resident memory bounds the function’s. The avatar (random bytes framed as a JPEG, so it does not deflate) is stored in the zip as it is.',
      ],
    }
  } finally {
    await emu.stop()
    removeDataDir(emu.dataDir)
  }
}
