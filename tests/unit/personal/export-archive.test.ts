import { strFromU8, unzipSync } from 'fflate'
import { exportArchiveSchema } from '../../../src/contracts/export-archive'
import { PRIVACY_MANIFEST } from '../../../src/content/privacy-manifest'
import type { ConsentEvent } from '../../../src/domain/consent/consent-event'
import type { ConsentReceipt } from '../../../src/domain/consent/consent-receipt'
import {
  escapeHtml,
  EXPORT_PURGE_INTERVAL_MS,
  exportArchiveData,
  exportExpiresAt,
  exportFiles,
  exportPurgeCutoffs,
  exportViewOf,
  renderExportHtml,
} from '../../../src/domain/personal/export-archive'
import { type HeldData, heldCategories } from '../../../src/domain/personal/held-data'
import { zipFiles } from '../../../cloudfunctions/_shared/adapters/zip'
import type { RightsRequest } from '../../../src/domain/requests/rights-request'

const NOW = new Date('2026-03-02T04:05:06.000Z')
const DAY = 24 * 60 * 60 * 1000
const HASH = 'a'.repeat(64)

const event = (seq: number): ConsentEvent => ({
  clientRequestId: `req-fixture-${seq}`,
  target: { kind: 'policy', id: 'privacy-policy' },
  decision: 'grant',
  policy: { version: '2026.2', hash: HASH },
  method: 'agree-button',
  page: 'pages/index/index',
  client: { platform: 'h5', appVersion: '0.1.0' },
  language: 'zh-CN',
  eventId: `evt${seq}`,
  subject: 'b'.repeat(64),
  seq,
  serverTime: `2026-03-0${seq}T00:00:00.000Z`,
  prevHash: HASH,
  hash: 'c'.repeat(64),
})

const request: RightsRequest = {
  id: 'req_fixture_00000001',
  type: 'correction',
  status: 'submitted',
  createdAt: '2026-03-01T00:00:00.000Z',
  dueAt: '2026-03-20',
  updatedAt: '2026-03-01T00:00:00.000Z',
  detail: '请把 <b>订单</b> & "金额" 改正',
  history: [],
}

const HELD: HeldData = {
  profile: { openid: 'o_fixture_user', appid: 'wx_fixture', firstSeenAt: '2026-01-01T00:00:00.000Z' },
  orders: [
    {
      id: 'ord_fixture_00000001',
      storeId: 'sh-jingan',
      lines: [
        { productId: 'coffee-beans', name: { 'zh-CN': '示例咖啡豆 250g', en: 'Example coffee beans 250 g' }, quantity: 2, unitPriceFen: 6800 },
        { productId: 'ceramic-mug', name: { 'zh-CN': '示例<陶瓷>杯', en: 'Example mug' }, quantity: 1, unitPriceFen: 3900 },
      ],
      totalFen: 17500,
      deliverTo: { name: '李<四>', mobile: '13812345678', regionId: '310115', addressLine: '示例路 1 号' },
      status: 'placed',
      placedAt: '2026-02-15T01:02:03.000Z',
    },
  ],
  contacts: [{ id: 'c1', name: '李<四>', mobile: '13812345678', regionId: '310115', addressLine: "示例路 1 号 'A' 座", isDefault: true, createdAt: '2026-02-01T00:00:00.000Z', updatedAt: '2026-02-02T00:00:00.000Z' }],
  consent: { subject: 'b'.repeat(64), seq: 2, hash: 'c'.repeat(64), updatedAt: '2026-03-02T00:00:00.000Z', events: [event(1), event(2)] },
  corrections: [{ id: 'fix1', category: 'delivery-contact', recordId: 'c1', action: 'update', fields: ['mobile'], at: '2026-02-02T00:00:00.000Z' }],
  requests: [request],
  exports: [{ requestId: 'exp_fixture_00000001', fileID: 'cloud://env.bucket/exports/o_fixture_user/exp_fixture_00000001.zip', sha256: HASH, size: 1234, createdAt: '2026-03-01T00:00:00.000Z', expiresAt: '2026-03-08T00:00:00.000Z' }],
}

