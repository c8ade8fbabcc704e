import { MANIFEST_2026_1, MANIFEST_2026_2, MANIFEST_2026_3, PRIVACY_MANIFEST } from '../../../src/content'
import {
  LANGS,
  PERMISSION_DESC_MAX,
  type PrivacyManifest,
  ROLES,
  WX_PRIVACY_APIS,
  appJsonPermission,
  checkManifest,
  collectionRows,
  collectionTable,
  declaredPrivacyUsages,
  localize,
  permissionTable,
  privacyManifestSchema,
  requiredPrivateInfos,
  retentionTable,
  contactTable,
  sdkTable,
  sharingTable,
} from '../../../src/domain/policy'

const SHIPPED = [
  ['2026.1', MANIFEST_2026_1],
  ['2026.2', MANIFEST_2026_2],
  ['2026.3', MANIFEST_2026_3],
] as const

function edit(mutate: (m: PrivacyManifest) => void): PrivacyManifest {
  const m = structuredClone(PRIVACY_MANIFEST)
  mutate(m)
  return m
}

describe.each(SHIPPED)('manifest %s', (_version, manifest) => {
  it('matches its schema and is coherent', () => {
    expect(privacyManifestSchema.safeParse(manifest).success).toBe(true)
    expect(checkManifest(manifest)).toEqual([])
  })

  it("gives every feature a purpose that exists", () => {
    const purposes = new Set(manifest.purposes.map((p) => p.id))
    for (const f of manifest.features) expect(purposes).toContain(f.purpose)
  })

  it('gives every sensitive category a retention class with a stated period, and separate consent', () => {
    const sensitive = manifest.dataCategories.filter((c) => c.sensitive)
    expect(sensitive.map((c) => c.id)).toEqual(expect.arrayContaining(['precise-location', 'id-number', 'id-card-images']))
    for (const c of sensitive) {
      const r = manifest.retentionClasses.find((x) => x.id === c.retention)
      expect(r?.period['zh-CN']).toBeTruthy()
      for (const p of manifest.purposes.filter((p) => p.dataCategories.includes(c.id))) expect(p.legalBasis).toBe('separate-consent')
    }
  })

  it('has the retention classes the purge needs, each with a bound or an ending event', () => {
    const ids = manifest.retentionClasses.map((r) => r.id)
    expect(ids).toEqual(expect.arrayContaining(['exports', 'location', 'rejected-certification', 'logs', 'consent-records']))
    // A fixed period needs a bound in days for the scheduled purge; the others end on an event.
    for (const r of manifest.retentionClasses.filter((x) => x.endsOn === 'fixed-period')) expect([r.id, r.maxDays]).toEqual([r.id, expect.any(Number)])
  })

  it.each(ROLES)('covers every %s data category in that role’s collection table, in both languages', (role) => {
    const mine = manifest.dataCategories.filter((c) => c.roles.includes(role))
    const rows = collectionRows(manifest, role)
    expect(new Set(rows.flatMap((r) => r.categories.map((c) => c.id)))).toEqual(new Set(mine.map((c) => c.id)))
    for (const lang of LANGS) {
      const text = collectionTable(manifest, role, lang).rows.map((r) => r.cells[2].text).join('\n')
      for (const c of mine) expect(text).toContain(localize(c.name, lang))
    }
  })

  it('lists every retention class and every data category in the retention table', () => {
    const t = retentionTable(manifest, 'en')
    expect(t.rows.map((r) => r.key)).toEqual(manifest.retentionClasses.map((r) => r.id))
    const text = t.rows.map((r) => r.cells[2].text).join('\n')
    for (const c of manifest.dataCategories) expect(text).toContain(localize(c.name, 'en'))
    expect(t.rows.find((r) => r.key === 'rejected-certification')!.cells[2]).toMatchObject({ emphasis: true })
  })
})

