import { POLICY_2026_1, POLICY_2026_2, POLICY_2026_3 } from '../../../src/content'
import { para, section } from '../../../src/content/policies/blocks'
import { type PolicyContent, type PublishedPolicy, changeList, diffPolicies, needsReconsent, publish, quoted } from '../../../src/domain/policy'

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
  const zh = changeList(need.diff, POLICY_2026_2, 'zh-CN')
  const en = changeList(need.diff, POLICY_2026_2, 'en')

  it('says each change in one plain Simplified Chinese sentence, without stacked labels', () => {
    expect(zh.map((i) => i.sentence)).toEqual([
      '我们新增了可选用途「个性化门店推荐」，用于根据你的订单记录推断偏好，在首页优先推荐你可能喜欢的门店，会用到你的订单信息和偏好标签。',
      '我们将开始收集你的「偏好标签」，即根据订单推断的常去门店与偏好品类，用于上述新用途。',
      '我们为「偏好标签」规定了保存期限“开启推荐期间保存，最长 180 天；关闭推荐后 7 天内删除”。',
      '我们修改了「基本功能与扩展功能」一节，加入了对上述新用途的介绍。',
    ])
    for (const { sentence } of zh) {
      expect(sentence).not.toMatch(/[：:]/)
      expect(sentence.match(/。/g)).toHaveLength(1)
      expect(sentence.endsWith('。')).toBe(true)
    }
  })

  it('says each change in one plain English sentence', () => {
    expect(en.map((i) => i.sentence)).toEqual([
      'We added an optional purpose, "Personalised store recommendations", to infer your preferences from your order history and recommend stores you may like on the home page, using your order details and preference tags.',
      'We will start collecting your preference tags (stores you often buy from and product categories you prefer, inferred from your orders) for the new purpose above.',
      'We set a retention period for "Preference tags", "Kept while recommendations are on, for at most 180 days; deleted within 7 days after you turn them off".',
      'We revised the section "Basic and extended functions", which now also covers the new purpose above.',
    ])
    for (const { sentence } of en) expect(sentence).not.toMatch(/:/)
  })

  it('marks the new purpose optional and gives its name for the tick row', () => {
    expect(zh[0]).toMatchObject({ kind: 'purpose-added', id: 'personalised-recommendations', name: '个性化门店推荐', optional: true, sensitive: false })
    expect(`同时开启${quoted(zh[0].name, 'zh-CN')}`).toBe('同时开启「个性化门店推荐」')
    expect(`Also turn on ${quoted(en[0].name, 'en')}`).toBe('Also turn on "Personalised store recommendations"')
  })

  it('shows only what changed, material changes first, and does not list the new purpose’s section again', () => {
    expect(en.map((i) => `${i.kind}:${i.id}`)).toEqual(['purpose-added:personalised-recommendations', 'category-added:preference-tags', 'retention-added:preferences', 'section-changed:functions'])
    expect(zh.filter((i) => i.kind === 'section-added')).toEqual([])
  })

  it('names the new purpose in one line only; later lines refer back to it', () => {
    expect(zh.filter((i) => i.sentence.includes('个性化门店推荐')).map((i) => i.kind)).toEqual(['purpose-added'])
    expect(en.filter((i) => /personalised store recommendations/i.test(i.sentence)).map((i) => i.kind)).toEqual(['purpose-added'])
  })

  it('names what a changed section now mentions when it has no line of its own', () => {
    const more = structuredClone(POLICY_2026_2)
    const functions = more.sections.find((s) => s.id === 'functions')!
    functions.blocks.push(para('「为你推荐」只在你开启后生效。', '"Recommended for you" works only after you turn it on.'))
    expect(changeList(diffPolicies(POLICY_2026_2, more), more, 'zh-CN').map((i) => i.sentence)).toEqual(['我们修改了「基本功能与扩展功能」一节，现在也提到「为你推荐」。'])
    expect(changeList(diffPolicies(POLICY_2026_2, more), more, 'en').map((i) => i.sentence)).toEqual([
      'We revised the section "Basic and extended functions", which now also mentions "Recommended for you".',
    ])
  })

  it('still lists a new section that is about something else', () => {
    const more = structuredClone(POLICY_2026_2)
    more.sections.push(section('cookies', '本地存储', 'Local storage', [para('我们在你的设备上保存语言设置。', 'We keep your language setting on your device.')]))
    const items = changeList(diffPolicies(POLICY_2026_2, more), more, 'zh-CN')
    expect(items).toEqual([expect.objectContaining({ kind: 'section-added', id: 'cookies', name: '本地存储', sentence: '我们新增了「本地存储」一节。' })])
  })

  it('lists a function that starts using a permission, with its purpose line', () => {
    const more = structuredClone(POLICY_2026_2)
    more.manifest.features.push({ id: 'scan-code', name: { 'zh-CN': '扫码', en: 'Scan' }, purpose: 'order-fulfilment', scope: 'scope.camera', privacyApis: ['createCameraContext'], useNote: { 'zh-CN': '扫描商品条码', en: 'To scan product barcodes' } })
    const diff = needsDiff(POLICY_2026_2, more)
    expect(changeList(diff, more, 'en')).toEqual([
      expect.objectContaining({ kind: 'feature-added', id: 'scan-code', name: 'Scan', sentence: 'The new function "Scan" will ask for the "Camera" permission to scan product barcodes.', sensitive: false, optional: false }),
    ])
    expect(changeList(diff, more, 'zh-CN')[0].sentence).toBe('新功能「扫码」会请求「摄像头」权限，用于扫描商品条码。')
  })

  it('flags sensitive data when a change involves it, and says what changed', () => {
    const more = structuredClone(POLICY_2026_2)
    more.manifest.purposes.find((p) => p.id === 'personalised-recommendations')!.dataCategories.push('precise-location')
    more.manifest.purposes.find((p) => p.id === 'personalised-recommendations')!.legalBasis = 'separate-consent'
    const diff = needsDiff(POLICY_2026_2, more)
    const [item] = changeList(diff, more, 'zh-CN')
    expect(item).toMatchObject({ kind: 'purpose-changed', sensitive: true, sentence: '用途「个性化门店推荐」现在还会用到你的精确位置（敏感个人信息），处理依据改为你的单独同意。' })
    expect(changeList(diff, more, 'en')[0].sentence).toBe(
      'The purpose "Personalised store recommendations" now also uses your precise location (sensitive personal information) and now relies on your separate consent.',
    )
  })

  it('does not list a section removed together with the purpose it presented', () => {
    const items = changeList(diffPolicies(POLICY_2026_2, POLICY_2026_1), POLICY_2026_1, 'zh-CN')
    expect(items.map((i) => i.sentence)).toEqual([
      '我们不再将你的信息用于「个性化门店推荐」。',
      '我们不再收集你的「偏好标签」。',
      '我们修改了「基本功能与扩展功能」一节，删去了对上述用途的介绍。',
    ])
  })
})

