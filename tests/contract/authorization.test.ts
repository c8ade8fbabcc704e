import { buildAuthorizationPush } from '../../emulator/functions/push'
import { POLICY_VERSIONS } from '../../src/content'
import { RIGHTS_REQUESTS } from '../../cloudfunctions/_shared/repositories/rights-requests'
import { PHOTO_SLOTS } from '../../src/domain/certification/certification-form'
import { allCallables, type Callable, TIMER_IDENTITY } from '../support/callables'
import { CERT_ENV, certificationRow, tinyJpeg, validCertFields } from '../support/certification'
import { decision, freshCloud, type Invoked, invoker, LOCATION, user } from '../support/consent'
import { removeDataDir, startEmulator, type RunningEmulator } from '../support/emulator'
import { POLICY_3 } from '../support/fuzz-specs'
import { OPS_ENV, operator, requestRow } from '../support/ops'

/**
 * The authorization matrix: every callable (read off the functions' route tables, as the fuzz suites do)
 * called by each kind of caller the emulator can issue, with a payload that is valid for its owner.
 * MATRIX states the outcome of each cell: `allowed` (ok), or the exact refusal code. A callable missing
 * from MATRIX or PAYLOADS fails the suite, so a new action must state who may call it.
 *
 * Callers: `self` (the user who owns the data the payload names), `other` (another signed-in user who
 * agreed to the same policy, sending the very same payload), `console` (the CloudBase console: no
 * OPENID), `timer` (the timer identity: SOURCE wx_trigger, no OPENID), `operator` (the console with a
 * valid operator name and token in the event), and for pushes `wechat` (WeChat's message push).
 */
type Caller = 'self' | 'other' | 'console' | 'timer' | 'operator' | 'wechat'
type Outcome = 'allowed' | `${string}.${string}`
type Row = Record<Exclude<Caller, 'wechat'>, Outcome> & { wechat?: Outcome }

const A = 'allowed'
const UNAUTH = 'COMMON.UNAUTHENTICATED'
const INVALID = 'COMMON.INVALID_INPUT'
const NOT_FOUND = 'COMMON.NOT_FOUND'
const FORBIDDEN = 'OPS.FORBIDDEN'
const OPS_UNAUTH = 'OPS.UNAUTHENTICATED'

/** A user route: `other` is the outcome for another user; no one without an OPENID gets in (a timer meets the timer routes, when the function has them). */
const route = (other: Outcome, functionHasTimers: boolean, self: Outcome = A): Row => ({ self, other, console: UNAUTH, timer: functionHasTimers ? INVALID : UNAUTH, operator: UNAUTH })
/** A timer: only the timer identity runs it; a user's event is no action, and the console has no OPENID. */
const TIMER: Row = { self: INVALID, other: INVALID, console: UNAUTH, timer: A, operator: UNAUTH }
/** An ops action: any mini-program user is refused whatever token they hold; without a valid operator, no one. */
const OPS: Row = { self: FORBIDDEN, other: FORBIDDEN, console: OPS_UNAUTH, timer: OPS_UNAUTH, operator: A }

