import { readFileSync } from 'node:fs'
import path from 'node:path'
import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import type { AccountRequest } from '../../src/contracts/account'
import { type CertificationRequest, certificationRequest } from '../../src/contracts/certification'
import { PHOTO_SLOTS, validateCertification } from '../../src/domain/certification/certification-form'
import { CERT_ENV, fictionalId, fictionalUscc, tinyJpeg, validCertFields } from '../support/certification'
import type { OrdersRequest } from '../../src/contracts/orders'
import { CORRECTABLE_BY_REQUEST, DELETABLE_CATEGORIES, type ExportRequest, type PersonalRequest } from '../../src/contracts/personal'
import { CONTACT_KINDS, validateDeletionDetail, validateMessage } from '../../src/domain/requests/request-input'
import { DELETION_TRIGGERS } from '../../src/domain/requests/rights-request'
import { POLICY_2026_3, POLICY_VERSIONS } from '../../src/content'
import { PRODUCTS } from '../../src/content/products'
import { contentHash } from '../../src/domain/policy/policy-hash'
import { STORES } from '../../src/content/stores'
import { ERROR_CODES } from '../../src/domain/common/errors'
import { orderLinesSchema } from '../../src/domain/orders/order'
import { AVATAR_BASE64_MAX, decodeAvatar } from '../../src/domain/personal/avatar'
import { validateContact, validateNickname } from '../../src/domain/personal/personal-schemas'
import { ROOT, removeDataDir, startEmulator, type RunningEmulator } from '../support/emulator'
import { decision, freshCloud, type Invoked, invoker, user } from '../support/consent'

/**
 * Seeded fuzzing of the built `personal`, `orders`, `account` (cancellation) and `certification` functions (npm run build:cloud) through the
 * emulator's /invoke, as a signed-in user who agreed to the policy. Every reply must be a coded
 * `{ ok, … }` (never COMMON.INTERNAL, never a runner error), must not carry another user's data, and
 * nothing may change: write actions only ever get payloads that are invalid by construction (at least
 * one field is wrong, checked against the very rule that refuses it), so only reads may answer ok.
 */

// ── A deterministic PRNG (mulberry32) and a few helpers on top of it.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Rng {
  int(n: number): number
  chance(p: number): boolean
  pick<T>(xs: readonly T[]): T
}

function rngOf(seed: number): Rng {
  const next = mulberry32(seed)
  return {
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
  }
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
const word = (r: Rng, min: number, max: number) => Array.from({ length: min + r.int(max - min + 1) }, () => r.pick([...ALNUM])).join('')
/** What the function receives: the event goes through JSON on its way (NaN → null, undefined dropped). */
const wire = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)))
/** Sets an own, enumerable key, `__proto__` included (an assignment would set the prototype instead). */
const put = (o: Record<string, unknown>, key: string, value: unknown) => Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true })

const POLICY_3 = { version: POLICY_2026_3.version, hash: contentHash(POLICY_2026_3) }

/** The smallest well-formed JPEG frame markers: SOI, an APP0 stub, EOI. */
const TINY_JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02, 0xff, 0xd9]).toString('base64')

// ── Hostile values.
const KB10 = 'x'.repeat(10 * 1024)
const CONTROL = '\u0000\u0001\u0007\b\t\n\r\u000b\f\u001b[31m\u007f\u0085\u009f\u2028\u2029\u202a\u202e\u2066\u2069\ufeff\ud800'
const STRINGS: readonly string[] = [
  '', ' ', ' \t\n ', KB10, '中'.repeat(3500), '😀'.repeat(2600), CONTROL, `abc${CONTROL}def`, '\u202eevil\u202c', '\u0000'.repeat(12),
  'NaN', '-NaN', 'Infinity', '-Infinity', '1e309', '-0', '0x1F', '1_000', 'null', 'undefined', 'true', '[]', '{}', '[object Object]',
  '../../etc/passwd', '<script>alert(1)</script>', "' OR '1'='1", '$ne', '{"$ne":null}', '__proto__', 'constructor', 'toString', 'a', 'aaaaaaaa',
]
const NUMBERS: readonly number[] = [0, -0, -1, 1, 1.5, -2.5, 0.1, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 31, -(2 ** 31), NaN, Infinity, -Infinity]
const OPERATORS: ReadonlyArray<() => unknown> = [
  () => ({ $ne: null }),
  () => ({ $gt: '' }),
  () => ({ $gte: 0 }),
  () => ({ $regex: '.*' }),
  () => ({ $in: ['a', 'b'] }),
  () => ({ $nin: [] }),
  () => ({ $exists: true }),
  () => ({ $where: 'return true' }),
  () => ({ $or: [{}, { a: 1 }] }),
  () => ({ $elemMatch: {} }),
  () => ({ $eq: { $ne: null } }),
]
const PROTO: ReadonlyArray<() => unknown> = [
  () => JSON.parse('{"__proto__":{"polluted":true,"action":"inventory"}}'),
  () => JSON.parse('{"__proto__":null}'),
  () => JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  () => ({ prototype: { polluted: true } }),
  () => JSON.parse('{"__proto__":{"toString":"x","valueOf":1}}'),
]

interface Known {
  /** Well-formed ids that belong to someone else, or to the caller. */
  ids: readonly string[]
}