describe('manifest 2026.3: the profile', () => {
  it('is the manifest in force', () => {
    expect(PRIVACY_MANIFEST).toBe(MANIFEST_2026_3)
  })

  it('declares the profile category, not sensitive, for both roles, kept while the account exists', () => {
    expect(MANIFEST_2026_3.dataCategories.find((c) => c.id === 'profile')).toEqual({
      id: 'profile',
      name: { 'zh-CN': '昵称与头像', en: 'Nickname and avatar' },
      examples: { 'zh-CN': expect.stringContaining('昵称'), en: expect.stringContaining('avatar') },
      sensitive: false,
      roles: ['consumer', 'merchant'],
      retention: 'account-lifetime',
    })
    expect(MANIFEST_2026_2.dataCategories.map((c) => c.id)).not.toContain('profile')
  })

  it('lets account identity cover the profile in 2026.3 only, saying it is optional', () => {
    const identity = (m: PrivacyManifest) => m.purposes.find((p) => p.id === 'account-identity')!
    expect(identity(MANIFEST_2026_3).dataCategories).toEqual(['wechat-openid', 'profile'])
    expect(identity(MANIFEST_2026_2).dataCategories).toEqual(['wechat-openid'])
    expect(identity(MANIFEST_2026_1).dataCategories).toEqual(['wechat-openid'])
    expect(identity(MANIFEST_2026_3)).toMatchObject({ kind: 'basic', legalBasis: 'contract', roles: ['consumer', 'merchant'] })
    expect(localize(identity(MANIFEST_2026_3).description, 'zh-CN')).toContain('昵称和头像可以不设置')
    expect(localize(identity(MANIFEST_2026_3).description, 'en')).toContain('shown only to you in the personal centre')
    // Every other purpose is the very same object as in 2026.2, except the requests one, whose wording now names deletion and complaints.
    MANIFEST_2026_3.purposes.filter((p) => p.id !== 'account-identity' && p.id !== 'rights-requests').forEach((p) => expect(MANIFEST_2026_2.purposes).toContain(p))
    const requests = MANIFEST_2026_3.purposes.find((p) => p.id === 'rights-requests')!
    expect(requests).toEqual({ ...MANIFEST_2026_2.purposes.find((p) => p.id === 'rights-requests')!, description: requests.description })
    expect(localize(requests.description, 'zh-CN')).toMatch(/删除.*联系我们/)
  })

  it('picks the avatar with chooseMedia, needing no scope and no app.json declaration', () => {
    expect(MANIFEST_2026_3.features.find((f) => f.id === 'profile-avatar')).toEqual({
      id: 'profile-avatar',
      name: { 'zh-CN': '设置头像', en: 'Set avatar' },
      purpose: 'account-identity',
      privacyApis: ['chooseMedia'],
      useNote: { 'zh-CN': '从相册中选择一张照片作为你的头像', en: 'To choose a photo from your album as your avatar' },
    })
    expect(appJsonPermission(MANIFEST_2026_3)).toEqual(appJsonPermission(MANIFEST_2026_2))
    expect(requiredPrivateInfos(MANIFEST_2026_3)).toEqual(requiredPrivateInfos(MANIFEST_2026_2))
    expect([...declaredPrivacyUsages(MANIFEST_2026_3)].sort()).toEqual([...declaredPrivacyUsages(MANIFEST_2026_2)].sort())
  })

  it('keeps everything else of 2026.2, but for the fixes of issue 12', () => {
    const { dataCategories: _c, purposes: _p, features: _f, retentionClasses: _r, withdrawalMethod: _w, sharing, contacts, tableEdition, ...rest3 } = MANIFEST_2026_3
    const { dataCategories: _c2, purposes: _p2, features: _f2, retentionClasses: _r2, withdrawalMethod: _w2, ...rest2 } = MANIFEST_2026_2
    expect(rest3).toEqual(rest2)
    expect([sharing?.length, contacts?.length, tableEdition]).toEqual([2, 1, 2])
    expect(MANIFEST_2026_3.dataCategories.map((c) => c.id)).toEqual([...MANIFEST_2026_2.dataCategories.map((c) => c.id), 'profile'])
    // Only the examples of these three categories change: no visit counts, no payment time, complaints among requests.
    const changed = MANIFEST_2026_3.dataCategories.filter((c) => !MANIFEST_2026_2.dataCategories.includes(c)).map((c) => c.id)
    expect(changed).toEqual(['wechat-openid', 'order-records', 'rights-requests', 'profile'])
    for (const id of changed.slice(0, 3)) {
      const [a, b] = [MANIFEST_2026_2, MANIFEST_2026_3].map((m) => m.dataCategories.find((c) => c.id === id)!)
      expect({ ...b, examples: a.examples }).toEqual(a)
    }
    expect(MANIFEST_2026_3.features.slice(0, -1)).toEqual(MANIFEST_2026_2.features)
    expect(MANIFEST_2026_3.retentionClasses.map((r) => r.id)).toEqual([...MANIFEST_2026_2.retentionClasses.map((r) => r.id), 'refusals'])
  })
})