const fakeReceipt = (e: ConsentEvent) => ({ consentReceiptID: e.eventId }) as unknown as ConsentReceipt

describe('export archive data.json', () => {
  const data = exportArchiveData(HELD, PRIVACY_MANIFEST, NOW)

  it('has every held category, in the inventory order, labelled from the manifest, and matches its schema', () => {
    expect(exportArchiveSchema.parse(data)).toEqual(data)
    expect(data).toMatchObject({ schemaVersion: 1, generatedAt: NOW.toISOString() })
    expect(data.categories.map((c) => c.category)).toEqual(heldCategories(HELD))
    expect(data.categories.map((c) => c.category)).toEqual(['wechat-openid', 'order-records', 'delivery-contact', 'consent-records', 'rights-requests', 'data-export'])
    const contact = data.categories.find((c) => c.category === 'delivery-contact')!
    expect(contact).toMatchObject({ name: { 'zh-CN': '收货信息' }, purposes: [{ id: 'order-fulfilment' }], retention: { id: 'account-lifetime' }, count: 1 })
    const orders = data.categories.find((c) => c.category === 'order-records')!
    expect(orders).toMatchObject({ name: { 'zh-CN': '订单信息' }, retention: { id: 'transactions' }, count: 1, records: [{ id: 'ord_fixture_00000001', collectedAt: '2026-02-15T01:02:03.000Z' }] })
    expect(orders.purposes.map((p) => p.id)).toContain('order-fulfilment')
  })

  it('keeps every value whole', () => {
    const fields = (category: string, id: string) => Object.fromEntries(data.categories.find((c) => c.category === category)!.records.find((r) => r.id === id)!.fields.map((f) => [f.key, f.value]))
    expect(fields('wechat-openid', 'account')).toMatchObject({ openid: 'o_fixture_user', firstSeenAt: '2026-01-01T00:00:00.000Z' })
    expect(fields('delivery-contact', 'c1')).toMatchObject({ name: '李<四>', mobile: '13812345678', regionId: '310115', address: "上海市 浦东新区 示例路 1 号 'A' 座", isDefault: true })
    expect(fields('order-records', 'ord_fixture_00000001')).toMatchObject({
      store: '示例商城 静安店',
      items: '示例咖啡豆 250g ×2、示例<陶瓷>杯 ×1',
      total: '¥175.00',
      totalFen: 17500,
      name: '李<四>',
      mobile: '13812345678',
      address: '上海市 浦东新区 示例路 1 号',
      storeId: 'sh-jingan',
      orderStatus: 'placed',
      lines: HELD.orders[0]!.lines,
    })
    expect(fields('consent-records', 'chain')).toMatchObject({ events: 2 })
    expect(fields('consent-records', 'evt2')).toMatchObject({ seq: 2, decision: 'grant', target: 'policy:privacy-policy', receipt: 'receipts/evt2.json' })
    expect(fields('rights-requests', request.id)).toMatchObject({ requestType: 'correction', detail: request.detail, history: [] })
    expect(fields('rights-requests', 'fix1')).toMatchObject({ correction: 'delivery-contact:update', fields: ['mobile'] })
    expect(fields('data-export', 'exp_fixture_00000001')).toMatchObject({ sha256: HASH, size: 1234 })
  })

  it('leaves out what is not held', () => {
    const sparse = exportArchiveData({ orders: [], contacts: [], corrections: [], requests: [], exports: [] }, PRIVACY_MANIFEST, NOW)
    expect(sparse.categories).toEqual([])
  })
})

