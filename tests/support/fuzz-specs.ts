import type { AccountRequest } from '../../src/contracts/account'
import { type CertificationRequest, certificationRequest } from '../../src/contracts/certification'
import type { ConsentApiRequest } from '../../src/contracts/consent'
import { ANNOUNCEMENT_KINDS } from '../../src/domain/announcements/announcement'
import { type OpsRequest, opsRequest, REVEAL_ITEMS } from '../../src/contracts/ops'
import type { OrdersRequest } from '../../src/contracts/orders'
import { CORRECTABLE_BY_REQUEST, DELETABLE_CATEGORIES, type ExportRequest, type PersonalRequest } from '../../src/contracts/personal'
import type { StoresRequest } from '../../src/contracts/stores'
import { POLICY_2026_1, POLICY_2026_3 } from '../../src/content'
import { PRODUCTS } from '../../src/content/products'
import { STORES } from '../../src/content/stores'
import { PHOTO_SLOTS, validateCertification } from '../../src/domain/certification/certification-form'
import { orderLinesSchema } from '../../src/domain/orders/order'
import { AVATAR_BASE64_MAX, decodeAvatar } from '../../src/domain/personal/avatar'
import { validateContact, validateNickname } from '../../src/domain/personal/personal-schemas'
import { contentHash } from '../../src/domain/policy/policy-hash'
import { CONTACT_KINDS, validateDeletionDetail, validateMessage } from '../../src/domain/requests/request-input'
import { DELETION_TRIGGERS, REQUEST_STATUSES, REQUEST_TYPES } from '../../src/domain/requests/rights-request'
import { fictionalId, fictionalUscc, tinyJpeg, validCertFields } from './certification'
import { decision } from './consent'
import type { HandlerManifest } from '../../cloudfunctions/_shared/handler'
import { callablesOf, manifestOf } from './callables'
import type { RunningEmulator } from './emulator'
import { type ActionSpec, type Case, clientRequestIdField, CONTROL, drawBad, type Field, functionCases, type FunctionSpecs, junk, KB10, type Known, PER_CALLABLE, put, type Rng, runCases, schemaField, snapshot, viaFor, word } from './fuzz'

/**
 * What each function's actions take, for the fuzz suites: a valid and an invalid value per field, the
 * invalid one checked against the very rule that refuses it. A new action needs an entry here (the
 * suite fails without one; the request types make it a type error too).
 */

export const POLICY_3 = { version: POLICY_2026_3.version, hash: contentHash(POLICY_2026_3) }

/** The smallest well-formed JPEG frame markers: SOI, an APP0 stub, EOI. */
const TINY_JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02, 0xff, 0xd9]).toString('base64')