const MATRIX: Record<string, Row> = {
  // Anyone, before agreeing too: live announcements hold no personal data.
  'stores.open': { self: A, other: A, console: A, timer: A, operator: A },
  'stores.list': route(A, false),
  'stores.nearby': route('CONSENT.REQUIRED', false),

  'consent.policy': route(A, true),
  'consent.status': route(A, true),
  'consent.history': route(A, true),
  'consent.verify': route(A, true),
  'consent.receipt': route(NOT_FOUND, true),
  'consent.record': route(A, true),
  'consent.decide': route(A, true),
  'consent.timer:purgeRefusals': TIMER,
  'consent.timer:anchorHeads': TIMER,

  'personal.inventory': route(A, false),
  'personal.profile': route(A, false),
  'personal.reveal': route(NOT_FOUND, false),
  'personal.requests': route(A, false),
  'personal.setNickname': route(A, false),
  'personal.setAvatar': route(A, false),
  'personal.removeAvatar': route(A, false),
  'personal.addContact': route(A, false),
  'personal.updateContact': route(NOT_FOUND, false),
  'personal.setDefaultContact': route(NOT_FOUND, false),
  'personal.deleteContact': route(NOT_FOUND, false),
  'personal.requestCorrection': route(A, false),
  'personal.requestDeletion': route(A, false),
  'personal.sendMessage': route(A, false),

  'orders.products': route(A, false),
  'orders.place': route(A, false),
  'orders.mine': route(A, false),

  // `other` never granted the separate consent for certification; withdrawing needs none, but they have nothing to withdraw.
  'certification.status': route(A, true),
  'certification.saveDraft': route('CONSENT.REQUIRED', true),
  'certification.setPhoto': route('CONSENT.REQUIRED', true),
  'certification.submit': route('CONSENT.REQUIRED', true),
  'certification.withdraw': route(NOT_FOUND, true),
  'certification.timer:purgeCertifications': TIMER,

  'export.requestExport': route(A, true),
  'export.exportStatus': route(NOT_FOUND, true),
  'export.exportUrl': route(NOT_FOUND, true),
  'export.timer:purgeExports': TIMER,

  'ops.listRequests': OPS,
  'ops.showRequest': OPS,
  'ops.approve': OPS,
  'ops.complete': OPS,
  'ops.reject': OPS,
  'ops.bulkApprove': OPS,
  'ops.exportAudit': OPS,
  'ops.verifyAudit': OPS,
  'ops.listCertifications': OPS,
  'ops.showCertification': OPS,
  'ops.approveCertification': OPS,
  'ops.rejectCertification': OPS,
  'ops.revealCertification': OPS,
  'ops.reencryptCertifications': OPS,
  'ops.publishAnnouncement': OPS,
  'ops.withdrawAnnouncement': OPS,
  'ops.listAnnouncements': OPS,

  'account.me': route(A, true),
  'account.cancellationPreview': route(A, true),
  'account.requestCancellation': route(A, true),
  'account.cancellationStatus': route(A, true),
  'account.subscribeCancellation': route(NOT_FOUND, true),
  'account.undoCancellation': route(NOT_FOUND, true),
  // A certificate exists once the deletion completed; by its id anyone may read it, no one before.
  'account.certificate': route(NOT_FOUND, true, NOT_FOUND),
  'account.timer:runCancellations': TIMER,

  // The push names the user it acts on, so no mini-program caller may send one; WeChat may, and staff may replay one.
  'wxpush.push': { self: 'PUSH.FORBIDDEN', other: 'PUSH.FORBIDDEN', console: A, timer: A, operator: A, wechat: A },
}

const SELF = 'o_test_user_authz_self'
const OTHER = 'o_test_user_authz_other'
const SELF_CONTACT = { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '示例路 88 弄 8 号' }
const SELF_NICKNAME = '本人的昵称'
const FILED = new Date(Date.UTC(2026, 2, 2, 2, 0, 0))
const SUBMITTED_AT = new Date(Date.UTC(2026, 2, 3, 2, 0, 0))

/** What the payloads name: the owner's ids, made in setup or by an earlier allowed call. */
interface Ids {
  contact: string
  event: string
  export: string
  cancellation: string
  certificate: string
}

let n = 0
const crid = () => `authz-${++n}-${process.pid}`
const CERT = { kind: 'purpose', id: 'store-certification' } as const