describe('changeList at re-consent to 2026.3 (the profile)', () => {
  const [, v2, v3] = publishAll([POLICY_2026_1, POLICY_2026_2, POLICY_2026_3])
  const need = needsReconsent(v2, v3)
  if (need.kind !== 'reconsent') throw new Error(`expected re-consent, got ${need.kind}`)
  const zh = changeList(need.diff, POLICY_2026_3, 'zh-CN')
  const en = changeList(need.diff, POLICY_2026_3, 'en')

  it('is published as a major change', () => {
    expect(v3).toMatchObject({ version: '2026.3', effectiveDate: '2026-12-15', change: 'major' })
  })

  it('says what changed: account identity uses the profile, the new category, the avatar function, then the fixes of issue 12', () => {
    expect(zh.map((i) => i.sentence)).toEqual([
      '用途「账号识别」现在还会用到你的昵称与头像。',
      '我们更新了用途「处理你的请求」的说明。',
      '我们将开始收集你的「昵称与头像」，即你设置的昵称和你从相册中选择的头像图片，用于「账号识别」。',
      '你的「微信 OpenID」包含的内容改为微信为本小程序分配给你的唯一标识，以及本小程序的 AppID 和你首次使用的时间；我们不记录访问次数或最近访问时间。',
      '你的「订单信息」包含的内容改为购买的商品、数量、金额、下单时间、订单状态。',
      '你的「请求记录」包含的内容改为请求类型、提交时间、处理状态、结果与理由，以及你在「联系我们」中提出的问题或投诉和我们的答复。',
      '新功能「设置头像」会收集你选中的照片或视频信息，用于从相册中选择一张照片作为你的头像。',
      '我们为「拒绝记录」规定了保存期限“你选择「暂不同意」且从未同意过本政策时，记录这次拒绝的假名化事件及其假名盐值保存 30 天后删除”。',
      '「位置信息」的保存期限改为“仅用于本次查询，不保存在我们的服务器上”。',
      '我们新增了「保存在你设备上的信息」一节。',
      '我们修改了「引言」一节的内容。',
      '我们修改了「我们收集哪些信息」一节的内容。',
      '我们修改了「敏感个人信息」一节，现在也提到「法定代表人手机号码」。',
      '我们修改了「设备权限与账号标识」一节的内容。',
      '我们修改了「共享、转让与公开披露」一节，新增了「接收你个人信息的第三方」表。',
      '我们修改了「我们如何保护你的信息」一节的内容。',
      '我们修改了「你的权利」一节的内容。',
      '我们修改了「未成年人」一节的内容。',
      '我们修改了「联系我们」一节的内容。',
    ])
    expect(en.slice(0, 3).map((i) => i.sentence)).toEqual([
      'The purpose "Account identity" now also uses your nickname and avatar.',
      'We updated the description of the purpose "Handling your requests".',
      'We will start collecting your nickname and avatar (the nickname you set and the avatar image you choose from your album) for "Account identity".',
    ])
    expect(en.find((i) => i.id === 'profile-avatar')!.sentence).toBe(
      'The new function "Set avatar" will collect the photos or videos you pick to choose a photo from your album as your avatar.',
    )
    expect(en.find((i) => i.kind === 'retention-added')!.sentence).toBe(
      'We set a retention period for "Refusal records", "If you decline this policy and have never agreed to it, the pseudonymous record of that refusal and its salt are deleted after 30 days".',
    )
    expect(en.find((i) => i.id === 'order-records')!.sentence).toBe('The information "Order details" now covers items, quantities, amounts, order time, order status.')
  })

  it('does not list the profile section a second time, and flags nothing as sensitive or optional', () => {
    expect(en.map((i) => `${i.kind}:${i.id}`)).toEqual([
      'purpose-changed:account-identity',
      'purpose-changed:rights-requests',
      'category-added:profile',
      'category-changed:wechat-openid',
      'category-changed:order-records',
      'category-changed:rights-requests',
      'feature-added:profile-avatar',
      'retention-added:refusals',
      'retention-changed:location',
      'section-added:device-storage',
      'section-changed:about',
      'section-changed:collection',
      'section-changed:sensitive',
      'section-changed:permissions',
      'section-changed:sharing',
      'section-changed:security',
      'section-changed:rights',
      'section-changed:minors',
      'section-changed:contact',
    ])
    for (const i of [...zh, ...en]) expect(i).toMatchObject({ sensitive: false, optional: false })
  })

  it('from 2026.1, adds up both major versions', () => {
    const [v1] = publishAll([POLICY_2026_1])
    const from1 = needsReconsent(v1, v3)
    if (from1.kind !== 'reconsent') throw new Error(`expected re-consent, got ${from1.kind}`)
    const kinds = changeList(from1.diff, POLICY_2026_3, 'en').map((i) => `${i.kind}:${i.id}`)
    expect(kinds.slice(0, 9)).toEqual([
      'purpose-added:personalised-recommendations',
      'purpose-changed:account-identity',
      'purpose-changed:rights-requests',
      'category-added:preference-tags',
      'category-added:profile',
      'category-changed:wechat-openid',
      'category-changed:order-records',
      'category-changed:rights-requests',
      'feature-added:profile-avatar',
    ])
    expect(kinds).toContain('section-changed:functions')
    expect(kinds).toContain('retention-added:preferences')
  })
})