function junk(r: Rng, known: Known, depth = 0): unknown {
  const roll = r.int(depth > 2 ? 6 : 9)
  switch (roll) {
    case 0:
      return r.pick([null, true, false, undefined])
    case 1:
    case 2:
      return r.pick(STRINGS)
    case 3:
      return r.pick(NUMBERS)
    case 4:
      return r.pick(OPERATORS)()
    case 5:
      return r.pick(known.ids)
    case 6:
      return r.pick(PROTO)()
    case 7: {
      const n = r.int(4)
      return r.chance(0.1) ? Array.from({ length: 1000 }, (_, i) => i) : Array.from({ length: n }, () => junk(r, known, depth + 1))
    }
    default: {
      if (r.chance(0.1)) {
        // Deeply nested.
        let v: unknown = 'bottom'
        for (let i = 0; i < 100; i++) v = r.chance(0.5) ? [v] : { a: v }
        return v
      }
      const o: Record<string, unknown> = {}
      for (let i = r.int(4); i > 0; i--) put(o, r.pick(['a', 'action', '$ne', '__proto__', 'constructor', word(r, 1, 8)]), junk(r, known, depth + 1))
      return o
    }
  }
}

/** Draws until `bad` holds for the value as it arrives on the wire. */
function drawBad(draw: () => unknown, bad: (onWire: unknown) => boolean, fallback: unknown): unknown {
  for (let i = 0; i < 30; i++) {
    const v = draw()
    if (bad(wire(v))) return v
  }
  return fallback
}

// ── What each action takes: a valid value and an invalid one per field.
interface Field {
  valid(r: Rng): unknown
  /** A value that makes the whole request fail (checked with the rule that refuses it). */
  invalid(r: Rng): unknown
  /** The request is valid without it: a broken payload always carries its invalid value, never drops it. */
  optional?: true
}
interface ActionSpec {
  write: boolean
  fields: Record<string, Field>
}

const CRID = /^[A-Za-z0-9_-]{8,64}$/
function clientRequestIdField(known: Known): Field {
  const bad = ['short', '', 'x'.repeat(65), 'has space 1234', 'has/slash-12345', '中文请求编号一二三四五', 'abcdefgh\u0000', 'abcdefgh\n', 'abcdefgh.', 'abc', 'NaN', 'Infinity!', KB10]
  return {
    valid: (r) => `fz${word(r, 6, 40)}`,
    invalid: (r) => drawBad(() => (r.chance(0.5) ? r.pick(bad) : junk(r, known)), (v) => typeof v !== 'string' || !CRID.test(v), null),
  }
}