/** A payload valid for its owner, per callable; timers and pushes have theirs below. */
const PAYLOADS: Record<string, (ids: Ids) => Record<string, unknown>> = {
  'stores.open': () => ({ action: 'announcements' }),
  'stores.list': () => ({ action: 'list', city: 'shanghai' }),
  'stores.nearby': () => ({ action: 'nearby', latitude: 31.2286, longitude: 121.4488 }),
  'consent.policy': () => ({ action: 'policy' }),
  'consent.status': () => ({ action: 'status', language: 'zh-CN' }),
  'consent.history': () => ({ action: 'history' }),
  'consent.verify': () => ({ action: 'verify' }),
  'consent.receipt': (ids) => ({ action: 'receipt', eventId: ids.event }),
  'consent.record': () => ({ action: 'record', request: decision({ policy: POLICY_3, target: { kind: 'scope', id: 'scope.writePhotosAlbum' }, method: 'permission-dialog', clientRequestId: crid() }) }),
  'consent.decide': () => {
    const { target, decision: grant, ...rest } = decision({ policy: POLICY_3, clientRequestId: crid() })
    return { action: 'decide', request: { ...rest, decisions: [{ target, decision: grant }] } }
  },
  'personal.inventory': () => ({ action: 'inventory' }),
  'personal.profile': () => ({ action: 'profile' }),
  'personal.reveal': (ids) => ({ action: 'reveal', category: 'delivery-contact', recordId: ids.contact }),
  'personal.requests': () => ({ action: 'requests' }),
  'personal.setNickname': () => ({ action: 'setNickname', clientRequestId: crid(), nickname: '小明' }),
  'personal.setAvatar': () => ({ action: 'setAvatar', clientRequestId: crid(), image: tinyJpeg(2) }),
  'personal.removeAvatar': () => ({ action: 'removeAvatar', clientRequestId: crid() }),
  'personal.addContact': () => ({ action: 'addContact', clientRequestId: crid(), contact: { name: '王五', mobile: '13700001111', regionId: '330106', addressLine: '样例街 12 号 3 室' } }),
  'personal.updateContact': (ids) => ({ action: 'updateContact', clientRequestId: crid(), recordId: ids.contact, contact: { ...SELF_CONTACT, addressLine: '示例路 99 弄 9 号' } }),
  'personal.setDefaultContact': (ids) => ({ action: 'setDefaultContact', clientRequestId: crid(), recordId: ids.contact }),
  'personal.deleteContact': (ids) => ({ action: 'deleteContact', clientRequestId: crid(), recordId: ids.contact }),
  'personal.requestCorrection': () => ({ action: 'requestCorrection', clientRequestId: crid(), category: 'order-records', reason: '订单金额记录有误' }),
  'personal.requestDeletion': () => ({ action: 'requestDeletion', clientRequestId: crid(), reason: 'purpose-achieved' }),
  'personal.sendMessage': () => ({ action: 'sendMessage', clientRequestId: crid(), kind: 'question', message: '你们如何保存我的收货地址？' }),
  'orders.products': () => ({ action: 'products' }),
  'orders.place': () => ({ action: 'place', clientRequestId: crid(), storeId: 'sh-jingan', lines: [{ productId: 'coffee-beans', quantity: 1 }] }),
  'orders.mine': () => ({ action: 'mine' }),
  'certification.status': () => ({ action: 'status' }),
  'certification.saveDraft': () => ({ action: 'saveDraft', clientRequestId: crid(), fields: validCertFields() }),
  'certification.setPhoto': () => ({ action: 'setPhoto', clientRequestId: crid(), slot: PHOTO_SLOTS[0], image: tinyJpeg(4) }),
  'certification.submit': () => ({ action: 'submit', clientRequestId: crid(), fields: validCertFields() }),
  'certification.withdraw': () => ({ action: 'withdraw', clientRequestId: crid() }),
  'export.requestExport': () => ({ action: 'requestExport', clientRequestId: crid() }),
  'export.exportStatus': (ids) => ({ action: 'exportStatus', requestId: ids.export }),
  'export.exportUrl': (ids) => ({ action: 'exportUrl', requestId: ids.export }),
  'ops.listRequests': () => ({ action: 'listRequests' }),
  'ops.showRequest': () => ({ action: 'showRequest', requestId: 'req_authz_approve_001' }),
  'ops.approve': () => ({ action: 'approve', requestId: 'req_authz_approve_001' }),
  'ops.complete': () => ({ action: 'complete', requestId: 'req_authz_complete_01', outcome: '已更正订单金额' }),
  'ops.reject': () => ({ action: 'reject', requestId: 'req_authz_reject_0001', reason: '材料不足' }),
  'ops.bulkApprove': () => ({ action: 'bulkApprove', requestIds: ['req_authz_bulk_00001'] }),
  'ops.exportAudit': () => ({ action: 'exportAudit', limit: 5 }),
  'ops.verifyAudit': () => ({ action: 'verifyAudit' }),
  'ops.listCertifications': () => ({ action: 'listCertifications' }),
  'ops.showCertification': () => ({ action: 'showCertification', applicationId: 'AuthzCertApprove0001' }),
  'ops.revealCertification': () => ({ action: 'revealCertification', applicationId: 'AuthzCertApprove0001', item: 'mobile', reason: '核对身份' }),
  'ops.approveCertification': () => ({ action: 'approveCertification', applicationId: 'AuthzCertApprove0001' }),
  'ops.rejectCertification': () => ({ action: 'rejectCertification', applicationId: 'AuthzCertReject00001', reason: '执照不清晰' }),
  'ops.reencryptCertifications': () => ({ action: 'reencryptCertifications' }),
  'ops.publishAnnouncement': () => ({ action: 'publishAnnouncement', kind: 'notice', title: { 'zh-CN': '维护通知', en: 'Maintenance' }, body: { 'zh-CN': '今晚维护', en: 'Maintenance tonight' }, announcementId: 'authz-notice' }),
  'ops.withdrawAnnouncement': () => ({ action: 'withdrawAnnouncement', announcementId: 'authz-notice', reason: '维护结束' }),
  'ops.listAnnouncements': () => ({ action: 'listAnnouncements' }),
  'account.me': () => ({ action: 'me' }),
  'account.cancellationPreview': () => ({ action: 'cancellationPreview' }),
  'account.requestCancellation': () => ({ action: 'requestCancellation', clientRequestId: crid(), notify: false }),
  'account.cancellationStatus': () => ({ action: 'cancellationStatus' }),
  'account.subscribeCancellation': (ids) => ({ action: 'subscribeCancellation', requestId: ids.cancellation }),
  'account.undoCancellation': (ids) => ({ action: 'undoCancellation', requestId: ids.cancellation }),
  'account.certificate': (ids) => ({ action: 'certificate', certificateId: ids.certificate }),
}

