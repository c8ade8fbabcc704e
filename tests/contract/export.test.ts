import { createHash } from 'node:crypto'
import { strFromU8, unzipSync } from 'fflate'
import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { EXPORTS } from '../../cloudfunctions/_shared/repositories/exports'
import { RIGHTS_REQUESTS } from '../../cloudfunctions/_shared/repositories/rights-requests'
import { exportArchiveSchema } from '../../src/contracts/export-archive'
import { PRIVACY_MANIFEST } from '../../src/content/privacy-manifest'
import { addWorkingDays, chineseWorkdayCalendar } from '../../src/domain/calendar'
import { applyRequestEvent, newRequest } from '../../src/domain/requests/rights-request'
import { connectSdk, removeDataDir, startEmulator, type RunningEmulator } from '../support/emulator'
import { LOCATION, decision, freshCloud, invoker, type Reply, user } from '../support/consent'

type Archive = ReturnType<typeof exportArchiveSchema.parse>
const DAY = 24 * 60 * 60 * 1000

/**
 * Exports need a due date 15 working days out; late in the calendar's last year there is none and
 * requestExport is refused (checked below). The tests that need a built archive run otherwise.
 */
const calendarCovers = (() => {
  try {
    addWorkingDays(chineseWorkdayCalendar(), new Date().toISOString(), 15)
    return true
  } catch {
    return false
  }
})()
const whenCovered = calendarCovers ? it : it.skip

