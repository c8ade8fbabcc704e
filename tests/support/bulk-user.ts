import { createHash } from 'node:crypto'
import { database, settled, uploadFile, wx } from '../../cloudfunctions/_shared/adapters/wx'
import { avatarPath } from '../../cloudfunctions/_shared/repositories/profiles'
import { exportPath } from '../../cloudfunctions/_shared/repositories/exports'
import { PRODUCTS } from '../../src/content/products'
import { STORES } from '../../src/content/stores'
import { chineseWorkdayCalendar } from '../../src/domain/calendar'
import { newCancellation } from '../../src/domain/cancellation/cancellation'
import { applyRequestEvent } from '../../src/domain/requests/rights-request'
import type { ConsentEvent } from '../../src/domain/consent/consent-event'
import { eventIdFor, headOf, nextEvent } from '../../src/domain/consent/consent-ledger'
import { applyEvent, type ConsentView } from '../../src/domain/consent/consent-state'
import { subjectPseudonym } from '../../src/domain/consent/pseudonym'
import { placeOrder } from '../../src/domain/orders/order'
import { LOCATION, POLICY_1, decision } from './consent'
import type { RunningEmulator } from './emulator'

/**
 * One user with a lot of data, built with the domain's own code and seeded straight into the emulator
 * (the real functions would take minutes to make it): for the export and cancellation benches and the
 * crash test. Call `freshCloud` first (it points the SDK in this process at the emulator).
 */
const SALT = 'ab'.repeat(16)

/** A valid chain of `n` decisions (policy grant first, then location grant/withdraw pairs). */
export function consentChain(openid: string, n: number): { events: ConsentEvent[]; consents: ConsentView } {
  const subject = subjectPseudonym(openid, SALT)
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
export function orderRows(openid: string, n: number): unknown[] {
  const contact = { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '示例路 1 号' }
  return Array.from({ length: n }, (_, i) => {
    const { id, placedAt, ...rest } = placeOrder({
      id: `bulk-order-${openid}-${i}`,
      storeId: STORES[i % STORES.length]!.id,
      lines: [{ productId: PRODUCTS[i % PRODUCTS.length]!.id, quantity: 1 + (i % 3) }],
      contact,
      now: new Date(Date.parse('2026-02-01T00:00:00Z') + i * 3_600_000),
      products: PRODUCTS,
      stores: STORES,
    })
    return { _id: id, openid, ...rest, placedAt: { $date: placedAt } }
  })
}

export interface BulkUser {
  events: number
  orders: number
  contacts: number
  /** Files in storage: the avatar plus `files - 1` export archives, each with its record. */
  files: number
  /** Bytes of the avatar (a JPEG frame around random bytes, so it does not deflate); 1 KB by default. */
  avatarBytes?: number
}

/** Seeds `openid`'s chain, salt, head, orders, contacts, profile and files. */
export async function seedBulkUser(emu: RunningEmulator, openid: string, size: BulkUser): Promise<void> {
  const { events, consents } = consentChain(openid, size.events)
  const last = events[events.length - 1]!
  const at = { $date: '2026-01-03T00:00:00.000Z' }
  const avatarBytes = size.avatarBytes ?? 1024
  const avatar = new Uint8Array(avatarBytes).map((_, i) => (i * 2654435761) >>> 24)
  avatar.set([0xff, 0xd8, 0xff, 0xe0], 0)
  avatar.set([0xff, 0xd9], avatarBytes - 2)
  const avatarFileID = await uploadFile(avatarPath(openid), avatar)
  const archives = await Promise.all(
    Array.from({ length: Math.max(0, size.files - 1) }, async (_, i) => {
      const requestId = `bx${createHash('sha256').update(openid).digest('hex').slice(0, 8)}${String(i).padStart(10, '0')}`
      const fileID = await uploadFile(exportPath(openid, requestId), new TextEncoder().encode(`archive ${i}`))
      return { _id: requestId, openid, fileID, sha256: '0'.repeat(64), size: 10, createdAt: { $date: new Date().toISOString() }, expiresAt: { $date: new Date(Date.now() + 7 * 86_400_000).toISOString() } }
    }),
  )
  const contacts = Array.from({ length: size.contacts }, (_, i) => ({ id: `bulk-contact-${i}`, name: '张三', mobile: '13812345678', regionId: '310115', addressLine: `示例路 ${i + 1} 号`, isDefault: i === 0, createdAt: '2026-01-03T00:00:00.000Z', updatedAt: '2026-01-03T00:00:00.000Z' }))
  await emu.control('/seed', {
    collections: {
      consent_salts: [{ _id: openid, salt: SALT, createdAt: at }],
      consent_events: events.map((e) => ({ _id: e.eventId, ...e })),
      consent_heads: [{ _id: last.subject, subject: last.subject, seq: last.seq, hash: last.hash, consents: Object.values(consents), updatedAt: last.serverTime }],
      orders: orderRows(openid, size.orders),
      contacts: [{ _id: openid, openid, contacts, applied: [], updatedAt: at }],
      profiles: [{ _id: openid, appid: 'wx_local_app', firstSeenAt: at, nickname: '小明', nicknameSetAt: at, avatar: { fileID: avatarFileID, sha256: '0'.repeat(64), size: avatarBytes, updatedAt: at } }],
      exports: archives,
    },
  })
}

/** A cancellation of `openid` as ops left it: cooling-off over, approved (`processing`), not yet started. */
export function approvedCancellationRow(openid: string, id: string, filedAt: Date): Record<string, unknown> {
  const calendar = chineseWorkdayCalendar()
  const { request, coolingOffEndsAt } = newCancellation({ id, now: filedAt, calendar, coolingOffDays: 7 })
  const after = new Date(Date.parse(coolingOffEndsAt))
  const approved = applyRequestEvent(applyRequestEvent(request, 'cooling-off-ended', { now: after, by: 'system' }), 'accept', { now: after, by: 'ops' })
  const { id: _id, ...rest } = approved
  return { _id: id, openid, ...rest, coolingOffEndsAt, notify: false, certificateId: `cert${id}`.slice(0, 20).padEnd(20, 'x') }
}

/** Every row still keyed by `openid` and whether each of its files is still in storage. */
export async function leftOf(openid: string, fileIDs: readonly string[]): Promise<{ rows: number; files: number }> {
  const db = database()
  let rows = 0
  for (const c of ['profiles', 'contacts', 'consent_salts']) rows += (await settled(db.collection(c).where({ _id: openid }).count())).total
  for (const c of ['corrections', 'exports', 'orders', 'rights_requests']) rows += (await settled(db.collection(c).where({ openid }).count())).total
  let files = 0
  for (let i = 0; i < fileIDs.length; i += 50) {
    const { fileList } = await settled(wx().getTempFileURL({ fileList: fileIDs.slice(i, i + 50).map((fileID) => ({ fileID, maxAge: 60 })) }))
    files += fileList.filter((f: { status: number }) => f.status === 0).length
  }
  return { rows, files }
}

/** The fileIDs `seedBulkUser` stored for `openid`. */
export async function filesOf(openid: string): Promise<string[]> {
  const db = database()
  const [profile] = (await settled(db.collection('profiles').where({ _id: openid }).get())).data as Array<{ avatar?: { fileID: string } }>
  const archives = (await settled(db.collection('exports').where({ openid }).limit(1000).get())).data as Array<{ fileID: string }>
  return [...(profile?.avatar ? [profile.avatar.fileID] : []), ...archives.map((a) => a.fileID)]
}