function personalSpec(known: Known, ownContactId: string, otherMobile: string): Record<PersonalRequest['action'], ActionSpec> {
  const crid = clientRequestIdField(known)
  const names = ['张三', '李四', 'Ann Lee', '王<b>五']
  const goodContact = (r: Rng): Record<string, unknown> => ({
    name: r.pick(names),
    mobile: r.chance(0.2) ? otherMobile : `1${r.pick([3, 5, 7, 8, 9])}${String(100000000 + r.int(899999999))}`,
    regionId: r.pick(['310115', '330106']),
    addressLine: r.pick(['示例路 88 弄 8 号', '样例街 12 号 3 室', '1 Example Road, Flat 2']),
    ...(r.chance(0.3) ? { isDefault: r.chance(0.5) } : {}),
  })
  const badPart: Record<string, readonly unknown[]> = {
    name: ['', '   ', '12345', '１２３', 'a'.repeat(21), '名\n字', '\u202e名字', KB10, 42, null, ['张三'], { $ne: null }],
    mobile: ['12345678901', '1381234567', '+8613812345678', '138 1234 5678', '138-1234-5678', '２３８１２３４５６７８', 13812345678, '', null, { $regex: '.*' }, KB10],
    regionId: ['999999', '310000', '310100', '', ' 310115', 310115, null, { $in: ['310115'] }, KB10],
    addressLine: ['', 'abcd', '    abcd    ', 'a'.repeat(101), '示例路\n88 号', '示例路\u2028 88 号', `示例路 ${CONTROL}`, KB10, 12345, null, ['示例路 88 弄 8 号']],
    isDefault: ['true', 1, 0, null, 'yes', { $ne: false }, []],
  }
  const contact: Field = {
    valid: goodContact,
    invalid: (r) =>
      drawBad(
        () => {
          if (r.chance(0.15)) return junk(r, known)
          const c = goodContact(r)
          for (let i = 1 + r.int(2); i > 0; i--) {
            const key = r.pick(Object.keys(badPart))
            if (r.chance(0.15) && key !== 'isDefault') delete c[key]
            else put(c, key, r.chance(0.8) ? r.pick(badPart[key]!) : junk(r, known))
          }
          if (r.chance(0.2)) put(c, r.pick(['__proto__', 'constructor', 'id', 'openid', 'createdAt']), junk(r, known))
          return c
        },
        (v) => !validateContact(v).ok,
        {},
      ),
  }
  /** For writes, any id but the caller's own contact fails: malformed (refused) or not in the caller's book (not found). */
  const writeRecordId: Field = {
    valid: () => ownContactId,
    invalid: (r) => drawBad(() => (r.chance(0.4) ? r.pick(known.ids) : r.chance(0.4) ? word(r, 1, 70) : junk(r, known)), (v) => v !== ownContactId, 'not-a-contact'),
  }
  const anyRecordId: Field = { valid: () => ownContactId, invalid: (r) => (r.chance(0.5) ? r.pick(known.ids) : junk(r, known)) }
  const category: Field = {
    valid: (r) => r.pick(CORRECTABLE_BY_REQUEST),
    invalid: (r) =>
      drawBad(
        () => (r.chance(0.5) ? r.pick(['delivery-contact', 'precise-location', 'ORDER-RECORDS', ' order-records', 'order-records\u0000', 'data-export', '']) : junk(r, known)),
        (v) => !(CORRECTABLE_BY_REQUEST as readonly unknown[]).includes(v),
        'delivery-contact',
      ),
  }
  const reason: Field = {
    valid: (r) => r.pick(['订单金额记录有误', 'the total of my order is wrong', '金额 <script>alert(1)</script> 不对']),
    invalid: (r) =>
      drawBad(
        () => (r.chance(0.5) ? r.pick(['', '    ', 'abcd', '  ab  ', '\n\n不对\n\n', 'x'.repeat(201), ` ${'y'.repeat(201)} `, KB10]) : junk(r, known)),
        (v) => typeof v !== 'string' || v.trim().length < 5 || v.trim().length > 200,
        '',
      ),
  }
  const nickname: Field = {
    valid: (r) => r.pick(['小明', 'Mingming', '🍵 茶友']),
    invalid: (r) => drawBad(() => (r.chance(0.5) ? r.pick(['', '   ', 'x'.repeat(21), '换\n行', '\u202eevil', 42, null]) : junk(r, known)), (v) => !validateNickname(v).ok, ''),
  }
  const image: Field = {
    valid: () => TINY_JPEG,
    invalid: (r) =>
      drawBad(
        () => (r.chance(0.5) ? r.pick([Buffer.from('GIF89a-not-a-jpeg').toString('base64'), 'not base64!', TINY_JPEG.slice(0, -4), 'A'.repeat(AVATAR_BASE64_MAX + 4), '']) : junk(r, known)),
        (v) => {
          if (typeof v !== 'string') return true
          try {
            decodeAvatar(v)
            return false
          } catch {
            return true
          }
        },
        '',
      ),
  }
  const trigger: Field = {
    valid: (r) => r.pick(DELETION_TRIGGERS),
    invalid: (r) => drawBad(() => (r.chance(0.5) ? r.pick(['', 'Unlawful', 'unlawful ', 'consent_withdrawn', 'purpose', 'other\u0000']) : junk(r, known)), (v) => !(DELETION_TRIGGERS as readonly unknown[]).includes(v), ''),
  }
  const deletionDetail: Field = {
    optional: true,
    valid: (r) => r.pick([undefined, '', '不再使用本服务', 'please delete <b>it</b>']),
    invalid: (r) => drawBad(() => (r.chance(0.5) ? r.pick(['x'.repeat(201), '换\n行', '\u202eevil', `a${CONTROL}`, KB10]) : junk(r, known)), (v) => v !== undefined && !validateDeletionDetail(v).ok, 'x'.repeat(201)),
  }
  const deletionCategories: Field = {
    optional: true,
    valid: (r) => r.pick([undefined, ['delivery-contact'], ['profile', 'precise-location']]),
    invalid: (r) =>
      drawBad(
        () => (r.chance(0.5) ? r.pick([[], ['no-such-category'], ['Delivery-Contact'], 'delivery-contact', [42], Array.from({ length: 100 }, () => 'profile')]) : junk(r, known)),
        (v) => v !== undefined && !(Array.isArray(v) && v.length >= 1 && v.length <= DELETABLE_CATEGORIES.length && v.every((c) => DELETABLE_CATEGORIES.includes(c as string))),
        [],
      ),
  }
  const contactKind: Field = {
    valid: (r) => r.pick(CONTACT_KINDS),
    invalid: (r) => drawBad(() => (r.chance(0.5) ? r.pick(['', 'Question', 'complain', 'inquiry', 'deletion', 'question ']) : junk(r, known)), (v) => !(CONTACT_KINDS as readonly unknown[]).includes(v), ''),
  }
  const message: Field = {
    valid: (r) => r.pick(['你们如何保存我的收货地址？', '我投诉：未经同意发送营销短信 <script>', 'How long do you keep my orders?\nThanks.']),
    invalid: (r) => drawBad(() => (r.chance(0.5) ? r.pick(['', '    ', 'abcd', ' 两个字 ', 'x'.repeat(501), `问题 ${CONTROL} 问题`, '问题\u0000问题', '\u202e问题问题', KB10, 12345, null]) : junk(r, known)), (v) => !validateMessage(v).ok, ''),
  }
  const revealCategory: Field = { valid: () => 'delivery-contact', invalid: (r) => (r.chance(0.3) ? r.pick(['order-records', 'wechat-openid', 'DELIVERY-CONTACT']) : junk(r, known)) }
  return {
    inventory: { write: false, fields: {} },
    profile: { write: false, fields: {} },
    setNickname: { write: true, fields: { clientRequestId: crid, nickname } },
    setAvatar: { write: true, fields: { clientRequestId: crid, image } },
    removeAvatar: { write: true, fields: { clientRequestId: crid } },
    reveal: { write: false, fields: { category: revealCategory, recordId: anyRecordId } },
    addContact: { write: true, fields: { clientRequestId: crid, contact } },
    updateContact: { write: true, fields: { clientRequestId: crid, recordId: writeRecordId, contact } },
    deleteContact: { write: true, fields: { clientRequestId: crid, recordId: writeRecordId } },
    setDefaultContact: { write: true, fields: { clientRequestId: crid, recordId: writeRecordId } },
    requestCorrection: { write: true, fields: { clientRequestId: crid, category, reason } },
    requests: { write: false, fields: {} },
    requestDeletion: { write: true, fields: { clientRequestId: crid, reason: trigger, detail: deletionDetail, categories: deletionCategories } },
    sendMessage: { write: true, fields: { clientRequestId: crid, kind: contactKind, message } },
  }
}

