import { POLICY_2026_1, POLICY_2026_2 } from '../../../src/content'
import { type PolicyContent, type PublishedPolicy, changeList, needsReconsent, publish } from '../../../src/domain/policy'

function publishAll(drafts: PolicyContent[]): PublishedPolicy[] {
  let history: PublishedPolicy[] = []
  drafts.forEach((d, i) => {
    const out = publish(history, d, { now: new Date(Date.UTC(2026, i, 1)) })
    if (!out.created) throw new Error(`not created: ${d.version}`)
    history = out.history
  })
  return history
}

const minorFix: PolicyContent = { ...structuredClone(POLICY_2026_1), version: '2026.1.1', effectiveDate: '2026-03-01', title: { 'zh-CN': '示例商城隐私政策（修订）', en: 'Example Mall Privacy Policy (revised)' } }

describe('needsReconsent', () => {
  const [v1, v2] = publishAll([POLICY_2026_1, POLICY_2026_2])

  it('asks for first consent when the user never agreed', () => {
    expect(needsReconsent(undefined, v2)).toEqual({ kind: 'first-consent' })
  })

  it('asks nothing when the user agreed to the latest version', () => {
    expect(needsReconsent(v2, v2)).toEqual({ kind: 'none' })
  })

  it('asks again after a major change', () => {
    const need = needsReconsent(v1, v2)
    expect(need.kind).toBe('reconsent')
  })

  it('shows a non-blocking notice after a minor change', () => {
    const [a, b] = publishAll([POLICY_2026_1, minorFix])
    const need = needsReconsent(a, b)
    expect(need.kind).toBe('notice')
  })

  it('adds up changes across intermediate versions: minor then major still needs re-consent', () => {
    const major = { ...structuredClone(POLICY_2026_2), version: '2026.2' }
    const [a, , c] = publishAll([POLICY_2026_1, minorFix, major])
    expect(needsReconsent(a, c).kind).toBe('reconsent')
  })
})

describe('changeList at re-consent', () => {
  const [v1, v2] = publishAll([POLICY_2026_1, POLICY_2026_2])
  const need = needsReconsent(v1, v2)
  if (need.kind !== 'reconsent') throw new Error('expected re-consent')

  it('names the new purpose and its data in Simplified Chinese', () => {
    const items = changeList(need.diff, POLICY_2026_2, 'zh-CN')
    expect(items[0]).toMatchObject({ kind: 'purpose-added', id: 'personalised-recommendations', title: '新增目的：个性化门店推荐', optional: true, sensitive: false })
    expect(items[0].detail).toContain('订单信息、偏好标签')
    expect(items.map((i) => i.title)).toContain('新增收集的信息：偏好标签')
  })

  it('names the new purpose in English', () => {
    const items = changeList(need.diff, POLICY_2026_2, 'en')
    expect(items[0].title).toBe('New purpose: Personalised store recommendations')
    expect(items[0].detail).toMatch(/order history.*Uses: Order details, Preference tags$/)
  })

  it('shows only what changed, material changes first', () => {
    const items = changeList(need.diff, POLICY_2026_2, 'en')
    expect(items.map((i) => `${i.kind}:${i.id}`)).toEqual([
      'purpose-added:personalised-recommendations',
      'category-added:preference-tags',
      'section-added:recommendations',
      'section-changed:functions',
    ])
  })

  it('lists a function that starts using a permission, with its purpose line', () => {
    const more = structuredClone(POLICY_2026_2)
    more.manifest.features.push({ id: 'scan-code', name: { 'zh-CN': '扫码', en: 'Scan' }, purpose: 'order-fulfilment', scope: 'scope.camera', privacyApis: ['createCameraContext'], useNote: { 'zh-CN': '扫描商品条码', en: 'To scan product barcodes' } })
    const items = changeList(needsDiff(POLICY_2026_2, more), more, 'en')
    expect(items).toEqual([{ kind: 'feature-added', id: 'scan-code', title: 'New function using a permission: Scan', detail: 'To scan product barcodes', sensitive: false, optional: false }])
  })

  it('flags sensitive data when a change involves it', () => {
    const more = structuredClone(POLICY_2026_2)
    more.manifest.purposes.find((p) => p.id === 'personalised-recommendations')!.dataCategories.push('precise-location')
    more.manifest.purposes.find((p) => p.id === 'personalised-recommendations')!.legalBasis = 'separate-consent'
    const [item] = changeList(needsDiff(POLICY_2026_2, more), more, 'zh-CN')
    expect(item).toMatchObject({ kind: 'purpose-changed', sensitive: true })
  })
})

function needsDiff(a: PolicyContent, b: PolicyContent) {
  const [x, y] = publishAll([a, { ...b, version: '2026.3', effectiveDate: '2027-01-01' }])
  const need = needsReconsent(x, y)
  if (need.kind !== 'reconsent') throw new Error(`expected re-consent, got ${need.kind}`)
  return need.diff
}