export function personalSpec(known: Known, ownContactId: string, otherMobile: string): Record<PersonalRequest['action'], ActionSpec> {
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
export function exportSpec(known: Known): Record<ExportRequest['action'], ActionSpec> {
  const requestId: Field = { valid: (r) => word(r, 20, 20), invalid: (r) => (r.chance(0.3) ? word(r, 18, 22) : junk(r, known)) }
  return {
    requestExport: { write: true, fields: { clientRequestId: clientRequestIdField(known) } },
    exportStatus: { write: false, fields: { requestId } },
    exportUrl: { write: false, fields: { requestId } },
  }
}

/** The account function. `me` creates the caller's account row on first use only: the suite calls it once before its snapshot. */
export function accountSpec(known: Known, theirRequest: string): Record<AccountRequest['action'], ActionSpec> {
  const id20 = (r: Rng) => word(r, 20, 20)
  return {
    me: { write: false, fields: {} },
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
export function certificationSpec(known: Known): Record<CertificationRequest['action'], ActionSpec> {
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

export function ordersSpec(known: Known): Record<OrdersRequest['action'], ActionSpec> {
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


/** A valid value that the domain refuses after the schema passed: a policy never published, a hash that is not the text's, a purpose no manifest declares. */
const DOMAIN_REFUSED_DECISION: ReadonlyArray<Record<string, unknown>> = [
  { policy: { version: '2099.1', hash: POLICY_3.hash } },
  { policy: { version: POLICY_3.version, hash: 'f'.repeat(64) } },
  { policy: { version: POLICY_3.version, hash: contentHash(POLICY_2026_1) } },
  { target: { kind: 'purpose', id: 'fz-undeclared-purpose' } },
]

/**
 * The consent function. The caller agreed to 2026.3 and has events; a `record` or `decide` is broken by
 * construction: a part the function's own schema refuses, or a policy or purpose the domain refuses.
 */
export function consentSpec(known: Known, schema: { safeParse(v: unknown): { success: boolean; data?: unknown } }, ownEventId: string): Record<ConsentApiRequest['action'], ActionSpec> {
  const base = (r: Rng): Record<string, unknown> => {
    const { target, decision: d, ...rest } = decision({ policy: POLICY_3, clientRequestId: `fz${word(r, 8, 30)}` })
    return { ...rest, target, decision: d }
  }
  const PARTS = ['clientRequestId', 'target', 'decision', 'policy', 'method', 'page', 'client', 'language']
  const brokenRequest = (action: 'record' | 'decide', shape: (r: Rng, request: Record<string, unknown>) => Record<string, unknown>): Field => ({
    valid: (r) => shape(r, base(r)),
    invalid: (r) =>
      drawBad(
        () => {
          const request = base(r)
          if (r.chance(0.25)) return shape(r, { ...request, ...r.pick(DOMAIN_REFUSED_DECISION) })
          if (r.chance(0.1)) return junk(r, known)
          for (let i = 1 + r.int(2); i > 0; i--) {
            const part = r.pick(PARTS)
            if (r.chance(0.15)) delete request[part]
            else put(request, part, r.chance(0.3) ? r.pick([{ kind: 'scope', id: 'scope.nonexistent' }, { kind: 'policy', id: 'another-policy' }, 'GRANT', 'agree', 'pages/../../x', { platform: 'ios', appVersion: '1' }, 'fr-FR', { version: '1.0', hash: 'F'.repeat(64) }]) : junk(r, known))
          }
          return shape(r, request)
        },
        (v) => {
          const parsed = schema.safeParse({ action, request: v })
          if (!parsed.success) return true
          const req = (parsed.data as { request: { policy: { version: string; hash: string }; target?: unknown; decisions?: unknown } }).request
          const cites = req.policy.version === POLICY_3.version && req.policy.hash === POLICY_3.hash
          return !cites || JSON.stringify(req.decisions ?? req.target).includes('fz-undeclared-purpose')
        },
        { policy: { version: '2099.1', hash: POLICY_3.hash } },
      ),
  })
  const asDecide = (r: Rng, request: Record<string, unknown>) => {
    const { target, decision: d, ...rest } = request
    const decisions = [{ target, decision: d }]
    if (r.chance(0.3)) decisions.push(r.chance(0.5) ? { target, decision: d } : { target: { kind: 'scope', id: 'scope.userLocation' }, decision: r.pick(['grant', 'withdraw', 'never']) })
    if (r.chance(0.05)) return { ...rest, decisions: Array.from({ length: 40 }, () => ({ target, decision: d })) }
    return { ...rest, decisions }
  }
  return {
    policy: { write: false, fields: {} },
    status: { write: false, fields: { language: schemaField(known, (v) => v === 'zh-CN' || v === 'en', (r) => r.pick(['zh-CN', 'en']), ['zh', 'EN', 'en-US', 'zh-CN ', '']) } },
    record: { write: true, fields: { request: brokenRequest('record', (_r, request) => request) } },
    decide: { write: true, fields: { request: brokenRequest('decide', asDecide) } },
    history: { write: false, fields: {} },
    verify: { write: false, fields: {} },
    receipt: { write: false, fields: { eventId: { valid: () => ownEventId, invalid: (r) => (r.chance(0.5) ? r.pick(known.ids) : junk(r, known)) } } },
  }
}

/** The stores function; the caller never granted location, so `nearby` is refused whatever its position. */
export function storesSpec(known: Known): Record<StoresRequest['action'], ActionSpec> {
  const coordinate = (max: number): Field => schemaField(known, (v) => typeof v === 'number' && v >= -max && v <= max, (r) => (r.int(2 * max * 1000) - max * 1000) / 1000, [max + 0.0001, -max - 1, '31.2', null, NaN, Infinity])
  return {
    list: { write: false, fields: { city: schemaField(known, (v) => typeof v === 'string' && /^[a-z-]{2,32}$/.test(v), (r) => r.pick(['shanghai', 'beijing', 'hangzhou', 'atlantis']), ['Shanghai', '上海', 'sh', 'a', 'x'.repeat(33), 'shanghai ']) } },
    nearby: { write: false, fields: { latitude: coordinate(90), longitude: coordinate(180) } },
  }
}

/** Rights requests the ops suite seeds, one per state an action cares about. */
export const OPS_REQUESTS = { submitted: 'req_fz_submitted_0001', processing: 'req_fz_processing_001', completed: 'req_fz_completed_0001' } as const

/**
 * The ops function, called with a valid operator: every write is broken by construction (a field its
 * schema refuses, a request in a state that refuses the action, an id that names nothing); reads may
 * answer. No certification or announcement exists, so every id of one names nothing.
 */
export function opsSpec(known: Known): Record<OpsRequest['action'], ActionSpec> {
  const ok = (action: OpsRequest['action'], base: Record<string, unknown>, name: string) => (v: unknown) => opsRequest.safeParse({ action, ...base, [name]: v }).success
  const nowhere = (r: Rng) => `req_fz_none_${word(r, 8, 8)}`
  const requestId = (valid: string, refused: readonly string[]): Field => ({
    valid: () => valid,
    invalid: (r) => (r.chance(0.5) ? r.pick([...refused, nowhere(r)]) : drawBad(() => junk(r, known), (v) => !ok('showRequest', {}, 'requestId')(v), '../etc/passwd')),
  })
  const words = (action: OpsRequest['action'], base: Record<string, unknown>, name: string, opts: { optional?: true } = {}) =>
    schemaField(known, ok(action, base, name), (r) => r.pick(['已按用户要求处理', 'handled as asked', '金额已更正 <b>ok</b>']), ['', '   ', 'x'.repeat(501), 42, null], opts)
  const limit = (action: OpsRequest['action'], max: number) => schemaField(known, ok(action, {}, 'limit'), (r) => 1 + r.int(max), [0, max + 1, 1.5, '10', -1], { optional: true })
  const applicationId = (action: OpsRequest['action'], base: Record<string, unknown>) => ({ valid: (r: Rng) => word(r, 20, 20), invalid: (r: Rng) => (r.chance(0.4) ? word(r, 20, 20) : drawBad(() => junk(r, known), (v) => !ok(action, base, 'applicationId')(v), 'short')) })
  const title = (max: number) => (r: Rng) => ({ 'zh-CN': r.pick(['系统维护', '隐私政策更新']).slice(0, max), en: r.pick(['Maintenance', 'Policy update']) })
  const announcement = { kind: 'notice', title: { 'zh-CN': '系统维护', en: 'Maintenance' }, body: { 'zh-CN': '正文', en: 'Body' } }
  const pub = (name: string, valid: (r: Rng) => unknown, specials: readonly unknown[], opts: { optional?: true } = {}) =>
    schemaField(known, (v) => opsRequest.safeParse({ action: 'publishAnnouncement', ...announcement, [name]: v }).success, valid, specials, opts)
  const reveal = { applicationId: 'a'.repeat(20), item: 'idNumber' }
  return {
    listRequests: {
      write: false,
      fields: {
        status: schemaField(known, ok('listRequests', {}, 'status'), (r) => (r.chance(0.5) ? r.pick(REQUEST_STATUSES) : [r.pick(REQUEST_STATUSES), r.pick(REQUEST_STATUSES)]), ['pending', [], ['Submitted']], { optional: true }),
        type: schemaField(known, ok('listRequests', {}, 'type'), (r) => r.pick(REQUEST_TYPES), ['Correction', 'all'], { optional: true }),
        limit: limit('listRequests', 100),
        cursor: { optional: true, valid: (r) => word(r, 1, 40), invalid: (r) => junk(r, known) },
      },
    },
    showRequest: { write: false, fields: { requestId: requestId(OPS_REQUESTS.submitted, []) } },
    approve: { write: true, fields: { requestId: requestId(OPS_REQUESTS.submitted, [OPS_REQUESTS.processing, OPS_REQUESTS.completed]), reason: words('approve', { requestId: 'r' }, 'reason', { optional: true }) } },
    complete: { write: true, fields: { requestId: requestId(OPS_REQUESTS.processing, [OPS_REQUESTS.submitted, OPS_REQUESTS.completed]), outcome: words('complete', { requestId: 'r' }, 'outcome') } },
    // Without a reason (or a blank one) a rejection is refused, so a broken reason is one of those too.
    reject: {
      write: true,
      fields: {
        requestId: requestId(OPS_REQUESTS.submitted, [OPS_REQUESTS.completed]),
        reason: { valid: (r) => r.pick(['材料不足', 'not enough detail']), invalid: (r) => drawBad(() => (r.chance(0.5) ? r.pick(['', '   ', '\n', 'x'.repeat(501)]) : junk(r, known)), (v) => typeof v !== 'string' || !v.trim() || v.length > 500, '') },
      },
    },
    bulkApprove: {
      write: true,
      fields: { requestIds: schemaField(known, ok('bulkApprove', {}, 'requestIds'), () => [OPS_REQUESTS.submitted], [[], Array.from({ length: 101 }, (_, i) => `req_${i}`), [OPS_REQUESTS.submitted, { $ne: null }], OPS_REQUESTS.submitted, [['x']]]) },
    },
    exportAudit: { write: false, fields: { fromSeq: schemaField(known, ok('exportAudit', {}, 'fromSeq'), (r) => 1 + r.int(50), [0, -1, 1.5, '1'], { optional: true }), limit: limit('exportAudit', 2000) } },
    verifyAudit: { write: false, fields: {} },
    listCertifications: { write: false, fields: { limit: limit('listCertifications', 100) } },
    showCertification: { write: true, fields: { applicationId: applicationId('showCertification', {}) } },
    approveCertification: { write: true, fields: { applicationId: applicationId('approveCertification', {}), reason: words('approveCertification', { applicationId: 'a'.repeat(20) }, 'reason', { optional: true }) } },
    rejectCertification: { write: true, fields: { applicationId: applicationId('rejectCertification', {}), reason: { optional: true, valid: () => '材料不清晰', invalid: (r) => drawBad(() => junk(r, known), (v) => typeof v !== 'string' || v.length > 500, 42) } } },
    revealCertification: {
      write: true,
      fields: {
        applicationId: applicationId('revealCertification', { item: 'idNumber' }),
        item: schemaField(known, ok('revealCertification', reveal, 'item'), (r) => r.pick(REVEAL_ITEMS), ['IDNUMBER', 'openid', 'all', 'legalName']),
        reason: { optional: true, valid: () => '核对身份', invalid: (r) => drawBad(() => junk(r, known), (v) => typeof v !== 'string' || v.length > 500, 42) },
      },
    },
    // Nothing is sealed under an older key, so a re-encryption run is a valid no-op.
    reencryptCertifications: { write: false, fields: { limit: limit('reencryptCertifications', 200) } },
    publishAnnouncement: {
      write: true,
      fields: {
        kind: pub('kind', (r) => r.pick(ANNOUNCEMENT_KINDS), ['Notice', 'alert', '']),
        title: pub('title', title(80), [{ 'zh-CN': '维护' }, { 'zh-CN': 'x'.repeat(81), en: 'x' }, { 'zh-CN': '维\n护', en: 'm' }, { 'zh-CN': '\u202e维护', en: 'm' }, '维护', { 'zh-CN': '维护', en: 'm', fr: 'x' }]),
        body: pub('body', () => ({ 'zh-CN': '今晚 22:00 维护', en: 'Maintenance at 22:00' }), [{ 'zh-CN': 'x'.repeat(2001), en: 'x' }, { 'zh-CN': `a${CONTROL}`, en: 'b' }, { en: 'only english' }]),
        announcementId: pub('announcementId', (r) => `fz-${word(r, 3, 20)}`, ['ab', 'has space', 'x'.repeat(65), '../x'], { optional: true }),
        clientRequestId: pub('clientRequestId', (r) => `fz${word(r, 6, 30)}`, ['short', 'x'.repeat(65), 'has space 12345'], { optional: true }),
      },
    },
    withdrawAnnouncement: {
      write: true,
      fields: {
        announcementId: schemaField(known, ok('withdrawAnnouncement', { reason: 'r' }, 'announcementId'), (r) => `fz-none-${word(r, 3, 10)}`, ['ab', 'x'.repeat(65), '../x']),
        reason: words('withdrawAnnouncement', { announcementId: 'abc' }, 'reason'),
      },
    },
    listAnnouncements: { write: false, fields: {} },
  }
}

/** Ids a suite's setup made; each function's specs take the ones they need. */
export interface FuzzIds {
  me: string
  other: string
  ownContact: string
  otherMobile: string
  theirCancellation: string
  ownEvent: string
}

const need = <K extends keyof FuzzIds>(ids: Partial<FuzzIds>, name: K): FuzzIds[K] => {
  const v = ids[name]
  if (v === undefined) throw new Error(`the fuzz setup did not make ${name}`)
  return v
}

/** The payload generators of every function, by name: a function without an entry fails the coverage test. */
export const FUNCTION_SPECS: Record<string, (known: Known, ids: Partial<FuzzIds>, manifest: HandlerManifest) => FunctionSpecs> = {
  personal: (k, ids) => ({ routes: personalSpec(k, need(ids, 'ownContact'), need(ids, 'otherMobile')) }),
  orders: (k) => ({ routes: ordersSpec(k) }),
  account: (k, ids) => ({ routes: accountSpec(k, need(ids, 'theirCancellation')) }),
  certification: (k) => ({ routes: certificationSpec(k) }),
  export: (k) => ({ routes: exportSpec(k) }),
  consent: (k, ids, m) => ({ routes: consentSpec(k, m.request, need(ids, 'ownEvent')) }),
  stores: (k) => ({ routes: storesSpec(k), openAction: 'announcements' }),
  ops: (k) => ({ routes: opsSpec(k) }),
  wxpush: (_k, ids) => ({ routes: {}, pushOpenids: [need(ids, 'me'), need(ids, 'other')] }),
}

/** Which test file fuzzes which functions (several files, so Jest runs them side by side). */
export const FUZZ_SUITES: Record<string, readonly string[]> = {
  'fuzz.test.ts': ['personal', 'orders'],
  'fuzz.account.test.ts': ['account', 'certification', 'export'],
  'fuzz.consent.test.ts': ['consent', 'stores', 'wxpush'],
  'fuzz.ops.test.ts': ['ops'],
}

/** Runs every case of `fn` against the emulator; answers the tally with the state before and after. */
export async function fuzzFunction(
  emu: RunningEmulator,
  fn: string,
  setup: { known: Known; ids: Partial<FuzzIds> & { me: string }; secrets: readonly string[]; never?: readonly string[]; except?: readonly string[]; prepare?: (cases: Case[]) => Case[]; width?: number },
) {
  const manifest = manifestOf(fn)
  const specs = FUNCTION_SPECS[fn]
  if (!specs) throw new Error(`no payload generators for the ${fn} function: add it to FUNCTION_SPECS`)
  const generated = functionCases(fn, manifest, specs(setup.known, setup.ids, manifest), setup.known)
  const cases = setup.prepare ? setup.prepare(generated) : generated
  const before = await snapshot(emu, setup.except)
  const outcome = await runCases(emu, fn, cases, { me: setup.ids.me, secrets: setup.secrets, ...(setup.never ? { never: setup.never } : {}), via: viaFor(fn, manifest), ...(setup.width ? { width: setup.width } : {}) })
  const after = await snapshot(emu, setup.except)
  /** Callables that got fewer than PER_CALLABLE cases (none, when the generators cover the route table). */
  const short = callablesOf(fn, manifest).filter((c) => (outcome.sent[c.key] ?? 0) < PER_CALLABLE).map((c) => c.key)
  return { ...outcome, before, after, short, cases }
}