/** The export function: a request with a broken id is the only write; reads of any id answer only the caller's own. */
function exportSpec(known: Known): Record<ExportRequest['action'], ActionSpec> {
  const requestId: Field = { valid: (r) => word(r, 20, 20), invalid: (r) => (r.chance(0.3) ? word(r, 18, 22) : junk(r, known)) }
  return {
    requestExport: { write: true, fields: { clientRequestId: clientRequestIdField(known) } },
    exportStatus: { write: false, fields: { requestId } },
    exportUrl: { write: false, fields: { requestId } },
  }
}

/**
 * The account function's cancellation actions. `me` is left out: it counts a visit, so it writes on
 * every call (its identity rules are held by tests/contract/account.test.ts).
 */
function accountSpec(known: Known, theirRequest: string): Record<Exclude<AccountRequest['action'], 'me'>, ActionSpec> {
  const id20 = (r: Rng) => word(r, 20, 20)
  return {
    cancellationPreview: { write: false, fields: {} },
    cancellationStatus: { write: false, fields: {} },
    requestCancellation: {
      write: true,
      fields: {
        clientRequestId: clientRequestIdField(known),
        notify: { valid: (r) => r.chance(0.5), invalid: (r) => drawBad(() => (r.chance(0.5) ? r.pick(['true', 1, 0, null, 'yes']) : junk(r, known)), (v) => typeof v !== 'boolean', 'true') },
      },
    },
    // Never the caller's own request (there is none): another user's id, or a malformed one.
    undoCancellation: { write: true, fields: { requestId: { valid: () => theirRequest, invalid: (r) => (r.chance(0.4) ? theirRequest : r.chance(0.5) ? id20(r) : junk(r, known)) } } },
    subscribeCancellation: { write: true, fields: { requestId: { valid: () => theirRequest, invalid: (r) => (r.chance(0.4) ? theirRequest : r.chance(0.5) ? id20(r) : junk(r, known)) } } },
    certificate: { write: false, fields: { certificateId: { valid: id20, invalid: (r) => (r.chance(0.3) ? word(r, 18, 22) : junk(r, known)) } } },
  }
}

/**
 * The certification function. The caller has the separate consent, so writes reach the field checks;
 * a write is invalid by construction: a form some field of which the shared validator refuses, a photo
 * that is not a JPEG, a slot that does not exist; `withdraw` has only its request id, always broken.
 */
function certificationSpec(known: Known): Record<CertificationRequest['action'], ActionSpec> {
  const crid = clientRequestIdField(known)
  const today = new Date().toISOString().slice(0, 10)
  const good = validCertFields()
  const formOk = (v: unknown) => {
    const parsed = certificationRequest.safeParse({ action: 'saveDraft', clientRequestId: 'abcdefgh', fields: v })
    return parsed.success && validateCertification(v, { complete: false, today }).ok
  }
  const wrongs: Record<string, readonly unknown[]> = {
    legalName: ['123456', '', ' ', KB10, CONTROL, 42, null, ['张三'], { $ne: null }],
    mobile: ['12345678901', '1391234567', '139123456789', '+8613912345678', '139-1234-5678', 13912345678, { $regex: '.*' }],
    idNumber: [`${fictionalId().slice(0, 17)}${fictionalId()[17] === '0' ? '1' : '0'}`, fictionalId('20991231'), fictionalId('19900230'), '11010519900307123', 'X10105199003071234', 110105199003071230],
    uscc: [`${fictionalUscc().slice(0, 17)}${fictionalUscc()[17] === '0' ? '1' : '0'}`, 'I1310115MA1K4ABC0X', '91310115MA1K4ABC', 913101150000000000],
    storeName: [KB10.slice(0, 41), CONTROL, 7],
    storeAddress: ['短', KB10.slice(0, 101), `${CONTROL}示例路`],
    storeId: ['no-such-store', 'SH-JINGAN', '', 0],
  }
  const fields: Field = {
    valid: (r) => Object.fromEntries(Object.entries(good).filter(() => r.chance(0.6))),
    invalid: (r) =>
      drawBad(
        () => {
          if (r.chance(0.2)) return junk(r, known)
          const name = r.pick(Object.keys(wrongs))
          return { ...Object.fromEntries(Object.entries(good).filter(() => r.chance(0.5))), [name]: r.pick(wrongs[name]!), ...(r.chance(0.1) ? { openid: r.pick(known.ids) } : {}) }
        },
        (v) => !formOk(v),
        { idNumber: '000' },
      ),
  }
  const slot: Field = { valid: (r) => r.pick(PHOTO_SLOTS), invalid: (r) => drawBad(() => (r.chance(0.5) ? r.pick(['../avatars', 'IDFRONT', 'front', '', 'licence ', 'avatar']) : junk(r, known)), (v) => !(PHOTO_SLOTS as readonly unknown[]).includes(v), 'x') }
  const notJpeg = [Buffer.from('GIF89a tiny').toString('base64'), 'not base64!!', '', tinyJpeg(1, 500 * 1024 + 4), `${tinyJpeg(1)}=`, Buffer.from([0xff, 0xd8, 0xff]).toString('base64')]
  const image: Field = { valid: () => tinyJpeg(5), invalid: (r) => (r.chance(0.7) ? r.pick(notJpeg) : drawBad(() => junk(r, known), (v) => typeof v !== 'string', 42)) }
  return {
    status: { write: false, fields: {} },
    saveDraft: { write: true, fields: { clientRequestId: crid, fields } },
    setPhoto: { write: true, fields: { clientRequestId: crid, slot, image } },
    submit: { write: true, fields: { clientRequestId: crid, fields } },
    withdraw: { write: true, fields: { clientRequestId: crid } },
  }
}