describe('manifest 2026.3: the fixes of issue 12', () => {
  const category = (id: string) => MANIFEST_2026_3.dataCategories.find((c) => c.id === id)!
  const retention = (id: string) => MANIFEST_2026_3.retentionClasses.find((r) => r.id === id)!

  it('drops the payment time (there is no payment provider) and says the account keeps no visit counts', () => {
    for (const lang of LANGS) expect(localize(category('order-records').examples, lang)).not.toMatch(/支付|payment/i)
    expect(localize(MANIFEST_2026_2.dataCategories.find((c) => c.id === 'order-records')!.examples, 'zh-CN')).toContain('支付时间')
    expect(localize(category('wechat-openid').examples, 'zh-CN')).toMatch(/AppID.*首次使用的时间.*不记录访问次数/)
  })

  it('uses the position for the query only, and keeps a never-agreed refusal 30 days', () => {
    expect(localize(retention('location').period, 'zh-CN')).toBe('仅用于本次查询，不保存在我们的服务器上')
    expect(retention('refusals')).toMatchObject({ endsOn: 'fixed-period', maxDays: 30, appliesTo: ['consent-records'] })
  })

  it('names the officer (PIPL Art. 52) in the contact table, apart from the general address', () => {
    expect(MANIFEST_2026_3.contacts).toEqual([expect.objectContaining({ id: 'pi-officer', email: 'pio@example.com', address: MANIFEST_2026_3.controller.address })])
    const zh = contactTable(MANIFEST_2026_3, 'zh-CN').rows.find((r) => r.key === 'contact-pi-officer')!
    expect(zh.cells.map((c) => c.text)).toEqual(['个人信息保护负责人', '电子邮箱：pio@example.com；地址：上海市虚构区示例路 1 号（虚构地址）'])
    expect(contactTable(MANIFEST_2026_3, 'en').rows.at(-1)!.cells[1].text).toBe('Email: pio@example.com; Address: No. 1 Example Road, Fictional District, Shanghai (fictional address)')
    expect(contactTable(MANIFEST_2026_2, 'zh-CN').rows.map((r) => r.key)).toEqual(['operator', 'email', 'address'])
  })

  it('lists every recipient with name, contact, purpose, method, data and legal basis (PIPL Art. 23)', () => {
    const t = sharingTable(MANIFEST_2026_3, 'zh-CN')
    expect(t.labels).toEqual(['接收方：', '联系方式：', '目的：', '方式：', '个人信息：', '处理依据：'])
    expect(t.rows.map((r) => r.key)).toEqual(['order-merchant', 'tencent-cloudbase'])
    const [merchant, cloud] = t.rows.map((r) => r.cells.map((c) => c.text))
    expect(merchant).toEqual([
      '为你履约的入驻商家',
      expect.stringContaining('联系我们'),
      '下单与售后',
      '向其提供：只向该商家显示该订单的商品与收货信息，仅用于发货与售后',
      '订单信息、收货信息',
      '为订立、履行你作为一方的合同所必需',
    ])
    expect(cloud[3]).toMatch(/^委托处理：/)
    expect(cloud[5]).toContain('第二十一条')
    expect(sharingTable(MANIFEST_2026_2, 'en')).toMatchObject({ rows: [], empty: 'We do not provide your personal information to anyone.' })
  })

  it('shows each purpose’s legal basis in words from 2026.3 only', () => {
    const t3 = collectionTable(MANIFEST_2026_3, 'consumer', 'en')
    expect(t3.columns.at(-1)).toBe('Legal basis')
    expect(Object.fromEntries(t3.rows.map((r) => [r.key, r.cells[5].text]))).toMatchObject({
      'account-identity': 'Necessary for a contract you are party to',
      'nearby-stores': 'Your separate consent',
      'save-poster': 'Your consent',
      'service-security': 'Necessary to meet a legal obligation',
    })
    expect(collectionTable(MANIFEST_2026_3, 'merchant', 'zh-CN').rows.find((r) => r.key === 'store-certification')!.cells[5].text).toBe('你的单独同意')
    for (const m of [MANIFEST_2026_1, MANIFEST_2026_2]) expect(collectionTable(m, 'consumer', 'zh-CN').columns).toEqual(['功能', '类型', '个人信息', '权限或接口', '拒绝的影响'])
  })

  it('says the clipboard is written only, in 2026.3, while 2026.1 and 2026.2 render as published', () => {
    const clip = (m: PrivacyManifest, lang: (typeof LANGS)[number]) => permissionTable(m, lang).rows.find((r) => r.key === 'export-to-clipboard')!.cells[1].text
    expect(clip(MANIFEST_2026_3, 'zh-CN')).toBe('写入你的剪切板（仅写入，不读取）（setClipboardData）')
    expect(clip(MANIFEST_2026_3, 'en')).toBe('Write to your clipboard (write only, never read) (setClipboardData)')
    for (const m of [MANIFEST_2026_1, MANIFEST_2026_2]) expect(clip(m, 'zh-CN')).toBe('读取你的剪切板（setClipboardData）')
  })
})

