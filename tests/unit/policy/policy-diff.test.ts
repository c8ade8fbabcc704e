import { POLICY_2026_1, POLICY_2026_2, POLICY_2026_3 } from '../../../src/content'
import { type PolicyContent, diffById, diffPolicies } from '../../../src/domain/policy'

function edit(base: PolicyContent, mutate: (c: PolicyContent) => void): PolicyContent {
  const c = structuredClone(base)
  mutate(c)
  return c
}

describe('diffPolicies on the shipped versions', () => {
  const diff = diffPolicies(POLICY_2026_1, POLICY_2026_2)

  it('is major because a purpose and a data category were added', () => {
    expect(diff.classification).toBe('major')
    expect(diff.majorReasons).toEqual(['purpose added: personalised-recommendations', 'data category added: preference-tags'])
  })

  it('lists the manifest additions and nothing removed', () => {
    expect(diff.purposes.added.map((p) => p.id)).toEqual(['personalised-recommendations'])
    expect(diff.dataCategories.added.map((c) => c.id)).toEqual(['preference-tags'])
    expect(diff.features.added.map((f) => f.id)).toEqual(['store-recommendations'])
    expect(diff.retentionClasses.added.map((r) => r.id)).toEqual(['preferences'])
    for (const list of [diff.purposes, diff.dataCategories, diff.features, diff.sdks, diff.retentionClasses, diff.sections]) expect(list.removed).toEqual([])
  })

  it('lists the new and the revised sections, and leaves unchanged ones out', () => {
    expect(diff.sections.added.map((s) => s.id)).toEqual(['recommendations'])
    expect(diff.sections.changed.map((c) => [c.after.id, c.fields])).toEqual([['functions', ['blocks']]])
    expect(diff.other).toEqual(['summary', 'effectiveDate'])
    expect(diff).toMatchObject({ from: '2026.1', to: '2026.2' })
  })

  it('is the mirror image the other way round', () => {
    const back = diffPolicies(POLICY_2026_2, POLICY_2026_1)
    expect(back.classification).toBe('major')
    expect(back.purposes.removed.map((p) => p.id)).toEqual(['personalised-recommendations'])
    expect(back.sections.removed.map((s) => s.id)).toEqual(['recommendations'])
  })
})

describe('diffPolicies from 2026.2 to 2026.3 (the profile)', () => {
  const diff = diffPolicies(POLICY_2026_2, POLICY_2026_3)

  it('is major: account identity now uses the new profile category, picked with a privacy API', () => {
    expect(diff.classification).toBe('major')
    expect(diff.majorReasons).toEqual(['purpose changed: account-identity', 'data category added: profile', 'feature added: profile-avatar'])
  })

  it('changes account identity’s data and wording only, not its kind, basis, roles or recipients; the requests purpose only in wording', () => {
    expect(diff.purposes.changed.map((c) => [c.after.id, c.fields])).toEqual([
      ['account-identity', ['dataCategories', 'description', 'ifRefused']],
      ['rights-requests', ['description']],
    ])
    const [{ before, after }] = diff.purposes.changed
    expect(after.dataCategories).toEqual([...before.dataCategories, 'profile'])
    expect(after).toMatchObject({ kind: before.kind, legalBasis: before.legalBasis, roles: before.roles })
    expect(after.recipients).toBeUndefined()
  })

  it('adds the profile category, the avatar feature and the profile section, and removes nothing', () => {
    expect(diff.dataCategories.added).toEqual([
      expect.objectContaining({ id: 'profile', name: { 'zh-CN': '昵称与头像', en: 'Nickname and avatar' }, sensitive: false, roles: ['consumer', 'merchant'], retention: 'account-lifetime' }),
    ])
    expect(diff.features.added).toEqual([expect.objectContaining({ id: 'profile-avatar', purpose: 'account-identity', privacyApis: ['chooseMedia'] })])
    expect(diff.features.added[0].scope).toBeUndefined()
    expect(diff.sections.added.map((s) => s.id)).toEqual(['profile', 'device-storage'])
    for (const list of [diff.purposes, diff.dataCategories, diff.features, diff.sdks, diff.sections, diff.retentionClasses]) expect(list.removed).toEqual([])
    expect(diff).toMatchObject({ from: '2026.2', to: '2026.3' })
  })

  it('carries the fixes of issue 12 as minor changes: category examples, retention, sections and the new manifest parts', () => {
    expect(diff.dataCategories.changed.map((c) => [c.after.id, c.fields])).toEqual([
      ['wechat-openid', ['examples']],
      ['order-records', ['examples']],
      ['rights-requests', ['examples']],
    ])
    expect(diff.retentionClasses.added.map((r) => r.id)).toEqual(['refusals'])
    expect(diff.retentionClasses.changed.map((c) => [c.after.id, c.fields])).toEqual([['location', ['period']]])
    expect(diff.sections.changed.map((c) => c.after.id)).toEqual(['about', 'collection', 'sensitive', 'permissions', 'sharing', 'security', 'rights', 'minors', 'contact'])
    expect(diff.other).toEqual(['summary', 'effectiveDate', 'hashScheme', 'withdrawalMethod', 'sharing', 'contacts', 'tableEdition'])
  })

  it('does not count promise ids as a change: a section whose text is the same is not listed', () => {
    // functions and recommendations gain promise ids in 2026.3 and nothing else.
    for (const id of ['functions', 'recommendations', 'sdks', 'storage', 'changes']) expect(diff.sections.changed.map((c) => c.after.id)).not.toContain(id)
    expect(POLICY_2026_3.sections.find((s) => s.id === 'functions')!.blocks[1].promises).toEqual(['extended-refusable'])
  })

  it('adds up from 2026.1: both majors’ reasons', () => {
    expect(diffPolicies(POLICY_2026_1, POLICY_2026_3).majorReasons).toEqual([
      'purpose added: personalised-recommendations',
      'purpose changed: account-identity',
      'data category added: preference-tags',
      'data category added: profile',
      'feature added: profile-avatar',
    ])
  })
})