function ordersSpec(known: Known): Record<OrdersRequest['action'], ActionSpec> {
  const storeIds = STORES.map((s) => s.id)
  const productIds = PRODUCTS.map((p) => p.id)
  const goodLines = (r: Rng) => {
    const ids = [...productIds]
    for (let i = ids.length - 1; i > 0; i--) {
      const j = r.int(i + 1)
      ;[ids[i], ids[j]] = [ids[j]!, ids[i]!]
    }
    return ids.slice(0, 1 + r.int(ids.length)).map((productId) => ({ productId, quantity: 1 + r.int(9) }))
  }
  const badQuantity = [0, 10, 1.5, -1, '2', null, 1e21, NaN, Infinity, { $gt: 0 }, [1]]
  const badProduct = ['caviar-tin', 'tea-set', 'Coffee Beans', 'COFFEE-BEANS', 'coffee-beans ', 'coffee_beans', 'x', '', 42, null, { $ne: null }, KB10]
  const lines: Field = {
    valid: goodLines,
    invalid: (r) =>
      drawBad(
        () => {
          switch (r.int(7)) {
            case 0:
              return junk(r, known)
            case 1:
              return r.pick([[], 'coffee-beans', { productId: 'coffee-beans', quantity: 1 }, productIds.map((productId) => ({ productId, quantity: 1 })).concat([{ productId: 'tea-set', quantity: 1 }, { productId: 'gift-box', quantity: 1 }])])
            case 2: {
              const l = goodLines(r)
              return [...l, { ...l[0]!, quantity: 1 }]
            }
            case 3: {
              // Well-formed, but not in the catalogue.
              const l = goodLines(r)
              l[r.int(l.length)]!.productId = r.pick(['caviar-tin', 'tea-set', 'gift-box', 'coffee-beans-2', 'zz'])
              return l
            }
            default: {
              const l: Array<Record<string, unknown>> = goodLines(r)
              const line = r.pick(l)
              const what = r.int(4)
              if (what === 0) put(line, 'quantity', r.pick(badQuantity))
              else if (what === 1) put(line, 'productId', r.pick(badProduct))
              else if (what === 2) put(line, r.pick(['unitPriceFen', 'totalFen', 'price', '__proto__', 'constructor', 'name']), r.chance(0.5) ? 1 : junk(r, known))
              else delete line[r.pick(['productId', 'quantity'])]
              return l
            }
          }
        },
        (v) => {
          const parsed = orderLinesSchema.safeParse(v)
          return !parsed.success || parsed.data.some((l) => !productIds.includes(l.productId))
        },
        [],
      ),
  }
  const storeId: Field = {
    valid: (r) => r.pick(storeIds),
    invalid: (r) =>
      drawBad(
        () => (r.chance(0.5) ? r.pick(['sh-atlantis', 'bj-nowhere', 'sh-jingan-2', 'gz-tianhe', 'SH-JINGAN', '../sh-jingan', 'x', 'sh_jingan', 'sh-jingan ', 'sh-jingan\u0000', 12, { $gt: '' }]) : junk(r, known)),
        (v) => typeof v !== 'string' || !storeIds.includes(v),
        'sh-atlantis',
      ),
  }
  return {
    products: { write: false, fields: {} },
    place: { write: true, fields: { clientRequestId: clientRequestIdField(known), storeId, lines } },
    mine: { write: false, fields: {} },
  }
}

const NON_OBJECTS: readonly unknown[] = [null, 0, -1, 1.5, 1e21, NaN, true, false, '', 'inventory', 'place', 'addContact', KB10, CONTROL, [], [{ action: 'inventory' }], [{ action: 'place' }], ['addContact', {}], [[[]]]]
const FOREIGN_ACTIONS: readonly unknown[] = [
  '', ' ', 'INVENTORY', 'Inventory', 'inventory ', ' inventory', 'inventory\u0000', 'addcontact', 'add_contact', 'addContact\n', 'place ', 'PLACE', 'mine()',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'record', 'history', 'verify', 'receipt', 'nearby', 'list', 'deleteAccount',
  'purgeExports', 'inventory', 'addContact', 'requestExport', 'place', 'mine', 'products', 'refund', 'cancel', 'admin', 'removeAll', 'undefined', 'null', 'NaN', KB10, CONTROL, null, 0, 1, true, ['inventory'], { $ne: null }, { $in: ['inventory', 'mine'] },
]
const EXTRA_KEYS = ['openid', '_openid', 'OPENID', 'userInfo', '_id', 'id', 'totalFen', 'prices', 'isAdmin', '$where', '$ne', '__proto__', 'constructor', 'prototype', 'toString', 'Type', 'TriggerName']