describe('export archive index.html', () => {
  const html = renderExportHtml(exportArchiveData(HELD, PRIVACY_MANIFEST, NOW), PRIVACY_MANIFEST)

  it('is UTF-8, in Chinese, with each category’s name, purposes and retention from the manifest', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true)
    expect(html).toContain('<meta charset="utf-8">')
    for (const id of heldCategories(HELD)) {
      const c = PRIVACY_MANIFEST.dataCategories.find((x) => x.id === id)!
      expect(html).toContain(`<h2>${c.name['zh-CN']}</h2>`)
      expect(html).toContain(PRIVACY_MANIFEST.retentionClasses.find((r) => r.id === c.retention)!.period['zh-CN'])
    }
    expect(html).toContain('下单与售后')
    expect(html).toContain('2026-03-02 12:05:06（北京时间）')
    expect(html).toContain('同意（grant）')
  })

  it('escapes every value and loads nothing', () => {
    expect(html).toContain('李&lt;四&gt;')
    expect(html).toContain('示例&lt;陶瓷&gt;杯 × 1，单价 ¥39.00')
    expect(html).toContain('已下单（placed）')
    expect(html).toContain('请把 &lt;b&gt;订单&lt;/b&gt; &amp; &quot;金额&quot; 改正')
    expect(html).toContain('示例路 1 号 &#39;A&#39; 座')
    expect(html).not.toMatch(/<b>|<四>|<script|<img|<link|\bsrc=/)
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`)
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;')
  })
})

describe('export archive zip', () => {
  const data = exportArchiveData(HELD, PRIVACY_MANIFEST, NOW)
  const events = HELD.consent!.events!

  it('holds data.json, index.html and one receipt per event, and the same input gives the same bytes', () => {
    const bytes = zipFiles(exportFiles(data, PRIVACY_MANIFEST, events, fakeReceipt), NOW)
    const files = unzipSync(bytes)
    expect(Object.keys(files)).toEqual(['data.json', 'index.html', 'receipts/evt1.json', 'receipts/evt2.json'])
    expect(JSON.parse(strFromU8(files['data.json']!))).toEqual(data)
    expect(JSON.parse(strFromU8(files['receipts/evt2.json']!))).toEqual({ consentReceiptID: 'evt2' })
    expect(zipFiles(exportFiles(data, PRIVACY_MANIFEST, events, fakeReceipt), NOW)).toEqual(bytes)
  })

  it('makes each receipt only when the zip reaches it', () => {
    const made: string[] = []
    const files = exportFiles(data, PRIVACY_MANIFEST, events, (e) => {
      made.push(e.eventId)
      return fakeReceipt(e)
    })
    expect([files.next().value?.name, files.next().value?.name]).toEqual(['data.json', 'index.html'])
    expect(made).toEqual([])
    files.next()
    expect(made).toEqual(['evt1'])
  })
})

describe('export retention', () => {
  it('expires 7 days after it is made (the manifest’s `exports` class)', () => {
    expect(exportExpiresAt(NOW, PRIVACY_MANIFEST).getTime() - NOW.getTime()).toBe(7 * DAY)
  })

  it('purges one interval early, by stored expiry or by creation time', () => {
    const { expiresBefore, createdBefore } = exportPurgeCutoffs(NOW, PRIVACY_MANIFEST)
    expect(expiresBefore.getTime()).toBe(NOW.getTime() + EXPORT_PURGE_INTERVAL_MS)
    expect(createdBefore.getTime()).toBe(NOW.getTime() + EXPORT_PURGE_INTERVAL_MS - 7 * DAY)
  })

  it('shows each state of an export', () => {
    const exp = { ...request, type: 'export' as const }
    const archive = HELD.exports[0]!
    expect(exportViewOf({ ...exp, status: 'processing' }, undefined, NOW)).toEqual({ requestId: exp.id, status: 'building', createdAt: exp.createdAt })
    expect(exportViewOf({ ...exp, status: 'awaiting-review' }, undefined, NOW).status).toBe('failed')
    expect(exportViewOf({ ...exp, status: 'completed', outcome: HASH }, archive, NOW)).toEqual({ requestId: exp.id, status: 'ready', createdAt: exp.createdAt, expiresAt: archive.expiresAt, sha256: HASH, size: 1234 })
    expect(exportViewOf({ ...exp, status: 'completed', outcome: HASH }, archive, new Date(archive.expiresAt)).status).toBe('expired')
    expect(exportViewOf({ ...exp, status: 'completed', outcome: HASH, archiveExpiredAt: '2026-03-08T00:00:00.000Z' }, undefined, NOW)).toEqual({ requestId: exp.id, status: 'expired', createdAt: exp.createdAt, sha256: HASH, expiredAt: '2026-03-08T00:00:00.000Z' })
  })
})