describe('derived app.json declarations', () => {
  it('declares the location scope with the nearby-stores purpose, within WeChat’s length limit', () => {
    const permission = appJsonPermission(PRIVACY_MANIFEST)
    expect(permission).toEqual({ 'scope.userLocation': { desc: '查找附近门店并显示距离' } })
    for (const { desc } of Object.values(permission)) expect([...desc].length).toBeLessThanOrEqual(PERMISSION_DESC_MAX)
  })

  it('requires exactly the location APIs the features call', () => {
    expect(requiredPrivateInfos(PRIVACY_MANIFEST)).toEqual(['getLocation'])
    const more = edit((m) => m.features.push({ id: 'pick-pickup-point', name: { 'zh-CN': '选自提点' }, purpose: 'order-fulfilment', privacyApis: ['chooseLocation', 'chooseMedia'], useNote: { 'zh-CN': '选择自提点' } }))
    expect(requiredPrivateInfos(more)).toEqual(['chooseLocation', 'getLocation'])
  })

  it('allows the code exactly the privacy APIs and scopes the features declare', () => {
    expect([...declaredPrivacyUsages(PRIVACY_MANIFEST)].sort()).toEqual(
      ['chooseMedia', 'getLocation', 'saveImageToPhotosAlbum', 'scope.userLocation', 'scope.writePhotosAlbum', 'setClipboardData'].sort(),
    )
  })

  it('makes account identity an openid feature that needs no API', () => {
    const account = PRIVACY_MANIFEST.features.find((f) => f.id === 'account')!
    expect(account).toMatchObject({ identity: 'openid', privacyApis: [] })
    expect(PRIVACY_MANIFEST.purposes.find((p) => p.id === account.purpose)?.kind).toBe('basic')
  })
})