// The built `personal` function's export archive ("copy my data"), with the real SDK against the emulator.
describe('personal function: export archive', () => {
  let emu: RunningEmulator
  let personal: ReturnType<typeof invoker>
  let exporter: ReturnType<typeof invoker>
  let consent: ReturnType<typeof invoker>
  let stores: ReturnType<typeof invoker>
  let cloud: any
  let n = 0
  const rid = () => `xrid-${process.pid}-${++n}`
  const call = async (openid: string, event: Record<string, unknown>): Promise<Reply> => (await personal(event, user(openid))).result!
  const callExport = async (openid: string, event: Record<string, unknown>): Promise<Reply> => (await exporter(event, user(openid))).result!
  const agree = (openid: string) => consent({ action: 'record', request: decision() }, user(openid))
  const rows = async (collection: string) => (await settled(database().collection(collection).get())).data as Array<Record<string, any>>
  const storageCalls = async () => {
    const { actions } = await emu.control<{ actions: Record<string, number> }>('/stats')
    return Object.fromEntries(Object.entries(actions).filter(([k]) => k.startsWith('storage.')))
  }
  const fileStatus = async (fileID: string) => ((await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ status: number }> }).fileList[0]!.status
  const runPurge = () => emu.control<{ result?: Reply }>('/timers/run', { name: 'export', trigger: 'purgeExports' })
  const exportFor = async (openid: string, clientRequestId = rid()) => {
    const reply = await callExport(openid, { action: 'requestExport', clientRequestId })
    expect(reply).toMatchObject({ ok: true, data: { archive: { status: 'ready' } } })
    return reply.data as { request: { id: string; outcome: string }; archive: { requestId: string; sha256: string; size: number; expiresAt: string } }
  }
  const download = async (openid: string, requestId: string) => {
    const link = await callExport(openid, { action: 'exportUrl', requestId })
    expect(link).toMatchObject({ ok: true })
    const res = await fetch(encodeURI(link.data.url))
    expect(res.status).toBe(200)
    return { link: link.data as { maxAge: number; sha256: string; size: number }, bytes: new Uint8Array(await res.arrayBuffer()) }
  }
  const backdate = async (requestId: string, days: number) => {
    const createdAt = new Date(Date.now() - days * DAY)
    await settled(database().collection(EXPORTS).doc(requestId).update({ data: { createdAt, expiresAt: new Date(createdAt.getTime() + 7 * DAY) } }))
  }
  const CONTACT = { name: '王<b>五', mobile: '13812345678', regionId: '310115', addressLine: '示例路 88 弄 "8" 号 & <i>后门</i>' }

  beforeAll(async () => {
    emu = await startEmulator()
    personal = invoker(emu, 'personal')
    exporter = invoker(emu, 'export')
    consent = invoker(emu, 'consent')
    stores = invoker(emu, 'stores')
  })
  beforeEach(async () => {
    await freshCloud(emu)
    cloud = connectSdk(emu)
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('needs the policy agreement; a calendar that ends too early refuses it coded; either way nothing is written', async () => {
    expect(await callExport('o_test_user_1', { action: 'requestExport', clientRequestId: rid() })).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    await agree('o_test_user_1')
    await emu.control('/stats', undefined, 'DELETE')
    const reply = await callExport('o_test_user_1', { action: 'requestExport', clientRequestId: rid() })
    if (calendarCovers) return expect(reply).toMatchObject({ ok: true })
    expect(reply).toMatchObject({ ok: false, code: 'CALENDAR.YEAR_NOT_COVERED' })
    expect(await rows(RIGHTS_REQUESTS)).toEqual([])
    expect(await rows(EXPORTS)).toEqual([])
    expect(await storageCalls()).toEqual({})
  })

  whenCovered('builds a zip of everything held, unmasked: data.json, a Chinese index.html and one receipt per consent event; its SHA-256 is the one reported', async () => {
    const me = 'o_test_user_1'
    await agree(me)
    expect((await invoker(emu, 'account')({ action: 'me' }, user(me))).result).toMatchObject({ ok: true })
    await consent({ action: 'record', request: decision({ target: LOCATION, method: 'permission-dialog' }) }, user(me))
    expect((await stores({ action: 'nearby', latitude: 31.234567, longitude: 121.456789 }, user(me))).result).toMatchObject({ ok: true })
    await consent({ action: 'record', request: decision({ target: { kind: 'purpose', id: 'personalised-recommendations' }, decision: 'deny', method: 'purpose-prompt' }) }, user(me))
    await call(me, { action: 'addContact', clientRequestId: rid(), contact: CONTACT })
    await call(me, { action: 'addContact', clientRequestId: rid(), contact: { ...CONTACT, name: '赵六', mobile: '13912345678' } })
    // An order to the default contact (the first one added): a transaction record, in the archive whole.
    const order = (await invoker(emu, 'orders')({ action: 'place', clientRequestId: rid(), storeId: 'sh-pudong', lines: [{ productId: 'green-tea', quantity: 3 }] }, user(me))).result!
    expect(order).toMatchObject({ ok: true, data: { deliverTo: { mobile: '138****5678' } } })
    const correction = await call(me, { action: 'requestCorrection', clientRequestId: rid(), category: 'order-records', reason: '金额 <script>alert(1)</script> 不对' })
    expect(correction.ok).toBe(true)
    const inventory = (await call(me, { action: 'inventory' })).data as { categories: Array<{ category: string; records: Array<{ id: string; fields: Array<{ key: string; value: string }> }> }> }

    const made = await exportFor(me)
    expect(made.request).toMatchObject({ type: 'export', status: 'completed', outcome: made.archive.sha256 })
    expect(made.archive).toMatchObject({ requestId: made.request.id, status: 'ready', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(Date.parse(made.archive.expiresAt) - Date.now()).toBeGreaterThan(7 * DAY - 60_000)

    const { link, bytes } = await download(me, made.request.id)
    expect(link).toMatchObject({ maxAge: 600, sha256: made.archive.sha256, size: made.archive.size })
    expect(bytes.length).toBe(made.archive.size)
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(made.archive.sha256)

    const files = unzipSync(bytes)
    const data: Archive = exportArchiveSchema.parse(JSON.parse(strFromU8(files['data.json']!)))
    // Every category of the inventory, every record, every field the inventory shows, with the full value.
    expect(data.categories.map((c) => c.category)).toEqual(inventory.categories.map((c) => c.category))
    for (const shown of inventory.categories) {
      const full = data.categories.find((c) => c.category === shown.category)!
      for (const record of shown.records) {
        const same = full.records.find((r) => r.id === record.id)
        expect(same).toBeDefined()
        expect(same!.fields.map((f) => f.key)).toEqual(expect.arrayContaining(record.fields.map((f) => f.key)))
      }
    }
    const value = (category: string, id: string, key: string) => data.categories.find((c) => c.category === category)!.records.find((r) => r.id === id)!.fields.find((f) => f.key === key)?.value
    expect(value('wechat-openid', 'account', 'openid')).toBe(me)
    const contactIds = inventory.categories.find((c) => c.category === 'delivery-contact')!.records.map((r) => r.id)
    expect(contactIds.map((id) => [value('delivery-contact', id, 'name'), value('delivery-contact', id, 'mobile'), value('delivery-contact', id, 'addressLine')])).toEqual(
      expect.arrayContaining([
        [CONTACT.name, CONTACT.mobile, CONTACT.addressLine],
        ['赵六', '13912345678', CONTACT.addressLine],
      ]),
    )
    expect(Object.fromEntries(data.categories.find((c) => c.category === 'order-records')!.records.find((r) => r.id === order.data.id)!.fields.map((f) => [f.key, f.value]))).toMatchObject({
      store: '示例商城 浦东店',
      storeId: 'sh-pudong',
      totalFen: order.data.totalFen,
      lines: order.data.lines,
      orderStatus: 'placed',
      placedAt: order.data.placedAt,
      name: CONTACT.name,
      mobile: CONTACT.mobile,
      address: `上海市 浦东新区 ${CONTACT.addressLine}`,
    })
    // The position of the nearby search was used for that query only: the copy has none.
    expect(data.categories.map((c) => c.category)).not.toContain('precise-location')
    expect(JSON.stringify(data)).not.toContain('31.234567')
    expect(value('rights-requests', correction.data.id, 'detail')).toBe('金额 <script>alert(1)</script> 不对')
    for (const c of data.categories) {
      const declared = PRIVACY_MANIFEST.dataCategories.find((d) => d.id === c.category)!
      expect(c.name).toEqual(declared.name)
      expect(c.retention.id).toBe(declared.retention)
    }

    // One receipt per ledger event, the very receipt the consent function gives.
    const { events } = (await consent({ action: 'history' }, user(me))).result!.data as { events: Array<{ eventId: string }> }
    expect(events).toHaveLength(3)
    expect(Object.keys(files).filter((f) => f.startsWith('receipts/')).sort()).toEqual(events.map((e) => `receipts/${e.eventId}.json`).sort())
    for (const e of events) {
      const receipt = (await consent({ action: 'receipt', eventId: e.eventId }, user(me))).result!.data
      expect(JSON.parse(strFromU8(files[`receipts/${e.eventId}.json`]!))).toEqual(receipt)
    }
    expect(value('consent-records', 'chain', 'events')).toBe(3)

    const html = strFromU8(files['index.html']!)
    expect(html).toContain('<meta charset="utf-8">')
    for (const c of data.categories) {
      const declared = PRIVACY_MANIFEST.dataCategories.find((d) => d.id === c.category)!
      expect(html).toContain(`<h2>${declared.name['zh-CN']}</h2>`)
      expect(html).toContain(PRIVACY_MANIFEST.retentionClasses.find((r) => r.id === declared.retention)!.period['zh-CN'])
    }
    expect(html).toContain('处理目的')
    expect(html).toContain('13812345678')
    expect(html).toContain('王&lt;b&gt;五')
    expect(html).toContain('示例路 88 弄 &quot;8&quot; 号 &amp; &lt;i&gt;后门&lt;/i&gt;')
    expect(html).toContain('金额 &lt;script&gt;alert(1)&lt;/script&gt; 不对')
    // Nothing active and nothing fetched from elsewhere.
    expect(html).not.toMatch(/<script|<b>|<i>|<img|<link|<iframe|\bsrc=|url\(|https?:\/\/[^<\s]*\.(js|css)/i)

    // The inventory now lists the held archive.
    const after = (await call(me, { action: 'inventory' })).data.categories.find((c: { category: string }) => c.category === 'data-export')
    expect(after).toMatchObject({ category: 'data-export', retention: 'exports', count: 1, records: [{ id: made.request.id, fields: expect.arrayContaining([{ key: 'sha256', value: made.archive.sha256 }]) }] })
    expect(await callExport(me, { action: 'exportStatus', requestId: made.request.id })).toEqual({ ok: true, data: { ...made.archive, createdAt: expect.any(String) } })
  })

  whenCovered('a retry with the same client request id answers the same request and builds nothing new, even concurrently', async () => {
    await agree('o_test_user_2')
    const crid = rid()
    const first = await exportFor('o_test_user_2', crid)
    await emu.control('/stats', undefined, 'DELETE')
    const again = await exportFor('o_test_user_2', crid)
    expect(again).toEqual(first)
    expect(await storageCalls()).toEqual({})
    expect(await rows(RIGHTS_REQUESTS)).toHaveLength(1)
    expect(await rows(EXPORTS)).toHaveLength(1)

    const burst = rid()
    const replies = await Promise.all([1, 2, 3].map(() => callExport('o_test_user_2', { action: 'requestExport', clientRequestId: burst })))
    for (const r of replies) expect(r).toMatchObject({ ok: true, data: { request: { type: 'export' }, archive: { status: expect.stringMatching(/^(building|ready)$/) } } })
    expect(new Set(replies.map((r) => r.data.request.id)).size).toBe(1)
    expect((await storageCalls())['storage.getUploadMetadata']).toBe(1)
    expect(await rows(RIGHTS_REQUESTS)).toHaveLength(2)
    expect(await callExport('o_test_user_2', { action: 'exportStatus', requestId: replies[0]!.data.request.id })).toMatchObject({ ok: true, data: { status: 'ready' } })

    // The same id used for a correction is not an export.
    const corr = rid()
    expect((await call('o_test_user_2', { action: 'requestCorrection', clientRequestId: corr, category: 'order-records', reason: '订单金额记录有误' })).ok).toBe(true)
    expect(await callExport('o_test_user_2', { action: 'requestExport', clientRequestId: corr })).toMatchObject({ ok: false, code: 'COMMON.CONFLICT' })
    expect(await callExport('o_test_user_2', { action: 'exportStatus', requestId: (await rows(RIGHTS_REQUESTS)).find((r) => r.type === 'correction')!._id })).toMatchObject({ ok: false, code: 'COMMON.NOT_FOUND' })
  })

  whenCovered('another user can get neither the status nor a link; metadata pointing outside the owner’s path gives no link', async () => {
    await agree('o_test_user_3')
    await agree('o_test_user_4')
    const mine = await exportFor('o_test_user_3')
    const theirs = await exportFor('o_test_user_4')
    for (const action of ['exportStatus', 'exportUrl']) {
      expect(await callExport('o_test_user_4', { action, requestId: mine.request.id })).toMatchObject({ ok: false, code: 'COMMON.NOT_FOUND' })
    }
    // Reading needs no standing agreement, and the link is the owner's alone.
    const { bytes } = await download('o_test_user_3', mine.request.id)
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(mine.archive.sha256)

    const foreign = (await rows(EXPORTS)).find((r) => r._id === theirs.request.id)!.fileID as string
    await settled(database().collection(EXPORTS).doc(mine.request.id).update({ data: { fileID: foreign } }))
    expect(await callExport('o_test_user_3', { action: 'exportUrl', requestId: mine.request.id })).toMatchObject({ ok: false, code: 'COMMON.NOT_FOUND' })
  })

  it('rejects malformed requests with COMMON.INVALID_INPUT and writes nothing', async () => {
    await agree('o_test_user_5')
    await emu.control('/stats', undefined, 'DELETE')
    const bad: unknown[] = [
      { action: 'requestExport' },
      { action: 'requestExport', clientRequestId: 'short' },
      { action: 'requestExport', clientRequestId: 'x'.repeat(65) },
      { action: 'requestExport', clientRequestId: 'has/slash-12345' },
      { action: 'requestExport', clientRequestId: { $ne: null } },
      { action: 'exportStatus' },
      { action: 'exportStatus', requestId: 'a'.repeat(19) },
      { action: 'exportStatus', requestId: 'a'.repeat(21) },
      { action: 'exportStatus', requestId: '../../exports/xxxxxx' },
      { action: 'exportUrl', requestId: { $regex: '.*' } },
      { action: 'exportUrl', requestId: 12345678901234567890 },
      { action: 'exportUrl', requestId: ['aaaaaaaaaaaaaaaaaaaa'] },
    ]
    for (const event of bad) expect(await call('o_test_user_5', event as Record<string, unknown>)).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
    expect(await rows(RIGHTS_REQUESTS)).toEqual([])
    expect(await rows(EXPORTS)).toEqual([])
    expect(await storageCalls()).toEqual({})
    // Well-formed but unknown: not found, not invalid.
    expect(await callExport('o_test_user_5', { action: 'exportUrl', requestId: 'a'.repeat(20) })).toMatchObject({ ok: false, code: 'COMMON.NOT_FOUND' })
  })

  whenCovered('the purge timer deletes archives past 7 days (file and metadata; the request keeps a note), keeps fresh ones, resumes a cut-short run, and is then a no-op', async () => {
    await agree('o_test_user_6')
    await agree('o_test_user_7')
    const old = await exportFor('o_test_user_6')
    const fresh = await exportFor('o_test_user_7')
    const fileOf = async (id: string) => (await rows(EXPORTS)).find((r) => r._id === id)!.fileID as string
    const oldFile = await fileOf(old.request.id)
    const freshFile = await fileOf(fresh.request.id)
    await backdate(old.request.id, 8)
    expect(await callExport('o_test_user_6', { action: 'exportUrl', requestId: old.request.id })).toMatchObject({ ok: false, code: 'EXPORT.EXPIRED' })

    expect((await runPurge()).result).toEqual({ ok: true, data: { removed: 1, settled: 0 } })
    expect(await fileStatus(oldFile)).toBe(-503003)
    expect((await rows(EXPORTS)).map((r) => r._id)).toEqual([fresh.request.id])
    const note = (await rows(RIGHTS_REQUESTS)).find((r) => r._id === old.request.id)!
    expect(note).toMatchObject({ status: 'completed', outcome: old.archive.sha256, archiveExpiredAt: expect.any(String) })
    expect(await callExport('o_test_user_6', { action: 'exportStatus', requestId: old.request.id })).toMatchObject({ ok: true, data: { status: 'expired', sha256: old.archive.sha256, expiredAt: note.archiveExpiredAt } })
    expect(await callExport('o_test_user_6', { action: 'exportUrl', requestId: old.request.id })).toMatchObject({ ok: false, code: 'EXPORT.EXPIRED' })
    expect((await call('o_test_user_6', { action: 'inventory' })).data.categories.map((c: { category: string }) => c.category)).not.toContain('data-export')
    expect(await fileStatus(freshFile)).toBe(0)
    await download('o_test_user_7', fresh.request.id)

    await emu.control('/stats', undefined, 'DELETE')
    expect((await runPurge()).result).toEqual({ ok: true, data: { removed: 0, settled: 0 } })
    expect(await storageCalls()).toEqual({})
    expect((await rows(RIGHTS_REQUESTS)).find((r) => r._id === old.request.id)!.archiveExpiredAt).toBe(note.archiveExpiredAt)

    // A run that deleted the file and then died: the next run finishes the metadata.
    await backdate(fresh.request.id, 9)
    await cloud.deleteFile({ fileList: [freshFile] })
    expect((await runPurge()).result).toEqual({ ok: true, data: { removed: 1, settled: 0 } })
    expect(await rows(EXPORTS)).toEqual([])
    expect((await rows(RIGHTS_REQUESTS)).find((r) => r._id === fresh.request.id)).toMatchObject({ archiveExpiredAt: expect.any(String) })
  })

  it('the purge timer settles builds that died: completed when the archive was stored, else sent to ops', async () => {
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000)
    const stalled = (id: string) => applyRequestEvent(newRequest({ id, type: 'export', now: hourAgo, calendar: { isWorkday: () => true, covers: () => true } }), 'accept', { now: hourAgo, by: 'system' })
    const seed = async (openid: string, id: string) => {
      const { id: _id, ...rest } = stalled(id)
      await settled(database().collection(RIGHTS_REQUESTS).add({ data: { _id, openid, ...rest } }))
    }
    await seed('o_test_user_8', 'stalledWithArchive01')
    await seed('o_test_user_8', 'stalledNoArchive0001')
    const { fileID } = await cloud.uploadFile({ cloudPath: 'exports/o_test_user_8/stalledWithArchive01.zip', fileContent: Buffer.from('zip') })
    await settled(database().collection(EXPORTS).add({ data: { _id: 'stalledWithArchive01', openid: 'o_test_user_8', fileID, sha256: 'a'.repeat(64), size: 3, createdAt: hourAgo, expiresAt: new Date(hourAgo.getTime() + 7 * DAY) } }))

    expect((await runPurge()).result).toEqual({ ok: true, data: { removed: 0, settled: 2 } })
    expect(await callExport('o_test_user_8', { action: 'exportStatus', requestId: 'stalledWithArchive01' })).toMatchObject({ ok: true, data: { status: 'ready', sha256: 'a'.repeat(64) } })
    expect(await callExport('o_test_user_8', { action: 'exportStatus', requestId: 'stalledNoArchive0001' })).toMatchObject({ ok: true, data: { status: 'failed' } })
    expect((await rows(RIGHTS_REQUESTS)).map((r) => [r._id, r.status, r.history.at(-1).event])).toEqual(
      expect.arrayContaining([
        ['stalledWithArchive01', 'completed', 'complete'],
        ['stalledNoArchive0001', 'awaiting-review', 'fail'],
      ]),
    )
    expect((await runPurge()).result).toEqual({ ok: true, data: { removed: 0, settled: 0 } })
  })
})
