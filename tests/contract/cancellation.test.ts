import { database, settled, wx } from '../../cloudfunctions/_shared/adapters/wx'
import { DELETION_CERTIFICATES } from '../../cloudfunctions/_shared/repositories/cancellations'
import { POLICY_VERSIONS, POLICY_2026_3 } from '../../src/content'
import { addWorkingDays, chineseWorkdayCalendar } from '../../src/domain/calendar'
import { contentHash } from '../../src/domain/policy/policy-hash'
import { decision, freshCloud, invoker, type Reply, user } from '../support/consent'
import { removeDataDir, startEmulator, type RunningEmulator } from '../support/emulator'
import { OPS_ENV, operator } from '../support/ops'
import { calendarCoversNow } from '../support/calendar'

const POLICY_3 = { version: POLICY_2026_3.version, hash: contentHash(POLICY_2026_3) }
const ME = 'o_test_user_31'
const NEIGHBOUR = 'o_test_user_32'
const CONTACT = { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '示例路 88 弄 8 号' }
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]).toString('base64')


// The built `account` function's cancellation, the `ops` function's decision and the scheduler, with the real SDK.
describe('account cancellation', () => {
  let emu: RunningEmulator
  let account: ReturnType<typeof invoker>
  let personal: ReturnType<typeof invoker>
  let orders: ReturnType<typeof invoker>
  let consent: ReturnType<typeof invoker>
  let ops: ReturnType<typeof invoker>
  let n = 0
  const rid = () => `crid-${process.pid}-${++n}`
  const as = (fn: ReturnType<typeof invoker>) => async (openid: string, event: Record<string, unknown>): Promise<Reply> => (await fn(event, user(openid))).result!
  const rows = async (collection: string, where: Record<string, unknown> = {}) => (await settled(database().collection(collection).where(where).limit(1000).get())).data as Array<Record<string, any>>
  const runScheduler = () => emu.control('/timers/run', { name: 'account', trigger: 'runCancellations' })
  const opsCall = async (event: Record<string, unknown>) => (await ops({ operator: operator(), ...event }, null)).result!
  const fileExists = async (fileID: string) => (await settled(wx().getTempFileURL({ fileList: [fileID] }))).fileList[0]!.status === 0

  /** A user with something in every category: profile and avatar, contact, order, an export archive. */
  async function fullUser(openid: string): Promise<{ avatar: string; archive: string }> {
    expect((await consent({ action: 'record', request: decision({ policy: POLICY_3 }) }, user(openid))).result).toMatchObject({ ok: true })
    const p = as(personal)
    expect(await p(openid, { action: 'addContact', clientRequestId: rid(), contact: CONTACT })).toMatchObject({ ok: true })
    expect(await p(openid, { action: 'setNickname', clientRequestId: rid(), nickname: `昵称${openid.slice(-2)}` })).toMatchObject({ ok: true })
    expect(await p(openid, { action: 'setAvatar', clientRequestId: rid(), image: JPEG })).toMatchObject({ ok: true })
    expect(await as(orders)(openid, { action: 'place', clientRequestId: rid(), storeId: 'sh-jingan', lines: [{ productId: 'coffee-beans', quantity: 1 }] })).toMatchObject({ ok: true })
    const made = await as(invoker(emu, 'export'))(openid, { action: 'requestExport', clientRequestId: rid() })
    expect(made).toMatchObject({ ok: true })
    const [profile] = await rows('profiles', { _id: openid })
    const [archive] = await rows('exports', { openid })
    return { avatar: profile!.avatar.fileID, archive: archive!.fileID }
  }

  /** Everything stored about `openid`, by collection, for a byte-for-byte comparison. */
  async function everythingOf(openid: string) {
    const out: Record<string, unknown> = {}
    for (const c of ['profiles', 'contacts', 'consent_salts', 'corrections', 'rights_requests', 'exports', 'orders']) {
      out[c] = [...(await rows(c, { _id: openid })), ...(await rows(c, { openid }))]
    }
    return out
  }

  beforeAll(async () => {
    emu = await startEmulator({ env: OPS_ENV })
    account = invoker(emu, 'account')
    personal = invoker(emu, 'personal')
    orders = invoker(emu, 'orders')
    consent = invoker(emu, 'consent')
    ops = invoker(emu, 'ops')
  })
  beforeEach(() => freshCloud(emu, [...POLICY_VERSIONS]))
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('previews what goes and what stays, asks nothing, and can be undone during the cooling-off', async () => {
    if (!calendarCoversNow()) return // past the calendar's last year: the refusal is covered in tests/unit/calendar
    await fullUser(ME)
    const a = as(account)
    const preview = await a(ME, { action: 'cancellationPreview' })
    expect(preview.data.deleted.map((c: { category: string }) => c.category)).toEqual(expect.arrayContaining(['wechat-openid', 'profile', 'delivery-contact', 'data-export']))
    expect(preview.data.retained).toEqual(expect.arrayContaining([{ category: 'order-records', count: 1, retention: 'transactions' }]))
    expect(preview.data.coolingOffDays).toBe(7)

    const first = await a(ME, { action: 'requestCancellation', clientRequestId: rid(), notify: true })
    expect(first).toMatchObject({ ok: true, data: { stage: 'cooling-off', dueAt: addWorkingDays(chineseWorkdayCalendar(), first.data.createdAt, 15), notify: true } })
    expect(Date.parse(first.data.coolingOffEndsAt) - Date.parse(first.data.createdAt)).toBe(7 * 86_400_000)
    // A second tap answers the same request.
    expect((await a(ME, { action: 'requestCancellation', clientRequestId: rid(), notify: false })).data.requestId).toBe(first.data.requestId)
    // Another user cannot undo it.
    expect(await a(NEIGHBOUR, { action: 'undoCancellation', requestId: first.data.requestId })).toMatchObject({ ok: false, code: 'COMMON.NOT_FOUND' })
    expect(await a(ME, { action: 'undoCancellation', requestId: first.data.requestId })).toMatchObject({ ok: true, data: { stage: 'withdrawn' } })
    const again = await a(ME, { action: 'requestCancellation', clientRequestId: rid(), notify: false })
    expect(again.data.requestId).not.toBe(first.data.requestId)
    expect(await a(ME, { action: 'cancellationStatus' })).toMatchObject({ ok: true, data: { cancellation: { requestId: again.data.requestId, stage: 'cooling-off' } } })
    // The scheduler leaves it alone until the cooling-off ends; ops cannot take it earlier.
    await runScheduler()
    expect((await a(ME, { action: 'cancellationStatus' })).data.cancellation.stage).toBe('cooling-off')
    expect(await opsCall({ action: 'approve', requestId: again.data.requestId })).toMatchObject({ ok: false })
  })

  it('after cooling-off and approval, the scheduler deletes every row and file, keeps orders anonymised, and certifies it; the neighbour is untouched', async () => {
    if (!calendarCoversNow()) return
    const mine = await fullUser(ME)
    const theirs = await fullUser(NEIGHBOUR)
    const neighbourBefore = await everythingOf(NEIGHBOUR)
    const a = as(account)
    const req = await a(ME, { action: 'requestCancellation', clientRequestId: rid(), notify: true })
    const id = req.data.requestId as string
    // The cooling-off ends (as if 7 days passed).
    await database().collection('rights_requests').doc(id).update({ data: { coolingOffEndsAt: new Date(Date.now() - 1000).toISOString() } })
    await runScheduler()
    expect((await a(ME, { action: 'cancellationStatus' })).data.cancellation.stage).toBe('awaiting-review')
    expect(await opsCall({ action: 'approve', requestId: id })).toMatchObject({ ok: true })
    expect((await a(ME, { action: 'cancellationStatus' })).data.cancellation.stage).toBe('approved')

    await runScheduler()
    // Every row keyed by the user is gone, and so are the files.
    const left = await everythingOf(ME)
    for (const [collection, found] of Object.entries(left)) expect([collection, found]).toEqual([collection, []])
    expect(await fileExists(mine.avatar)).toBe(false)
    expect(await fileExists(mine.archive)).toBe(false)
    // Kept: the order, without delivery details or the openid, restricted; the request records, unlinked.
    const [request] = await rows('rights_requests', { _id: id })
    expect(request).toMatchObject({ status: 'completed', type: 'cancellation' })
    const certificateId = request!.outcome as string
    const kept = await rows('orders', { openid: `retained:${certificateId}` })
    expect(kept).toHaveLength(1)
    expect(kept[0]).toMatchObject({ restricted: true })
    expect(kept[0]!.deliverTo).toBeUndefined()
    // The consent chain stays (it still links to nothing), its salt is gone.
    expect((await rows('consent_events')).length).toBeGreaterThan(1)

    // The certificate: anyone with the id may read it; it names no one.
    const cert = await as(account)(NEIGHBOUR, { action: 'certificate', certificateId })
    expect(cert).toMatchObject({ ok: true, data: { id: certificateId, consentChain: 'anonymised' } })
    expect(cert.data.categories.map((c: { category: string }) => c.category)).toEqual(expect.arrayContaining(['profile', 'delivery-contact', 'order-records']))
    expect(cert.data.retained).toEqual(expect.arrayContaining([expect.objectContaining({ category: 'order-records', count: 1, retention: 'transactions' })]))
    expect(cert.data.deleted.files).toMatchObject({ avatars: 1, exports: 1 })
    expect(JSON.stringify(await rows(DELETION_CERTIFICATES))).not.toMatch(/o_test_user|13812345678|张三|昵称/)

    // The same WeChat account is a new user now.
    expect(await a(ME, { action: 'cancellationStatus' })).toEqual({ ok: true, data: {} })
    expect((await as(personal)(ME, { action: 'inventory' })).data.categories).toEqual([])
    const status = (await consent({ action: 'status', language: 'zh-CN' }, user(ME))).result!
    expect(status.data.agreed).toBeUndefined()

    // The neighbour's data is byte-for-byte what it was.
    expect(await everythingOf(NEIGHBOUR)).toEqual(neighbourBefore)
    expect(await fileExists(theirs.avatar)).toBe(true)
    expect(await fileExists(theirs.archive)).toBe(true)
  })

  it('a deletion cut short resumes where it stopped and repeats no finished step', async () => {
    if (!calendarCoversNow()) return
    await fullUser(ME)
    const req = await as(account)(ME, { action: 'requestCancellation', clientRequestId: rid(), notify: false })
    const id = req.data.requestId as string
    await database().collection('rights_requests').doc(id).update({ data: { coolingOffEndsAt: new Date(Date.now() - 1000).toISOString() } })
    await runScheduler()
    await opsCall({ action: 'approve', requestId: id })
    await runScheduler()
    const [done] = await rows('rights_requests', { _id: id })
    // Replay the last two steps as if the run had died after `retained`: nothing breaks, nothing doubles.
    await database().collection('rights_requests').doc(id).update({ data: { status: 'processing', openid: ME, deletion: { ...done!.deletion, done: ['files', 'rows', 'retained'] } } })
    await runScheduler()
    const [again] = await rows('rights_requests', { _id: id })
    expect(again).toMatchObject({ status: 'completed', outcome: done!.outcome })
    expect(await rows(DELETION_CERTIFICATES)).toHaveLength(1)
  })

  it('ops can reject with a reason the user sees; the account stays', async () => {
    if (!calendarCoversNow()) return
    await fullUser(ME)
    const req = await as(account)(ME, { action: 'requestCancellation', clientRequestId: rid(), notify: false })
    await database().collection('rights_requests').doc(req.data.requestId).update({ data: { coolingOffEndsAt: new Date(Date.now() - 1000).toISOString() } })
    await runScheduler()
    expect(await opsCall({ action: 'reject', requestId: req.data.requestId, reason: '账号存在未完成的售后，请处理后再申请' })).toMatchObject({ ok: true })
    expect(await as(account)(ME, { action: 'cancellationStatus' })).toMatchObject({ ok: true, data: { cancellation: { stage: 'rejected', reason: '账号存在未完成的售后，请处理后再申请' } } })
    expect(await rows('contacts', { _id: ME })).toHaveLength(1)
  })

  it('a user who subscribes later is told of the next change; nobody else can subscribe to their request', async () => {
    if (!calendarCoversNow()) return
    await fullUser(ME)
    const a = as(account)
    const req = await a(ME, { action: 'requestCancellation', clientRequestId: rid(), notify: false })
    const id = req.data.requestId as string
    expect(await a(NEIGHBOUR, { action: 'subscribeCancellation', requestId: id })).toMatchObject({ ok: false, code: 'COMMON.NOT_FOUND' })
    expect(await a(ME, { action: 'subscribeCancellation', requestId: id })).toMatchObject({ ok: true, data: { notify: true, stage: 'cooling-off' } })
    await emu.control('/outbox', undefined, 'DELETE')
    await database().collection('rights_requests').doc(id).update({ data: { coolingOffEndsAt: new Date(Date.now() - 1000).toISOString() } })
    await runScheduler()
    const { messages } = await emu.control<{ messages: Array<{ touser: string }> }>('/outbox')
    expect(messages.map((m) => m.touser)).toEqual([ME])
    await opsCall({ action: 'reject', requestId: id, reason: '测试拒绝' })
    expect(await a(ME, { action: 'subscribeCancellation', requestId: id })).toMatchObject({ ok: false, code: 'REQUEST.ILLEGAL_TRANSITION' })
  })

  it('bad input gets a coded error and changes nothing', async () => {
    const before = await rows('rights_requests')
    const a = as(account)
    for (const event of [
      { action: 'requestCancellation', clientRequestId: 'short', notify: true },
      { action: 'requestCancellation', clientRequestId: rid() },
      { action: 'undoCancellation', requestId: '../../etc' },
      { action: 'undoCancellation', requestId: 'a'.repeat(20) },
      { action: 'subscribeCancellation', requestId: 'a'.repeat(20) },
      { action: 'subscribeCancellation', requestId: ['x'] },
      { action: 'certificate', certificateId: { $ne: null } },
      { action: 'certificate', certificateId: 'b'.repeat(20) },
    ]) {
      const r = await a(ME, event)
      expect(r.ok).toBe(false)
      expect(r.code).toMatch(/^(COMMON\.INVALID_INPUT|COMMON\.NOT_FOUND)$/)
    }
    expect(await rows('rights_requests')).toEqual(before)
  })
})