describe('diffPolicies classification', () => {
  it('is none for identical content', () => {
    expect(diffPolicies(POLICY_2026_2, structuredClone(POLICY_2026_2)).classification).toBe('none')
  })

  it('is minor for a wording fix', () => {
    const fixed = edit(POLICY_2026_2, (c) => {
      c.version = '2026.2.1'
      c.sections[0].title['zh-CN'] = '引言与适用范围'
    })
    const diff = diffPolicies(POLICY_2026_2, fixed)
    expect(diff.classification).toBe('minor')
    expect(diff.sections.changed.map((s) => s.after.id)).toEqual(['about'])
    expect(diff.majorReasons).toEqual([])
  })

  it('is minor for a purpose wording or a retention change', () => {
    const d1 = diffPolicies(POLICY_2026_2, edit(POLICY_2026_2, (c) => (c.manifest.purposes[0].description.en = 'Reworded.')))
    expect(d1.classification).toBe('minor')
    expect(d1.purposes.changed[0].fields).toEqual(['description'])
    const d2 = diffPolicies(POLICY_2026_2, edit(POLICY_2026_2, (c) => (c.manifest.retentionClasses.find((r) => r.id === 'exports')!.maxDays = 3)))
    expect(d2.classification).toBe('minor')
    expect(d2.retentionClasses.changed.map((r) => r.after.id)).toEqual(['exports'])
  })

  it('is major when a purpose starts using another data category', () => {
    const more = edit(POLICY_2026_2, (c) => c.manifest.purposes.find((p) => p.id === 'nearby-stores')!.dataCategories.push('order-records'))
    const diff = diffPolicies(POLICY_2026_2, more)
    expect(diff.classification).toBe('major')
    expect(diff.majorReasons).toEqual(['purpose changed: nearby-stores'])
  })

  it('is major when an extended purpose becomes basic, or gains a recipient', () => {
    expect(diffPolicies(POLICY_2026_2, edit(POLICY_2026_2, (c) => (c.manifest.purposes.find((p) => p.id === 'save-poster')!.kind = 'basic'))).classification).toBe('major')
    const shared = edit(POLICY_2026_2, (c) => (c.manifest.purposes.find((p) => p.id === 'nearby-stores')!.recipients = [{ 'zh-CN': '示例地图公司', en: 'Example Maps' }]))
    expect(diffPolicies(POLICY_2026_2, shared).majorReasons).toEqual(['purpose changed: nearby-stores'])
  })

  it('is major when a feature starts using another privacy API or scope (a new method)', () => {
    const tracking = edit(POLICY_2026_2, (c) => c.manifest.features.find((f) => f.id === 'nearby-stores')!.privacyApis.push('startLocationUpdate'))
    expect(diffPolicies(POLICY_2026_2, tracking).majorReasons).toEqual(['feature changed: nearby-stores'])
    const renamed = edit(POLICY_2026_2, (c) => (c.manifest.features.find((f) => f.id === 'nearby-stores')!.name.en = 'Stores nearby'))
    expect(diffPolicies(POLICY_2026_2, renamed).classification).toBe('minor')
  })

  it('is major when a category becomes sensitive, or an SDK is added', () => {
    expect(diffPolicies(POLICY_2026_2, edit(POLICY_2026_2, (c) => (c.manifest.dataCategories[1].sensitive = true))).majorReasons).toEqual(['data category changed: order-records'])
    const sdk = edit(POLICY_2026_2, (c) =>
      c.manifest.sdks.push({
        id: 'example-chat',
        name: { 'zh-CN': '示例客服 SDK', en: 'Example Chat SDK' },
        provider: { 'zh-CN': '示例客服公司', en: 'Example Chat Ltd.' },
        purpose: { 'zh-CN': '在线客服', en: 'Customer chat' },
        dataCategories: ['wechat-openid'],
        url: 'https://chat.example.com/privacy',
        fictional: true,
      }),
    )
    expect(diffPolicies(POLICY_2026_2, sdk).majorReasons).toEqual(['sdk added: example-chat'])
  })
})

describe('diffById', () => {
  it('ignores order and reports changed fields', () => {
    const d = diffById(
      [
        { id: 'a', x: 1 },
        { id: 'b', x: 2 },
      ],
      [
        { id: 'b', x: 3 },
        { id: 'a', x: 1 },
        { id: 'c', x: 0 },
      ],
    )
    expect(d.added.map((x) => x.id)).toEqual(['c'])
    expect(d.removed).toEqual([])
    expect(d.changed).toEqual([{ before: { id: 'b', x: 2 }, after: { id: 'b', x: 3 }, fields: ['x'] }])
  })
})
