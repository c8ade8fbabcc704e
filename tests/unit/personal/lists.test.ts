import type { InventoryView } from '../../../src/contracts/personal'
import { PROCESSOR_POLICY_URLS } from '../../../src/content/processor-policies'
import { PRIVACY_MANIFEST } from '../../../src/content/privacy-manifest'
import { collectedList, sharedList } from '../../../src/domain/personal/lists'
import { MANIFEST_2026_2 } from '../../../src/content/privacy-manifest'
import { renderTable } from '../../../src/domain/policy'

const INVENTORY: InventoryView = {
  generatedAt: '2026-11-30T10:00:00.000Z',
  categories: [
    { category: 'delivery-contact', purposes: ['order-fulfilment'], retention: 'account-lifetime', sharedWith: 1, count: 2, lastCollectedAt: '2026-11-29T02:00:00.000Z', records: [] },
    { category: 'consent-records', purposes: ['consent-proof'], retention: 'consent-records', sharedWith: 0, count: 3, lastCollectedAt: '2026-11-30T01:00:00.000Z', records: [] },
  ],
}

describe('已收集个人信息清单', () => {
  const rows = collectedList(PRIVACY_MANIFEST, INVENTORY)
  it('lists every declared category, with purpose, scenario and retention from the manifest', () => {
    expect(rows.map((r) => r.category)).toEqual(PRIVACY_MANIFEST.dataCategories.map((c) => c.id))
    const location = rows.find((r) => r.category === 'precise-location')!
    expect(location.scenarios.map((s) => s['zh-CN'])).toEqual(['附近门店'])
    expect(location.sensitive).toBe(true)
    expect(location.held).toBe(false)
  })
  it('says what is held for this user now, how many, and when last collected', () => {
    expect(rows.find((r) => r.category === 'delivery-contact')).toMatchObject({ held: true, count: 2, lastCollectedAt: '2026-11-29T02:00:00.000Z' })
    expect(rows.filter((r) => r.held).map((r) => r.category).sort()).toEqual(['consent-records', 'delivery-contact'])
  })
})

describe('与第三方共享个人信息清单', () => {
  const rows = sharedList(PRIVACY_MANIFEST, INVENTORY, PROCESSOR_POLICY_URLS)
  it('names Tencent CloudBase as entrusted processor with its own policy link', () => {
    const cloud = rows.find((r) => r.recipient['zh-CN'].includes('CloudBase'))!
    expect(cloud).toMatchObject({ method: 'entrusted-processing', policyUrl: PROCESSOR_POLICY_URLS['tencent-cloudbase'], heldNow: true })
  })
  it('lists each purpose recipient with the data and purpose it receives', () => {
    const merchant = rows.find((r) => r.method === 'provision')!
    expect(merchant.purposes.map((p) => p['zh-CN'])).toEqual(['下单与售后'])
    expect(merchant.data.map((d) => d['zh-CN'])).toEqual(['订单信息', '收货信息'])
    expect(merchant.heldNow).toBe(true)
  })
  it('shows the same recipients as the policy’s sharing table: name, contact, purposes, method, data and legal basis', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const table = renderTable(PRIVACY_MANIFEST, { table: 'sharing' }, lang)
      expect(rows.map((r) => r.key)).toEqual(table.rows.map((r) => r.key))
      rows.forEach((row, i) => {
        const cells = table.rows[i].cells.map((c) => c.text)
        const say = (t: { 'zh-CN': string; en?: string } | undefined) => (t ? (lang === 'en' ? t.en! : t['zh-CN']) : undefined)
        const sep = lang === 'en' ? ', ' : '、'
        expect([say(row.recipient), say(row.contact), row.purposes.map(say).join(sep), say(row.how), say(row.legalBasis)]).toEqual([cells[0], cells[1], cells[2], cells[3], cells[5]])
        // The table marks sensitive data; the list names it plainly.
        expect(cells[4].replace(/（敏感）| \(sensitive\)/g, '')).toBe(row.data.map(say).join(sep))
      })
    }
  })
  it('names exactly the order’s merchant and Tencent CloudBase, with contact and legal basis, and no payment provider', () => {
    expect(rows.map((r) => [r.key, r.method])).toEqual([
      ['order-merchant', 'provision'],
      ['tencent-cloudbase', 'entrusted-processing'],
    ])
    const merchant = rows[0]
    expect(merchant.legalBasis!['zh-CN']).toContain('合同')
    expect(merchant.contact!['zh-CN']).toContain('联系我们')
    for (const r of rows) expect(JSON.stringify(r)).not.toMatch(/支付|payment/i)
  })
  it('falls back to processors and purpose recipients for a manifest without a sharing list (2026.2)', () => {
    const old = sharedList(MANIFEST_2026_2, INVENTORY, PROCESSOR_POLICY_URLS)
    expect(old.map((r) => r.method)).toEqual(['entrusted-processing', 'provision'])
    expect(old[1].recipient['zh-CN']).toContain('为你履约的入驻商家')
    expect(old.every((r) => r.contact === undefined)).toBe(true)
  })
})
