import { database, settled, wx } from '../../cloudfunctions/_shared/adapters/wx'
import { buildAuthorizationPush } from '../../emulator/functions/push'
import { POLICY_VERSIONS, POLICY_2026_3 } from '../../src/content'
import { ERROR_CODES } from '../../src/domain/common/errors'
import type { ConsentTarget } from '../../src/domain/consent/consent-event'
import { contentHash } from '../../src/domain/policy/policy-hash'
import { dbStats, decision, freshCloud, type Invoked, invoker, LOCATION, type Reply, user } from '../support/consent'
import { removeDataDir, startEmulator, type RunningEmulator } from '../support/emulator'
import { calendarCoversNow } from '../support/calendar'

const POLICY_3 = { version: POLICY_2026_3.version, hash: contentHash(POLICY_2026_3) }
const ALBUM = { kind: 'scope', id: 'scope.writePhotosAlbum' } as const
const ME = 'o_test_user_41'
const NEIGHBOUR = 'o_test_user_42'
const STRANGER = 'o_test_user_43'
const APP = 'wx_local_app'
const JINGAN = { latitude: 31.2286, longitude: 121.4488 }
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]).toString('base64')
const CONTACT = { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '示例路 88 弄 8 号' }
const REVOKE = 'user_authorization_revoke'
const CANCELLATION = 'user_authorization_cancellation'