/** `count` payloads for one function: its every action (valid reads, invalid writes), unknown actions and non-objects. */
function payloads(seed: number, count: number, specs: Record<string, ActionSpec>, known: Known): Array<{ event: unknown; action?: string; write: boolean }> {
  const r = rngOf(seed)
  const actions = Object.keys(specs)
  const writes = actions.filter((a) => specs[a]!.write)
  const reads = actions.filter((a) => !specs[a]!.write)
  const allFields = [...new Set(actions.flatMap((a) => Object.keys(specs[a]!.fields)))]
  const extras = (e: Record<string, unknown>, own: readonly string[]) => {
    for (let i = r.chance(0.4) ? 1 + r.int(3) : 0; i > 0; i--) {
      const key = r.chance(0.8) ? r.pick(EXTRA_KEYS) : word(r, 1, 12)
      if (key !== 'action' && !own.includes(key)) put(e, key, r.chance(0.3) ? r.pick(known.ids) : junk(r, known))
    }
  }
  const out: Array<{ event: unknown; action?: string; write: boolean }> = []
  for (let i = 0; i < count; i++) {
    const roll = r.int(100)
    if (roll < 4) {
      out.push({ event: r.pick(NON_OBJECTS), write: false })
    } else if (roll < 18) {
      // Unknown actions (or none, or not a string), with any fields.
      const e: Record<string, unknown> = {}
      if (r.chance(0.9)) put(e, 'action', r.chance(0.5) ? r.pick(FOREIGN_ACTIONS) : junk(r, known))
      for (let k = r.int(4); k > 0; k--) put(e, r.pick(allFields.length ? allFields : EXTRA_KEYS), junk(r, known))
      extras(e, [])
      if (typeof wire(e) === 'object' && actions.includes((wire(e) as { action?: unknown }).action as string)) continue
      out.push({ event: e, write: false })
    } else if (roll < 70) {
      // A write action with at least one field wrong (or missing); the others valid or not.
      const action = r.pick(writes)
      const fields = specs[action]!.fields
      const names = Object.keys(fields)
      // Mostly a field past the request id, so that many payloads get past the schema to the domain's checks.
      const deeper = names.filter((n) => n !== 'clientRequestId')
      const broken = new Set([deeper.length && r.chance(0.75) ? r.pick(deeper) : r.pick(names)])
      if (r.chance(0.3)) broken.add(r.pick(names))
      const e: Record<string, unknown> = { action }
      for (const name of names) {
        if (broken.has(name)) {
          if (!r.chance(0.12) || fields[name]!.optional) put(e, name, fields[name]!.invalid(r))
        } else {
          put(e, name, r.chance(0.85) ? fields[name]!.valid(r) : r.chance(0.5) ? fields[name]!.invalid(r) : junk(r, known))
        }
      }
      extras(e, names)
      out.push({ event: e, action, write: true })
    } else {
      // A read action with its fields right, wrong, missing or extra: it may answer either way.
      const action = r.pick(reads)
      const fields = specs[action]!.fields
      const e: Record<string, unknown> = { action }
      for (const [name, f] of Object.entries(fields)) if (!r.chance(0.1)) put(e, name, r.chance(0.5) ? f.valid(r) : f.invalid(r))
      extras(e, Object.keys(fields))
      out.push({ event: e, action, write: false })
    }
  }
  return out
}

/** A short, printable form of a payload for a failure message. */
const preview = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' && x.length > 60 ? `${x.slice(0, 40)}…(${x.length} chars)` : typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)) ?? String(v)

async function inPool<T>(items: readonly T[], width: number, run: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++
        await run(items[i]!, i)
      }
    }),
  )
}