describe('checkManifest finds broken declarations', () => {
  it.each<[string, (m: PrivacyManifest) => void, RegExp]>([
    ['an unknown purpose on a feature', (m) => (m.features[0].purpose = 'ghost'), /feature "account" has unknown purpose "ghost"/],
    ['an unknown category on a purpose', (m) => m.purposes[0].dataCategories.push('ghost'), /unknown data category "ghost"/],
    ['an unknown retention class', (m) => (m.dataCategories[0].retention = 'forever'), /unknown retention class "forever"/],
    ['a category no purpose uses', (m) => m.purposes.forEach((p) => (p.dataCategories = p.dataCategories.filter((c) => c !== 'operation-logs'))), /"operation-logs" is used by no purpose/],
    ['a sensitive category without separate consent', (m) => (m.purposes.find((p) => p.id === 'nearby-stores')!.legalBasis = 'consent'), /sensitive "precise-location" without separate consent/],
    ['an extended purpose on a contract ground', (m) => (m.purposes.find((p) => p.id === 'save-poster')!.legalBasis = 'contract'), /extended purpose "save-poster" must rest on consent/],
    ['an API without the scope it needs', (m) => delete m.features.find((f) => f.id === 'save-poster')!.scope, /calls saveImageToPhotosAlbum, which needs scope.writePhotosAlbum/],
    ['a too-long location purpose', (m) => (m.features.find((f) => f.id === 'nearby-stores')!.useNote['zh-CN'] = '为'.repeat(31)), /longer than 30 characters/],
    ['a duplicate purpose id', (m) => m.purposes.push(structuredClone(m.purposes[0])), /duplicate purpose id "account-identity"/],
    ['a category declared for a role no purpose serves', (m) => m.dataCategories.find((c) => c.id === 'precise-location')!.roles.push('merchant'), /declared for merchant but no merchant purpose uses it/],
    ['a provision without a legal basis', (m) => delete m.sharing![0].legalBasis, /recipient "order-merchant" is provided data without a legal basis/],
    ['a purpose recipient missing from the sharing list', (m) => (m.sharing = m.sharing!.filter((r) => r.method !== 'provision')), /purpose "order-fulfilment" names recipients that the sharing list lacks/],
    ['a processor missing from the sharing list', (m) => (m.sharing = m.sharing!.filter((r) => r.method === 'provision')), /processor "tencent-cloudbase" is missing from the sharing list/],
    ['a recipient given data its purposes do not use', (m) => m.sharing![0].dataCategories.push('precise-location'), /receives "precise-location", which none of its purposes uses/],
    ['a duplicate contact id', (m) => m.contacts!.push(structuredClone(m.contacts![0])), /duplicate contact id "pi-officer"/],
  ])('%s', (_label, mutate, problem) => {
    expect(checkManifest(edit(mutate)).join('\n')).toMatch(problem)
  })
})

describe('other policy tables', () => {
  it('lists each permission feature with when and why we ask, emphasising sensitive ones', () => {
    const t = permissionTable(PRIVACY_MANIFEST, 'zh-CN')
    expect(t.rows.map((r) => r.key)).toEqual(['account', 'nearby-stores', 'cert-photos', 'save-poster', 'export-to-clipboard', 'profile-avatar'])
    const nearby = t.rows.find((r) => r.key === 'nearby-stores')!
    expect(nearby.cells[1]).toEqual({ text: '精确位置（scope.userLocation）、收集你的位置信息（getLocation）', emphasis: true })
    expect(nearby.cells[2].text).toBe('查找附近门店并显示距离')
    const avatar = t.rows.find((r) => r.key === 'profile-avatar')!
    expect(avatar.cells).toEqual([{ text: '设置头像' }, { text: '收集你选中的照片或视频信息（chooseMedia）' }, { text: '从相册中选择一张照片作为你的头像' }, { text: '账号识别' }])
  })

  it('says plainly that no SDK is embedded, and marks fictional entries when there are some', () => {
    expect(sdkTable(PRIVACY_MANIFEST, 'en')).toMatchObject({ rows: [], empty: 'We do not embed any third-party SDK at present.' })
    const m = edit((x) =>
      x.sdks.push({ id: 'demo', name: { 'zh-CN': '示例 SDK', en: 'Demo SDK' }, provider: { 'zh-CN': '示例', en: 'Demo' }, purpose: { 'zh-CN': '演示', en: 'Demo' }, dataCategories: ['precise-location'], url: 'https://sdk.example.com', fictional: true }),
    )
    const [row] = sdkTable(m, 'en').rows
    expect(row.cells[0].text).toBe('Demo SDK (sample, fictional)')
    expect(row.cells[3]).toEqual({ text: 'Precise location (sensitive)', emphasis: true })
  })

  it('names every WeChat privacy API with an information type', () => {
    for (const [api, entry] of Object.entries(WX_PRIVACY_APIS)) expect([api, entry.info]).toEqual([api, expect.any(String)])
  })
})