// The built `wxpush` function, with WeChat's authorization pushes delivered as CloudBase delivers them
// (the emulator's /_emulator/push), and the consent, stores, personal and account functions around it.
describe('wxpush function', () => {
  let emu: RunningEmulator
  let consent: ReturnType<typeof invoker>
  let stores: ReturnType<typeof invoker>
  let personal: ReturnType<typeof invoker>
  let account: ReturnType<typeof invoker>
  let wxpush: ReturnType<typeof invoker>
  let n = 0
  const rid = () => `push-test-${process.pid}-${++n}`
  let clock = Date.now()
  /** A push as WeChat sends it; each gets its own CreateTime, as separate revocations do. */
  const push = (event: string, openid: string, revokeInfo?: string) => buildAuthorizationPush({ event, openid, revokeInfo, appId: APP, now: (clock += 1000) })
  const deliver = async (body: unknown) => (await emu.control<Invoked>('/push', body)).result!
  const as = (fn: ReturnType<typeof invoker>) => async (openid: string, event: Record<string, unknown>): Promise<Reply> => (await fn(event, user(openid))).result!
  const rows = async (collection: string, where: Record<string, unknown> = {}) => (await settled(database().collection(collection).where(where).limit(1000).get())).data as Array<Record<string, any>>
  const decide = (openid: string, target: ConsentTarget, d: 'grant' | 'withdraw') =>
    as(consent)(openid, { action: 'record', request: decision({ target, decision: d, policy: POLICY_3, method: 'permission-dialog' }) })
  const history = async (openid: string) => (await as(consent)(openid, { action: 'history' })).data.events as Array<Record<string, any>>
  const verify = async (openid: string) => (await as(consent)(openid, { action: 'verify' })).data
  const writes = async () => Object.keys(await dbStats(emu)).filter((a) => !/\.(getDocument|calculateDocument|aggregateDocuments)$/.test(a))
  const fileExists = async (fileID: string) => (await settled(wx().getTempFileURL({ fileList: [fileID] }))).fileList[0]!.status === 0

  /** Agreed to the current policy, location granted and nearby used (the position is stored nowhere). */
  async function locatedUser(openid: string): Promise<void> {
    expect(await as(consent)(openid, { action: 'record', request: decision({ policy: POLICY_3 }) })).toMatchObject({ ok: true })
    expect(await decide(openid, LOCATION, 'grant')).toMatchObject({ ok: true })
    expect(await as(stores)(openid, { action: 'nearby', ...JINGAN })).toMatchObject({ ok: true })
  }

  beforeAll(async () => {
    emu = await startEmulator()
    consent = invoker(emu, 'consent')
    stores = invoker(emu, 'stores')
    personal = invoker(emu, 'personal')
    account = invoker(emu, 'account')
    wxpush = invoker(emu, 'wxpush')
  })
  beforeEach(() => freshCloud(emu, [...POLICY_VERSIONS]))
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('location revoked (13): exactly one platform-push withdrawal is appended and nearby stops; a repeated push writes nothing', async () => {
    await locatedUser(ME)
    await locatedUser(NEIGHBOUR)
    const before = await history(ME)
    const revoke = push(REVOKE, ME, '13')

    const reply = await deliver(revoke)
    expect(reply).toEqual({ ok: true, data: { event: REVOKE, withdrawn: ['scope:scope.userLocation'], removed: [], notCollected: [], plugin: false } })
    expect(JSON.stringify(reply)).not.toContain(ME)
    const after = await history(ME)
    expect(after).toHaveLength(before.length + 1)
    expect(after.filter((e) => e.method === 'platform-push')).toHaveLength(1)
    expect(after.at(-1)).toMatchObject({ target: LOCATION, decision: 'withdraw', method: 'platform-push', policy: POLICY_3, client: { platform: 'server' }, page: 'wxpush' })
    expect(await verify(ME)).toMatchObject({ ok: true, count: before.length + 1 })
    const status = await as(consent)(ME, { action: 'status', language: 'zh-CN' })
    expect(status.data.consents['scope:scope.userLocation']).toMatchObject({ state: 'withdrawn', method: 'platform-push' })

    // WeChat delivers it again, and once more with the keys of its JSON example (" OpenID"): nothing new.
    await emu.control('/stats', undefined, 'DELETE')
    expect(await deliver(revoke)).toMatchObject({ ok: true, data: { withdrawn: [] } })
    const spaced = Object.fromEntries(Object.entries(revoke).map(([k, v]) => [['OpenID', 'AppID', 'RevokeInfo'].includes(k) ? ` ${k}` : k, v]))
    expect(await deliver(spaced)).toMatchObject({ ok: true, data: { withdrawn: [] } })
    expect(await writes()).toEqual([])
    expect(await history(ME)).toEqual(after)
  })

  it('concurrent copies of one push append one event', async () => {
    await locatedUser(ME)
    const revoke = push(REVOKE, ME, '13')
    const replies = await Promise.all(Array.from({ length: 6 }, () => deliver(revoke)))
    expect(replies.every((r) => r.ok)).toBe(true)
    expect((await history(ME)).filter((e) => e.method === 'platform-push')).toHaveLength(1)
    expect(await verify(ME)).toMatchObject({ ok: true, count: 3 })
  })

  it('photos revoked (14): the album grant is withdrawn and the picked photo we keep (the avatar) is deleted; location stays', async () => {
    await locatedUser(ME)
    expect(await decide(ME, ALBUM, 'grant')).toMatchObject({ ok: true })
    expect(await as(personal)(ME, { action: 'setAvatar', clientRequestId: rid(), image: JPEG })).toMatchObject({ ok: true })
    const [profile] = await rows('profiles', { _id: ME })
    const avatar = profile!.avatar.fileID as string
    expect(await fileExists(avatar)).toBe(true)

    const revoke = push(REVOKE, ME, '14')
    expect(await deliver(revoke)).toEqual({ ok: true, data: { event: REVOKE, withdrawn: ['scope:scope.writePhotosAlbum'], removed: ['avatar'], notCollected: [], plugin: false } })
    expect(await fileExists(avatar)).toBe(false)
    expect((await as(personal)(ME, { action: 'profile' })).data.avatar).toBeUndefined()
    const last = (await history(ME)).at(-1)
    expect(last).toMatchObject({ target: ALBUM, decision: 'withdraw', method: 'platform-push' })
    expect(await verify(ME)).toMatchObject({ ok: true })
    const consents = (await as(consent)(ME, { action: 'status', language: 'zh-CN' })).data.consents
    expect(consents['scope:scope.userLocation']).toMatchObject({ state: 'granted' })

    const count = (await history(ME)).length
    expect(await deliver(revoke)).toMatchObject({ ok: true, data: { withdrawn: [], removed: [] } })
    expect(await history(ME)).toHaveLength(count)
  })

  it('nothing to record: a user with no consent chain, an authorization we never asked for, a plugin’s user', async () => {
    await emu.control('/stats', undefined, 'DELETE')
    expect(await deliver(push(REVOKE, STRANGER, '13,14'))).toEqual({ ok: true, data: { event: REVOKE, withdrawn: [], removed: [], notCollected: [], plugin: false } })
    expect(await writes()).toEqual([])
    expect(await rows('consent_salts', { _id: STRANGER })).toEqual([])

    await locatedUser(ME)
    const count = (await history(ME)).length
    await emu.control('/stats', undefined, 'DELETE')
    // 8 is the mobile number, which this app never asks WeChat for.
    expect(await deliver(push(REVOKE, ME, '8'))).toMatchObject({ ok: true, data: { withdrawn: [], notCollected: ['8'] } })
    expect(await deliver({ ...push(REVOKE, ME, '13'), PluginID: 'wx_test_plugin', OpenPID: 'p_test_user_41' })).toMatchObject({ ok: true, data: { withdrawn: [], plugin: true } })
    expect(await writes()).toEqual([])
    expect(await history(ME)).toHaveLength(count)
  })

  it('account gone: an approved cancellation, no cooling-off, that the account function’s scheduler carries out', async () => {
    if (!calendarCoversNow()) return // past the calendar's last year: the refusal is covered in tests/unit/calendar
    await locatedUser(ME)
    await locatedUser(NEIGHBOUR)
    expect(await as(personal)(ME, { action: 'addContact', clientRequestId: rid(), contact: CONTACT })).toMatchObject({ ok: true })

    const gone = push(CANCELLATION, ME)
    const reply = await deliver(gone)
    expect(reply).toMatchObject({ ok: true, data: { event: CANCELLATION, cancellationId: expect.stringMatching(/^[A-Za-z0-9_-]{20}$/) } })
    expect((await deliver(gone)).data.cancellationId).toBe(reply.data.cancellationId)
    const status = await as(account)(ME, { action: 'cancellationStatus' })
    expect(status.data.cancellation).toMatchObject({ requestId: reply.data.cancellationId, stage: 'approved' })
    expect(Date.parse(status.data.cancellation.coolingOffEndsAt)).toBeLessThanOrEqual(Date.now())

    expect(await emu.control('/timers/run', { name: 'account', trigger: 'runCancellations' })).toMatchObject({ result: { ok: true, data: { completed: 1 } } })
    const [request] = await rows('rights_requests', { _id: reply.data.cancellationId })
    expect(request).toMatchObject({ type: 'cancellation', status: 'completed' })
    for (const collection of ['contacts', 'consent_salts', 'profiles']) expect([collection, await rows(collection, { _id: ME })]).toEqual([collection, []])
  })

  it('refuses a mini-program user, directly or through another function, whatever the push says; the console may replay one', async () => {
    await locatedUser(NEIGHBOUR)
    await emu.control('/stats', undefined, 'DELETE')
    for (const event of [push(CANCELLATION, NEIGHBOUR), push(REVOKE, NEIGHBOUR, '13')]) {
      for (const identity of [user(ME), user(NEIGHBOUR), { OPENID: ME, APPID: APP, SOURCE: 'wx_client,scf' }, { OPENID: ME, APPID: APP, SOURCE: 'wx_devtools' }]) {
        expect((await wxpush(event, identity)).result).toMatchObject({ ok: false, code: 'PUSH.FORBIDDEN' })
      }
    }
    expect(await writes()).toEqual([])
    expect(await rows('rights_requests')).toEqual([])

    // Staff at the CloudBase console (no OPENID, no SOURCE) can replay a push they hold.
    expect((await wxpush(push(REVOKE, NEIGHBOUR, '13'), null)).result).toMatchObject({ ok: true, data: { withdrawn: ['scope:scope.userLocation'] } })
  })

  it('malformed pushes and unhandled events get a coded error and change nothing', async () => {
    await locatedUser(ME)
    const good = push(REVOKE, ME, '13')
    const { RevokeInfo: _none, ...noRevokeInfo } = good
    await emu.control('/stats', undefined, 'DELETE')
    for (const [body, code] of [
      [{}, 'COMMON.INVALID_INPUT'],
      [{ ...good, OpenID: undefined }, 'COMMON.INVALID_INPUT'],
      [{ ...good, OpenID: { $ne: null } }, 'COMMON.INVALID_INPUT'],
      [{ ...good, OpenID: '' }, 'COMMON.INVALID_INPUT'],
      [{ ...good, MsgType: 'text' }, 'COMMON.INVALID_INPUT'],
      [{ ...good, CreateTime: 'yesterday' }, 'COMMON.INVALID_INPUT'],
      [{ ...good, RevokeInfo: 13 }, 'COMMON.INVALID_INPUT'],
      [{ ...good, RevokeInfo: '13 OR 1=1' }, 'COMMON.INVALID_INPUT'],
      [{ ...good, ' OpenID': NEIGHBOUR }, 'COMMON.INVALID_INPUT'],
      [noRevokeInfo, 'COMMON.INVALID_INPUT'],
      [{ ...good, Event: 'user_info_modified' }, 'PUSH.UNSUPPORTED_EVENT'],
      [{ ...good, Event: 'subscribe_msg_popup_event' }, 'PUSH.UNSUPPORTED_EVENT'],
    ] as const) {
      expect([body, await deliver(body)]).toEqual([body, expect.objectContaining({ ok: false, code })])
      expect(ERROR_CODES).toContain(code)
    }
    expect(await writes()).toEqual([])
    expect((await history(ME)).filter((e) => e.method === 'platform-push')).toEqual([])
  })
})
