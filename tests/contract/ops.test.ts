import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { OPS_AUDIT, opsAudit } from '../../cloudfunctions/_shared/repositories/ops-audit'
import { RIGHTS_REQUESTS } from '../../cloudfunctions/_shared/repositories/rights-requests'
import { ERROR_CODES } from '../../src/domain/common/errors'
import { chineseWorkdayCalendar, shanghaiDate } from '../../src/domain/calendar'
import { workingDaysLeft } from '../../src/domain/ops/request-queue'
import { decision, cloudSuite, invoker, type Reply, user } from '../support/consent'
import { ROOT, type RunningEmulator } from '../support/emulator'
import { CERT_ENV, certificationRow } from '../support/certification'
import { OPERATORS, OPS_ENV, operator, readmeOpsEvents, requestRow } from '../support/ops'

const FILED = (day: number) => new Date(Date.UTC(2026, 2, day, 2, 0, 0))
const CODES = new Set<string>(ERROR_CODES)
const CONTACT = { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '示例路 88 弄 8 号' }

// The built `ops` function (npm run build:cloud), called as the CloudBase console does (identity null).
describe('ops function', () => {
  let emu: RunningEmulator
  let ops: ReturnType<typeof invoker>
  let logs = ''
  const call = async (event: unknown, identity: unknown = null): Promise<Reply> => (await ops(event, identity)).result!
  const as = (event: Record<string, unknown>, who: keyof typeof OPERATORS = 'ops_alice') => call({ operator: operator(who), ...event })
  const rows = async (collection: string) => (await settled(database().collection(collection).limit(1000).get())).data as Array<Record<string, any>>
  const requestsById = async (): Promise<Record<string, Record<string, any>>> => Object.fromEntries((await rows(RIGHTS_REQUESTS)).map((r) => [r._id, r]))
  const auditEntries = async () => (await rows(OPS_AUDIT)).filter((r) => r._id !== 'head').sort((a, b) => a.seq - b.seq)
  const seed = (docs: Array<Record<string, unknown>>) => emu.control('/seed', { collections: { [RIGHTS_REQUESTS]: docs } })

  cloudSuite((e) => {
    emu = e
    emu.child.stdout!.on('data', (d: Buffer) => (logs += d.toString()))
    emu.child.stderr!.on('data', (d: Buffer) => (logs += d.toString()))
    ops = invoker(emu, 'ops')
  }, { ...OPS_ENV, ...CERT_ENV })

  it('refuses a mini-program user, even one holding a valid token for their own request, and audits it without the openid', async () => {
    await seed([requestRow({ id: 'own_request_00000001', openid: 'o_test_user_1', filedAt: FILED(2) })])
    const before = await requestsById()
    for (const event of [
      { operator: operator(), action: 'approve', requestId: 'own_request_00000001' },
      { operator: operator(), action: 'bulkApprove', requestIds: ['own_request_00000001'] },
      { action: 'listRequests' },
    ]) {
      expect(await call(event, user('o_test_user_1'))).toMatchObject({ ok: false, code: 'OPS.FORBIDDEN' })
    }
    expect(await requestsById()).toEqual(before)
    const audit = await auditEntries()
    expect(audit.map((e) => [e.operator, e.action, e.targets, e.outcome])).toEqual([
      ['user-caller', 'approve', ['own_request_00000001'], 'OPS.FORBIDDEN'],
      ['user-caller', 'bulkApprove', ['own_request_00000001'], 'OPS.FORBIDDEN'],
      ['user-caller', 'listRequests', [], 'OPS.FORBIDDEN'],
    ])
    expect(JSON.stringify(await rows(OPS_AUDIT))).not.toMatch(/o_test_user|wx_local_app|test-token/)
  })

  it('refuses a wrong token, an unknown operator or none at all, and audits each refusal under the name claimed', async () => {
    await seed([requestRow({ id: 'req_auth_00000000001', openid: 'o_test_user_1', filedAt: FILED(2) })])
    const before = await requestsById()
    const events = [
      { operator: { name: 'ops_alice', token: OPERATORS.ops_bob }, action: 'approve', requestId: 'req_auth_00000000001' },
      { operator: { name: 'ops_mallory', token: OPERATORS.ops_alice }, action: 'approve', requestId: 'req_auth_00000000001' },
      { operator: { name: 'ops_alice' }, action: 'listRequests' },
      { action: 'listRequests' },
    ]
    for (const event of events) expect(await call(event)).toMatchObject({ ok: false, code: 'OPS.UNAUTHENTICATED' })
    expect(await requestsById()).toEqual(before)
    expect((await auditEntries()).map((e) => [e.operator, e.action, e.outcome])).toEqual([
      ['ops_alice', 'approve', 'OPS.UNAUTHENTICATED'],
      ['ops_mallory', 'approve', 'OPS.UNAUTHENTICATED'],
      ['ops_alice', 'listRequests', 'OPS.UNAUTHENTICATED'],
      ['anonymous', 'listRequests', 'OPS.UNAUTHENTICATED'],
    ])
    expect(JSON.stringify(await rows(OPS_AUDIT))).not.toContain('test-token')
  })

  it('answers a malformed or unknown event with a coded error and changes no request', async () => {
    await seed([requestRow({ id: 'req_bad_000000000001', openid: 'o_test_user_1', filedAt: FILED(2) })])
    const before = await requestsById()
    const bad: unknown[] = [
      null,
      'approve',
      [],
      {},
      { action: 'dropDatabase' },
      { action: 'approve' },
      { action: 'approve', requestId: { $ne: null } },
      { action: 'approve', requestId: '../etc/passwd' },
      { action: 'approve', requestId: 'req_bad_000000000001', reasn: 'typo' },
      { action: 'complete', requestId: 'req_bad_000000000001' },
      { action: 'reject', requestId: 'req_bad_000000000001', reason: 'x'.repeat(501) },
      { action: 'listRequests', limit: 101 },
      { action: 'listRequests', limit: 0 },
      { action: 'listRequests', status: 'pending' },
      { action: 'listRequests', cursor: 'not-a-cursor' },
      { action: 'bulkApprove', requestIds: [] },
      { action: 'bulkApprove', requestIds: Array.from({ length: 101 }, (_, i) => `req_${i}`) },
      { action: 'exportAudit', fromSeq: 0 },
    ]
    for (const event of bad) {
      const withOperator = event !== null && typeof event === 'object' && !Array.isArray(event) ? { operator: operator(), ...event } : event
      const reply = await call(withOperator)
      expect(reply.ok).toBe(false)
      expect(CODES.has(reply.code!)).toBe(true)
      expect([reply.code, event]).toEqual([typeof withOperator === 'object' && withOperator !== null && !Array.isArray(withOperator) ? 'COMMON.INVALID_INPUT' : 'OPS.UNAUTHENTICATED', event])
    }
    expect(await requestsById()).toEqual(before)
    expect(await auditEntries()).toHaveLength(bad.length)
  })

  it('lists the queue by due date, then id, across pages with no duplicate or miss, masked, with working days left', async () => {
    // 40 submitted corrections over 8 filing days (5 share each due date), plus others the filters must leave out.
    const docs = Array.from({ length: 40 }, (_, i) => requestRow({ id: `req_q_${String((i * 7) % 40).padStart(14, '0')}`, openid: `o_test_user_${i % 4}`, filedAt: FILED(2 + (i % 8)), detail: `用户 张三 13812345678 说明 ${i}` }))
    docs.push(
      requestRow({ id: 'req_q_export_processing', openid: 'o_test_user_1', filedAt: FILED(2), type: 'export', status: 'processing' }),
      requestRow({ id: 'req_q_done_00000000001', openid: 'o_test_user_1', filedAt: FILED(2), status: 'completed' }),
      requestRow({ id: 'req_q_review_000000001', openid: 'o_test_user_1', filedAt: FILED(3), status: 'awaiting-review' }),
    )
    await seed(docs)
    const submitted = docs.filter((d) => d.status === 'submitted').sort((a, b) => (a.dueAt as string).localeCompare(b.dueAt as string) || (a._id as string).localeCompare(b._id as string))

    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const reply = await as({ action: 'listRequests', status: 'submitted', limit: 7, ...(cursor ? { cursor } : {}) })
      expect(reply.ok).toBe(true)
      seen.push(...reply.data.rows.map((r: { requestId: string }) => r.requestId))
      cursor = reply.data.nextCursor
      pages++
      // A request on a later page leaves the filter between pages: the rest neither repeat nor go missing.
      if (pages === 1) expect(await as({ action: 'approve', requestId: submitted[30]!._id })).toMatchObject({ ok: true })
    } while (cursor)
    expect(pages).toBe(6)
    expect(seen).toEqual(submitted.filter((_, i) => i !== 30).map((d) => d._id))

    const first = await as({ action: 'listRequests' })
    const today = shanghaiDate(new Date().toISOString())
    expect(first.data.rows).toHaveLength(20)
    expect(first.data.rows[0]).toEqual({
      requestId: submitted[0]!._id,
      type: 'correction',
      status: 'submitted',
      createdAt: submitted[0]!.createdAt,
      dueAt: submitted[0]!.dueAt,
      workingDaysLeft: workingDaysLeft(chineseWorkdayCalendar(), today, submitted[0]!.dueAt as string),
      overdue: today > (submitted[0]!.dueAt as string),
      category: 'order-records',
    })
    expect(JSON.stringify(first)).not.toMatch(/o_test_user|张三|13812345678|说明/)
    // Open statuses by default; a type filter; several statuses at once.
    const open = await as({ action: 'listRequests', limit: 100 })
    expect(open.data.rows.map((r: { status: string }) => r.status).sort()).toEqual([...Array(39).fill('submitted'), 'awaiting-review', 'processing', 'processing'].sort())
    expect((await as({ action: 'listRequests', type: 'export' })).data.rows.map((r: { requestId: string }) => r.requestId)).toEqual(['req_q_export_processing'])
    expect((await as({ action: 'listRequests', status: ['completed', 'awaiting-review'] })).data.rows.map((r: { requestId: string }) => r.requestId)).toEqual(['req_q_done_00000000001', 'req_q_review_000000001'])
  })

  it('shows a request with its history and what is held about its user in counts, never a value or the openid', async () => {
    const me = 'o_test_user_2'
    await invoker(emu, 'consent')({ action: 'record', request: decision() }, user(me))
    expect((await invoker(emu, 'personal')({ action: 'addContact', clientRequestId: `ops-contact-${process.pid}`, contact: CONTACT }, user(me))).result).toMatchObject({ ok: true })
    await seed([requestRow({ id: 'req_show_00000000001', openid: me, filedAt: FILED(2), detail: '订单金额记录有误' })])
    expect(await as({ action: 'approve', requestId: 'req_show_00000000001', reason: '已核实' })).toMatchObject({ ok: true, data: { status: 'processing' } })

    const shown = await as({ action: 'showRequest', requestId: 'req_show_00000000001' }, 'ops_bob')
    expect(shown).toMatchObject({
      ok: true,
      data: {
        request: { requestId: 'req_show_00000000001', status: 'processing', detail: '订单金额记录有误', reason: '已核实', history: [{ event: 'accept', from: 'submitted', to: 'processing', by: 'ops', reason: '已核实' }] },
      },
    })
    const held = Object.fromEntries(shown.data.held.map((h: { category: string; count: number }) => [h.category, h.count]))
    expect(held).toMatchObject({ 'delivery-contact': 1, 'consent-records': 1, 'rights-requests': 2 })
    expect(JSON.stringify(shown)).not.toMatch(/o_test_user|张三|13812345678|示例路/)
    expect(await as({ action: 'showRequest', requestId: 'req_nobody_000000001' })).toMatchObject({ ok: false, code: 'COMMON.NOT_FOUND' })
  })

  it('approves, completes and rejects by the transition table; the user reads the rejection reason; what is not ops’ to do is refused', async () => {
    await seed([
      requestRow({ id: 'req_fix_000000000001', openid: 'o_test_user_3', filedAt: FILED(2) }),
      requestRow({ id: 'req_fix_000000000002', openid: 'o_test_user_3', filedAt: FILED(3) }),
      requestRow({ id: 'req_exp_processing01', openid: 'o_test_user_3', filedAt: FILED(3), type: 'export', status: 'processing' }),
      requestRow({ id: 'req_exp_review000001', openid: 'o_test_user_3', filedAt: FILED(3), type: 'export', status: 'awaiting-review' }),
      requestRow({ id: 'req_cancel_submitted', openid: 'o_test_user_3', filedAt: FILED(3), type: 'cancellation' }),
    ])
    expect(await as({ action: 'complete', requestId: 'req_fix_000000000001', outcome: '已更正' })).toMatchObject({ ok: false, code: 'REQUEST.ILLEGAL_TRANSITION' })
    expect(await as({ action: 'approve', requestId: 'req_fix_000000000001' })).toMatchObject({ ok: true, data: { status: 'processing' } })
    expect(await as({ action: 'approve', requestId: 'req_fix_000000000001' })).toMatchObject({ ok: false, code: 'REQUEST.ILLEGAL_TRANSITION' })
    expect(await as({ action: 'complete', requestId: 'req_fix_000000000001', outcome: '已按用户说明更正订单金额记录' })).toMatchObject({ ok: true, data: { status: 'completed', outcome: '已按用户说明更正订单金额记录' } })
    expect(await as({ action: 'reject', requestId: 'req_fix_000000000001', reason: 'too late' })).toMatchObject({ ok: false, code: 'REQUEST.ILLEGAL_TRANSITION' })

    expect(await as({ action: 'reject', requestId: 'req_fix_000000000002' })).toMatchObject({ ok: false, code: 'REQUEST.REASON_REQUIRED' })
    expect(await as({ action: 'reject', requestId: 'req_fix_000000000002', reason: '   ' })).toMatchObject({ ok: false, code: 'REQUEST.REASON_REQUIRED' })
    expect(await as({ action: 'reject', requestId: 'req_fix_000000000002', reason: '订单金额与支付记录一致，无需更正' })).toMatchObject({ ok: true, data: { status: 'rejected' } })
    const mine = (await invoker(emu, 'personal')({ action: 'requests' }, user('o_test_user_3'))).result!
    expect(mine.data.requests.find((r: { id: string }) => r.id === 'req_fix_000000000002')).toMatchObject({ status: 'rejected', reason: '订单金额与支付记录一致，无需更正' })

    expect(await as({ action: 'complete', requestId: 'req_exp_processing01', outcome: 'sent' })).toMatchObject({ ok: false, code: 'OPS.NOT_ALLOWED' })
    expect(await as({ action: 'approve', requestId: 'req_exp_review000001' })).toMatchObject({ ok: true, data: { status: 'processing' } })
    expect(await as({ action: 'approve', requestId: 'req_cancel_submitted' })).toMatchObject({ ok: false, code: 'OPS.NOT_ALLOWED' })
    expect(await as({ action: 'approve', requestId: 'req_missing_00000001' })).toMatchObject({ ok: false, code: 'COMMON.NOT_FOUND' })

    const stored = await requestsById()
    expect(stored.req_fix_000000000001!.history.map((h: { event: string; by: string }) => `${h.event}:${h.by}`)).toEqual(['accept:ops', 'complete:ops'])
    expect(stored.req_exp_processing01!.status).toBe('processing')
    expect(stored.req_cancel_submitted!.status).toBe('submitted')
  })

  it('lets one of two operators approving the same request at once win; the other is told', async () => {
    await seed([requestRow({ id: 'req_race_00000000001', openid: 'o_test_user_1', filedAt: FILED(2) })])
    const replies = await Promise.all([as({ action: 'approve', requestId: 'req_race_00000000001' }), as({ action: 'approve', requestId: 'req_race_00000000001' }, 'ops_bob')])
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    expect(replies.find((r) => !r.ok)!.code).toMatch(/^(COMMON\.CONFLICT|REQUEST\.ILLEGAL_TRANSITION)$/)
    expect((await requestsById()).req_race_00000000001!.history).toHaveLength(1)
  })

  it('bulk-approves what it can and says why each other request failed', async () => {
    await seed([
      requestRow({ id: 'req_bulk_00000000001', openid: 'o_test_user_1', filedAt: FILED(2) }),
      requestRow({ id: 'req_bulk_00000000002', openid: 'o_test_user_2', filedAt: FILED(3), status: 'awaiting-review' }),
      requestRow({ id: 'req_bulk_00000000003', openid: 'o_test_user_3', filedAt: FILED(4), status: 'processing' }),
      requestRow({ id: 'req_bulk_00000000004', openid: 'o_test_user_3', filedAt: FILED(4), status: 'rejected' }),
      requestRow({ id: 'req_bulk_00000000005', openid: 'o_test_user_3', filedAt: FILED(4), type: 'cancellation' }),
    ])
    const ids = ['req_bulk_00000000001', 'req_bulk_00000000002', 'req_bulk_00000000003', 'req_bulk_00000000004', 'req_bulk_00000000005', 'req_bulk_missing0001', 'req_bulk_00000000001']
    const reply = await as({ action: 'bulkApprove', requestIds: ids })
    expect(reply).toEqual({
      ok: true,
      data: {
        succeeded: ['req_bulk_00000000001', 'req_bulk_00000000002'],
        failed: [
          { requestId: 'req_bulk_00000000003', code: 'REQUEST.ILLEGAL_TRANSITION' },
          { requestId: 'req_bulk_00000000004', code: 'REQUEST.ILLEGAL_TRANSITION' },
          { requestId: 'req_bulk_00000000005', code: 'OPS.NOT_ALLOWED' },
          { requestId: 'req_bulk_missing0001', code: 'COMMON.NOT_FOUND' },
        ],
      },
    })
    const stored = await requestsById()
    expect(Object.fromEntries(Object.entries(stored).map(([id, r]) => [id, r.status]))).toEqual({
      req_bulk_00000000001: 'processing',
      req_bulk_00000000002: 'processing',
      req_bulk_00000000003: 'processing',
      req_bulk_00000000004: 'rejected',
      req_bulk_00000000005: 'submitted',
    })
    const [entry] = await auditEntries()
    expect(entry).toMatchObject({ action: 'bulkApprove', outcome: 'ok', targets: ids.slice(0, 6), failed: reply.data.failed })

    // A failure inside one approval (its write) fails that request alone; the others go on.
    await seed([requestRow({ id: 'req_bulk_00000000006', openid: 'o_test_user_1', filedAt: FILED(5) }), requestRow({ id: 'req_bulk_00000000007', openid: 'o_test_user_1', filedAt: FILED(5) })])
    await emu.control('/faults', { nth: 1, action: 'database.modifyDocument', code: 'DATABASE_REQUEST_FAILED' })
    expect(await as({ action: 'bulkApprove', requestIds: ['req_bulk_00000000006', 'req_bulk_00000000007'] })).toEqual({
      ok: true,
      data: { succeeded: ['req_bulk_00000000007'], failed: [{ requestId: 'req_bulk_00000000006', code: 'COMMON.INTERNAL' }] },
    })
    await emu.control('/faults', undefined, 'DELETE')
    const after = await requestsById()
    expect([after.req_bulk_00000000006!.status, after.req_bulk_00000000007!.status]).toEqual(['submitted', 'processing'])
  })

  it('keeps one audit entry per call in one chain, even for concurrent calls from two instances; exports it as CSV; shows tampering', async () => {
    await seed([requestRow({ id: 'req_audit_0000000001', openid: 'o_test_user_1', filedAt: FILED(2) })])
    await as({ action: 'approve', requestId: 'req_audit_0000000001', reason: '已核实, "见工单"' })
    await call({ operator: { name: 'ops_alice', token: OPERATORS.ops_bob }, action: 'verifyAudit' })
    await call({ action: 'listRequests' }, user('o_test_user_1'))
    // The emulator's instance queues its own appends; this test process, appending through the same
    // repository at the same time, is a second instance that meets it only at the transaction's commit.
    const [burst] = await Promise.all([
      Promise.all(Array.from({ length: 20 }, (_, i) => as({ action: 'listRequests', limit: 1 + i }, i % 2 ? 'ops_alice' : 'ops_bob'))),
      Promise.all(Array.from({ length: 10 }, () => opsAudit.append({ operator: 'ops_bob', action: 'verifyAudit', targets: [], outcome: 'ok' }, () => new Date()))),
    ])
    expect(burst.every((r) => r.ok)).toBe(true)
    const calls = 33

    expect(await as({ action: 'verifyAudit' })).toEqual({ ok: true, data: { intact: true, count: calls, head: expect.objectContaining({ seq: calls }) } })
    const exported = await as({ action: 'exportAudit' })
    expect(exported.data).toMatchObject({ count: calls + 1, lastSeq: calls + 1 })
    expect(exported.data.nextFromSeq).toBeUndefined()
    const lines = (exported.data.csv as string).split('\r\n')
    expect(lines.at(-1)).toBe('')
    expect(lines.slice(0, -1)).toHaveLength(1 + calls + 1)
    expect(lines[0]).toBe('seq,at,operator,action,targets,reason,outcome,failed,prevHash,hash,item')
    expect(lines[1]).toMatch(/^1,[^,]+,ops_alice,approve,req_audit_0000000001,"已核实, ""见工单""",ok,,[0-9a-f]{64},[0-9a-f]{64},$/)
    expect(lines.slice(1, -1).map((l) => Number(l.split(',')[0]))).toEqual(Array.from({ length: calls + 1 }, (_, i) => i + 1))
    const paged = await as({ action: 'exportAudit', fromSeq: 3, limit: 5 })
    expect(paged.data).toMatchObject({ count: 5, nextFromSeq: 8 })
    expect(paged.data.csv.split('\r\n')[1]).toMatch(/^3,/)

    const entries = await auditEntries()
    const target = entries.find((e) => e.seq === 1)!
    await settled(database().collection(OPS_AUDIT).doc(target._id).update({ data: { reason: '已核实' } }))
    expect((await as({ action: 'verifyAudit' })).data).toEqual({ intact: false, seq: 1, problem: 'hash-mismatch' })
    await settled(database().collection(OPS_AUDIT).doc(target._id).update({ data: { reason: target.reason } }))
    expect((await as({ action: 'verifyAudit' })).data).toMatchObject({ intact: true })
    const last = (await auditEntries()).at(-1)!
    await settled(database().collection(OPS_AUDIT).doc(last._id).remove())
    expect((await as({ action: 'verifyAudit' })).data).toEqual({ intact: false, seq: last.seq, problem: 'head-mismatch' })
  })

  it('carries out every event of the README how-to once its placeholders are filled in', async () => {
    await seed([
      requestRow({ id: 'Xq3v9TtWm2rKp8LzN4bD', openid: 'o_test_user_1', filedAt: FILED(2) }),
      requestRow({ id: 'Lm7pQ2wE9rT4yU1iO3aS', openid: 'o_test_user_2', filedAt: FILED(3) }),
      // The account-cancellation examples: two requests past their cooling-off.
      requestRow({ id: 'Cn4r8KsVw1yZq6TbH2mJ', openid: 'o_test_user_3', filedAt: FILED(4), type: 'cancellation', status: 'awaiting-review' }),
      requestRow({ id: 'Pz5xW3nQ7vL9kR2sD8fG', openid: 'o_test_user_4', filedAt: FILED(4), type: 'cancellation', status: 'awaiting-review' }),
    ])
    // The store-certification examples: two applications waiting for review.
    await emu.control('/seed', {
      collections: {
        certifications: [
          certificationRow({ id: 'Sv8dK2pQ7wX4mN9rT3bY', openid: 'o_test_user_5', submittedAt: FILED(2) }),
          certificationRow({ id: 'Hb6tR1yU9iO2pL5kJ3gF', openid: 'o_test_user_6', submittedAt: FILED(3) }),
        ],
      },
    })
    const { nextCursor } = (await as({ action: 'listRequests', limit: 1 })).data
    const outcomes: string[] = []
    for (const event of readmeOpsEvents()) {
      const filled = JSON.parse(JSON.stringify(event).replace('"<token>"', JSON.stringify(OPERATORS.ops_alice)).replace('"<nextCursor>"', JSON.stringify(nextCursor)))
      const reply = await call(filled)
      outcomes.push(`${String(event.action)}: ${reply.ok ? 'ok' : reply.code}`)
    }
    // In README order: list, next page, show, approve, complete (the approved one), reject (the other), bulk, export, verify;
    // then the cancellation examples: the queue of cancellations, approve one, reject the other.
    expect(outcomes.filter((o) => !o.endsWith(': ok'))).toEqual([])
  })

  it('runs from a terminal as the console does: npm run ops', async () => {
    await seed([requestRow({ id: 'req_cli_000000000001', openid: 'o_test_user_1', filedAt: FILED(2) })])
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'ops.ts'), ...args, '--url', emu.url], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, OPS_OPERATOR: 'ops_alice', OPS_TOKEN: OPERATORS.ops_alice },
      })
    const listed = run('list', '--json')
    expect(listed.status).toBe(0)
    expect(JSON.parse(listed.stdout)).toMatchObject({ ok: true, data: { rows: [{ requestId: 'req_cli_000000000001' }] } })
    const table = run('list')
    expect(table.stdout).toMatch(/^request\s+type\s+status\s+due\s+working days left/)
    const refused = run('approve', 'req_cli_000000000001', '--token', OPERATORS.ops_bob)
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('OPS.UNAUTHENTICATED')
    expect((await auditEntries()).map((e) => [e.operator, e.action, e.outcome])).toEqual([
      ['ops_alice', 'listRequests', 'ok'],
      ['ops_alice', 'listRequests', 'ok'],
      ['ops_alice', 'approve', 'OPS.UNAUTHENTICATED'],
    ])
  })

  it('logs no openid, name, mobile or token, even when a call fails inside', async () => {
    const me = 'o_test_user_9'
    await invoker(emu, 'consent')({ action: 'record', request: decision() }, user(me))
    await invoker(emu, 'personal')({ action: 'addContact', clientRequestId: `ops-log-${process.pid}`, contact: CONTACT }, user(me))
    await seed([requestRow({ id: 'req_log_000000000001', openid: me, filedAt: FILED(2), detail: '张三 13812345678' })])
    // The second database call (the first read of the user's data) fails with a message quoting the openid.
    await emu.control('/faults', { nth: 2, code: 'DATABASE_REQUEST_FAILED', message: `query {"openid":"${me}"} failed` })
    expect(await as({ action: 'showRequest', requestId: 'req_log_000000000001' })).toEqual({ ok: false, code: 'COMMON.INTERNAL', message: 'internal error, please retry' })
    await emu.control('/faults', undefined, 'DELETE')
    expect((await auditEntries()).map((e) => e.outcome)).toEqual(['COMMON.INTERNAL'])
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(logs).toContain('[ops] internal error')
    expect(logs).not.toMatch(/o_test_user|张三|13812345678|test-token/)
    expect(JSON.stringify(await rows(OPS_AUDIT))).not.toMatch(/o_test_user|张三|13812345678|test-token/)
  })
})