const timerEvent = (trigger: string) => ({ Type: 'Timer', TriggerName: trigger, Time: '2026-03-02T03:00:00Z' })
/** A location revocation for the owner, as WeChat pushes it. */
const pushEvent = () => buildAuthorizationPush({ event: 'user_authorization_revoke', openid: SELF, revokeInfo: '13', appId: 'wx_local_app', now: Date.UTC(2026, 2, 2) })

/** Callers in the order each row runs them: the owner last, so the refusals meet the owner's data as setup left it. */
const CALLERS: readonly Caller[] = ['other', 'console', 'timer', 'operator', 'wechat', 'self']

describe('authorization matrix: every callable × every caller', () => {
  let emu: RunningEmulator
  const ids: Partial<Ids> = {}
  const callables = allCallables()

  /** One call of `c` by `who`; the event is the callable's own (an ops payload carries a valid operator for the users, who must be refused even so). */
  async function call(c: Callable, who: Caller): Promise<{ invoked: Invoked; event: unknown }> {
    const base = c.kind === 'timer' ? timerEvent(c.name) : c.kind === 'push' ? pushEvent() : PAYLOADS[c.key]!(ids as Ids)
    const withOperator = { ...base, operator: operator() }
    const fn = invoker(emu, c.fn)
    switch (who) {
      case 'self':
      case 'other': {
        const event = c.kind === 'ops' ? withOperator : base
        return { invoked: await fn(event, user(who === 'self' ? SELF : OTHER)), event }
      }
      case 'console':
        return { invoked: await fn(base, null), event: base }
      case 'timer':
        // The platform's own firing for a timer; otherwise the timer identity with this callable's event.
        return { invoked: c.kind === 'timer' ? await emu.control<Invoked>('/timers/run', { name: c.fn, trigger: c.name }) : await fn(base, TIMER_IDENTITY), event: base }
      case 'operator':
        return { invoked: await fn(withOperator, null), event: withOperator }
      case 'wechat':
        return { invoked: await emu.control<Invoked>('/push', base), event: base }
    }
  }

  beforeAll(async () => {
    emu = await startEmulator({ env: { ...OPS_ENV, ...CERT_ENV } })
    await freshCloud(emu, [...POLICY_VERSIONS])
    const as = (fn: string, who: string, event: Record<string, unknown>) => invoker(emu, fn)(event, user(who))
    const ok = async (p: Promise<Invoked>) => {
      const { result } = await p
      expect(result).toMatchObject({ ok: true })
      return result!.data
    }
    for (const who of [SELF, OTHER]) await ok(as('consent', who, { action: 'record', request: decision({ policy: POLICY_3 }) }))
    // Only the owner granted location and the separate consent for certification.
    await ok(as('consent', SELF, { action: 'record', request: decision({ policy: POLICY_3, target: LOCATION, method: 'permission-dialog' }) }))
    await ok(as('consent', SELF, { action: 'record', request: decision({ policy: POLICY_3, target: CERT, method: 'purpose-prompt' }) }))
    ids.event = (await ok(as('consent', SELF, { action: 'history' }))).events[0].eventId
    await ok(as('personal', SELF, { action: 'setNickname', clientRequestId: crid(), nickname: SELF_NICKNAME }))
    ids.contact = (await ok(as('personal', SELF, { action: 'addContact', clientRequestId: crid(), contact: SELF_CONTACT }))).contacts[0].id
    for (const slot of PHOTO_SLOTS) await ok(as('certification', SELF, { action: 'setPhoto', clientRequestId: crid(), slot, image: tinyJpeg(3) }))
    ids.export = (await ok(as('export', SELF, { action: 'requestExport', clientRequestId: crid() }))).request.id
    await emu.control('/seed', {
      collections: {
        [RIGHTS_REQUESTS]: [
          requestRow({ id: 'req_authz_approve_001', openid: SELF, filedAt: FILED }),
          requestRow({ id: 'req_authz_reject_0001', openid: SELF, filedAt: FILED }),
          requestRow({ id: 'req_authz_bulk_00001', openid: SELF, filedAt: FILED }),
          requestRow({ id: 'req_authz_complete_01', openid: SELF, filedAt: FILED, status: 'processing' }),
        ],
        certifications: [certificationRow({ id: 'AuthzCertApprove0001', openid: 'o_test_user_authz_merchant_1', submittedAt: SUBMITTED_AT }), certificationRow({ id: 'AuthzCertReject00001', openid: 'o_test_user_authz_merchant_2', submittedAt: SUBMITTED_AT })],
      },
    })
  }, 120_000)
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('has one row per callable, with a payload, and a cell per caller', () => {
    const keys = callables.map((c) => c.key)
    expect(Object.keys(MATRIX).sort()).toEqual([...keys].sort())
    expect(callables.filter((c) => c.kind !== 'timer' && c.kind !== 'push' && !PAYLOADS[c.key]).map((c) => c.key)).toEqual([])
    expect(callables.filter((c) => c.kind === 'push' && MATRIX[c.key]?.wechat === undefined).map((c) => c.key)).toEqual([])
  })

  it('gives each caller exactly the outcome the matrix states, and no one else the owner’s data', async () => {
    const seen: Record<string, Partial<Record<Caller, string>>> = {}
    const leaks: string[] = []
    // Rows in MATRIX order (account and pushes last: they end the owner's data), callables unknown to it at the end.
    const rows = [...callables].sort((a, b) => order(a.key) - order(b.key))
    for (const c of rows) {
      const row = MATRIX[c.key]
      if (!row) continue
      for (const who of CALLERS) {
        if (who === 'wechat' && row.wechat === undefined) continue
        const { invoked, event } = await call(c, who)
        const reply = invoked.result
        ;(seen[c.key] ??= {})[who] = invoked.error ? `runner:${invoked.error.code}` : reply?.ok ? A : String(reply?.code)
        if (who === 'self' && reply?.ok) capture(c.key, reply.data)
        const text = JSON.stringify(invoked)
        const sent = JSON.stringify(event)
        for (const secret of [SELF, SELF_CONTACT.mobile, SELF_NICKNAME]) if (who !== 'self' && text.includes(secret) && !sent.includes(secret)) leaks.push(`${c.key} as ${who} holds ${secret}`)
      }
    }
    expect(seen).toEqual(Object.fromEntries(Object.entries(MATRIX).map(([k, row]) => [k, Object.fromEntries(CALLERS.filter((w) => row[w] !== undefined).map((w) => [w, row[w]]))])))
    expect(leaks).toEqual([])
  }, 300_000)

  function order(key: string): number {
    const i = Object.keys(MATRIX).indexOf(key)
    return i < 0 ? Number.MAX_SAFE_INTEGER : i
  }

  /** Ids an allowed call of the owner made, for the rows after it. */
  function capture(key: string, data: any): void {
    if (key === 'account.requestCancellation') {
      ids.cancellation = data.requestId
      ids.certificate = data.certificateId
    }
  }
})