describe('changeList in a minor-change notice', () => {
  // The wording fix the e2e test publishes: section 0's Chinese title gains "（修订）".
  const wordingFix = structuredClone(POLICY_2026_2)
  wordingFix.version = '2026.2.1'
  wordingFix.sections[0].title['zh-CN'] = `${wordingFix.sections[0].title['zh-CN']}（修订）`
  const [a, b] = publishAll([POLICY_2026_2, wordingFix])
  const need = needsReconsent(a, b)
  if (need.kind !== 'notice') throw new Error(`expected a notice, got ${need.kind}`)

  it('names the section by its new title', () => {
    const [item] = changeList(need.diff, wordingFix, 'zh-CN')
    expect(item).toMatchObject({ kind: 'section-changed', id: 'about', name: '引言（修订）', sentence: '我们修改了「引言」一节，标题改为「引言（修订）」。' })
  })

  it('says in English that the wording changed, although the English title did not', () => {
    expect(changeList(need.diff, wordingFix, 'en').map((i) => i.sentence)).toEqual(['We revised the wording of the section "About this policy".'])
  })

  it('says the text was revised when nothing more specific can be derived', () => {
    const edited = structuredClone(POLICY_2026_2)
    edited.sections[0].blocks[0] = para('经过修订的引言。', 'A revised introduction.')
    expect(changeList(diffPolicies(POLICY_2026_2, edited), edited, 'zh-CN').map((i) => i.sentence)).toEqual(['我们修改了「引言」一节的内容。'])
    expect(changeList(diffPolicies(POLICY_2026_2, edited), edited, 'en').map((i) => i.sentence)).toEqual(['We revised the text of the section "About this policy".'])
  })
})

function needsDiff(a: PolicyContent, b: PolicyContent) {
  const [x, y] = publishAll([a, { ...b, version: '2026.3', effectiveDate: '2027-01-01' }])
  const need = needsReconsent(x, y)
  if (need.kind !== 'reconsent') throw new Error(`expected re-consent, got ${need.kind}`)
  return need.diff
}