const PER_FUNCTION = 1500
const CODES = new Set<string>(ERROR_CODES)
const COLLECTIONS = (JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions', 'collections.json'), 'utf8')) as { collections: string[] }).collections

describe('fuzz: bad input gets a clear code and changes nothing', () => {
  let emu: RunningEmulator
  let personalFn: ReturnType<typeof invoker>
  let ordersFn: ReturnType<typeof invoker>
  let accountFn: ReturnType<typeof invoker>
  let certFn: ReturnType<typeof invoker>
  let exportFn: ReturnType<typeof invoker>
  let consent: ReturnType<typeof invoker>
  const ME = 'o_fuzz_main_user'
  const OTHER = 'o_fuzz_other_user'
  const MY_CONTACT = { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '示例路 88 弄 8 号' }
  const OTHER_CONTACT = { name: '李四', mobile: '13977770001', regionId: '330106', addressLine: '样例街 12 号 3 室' }
  // 2026.3 declares the profile, so the profile actions reach their checks.
  const agree = async (openid: string) => expect((await consent({ action: 'record', request: decision({ policy: POLICY_3 }) }, user(openid))).result).toMatchObject({ ok: true })
  const OTHER_NICKNAME = '隔壁的秘密昵称'
  const addContact = async (openid: string, contact: object): Promise<string> => {
    const reply = (await personalFn({ action: 'addContact', clientRequestId: `setup-contact-${openid}`, contact }, user(openid))).result
    expect(reply).toMatchObject({ ok: true })
    return reply!.data.contacts[0].id as string
  }
  const placeOrder = async (openid: string): Promise<string> => {
    const reply = (await ordersFn({ action: 'place', clientRequestId: `setup-order-${openid}`, storeId: 'sh-jingan', lines: [{ productId: 'coffee-beans', quantity: 2 }] }, user(openid))).result
    expect(reply).toMatchObject({ ok: true })
    return reply!.data.id as string
  }
  /** Every row of every collection, by `_id`. */
  const snapshot = async () =>
    Object.fromEntries(
      await Promise.all(
        COLLECTIONS.map(async (c) => {
          const rows = (await settled(database().collection(c).limit(1000).get())).data as Array<{ _id: string }>
          return [c, [...rows].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))] as const
        }),
      ),
    )

  /**
   * Sends every payload as ME; answers the problems found (empty when all is well) and a tally.
   * `secrets` are the other user's: a reply may hold one only if the payload itself did.
   */
  async function fuzz(fn: ReturnType<typeof invoker>, cases: ReturnType<typeof payloads>, readActions: readonly string[], secrets: readonly string[]) {
    const problems: Array<{ payload: string; reply: string; why: string }> = []
    const okBy: Record<string, number> = {}
    const codes: Record<string, number> = {}
    let writes = 0
    await inPool(cases, 4, async ({ event, action, write }) => {
      if (write) writes += 1
      const invoked: Invoked = await fn(event, user(ME))
      const reply = invoked.result
      const text = JSON.stringify(invoked)
      const sent = JSON.stringify(event) ?? ''
      const why: string[] = []
      if (invoked.error || !reply || typeof reply !== 'object') why.push('no result')
      else if (typeof reply.ok !== 'boolean') why.push('ok is not a boolean')
      else if (reply.ok) {
        okBy[action ?? '?'] = (okBy[action ?? '?'] ?? 0) + 1
        if (write) why.push('an invalid write succeeded')
        else if (!action || !readActions.includes(action)) why.push('ok for an unknown action or a non-object')
      } else {
        codes[String(reply.code)] = (codes[String(reply.code)] ?? 0) + 1
        if (!CODES.has(String(reply.code))) why.push('unknown code')
        if (reply.code === 'COMMON.INTERNAL') why.push('COMMON.INTERNAL')
        if (typeof reply.message !== 'string') why.push('no message')
      }
      for (const s of secrets) if (text.includes(s) && !sent.includes(s)) why.push(`reply holds ${s}`)
      if (why.length) problems.push({ payload: preview(event), reply: preview(invoked).slice(0, 600), why: why.join(', ') })
    })
    return { problems, okBy, codes, writes }
  }

  beforeAll(async () => {
    emu = await startEmulator({ env: CERT_ENV })
    personalFn = invoker(emu, 'personal')
    certFn = invoker(emu, 'certification')
    exportFn = invoker(emu, 'export')
    ordersFn = invoker(emu, 'orders')
    accountFn = invoker(emu, 'account')
    consent = invoker(emu, 'consent')
  })
  beforeEach(() => freshCloud(emu, [...POLICY_VERSIONS]))
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('personal: 1,500 seeded payloads', async () => {
    await agree(ME)
    await agree(OTHER)
    expect((await personalFn({ action: 'setNickname', clientRequestId: 'setup-nickname-other', nickname: OTHER_NICKNAME }, user(OTHER))).result).toMatchObject({ ok: true })
    const mine = await addContact(ME, MY_CONTACT)
    const theirs = await addContact(OTHER, OTHER_CONTACT)
    const known: Known = { ids: [theirs, OTHER, mine, ME, OTHER_CONTACT.mobile, 'a'.repeat(20), 'stalledNoArchive0001'] }
    const cases = payloads(0x5eed01, PER_FUNCTION, personalSpec(known, mine, OTHER_CONTACT.mobile), known)
    expect(cases.length).toBeGreaterThan(PER_FUNCTION * 0.95)
    const before = await snapshot()

    const { problems, okBy, codes, writes } = await fuzz(personalFn, cases, ['inventory', 'profile', 'reveal', 'requests'], [OTHER, OTHER_CONTACT.mobile, theirs, OTHER_NICKNAME])

    expect(problems).toEqual([])
    expect(await snapshot()).toEqual(before)
    // The fuzz reached past the schema: reads answered, writes were refused by the domain too.
    expect(writes).toBeGreaterThan(600)
    expect(okBy).toMatchObject({ inventory: expect.any(Number), reveal: expect.any(Number), requests: expect.any(Number) })
    expect(Object.keys(codes)).toEqual(expect.arrayContaining(['COMMON.INVALID_INPUT', 'COMMON.NOT_FOUND', 'PERSONAL.NAME_INVALID', 'PERSONAL.MOBILE_INVALID', 'PERSONAL.REGION_UNKNOWN', 'PERSONAL.ADDRESS_INVALID', 'REQUEST.MESSAGE_INVALID', 'REQUEST.DETAIL_INVALID']))
  }, 120_000)

  it('orders: 1,500 seeded payloads', async () => {
    await agree(ME)
    await agree(OTHER)
    const mine = await addContact(ME, MY_CONTACT)
    const theirs = await addContact(OTHER, OTHER_CONTACT)
    await placeOrder(ME)
    const theirOrder = await placeOrder(OTHER)
    const known: Known = { ids: [theirs, theirOrder, OTHER, mine, ME, OTHER_CONTACT.mobile] }
    const cases = payloads(0x5eed02, PER_FUNCTION, ordersSpec(known), known)
    expect(cases.length).toBeGreaterThan(PER_FUNCTION * 0.95)
    const before = await snapshot()

    const { problems, okBy, codes, writes } = await fuzz(ordersFn, cases, ['products', 'mine'], [OTHER, OTHER_CONTACT.mobile, theirOrder])

    expect(problems).toEqual([])
    expect(await snapshot()).toEqual(before)
    expect(writes).toBeGreaterThan(600)
    expect(okBy).toMatchObject({ products: expect.any(Number), mine: expect.any(Number) })
    expect(Object.keys(codes)).toEqual(expect.arrayContaining(['COMMON.INVALID_INPUT', 'ORDER.UNKNOWN_STORE', 'ORDER.UNKNOWN_PRODUCT']))
  }, 120_000)

  it('account (cancellation): 1,500 seeded payloads', async () => {
    await agree(ME)
    await agree(OTHER)
    const filed = (await accountFn({ action: 'requestCancellation', clientRequestId: 'setup-cancel-other', notify: false }, user(OTHER))).result
    expect(filed).toMatchObject({ ok: true })
    const theirs = filed!.data.requestId as string
    const theirCertificate = filed!.data.certificateId as string
    const known: Known = { ids: [theirs, theirCertificate, OTHER, ME, 'a'.repeat(20)] }
    const cases = payloads(0x5eed03, PER_FUNCTION, accountSpec(known, theirs), known).filter((c) => c.action !== 'me')
    expect(cases.length).toBeGreaterThan(PER_FUNCTION * 0.9)
    const before = await snapshot()

    const { problems, okBy, codes, writes } = await fuzz(accountFn, cases, ['cancellationPreview', 'cancellationStatus', 'certificate'], [OTHER, theirs, theirCertificate])

    expect(problems).toEqual([])
    expect(await snapshot()).toEqual(before)
    expect(writes).toBeGreaterThan(500)
    expect(okBy).toMatchObject({ cancellationPreview: expect.any(Number), cancellationStatus: expect.any(Number) })
    expect(Object.keys(codes)).toEqual(expect.arrayContaining(['COMMON.INVALID_INPUT', 'COMMON.NOT_FOUND']))
  }, 120_000)

  it('certification: 1,500 seeded payloads', async () => {
    const CERT_PURPOSE = { kind: 'purpose', id: 'store-certification' } as const
    for (const who of [ME, OTHER]) {
      await agree(who)
      expect((await consent({ action: 'record', request: decision({ policy: POLICY_3, target: CERT_PURPOSE, method: 'purpose-prompt' }) }, user(who))).result).toMatchObject({ ok: true })
    }
    const theirId = fictionalId('19780415', '330106', '552')
    const theirMobile = '13566667777'
    for (const slotName of PHOTO_SLOTS) expect((await certFn({ action: 'setPhoto', clientRequestId: `setup-${slotName}`, slot: slotName, image: tinyJpeg(3) }, user(OTHER))).result).toMatchObject({ ok: true })
    const submitted = (await certFn({ action: 'submit', clientRequestId: 'setup-submit', fields: validCertFields({ legalName: '隔壁王', idNumber: theirId, mobile: theirMobile }) }, user(OTHER))).result
    expect(submitted).toMatchObject({ ok: true })
    const theirRow = ((await settled(database().collection('certifications').get())).data as Array<{ _id: string }>)[0]!._id
    const known: Known = { ids: [theirRow, OTHER, ME, theirId, theirMobile, 'a'.repeat(20)] }
    const cases = payloads(0x5eed04, PER_FUNCTION, certificationSpec(known), known)
    expect(cases.length).toBeGreaterThan(PER_FUNCTION * 0.95)
    const before = await snapshot()

    const { problems, okBy, codes, writes } = await fuzz(certFn, cases, ['status'], [OTHER, theirRow, theirId, theirMobile, '隔壁王', '隔*'])

    expect(problems).toEqual([])
    expect(await snapshot()).toEqual(before)
    expect(writes).toBeGreaterThan(600)
    expect(okBy).toMatchObject({ status: expect.any(Number) })
    expect(Object.keys(codes)).toEqual(expect.arrayContaining(['COMMON.INVALID_INPUT', 'CERT.ID_NUMBER_INVALID', 'CERT.MOBILE_INVALID', 'CERT.USCC_INVALID', 'CERT.PHOTO_INVALID', 'CERT.NAME_INVALID', 'CERT.STORE_INVALID']))
  }, 120_000)

  it('export: 500 seeded payloads', async () => {
    await agree(ME)
    await agree(OTHER)
    const built = (await exportFn({ action: 'requestExport', clientRequestId: 'setup-export-other' }, user(OTHER))).result
    expect(built).toMatchObject({ ok: true })
    const theirs = built!.data.request.id as string
    const known: Known = { ids: [theirs, OTHER, ME, 'a'.repeat(20)] }
    const cases = payloads(0x5eed05, 500, exportSpec(known), known)
    const before = await snapshot()

    const { problems, okBy, codes } = await fuzz(exportFn, cases, ['exportStatus', 'exportUrl'], [OTHER, theirs])

    expect(problems).toEqual([])
    expect(await snapshot()).toEqual(before)
    expect(okBy).toEqual({})
    expect(Object.keys(codes)).toEqual(expect.arrayContaining(['COMMON.INVALID_INPUT', 'COMMON.NOT_FOUND']))
  }, 120_000)
})
