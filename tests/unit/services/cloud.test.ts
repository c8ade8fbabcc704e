import { STORES } from '@/content/stores'
import { account } from '@/services/account'
import { certification } from '@/services/certification'
import { account as mainAccount, consent as mainConsent, stores } from '@/services/cloud'
import { consent } from '@/services/consent'

// Every client checks every reply with the reply schema the function checks its results with
// (src/contracts): a reply of another shape becomes COMMON.BAD_REPLY, which pages show as a failure to
// retry. The sub-packages' clients and the main package's (services/cloud.ts) alike.
const mockInvoke = jest.fn<Promise<unknown>, [string, Record<string, unknown>]>()
jest.mock('@/services/transport', () => ({ initTransport: () => undefined, invoke: (name: string, data: Record<string, unknown>) => mockInvoke(name, data) }))

const HASH = 'a'.repeat(64)
const SHANGHAI = STORES.filter((s) => s.city === 'shanghai').map(({ id, name, city, address }) => ({ id, name, city, address }))
const PREVIEW = { deleted: [{ category: 'delivery-contact', count: 2 }], retained: [{ category: 'order-records', count: 1, retention: 'transaction-3y' }], coolingOffDays: 15 }
const POLICY = { version: '2026.1', hash: HASH, effectiveDate: '2026-11-01', publishedAt: '2026-11-01T00:00:00.000Z', change: 'initial' }
const BAD_REPLY = { ok: false, code: 'COMMON.BAD_REPLY', message: 'the reply does not match the contract' }

beforeEach(() => mockInvoke.mockReset())

describe('checked clients (sub-packages)', () => {
  it('accept well-formed replies and hand their data on unchanged', async () => {
    mockInvoke.mockResolvedValueOnce({ ok: true, data: PREVIEW })
    await expect(account.cancellationPreview()).resolves.toEqual({ ok: true, data: PREVIEW })
    expect(mockInvoke).toHaveBeenCalledWith('account', { action: 'cancellationPreview' })

    mockInvoke.mockResolvedValueOnce({ ok: true, data: { ok: true, count: 3, head: { subject: HASH, seq: 3, hash: HASH }, anchor: { status: 'none' } } })
    await expect(consent.verify()).resolves.toMatchObject({ ok: true, data: { ok: true, count: 3 } })

    mockInvoke.mockResolvedValueOnce({ ok: true, data: {} })
    await expect(account.cancellationStatus()).resolves.toEqual({ ok: true, data: {} })

    // A newer function may add a field: it passes, and is not stripped.
    mockInvoke.mockResolvedValueOnce({ ok: true, data: { later: 1 } })
    await expect(certification.status()).resolves.toEqual({ ok: true, data: { later: 1 } })
  })

  it.each([
    ['a missing field', { ok: true, data: { deleted: [], retained: [] } }],
    ['a wrong type', { ok: true, data: { ...PREVIEW, coolingOffDays: '15' } }],
    ['a wrong element', { ok: true, data: { ...PREVIEW, deleted: [{ category: 'delivery-contact' }] } }],
    ['no data', { ok: true }],
    ['no envelope', PREVIEW],
    ['nothing', undefined],
    ['a failure without a code', { ok: false, message: 'x' }],
  ])('refuse a reply with %s as COMMON.BAD_REPLY', async (_what, raw) => {
    mockInvoke.mockResolvedValueOnce(raw)
    await expect(account.cancellationPreview()).resolves.toEqual(BAD_REPLY)
  })

  it('check each action with its own schema', async () => {
    // A well-formed `cancellationStatus` reply ({}) is not a well-formed `certificate` reply.
    mockInvoke.mockResolvedValueOnce({ ok: true, data: {} })
    await expect(account.certificate('c'.repeat(20))).resolves.toEqual(BAD_REPLY)
    mockInvoke.mockResolvedValueOnce({ ok: true, data: { ok: false, seq: 2, reason: 'rewritten' } })
    await expect(consent.verify()).resolves.toEqual(BAD_REPLY)
  })

  it('pass coded failures on, and turn a transport error into COMMON.INTERNAL', async () => {
    mockInvoke.mockResolvedValueOnce({ ok: false, code: 'COMMON.NOT_FOUND', message: 'no such certificate' })
    await expect(account.certificate('c'.repeat(20))).resolves.toEqual({ ok: false, code: 'COMMON.NOT_FOUND', message: 'no such certificate' })
    mockInvoke.mockRejectedValueOnce(new Error('cloud.callFunction:fail timeout'))
    await expect(consent.history()).resolves.toEqual({ ok: false, code: 'COMMON.INTERNAL', message: 'cloud.callFunction:fail timeout' })
  })
})

describe('main-package clients', () => {
  it('hand well-formed replies on, and pass coded failures on', async () => {
    mockInvoke.mockResolvedValueOnce({ ok: true, data: { stores: SHANGHAI } })
    await expect(stores.list('shanghai')).resolves.toEqual({ ok: true, data: { stores: SHANGHAI } })
    mockInvoke.mockResolvedValueOnce({ ok: false, code: 'CONSENT.REQUIRED', message: 'agree first' })
    await expect(stores.nearby(31.2, 121.4)).resolves.toEqual({ ok: false, code: 'CONSENT.REQUIRED', message: 'agree first' })
    const me = { openid: 'o_test_user_1', appid: 'wx_test_app', firstSeenAt: '2026-11-30T08:00:00.000Z' }
    mockInvoke.mockResolvedValueOnce({ ok: true, data: me })
    await expect(mainAccount.me()).resolves.toEqual({ ok: true, data: me })
    const status = { latest: POLICY, versions: [POLICY], need: 'first-consent', changes: [], consents: {} }
    mockInvoke.mockResolvedValueOnce({ ok: true, data: status })
    await expect(mainConsent.status('zh-CN')).resolves.toEqual({ ok: true, data: status })
  })

  it.each([
    ['stores without an envelope', () => stores.list('shanghai'), { stores: SHANGHAI }],
    ['a store without an address', () => stores.list('shanghai'), { ok: true, data: { stores: [{ ...SHANGHAI[0], address: undefined }] } }],
    ['a distance as text', () => stores.nearby(31.2, 121.4), { ok: true, data: { stores: [{ ...SHANGHAI[0], distanceM: '120' }], radiusKm: 50 } }],
    ['announcements without a body', () => stores.announcements(), { ok: true, data: { announcements: [{ announcementId: 'a1', version: 1, kind: 'notice', title: { 'zh-CN': '公告', en: 'Notice' }, publishedAt: '2026-11-30T08:00:00.000Z' }] } }],
    ['me without openid', () => mainAccount.me(), { ok: true, data: { appid: 'wx_test_app', firstSeenAt: '2026-11-30T08:00:00.000Z' } }],
    ['a catalogue without versions', () => mainConsent.policy(), { ok: true, data: { latest: POLICY } }],
    ['a status with an unknown need', () => mainConsent.status('zh-CN'), { ok: true, data: { latest: POLICY, versions: [POLICY], need: 'maybe', changes: [], consents: {} } }],
    ['a decision without events', () => mainConsent.decide({ clientRequestId: 'req_test_0001', decisions: [] } as never), { ok: true, data: { replayed: false, consents: {} } }],
  ])('refuse %s as COMMON.BAD_REPLY', async (_what, callIt, raw) => {
    mockInvoke.mockResolvedValueOnce(raw)
    await expect(callIt()).resolves.toEqual(BAD_REPLY)
  })
})
