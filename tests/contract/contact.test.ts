import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { RIGHTS_REQUESTS } from '../../cloudfunctions/_shared/repositories/rights-requests'
import { addWorkingDays, chineseWorkdayCalendar } from '../../src/domain/calendar'
import { DELETION_TRIGGERS } from '../../src/domain/requests/rights-request'
import { calendarCoversNow } from '../support/calendar'
import { decision, cloudSuite, invoker, type Reply, user } from '../support/consent'
import { type RunningEmulator } from '../support/emulator'
import { OPS_ENV, operator } from '../support/ops'

const ME = 'o_test_user_41'
const NEIGHBOUR = 'o_test_user_42'

// The built `personal` and `ops` functions (npm run build:cloud): 联系我们 and deletion requests (PIPL Arts. 47, 50).
describe('contact us and deletion requests', () => {
  let emu: RunningEmulator
  let personal: ReturnType<typeof invoker>
  let consent: ReturnType<typeof invoker>
  let ops: ReturnType<typeof invoker>
  let n = 0
  const rid = () => `crid-${process.pid}-${++n}`
  const call = async (openid: string, event: unknown): Promise<Reply> => (await personal(event, user(openid))).result!
  const asOps = async (event: Record<string, unknown>): Promise<Reply> => (await ops({ operator: operator(), ...event }, null)).result!
  const agree = (openid: string) => consent({ action: 'record', request: decision() }, user(openid))
  const rows = async () => (await settled(database().collection(RIGHTS_REQUESTS).limit(1000).get())).data as Array<Record<string, any>>
  const mine = async (openid: string) => (await call(openid, { action: 'requests' })).data.requests as Array<Record<string, any>>
  /** 15 working days from the Shanghai date of `at`, as the function counts. */
  const dueFrom = (at: Date) => addWorkingDays(chineseWorkdayCalendar(), at.toISOString(), 15)

  cloudSuite((e) => {
    emu = e
    personal = invoker(emu, 'personal')
    consent = invoker(emu, 'consent')
    ops = invoker(emu, 'ops')
  }, OPS_ENV)

  it('a question and a complaint become requests of their kind, due 15 working days after receipt, with the words as sent', async () => {
    if (!calendarCoversNow()) return // past the calendar's last year: the refusal is covered in tests/unit/calendar
    await agree(ME)
    const before = new Date()
    const q = await call(ME, { action: 'sendMessage', clientRequestId: rid(), kind: 'question', message: '  你们会把我的收货地址\n提供给谁？  ' })
    const c = await call(ME, { action: 'sendMessage', clientRequestId: rid(), kind: 'complaint', message: '未经同意给我发送营销短信' })
    const after = new Date()
    expect(q).toMatchObject({ ok: true, data: { type: 'question', status: 'submitted', detail: '你们会把我的收货地址\n提供给谁？' } })
    expect(c).toMatchObject({ ok: true, data: { type: 'complaint', status: 'submitted', detail: '未经同意给我发送营销短信' } })
    // Due from receipt: the day it arrived, not a later identity check.
    for (const r of [q, c]) {
      expect([dueFrom(before), dueFrom(after)]).toContain(r.data.dueAt)
      expect(Date.parse(r.data.createdAt)).toBeGreaterThanOrEqual(before.getTime())
      expect(Date.parse(r.data.createdAt)).toBeLessThanOrEqual(after.getTime())
    }
    const stored = await rows()
    expect(stored.map((r) => [r._id, r.openid, r.type, r.status, r.dueAt]).sort()).toEqual(
      [
        [q.data.id, ME, 'question', 'submitted', q.data.dueAt],
        [c.data.id, ME, 'complaint', 'submitted', c.data.dueAt],
      ].sort(),
    )
    // Newest first.
    expect((await mine(ME)).map((r) => r.id)).toEqual([c.data.id, q.data.id])
  })

  it('refuses bad messages with a coded error and writes nothing; nothing is taken before the policy is agreed', async () => {
    expect(await call(ME, { action: 'sendMessage', clientRequestId: rid(), kind: 'question', message: '我的信息保存多久？' })).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    await agree(ME)
    const invalidMessage: unknown[] = ['', '    ', '四个字符', '中'.repeat(501), '问题\u0000问题问题', '问题\u001b[31m问题', '\u202e问题问题问题', '问题\r问题问题', 12345, null, ['问题问题问题'], { $ne: null }]
    for (const message of invalidMessage) {
      expect(await call(ME, { action: 'sendMessage', clientRequestId: rid(), kind: 'complaint', message })).toMatchObject({ ok: false, code: 'REQUEST.MESSAGE_INVALID' })
    }
    const malformed: unknown[] = [
      { action: 'sendMessage', clientRequestId: rid(), message: '我的信息保存多久？' },
      { action: 'sendMessage', clientRequestId: rid(), kind: 'inquiry', message: '我的信息保存多久？' },
      { action: 'sendMessage', clientRequestId: rid(), kind: 'deletion', message: '我的信息保存多久？' },
      { action: 'sendMessage', clientRequestId: rid(), kind: ['question'], message: '我的信息保存多久？' },
      { action: 'sendMessage', clientRequestId: 'short', kind: 'question', message: '我的信息保存多久？' },
      { action: 'sendMessage', clientRequestId: 12345678, kind: 'question', message: '我的信息保存多久？' },
      { action: 'sendMessage', kind: 'question', message: '我的信息保存多久？' },
    ]
    for (const event of malformed) expect(await call(ME, event)).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
    expect(await rows()).toEqual([])
  })

  it('another user sees none of them, and cannot answer or read them through their own requests', async () => {
    if (!calendarCoversNow()) return
    await agree(ME)
    await agree(NEIGHBOUR)
    const crid = rid()
    const sent = await call(ME, { action: 'sendMessage', clientRequestId: crid, kind: 'complaint', message: '客服泄露了我的手机号' })
    expect(sent.ok).toBe(true)
    expect(await mine(NEIGHBOUR)).toEqual([])
    // The same client request id from someone else is their own request, not a way to mine.
    const theirs = await call(NEIGHBOUR, { action: 'sendMessage', clientRequestId: crid, kind: 'question', message: '另一个用户的问题' })
    expect(theirs.data.id).not.toBe(sent.data.id)
    expect((await mine(NEIGHBOUR)).map((r) => r.detail)).toEqual(['另一个用户的问题'])
    expect(JSON.stringify(await mine(NEIGHBOUR))).not.toContain('手机号')
  })

  it('ops answer with complete, or refuse with a reason; the user reads the answer and the reason', async () => {
    if (!calendarCoversNow()) return
    await agree(ME)
    const q = await call(ME, { action: 'sendMessage', clientRequestId: rid(), kind: 'question', message: '订单记录会保存多久？' })
    const c = await call(ME, { action: 'sendMessage', clientRequestId: rid(), kind: 'complaint', message: '我没有收到删除确认' })
    const shown = await asOps({ action: 'showRequest', requestId: q.data.id })
    expect(shown).toMatchObject({ ok: true, data: { request: { type: 'question', detail: '订单记录会保存多久？', status: 'submitted' } } })
    // Ops answer only once they have taken it up.
    expect(await asOps({ action: 'complete', requestId: q.data.id, outcome: '自交易完成起 3 年' })).toMatchObject({ ok: false, code: 'REQUEST.ILLEGAL_TRANSITION' })
    expect(await asOps({ action: 'approve', requestId: q.data.id })).toMatchObject({ ok: true, data: { status: 'processing' } })
    expect(await asOps({ action: 'complete', requestId: q.data.id, outcome: '自交易完成之日起保存 3 年，期满删除。' })).toMatchObject({ ok: true, data: { status: 'completed' } })
    expect(await asOps({ action: 'reject', requestId: c.data.id, reason: '已于 11 月 30 日通过短信发送删除确认，请查收。' })).toMatchObject({ ok: true, data: { status: 'rejected' } })

    const byId = Object.fromEntries((await mine(ME)).map((r) => [r.id, r]))
    expect(byId[q.data.id]).toMatchObject({ status: 'completed', outcome: '自交易完成之日起保存 3 年，期满删除。', detail: '订单记录会保存多久？', dueAt: q.data.dueAt })
    expect(byId[c.data.id]).toMatchObject({ status: 'rejected', reason: '已于 11 月 30 日通过短信发送删除确认，请查收。' })
  })

  it('a deletion request with each legal trigger, its categories and note, due in 15 working days; ops may complete it', async () => {
    if (!calendarCoversNow()) return
    await agree(ME)
    const before = new Date()
    const made: Array<Record<string, any>> = []
    for (const reason of DELETION_TRIGGERS) {
      const r = await call(ME, { action: 'requestDeletion', clientRequestId: rid(), reason, categories: ['precise-location', 'delivery-contact', 'delivery-contact'], detail: ` 理由：${reason} ` })
      expect(r).toMatchObject({ ok: true, data: { type: 'deletion', status: 'submitted', trigger: reason, detail: `理由：${reason}` } })
      // Deduplicated, in the manifest's order.
      expect(r.data.categories).toEqual(['delivery-contact', 'precise-location'])
      expect([dueFrom(before), dueFrom(new Date())]).toContain(r.data.dueAt)
      made.push(r.data)
    }
    const bare = await call(ME, { action: 'requestDeletion', clientRequestId: rid(), reason: 'consent-withdrawn' })
    expect(bare.data).not.toHaveProperty('categories')
    expect(bare.data).not.toHaveProperty('detail')
    expect((await rows()).filter((r) => r.type === 'deletion')).toHaveLength(DELETION_TRIGGERS.length + 1)

    const id = made[0]!.id as string
    expect(await asOps({ action: 'showRequest', requestId: id })).toMatchObject({
      ok: true,
      data: { request: { type: 'deletion', trigger: 'purpose-achieved', categories: ['delivery-contact', 'precise-location'], detail: '理由：purpose-achieved' } },
    })
    expect((await asOps({ action: 'approve', requestId: id })).ok).toBe(true)
    expect(await asOps({ action: 'complete', requestId: id, outcome: '已删除收货信息与位置信息' })).toMatchObject({ ok: true, data: { status: 'completed' } })
    expect(await asOps({ action: 'reject', requestId: bare.data.id, reason: '订单记录依法保存 3 年，期满删除' })).toMatchObject({ ok: true })
    const byId = Object.fromEntries((await mine(ME)).map((r) => [r.id, r]))
    expect(byId[id]).toMatchObject({ status: 'completed', outcome: '已删除收货信息与位置信息', trigger: 'purpose-achieved' })
    expect(byId[bare.data.id]).toMatchObject({ status: 'rejected', reason: '订单记录依法保存 3 年，期满删除' })
  })

  it('refuses a bad deletion request with a coded error and writes nothing', async () => {
    expect(await call(ME, { action: 'requestDeletion', clientRequestId: rid(), reason: 'unlawful' })).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    await agree(ME)
    for (const detail of ['x'.repeat(201), '换\n行', '\u202eevil', 42, null]) {
      expect(await call(ME, { action: 'requestDeletion', clientRequestId: rid(), reason: 'unlawful', detail })).toMatchObject({ ok: false, code: 'REQUEST.DETAIL_INVALID' })
    }
    const malformed: unknown[] = [
      { action: 'requestDeletion', clientRequestId: rid() },
      { action: 'requestDeletion', clientRequestId: rid(), reason: 'because' },
      { action: 'requestDeletion', clientRequestId: rid(), reason: 'Unlawful' },
      { action: 'requestDeletion', clientRequestId: rid(), reason: 'unlawful', categories: [] },
      { action: 'requestDeletion', clientRequestId: rid(), reason: 'unlawful', categories: ['no-such-category'] },
      { action: 'requestDeletion', clientRequestId: rid(), reason: 'unlawful', categories: 'profile' },
      { action: 'requestDeletion', clientRequestId: rid(), reason: 'unlawful', categories: [{ $ne: null }] },
      { action: 'requestDeletion', clientRequestId: 'short', reason: 'unlawful' },
    ]
    for (const event of malformed) expect(await call(ME, event)).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
    expect(await rows()).toEqual([])
  })

  it('a retry with the same client request id is stored once and answers the same request', async () => {
    if (!calendarCoversNow()) return
    await agree(ME)
    const crid = rid()
    const first = await call(ME, { action: 'sendMessage', clientRequestId: crid, kind: 'complaint', message: '页面没有显示我的订单' })
    const again = await call(ME, { action: 'sendMessage', clientRequestId: crid, kind: 'complaint', message: '页面没有显示我的订单' })
    expect(again).toEqual(first)
    const dcrid = rid()
    const d1 = await call(ME, { action: 'requestDeletion', clientRequestId: dcrid, reason: 'service-stopped' })
    const d2 = await call(ME, { action: 'requestDeletion', clientRequestId: dcrid, reason: 'service-stopped' })
    expect(d2).toEqual(d1)
    expect((await rows()).map((r) => r._id).sort()).toEqual([first.data.id, d1.data.id].sort())
  })
})
