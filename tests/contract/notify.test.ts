import path from 'node:path'
import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { POLICY_2026_3, POLICY_VERSIONS } from '../../src/content'
import { CANCELLATION_NOTICE_PAGE, DEFAULT_CANCELLATION_TEMPLATE_ID } from '../../src/domain/cancellation/notice'
import type { OutboxMessage } from '../../emulator/openapi/outbox'
import { contentHash } from '../../src/domain/policy/policy-hash'
import { decision, freshCloud, invoker, type Reply, user } from '../support/consent'
import { connectSdk, removeDataDir, ROOT, type RunningEmulator, startEmulator } from '../support/emulator'
import { OPS_ENV, operator } from '../support/ops'
import { calendarCoversNow } from '../support/calendar'

const ME = 'o_test_user_41'
const NEIGHBOUR = 'o_test_user_42'
const CONTACT = { name: '李四', mobile: '13900001111', regionId: '310115', addressLine: '示例路 9 号' }
/** `2026年3月1日 15:01`: the shape WeChat's `time` keyword takes. */
const WECHAT_TIME = /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/


// The account and ops functions tell a user who accepted the subscribe message about each status change,
// through the real SDK's cloud.openapi into the emulator's outbox.
describe('cancellation subscribe messages', () => {
  let emu: RunningEmulator
  let logs = ''
  let n = 0
  const rid = () => `nrid-${process.pid}-${++n}`
  const account = (openid: string, event: Record<string, unknown>): Promise<Reply> => invoker(emu, 'account')(event, user(openid)).then((r) => r.result!)
  const ops = async (event: Record<string, unknown>): Promise<Reply> => (await invoker(emu, 'ops')({ operator: operator(), ...event }, null)).result!
  const runScheduler = () => emu.control('/timers/run', { name: 'account', trigger: 'runCancellations' })
  const outbox = async () => (await emu.control<{ messages: OutboxMessage[] }>('/outbox')).messages
  const stages = async (openid: string) => (await outbox()).filter((m) => m.touser === openid).map((m) => m.data.phrase1!.value)
  /** As if the cooling-off had passed. */
  const coolOff = (id: string) => settled(database().collection('rights_requests').doc(id).update({ data: { coolingOffEndsAt: new Date(Date.now() - 1000).toISOString() } }))
  const request = async (openid: string, notify: boolean) => {
    const filed = await account(openid, { action: 'requestCancellation', clientRequestId: rid(), notify })
    expect(filed).toMatchObject({ ok: true, data: { stage: 'cooling-off', notify } })
    return filed.data as { requestId: string; certificateId: string; coolingOffEndsAt: string }
  }

  beforeAll(async () => {
    emu = await startEmulator({ env: OPS_ENV })
    // Function logs go to the emulator's output: stdout for console.log/info, stderr for warn/error.
    emu.child.stdout!.on('data', (d: Buffer) => (logs += d.toString()))
    emu.child.stderr!.on('data', (d: Buffer) => (logs += d.toString()))
  })
  beforeEach(async () => {
    await freshCloud(emu, [...POLICY_VERSIONS])
    logs = ''
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('tells a user who accepted of each step: filed, cooling-off over, approved, completed with the certificate', async () => {
    if (!calendarCoversNow()) return // the refusal of such years is covered in tests/unit/calendar
    const filed = await request(ME, true)
    const [first] = await outbox()
    expect(first).toEqual({
      id: expect.any(String),
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      touser: ME,
      templateId: DEFAULT_CANCELLATION_TEMPLATE_ID,
      page: CANCELLATION_NOTICE_PAGE,
      data: { phrase1: { value: '冷静期中' }, thing2: { value: expect.stringMatching(/前可撤销$/) }, time3: { value: expect.stringMatching(WECHAT_TIME) } },
      miniprogramState: 'formal',
      lang: 'zh_CN',
    })
    // A second tap answers the same request and sends nothing more.
    await account(ME, { action: 'requestCancellation', clientRequestId: rid(), notify: true })
    expect(await outbox()).toHaveLength(1)

    await coolOff(filed.requestId)
    await runScheduler()
    expect(await stages(ME)).toEqual(['冷静期中', '待审核'])
    expect(await ops({ action: 'approve', requestId: filed.requestId })).toMatchObject({ ok: true })
    expect(await stages(ME)).toEqual(['冷静期中', '待审核', '已通过'])
    await runScheduler()
    const messages = await outbox()
    expect(messages.map((m) => m.data.phrase1!.value)).toEqual(['冷静期中', '待审核', '已通过', '已注销'])
    expect(messages.at(-1)!.data.thing2).toEqual({ value: filed.certificateId })
    expect(messages.every((m) => m.touser === ME)).toBe(true)
    expect(new Set(messages.map((m) => m.id)).size).toBe(4)
    expect(messages.map((m) => m.at)).toEqual([...messages.map((m) => m.at)].sort())
    // The openid is never logged.
    expect(logs).not.toContain(ME)
  })

  it('tells of a rejection with its reason cut to 20 characters, of a bulk approval, and of an undo', async () => {
    if (!calendarCoversNow()) return
    const mine = await request(ME, true)
    const theirs = await request(NEIGHBOUR, true)
    for (const id of [mine.requestId, theirs.requestId]) await coolOff(id)
    await runScheduler()
    const reason = '账号存在尚未完成的售后订单，请处理完毕后再申请注销'
    expect(await ops({ action: 'reject', requestId: mine.requestId, reason })).toMatchObject({ ok: true })
    expect(await ops({ action: 'bulkApprove', requestIds: [theirs.requestId, mine.requestId] })).toMatchObject({ ok: true, data: { succeeded: [theirs.requestId] } })
    const rejected = (await outbox()).filter((m) => m.touser === ME).at(-1)!
    expect(rejected.data.phrase1).toEqual({ value: '未通过' })
    expect(Array.from(rejected.data.thing2!.value as string)).toHaveLength(20)
    expect(rejected.data.thing2!.value).toBe(`${Array.from(reason).slice(0, 19).join('')}…`)
    expect(await stages(NEIGHBOUR)).toEqual(['冷静期中', '待审核', '已通过'])

    const again = await request(ME, true)
    expect(await account(ME, { action: 'undoCancellation', requestId: again.requestId })).toMatchObject({ ok: true, data: { stage: 'withdrawn' } })
    expect((await stages(ME)).slice(-2)).toEqual(['冷静期中', '已撤销'])
  })

  it('sends nothing to a user who did not accept, through every step', async () => {
    if (!calendarCoversNow()) return
    const filed = await request(ME, false)
    await coolOff(filed.requestId)
    await runScheduler()
    expect(await ops({ action: 'approve', requestId: filed.requestId })).toMatchObject({ ok: true })
    await runScheduler()
    const [row] = (await settled(database().collection('rights_requests').where({ _id: filed.requestId }).get())).data as Array<{ status: string }>
    expect(row!.status).toBe('completed')
    const undone = await request(NEIGHBOUR, false)
    await account(NEIGHBOUR, { action: 'undoCancellation', requestId: undone.requestId })
    expect(await outbox()).toEqual([])
  })

  it('a refusal by WeChat (43101) changes nothing: every step still happens, logged without the openid', async () => {
    if (!calendarCoversNow()) return
    await emu.control('/outbox/refusals', { touser: ME })
    const filed = await request(ME, true)
    await coolOff(filed.requestId)
    await runScheduler()
    expect(await ops({ action: 'approve', requestId: filed.requestId })).toMatchObject({ ok: true, data: { status: 'processing' } })
    await runScheduler()
    expect(await account(ME, { action: 'cancellationStatus' })).toEqual({ ok: true, data: {} })
    expect(await outbox()).toEqual([])
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(logs).toContain(`[notify] request ${filed.requestId}: no accepted subscription left for the cooling-off message`)
    expect(logs).not.toContain(ME)
  })

  it('puts nothing of another user in a message: only the owner, their status, a time and their own words', async () => {
    if (!calendarCoversNow()) return
    // The neighbour has a contact and a cancellation of their own, but did not ask to be told.
    const agreed = await invoker(emu, 'consent')({ action: 'record', request: decision({ policy: { version: POLICY_2026_3.version, hash: contentHash(POLICY_2026_3) } }) }, user(NEIGHBOUR))
    expect(agreed.result).toMatchObject({ ok: true })
    expect((await invoker(emu, 'personal')({ action: 'addContact', clientRequestId: rid(), contact: CONTACT }, user(NEIGHBOUR))).result).toMatchObject({ ok: true })
    const theirs = await request(NEIGHBOUR, false)
    const mine = await request(ME, true)
    for (const id of [mine.requestId, theirs.requestId]) await coolOff(id)
    await runScheduler()
    await ops({ action: 'bulkApprove', requestIds: [mine.requestId, theirs.requestId] })
    await runScheduler()
    const messages = await outbox()
    expect(messages.map((m) => m.touser)).toEqual([ME, ME, ME, ME])
    const text = JSON.stringify(messages)
    for (const other of [NEIGHBOUR, theirs.requestId, theirs.certificateId, CONTACT.name, CONTACT.mobile, mine.requestId]) expect(text).not.toContain(other)
  })
})

// What the emulator accepts, as WeChat would: raw sends through the real SDK from fixture functions.
describe('subscribeMessage.send on the emulator', () => {
  let emu: RunningEmulator
  const valid = { touser: ME, templateId: 'tmpl_fixture_1', page: 'pages/index/index?from=msg', data: { phrase1: { value: '已通过' }, thing2: { value: '示例说明' }, time3: { value: '2026年3月1日 15:01' } }, miniprogramState: 'developer', lang: 'zh_CN' }
  const send = async (args: unknown, fn = 'sender', api?: string) =>
    (await emu.control<{ result: { errCode: number; errMsg: string } }>('/invoke', { name: fn, event: { args, ...(api ? { api } : {}) }, identity: user(ME) })).result

  beforeAll(async () => {
    emu = await startEmulator({ functionsDir: path.join(ROOT, 'tests', 'fixtures', 'openapi-functions') })
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('accepts a well-formed message, answers as WeChat does and keeps it in the outbox', async () => {
    await emu.control('/outbox', undefined, 'DELETE')
    expect(await send(valid)).toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' })
    expect(await send({ touser: ME, templateId: 'tmpl_fixture_1', data: { number1: { value: 3 }, character_string2: { value: 'AB-12_x' } } })).toMatchObject({ errCode: 0 })
    const { messages } = await emu.control<{ messages: OutboxMessage[] }>('/outbox')
    expect(messages).toEqual([
      { id: expect.any(String), at: expect.any(String), ...valid },
      { id: expect.any(String), at: expect.any(String), touser: ME, templateId: 'tmpl_fixture_1', data: { number1: { value: 3 }, character_string2: { value: 'AB-12_x' } } },
    ])
  })

  it.each([
    ['no touser', 40003, { ...valid, touser: undefined }],
    ['a touser that is no openid', 40003, { ...valid, touser: 'someone@example.com' }],
    ['no templateId', 40037, { ...valid, templateId: undefined }],
    ['an empty templateId', 40037, { ...valid, templateId: '' }],
    ['a page with spaces', 41030, { ...valid, page: 'pages/index/index extra' }],
    ['no data', 47003, { ...valid, data: undefined }],
    ['data as a list', 47003, { ...valid, data: [{ value: 'x' }] }],
    ['a value not wrapped in { value }', 47003, { ...valid, data: { thing2: '示例' } }],
    ['an empty value', 47003, { ...valid, data: { thing2: { value: ' ' } } }],
    ['a key that is no template keyword', 47003, { ...valid, data: { note: { value: 'x' } } }],
    ['a thing over 20 characters', 47003, { ...valid, data: { thing2: { value: '一二三四五六七八九十一二三四五六七八九十一' } } }],
    ['a phrase that is not Chinese', 47003, { ...valid, data: { phrase1: { value: 'done' } } }],
    ['a time that is no time', 47003, { ...valid, data: { time3: { value: '明天' } } }],
    ['an unknown miniprogramState', 47003, { ...valid, miniprogramState: 'production' }],
    ['an unknown lang', 47003, { ...valid, lang: 'fr_FR' }],
  ])('refuses %s with errcode %d and keeps nothing', async (_why, errCode, args) => {
    await emu.control('/outbox', undefined, 'DELETE')
    const reply = await send(args)
    expect(reply.errCode).toBe(errCode)
    expect(reply.errMsg).toMatch(/^openapi\.subscribeMessage\.send:fail .+ rid: [0-9a-f-]+$/)
    expect((await emu.control<{ messages: unknown[] }>('/outbox')).messages).toEqual([])
  })

  it('refuses a user who did not accept the template with 43101, and only that user', async () => {
    await emu.control('/reset', {})
    await emu.control('/outbox/refusals', { touser: ME, templateId: 'tmpl_fixture_1' })
    expect(await send(valid)).toEqual({ errCode: 43101, errMsg: expect.stringMatching(/^openapi\.subscribeMessage\.send:fail user refuse to accept the msg rid: /) })
    expect(await send({ ...valid, templateId: 'tmpl_fixture_2' })).toMatchObject({ errCode: 0 })
    expect(await send({ ...valid, touser: NEIGHBOUR })).toMatchObject({ errCode: 0 })
    expect((await emu.control<{ messages: OutboxMessage[] }>('/outbox')).messages.map((m) => [m.touser, m.templateId])).toEqual([
      [ME, 'tmpl_fixture_2'],
      [NEIGHBOUR, 'tmpl_fixture_1'],
    ])
  })

  it('lets only a running function call, and only the APIs its config.json lists', async () => {
    expect(await send(valid, 'unpermitted')).toEqual({ errCode: -604101, errMsg: 'system error: error code: -604101' })
    // Listed, but not one the emulator serves.
    expect(await send({ scene: 'a=1' }, 'sender', 'wxacode.getUnlimited')).toEqual({ errCode: -604100, errMsg: 'system error: error code: -604100' })
    // This test process holds no invocation token: the SDK here is not inside a function.
    const cloud = connectSdk(emu)
    await expect(cloud.openapi.subscribeMessage.send(valid)).rejects.toMatchObject({ errCode: -604104 })
  })
})
