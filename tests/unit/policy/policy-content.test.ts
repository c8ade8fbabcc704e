import { LATEST_POLICY, POLICY_2026_2, POLICY_VERSIONS } from '../../../src/content'
import { LANGS, type PolicyContent, TABLE_KINDS, localize, renderTable } from '../../../src/domain/policy'

/** The sections issue 3 and the 认定方法 checklist require, by stable id. */
const REQUIRED_SECTIONS = ['about', 'collection', 'functions', 'sensitive', 'permissions', 'sdks', 'storage', 'sharing', 'security', 'rights', 'minors', 'changes', 'contact']

function allText(c: PolicyContent, lang: (typeof LANGS)[number]): string {
  return c.sections
    .flatMap((s) => [
      localize(s.title, lang),
      ...s.blocks.flatMap((b) => {
        if (b.kind === 'paragraph') return [localize(b.text, lang)]
        if (b.kind === 'list') return b.items.map((i) => localize(i, lang))
        const t = renderTable(c.manifest, b, lang)
        return [t.caption, ...t.rows.flatMap((r) => r.cells.map((x) => x.text))]
      }),
    ])
    .join('\n')
}

describe.each(POLICY_VERSIONS.map((p) => [p.version, p] as const))('policy %s', (_version, policy) => {
  it('has every required section, in zh-CN and en', () => {
    expect(policy.languages).toEqual(['zh-CN', 'en'])
    for (const id of REQUIRED_SECTIONS) expect(policy.sections.map((s) => s.id)).toContain(id)
  })

  it('embeds each table kind somewhere, collection tables for both roles (the sharing table from 2026.3)', () => {
    const tables = policy.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' ? [`${b.table}${b.role ? `:${b.role}` : ''}`] : [])))
    const since3 = policy.version !== '2026.1' && policy.version !== '2026.2'
    for (const kind of TABLE_KINDS.filter((k) => k !== 'collection' && (since3 || k !== 'sharing'))) expect(tables).toContain(kind)
    expect(tables).toEqual(expect.arrayContaining(['collection:consumer', 'collection:merchant']))
  })

  it.each(LANGS)('states the promises users and regulators look for (%s)', (lang) => {
    const text = allText(policy, lang)
    const promises =
      lang === 'zh-CN'
        ? ['15 个工作日', '14 周岁', '监护人', '中国境内', '注销账号', '复制', '更正', '撤回', '第三方 SDK', 'privacy@example.com', '敏感个人信息']
        : ['15 working days', 'under 14', 'guardian', 'mainland China', 'Cancel your account', 'Copy', 'Correct', 'Withdraw', 'third-party SDK', 'privacy@example.com', 'Sensitive personal information']
    for (const p of promises) expect(text).toContain(p)
  })

  it('emphasises the sensitive items', () => {
    const sensitive = policy.sections.find((s) => s.id === 'sensitive')!
    expect(sensitive.blocks.some((b) => b.kind === 'paragraph' && b.emphasis)).toBe(true)
    const row = renderTable(policy.manifest, { table: 'collection', role: 'merchant' }, 'zh-CN').rows.find((r) => r.key === 'store-certification')!
    expect(row.cells[2]).toEqual({ text: expect.stringContaining('身份证号码（敏感）'), emphasis: true })
  })

  it('uses fictional contact data only', () => {
    expect(policy.manifest.controller.email).toMatch(/@example\.com$/)
    expect(localize(policy.manifest.controller.address, 'zh-CN')).toContain('虚构')
    expect(localize(policy.manifest.controller.address, 'en')).toContain('fictional')
  })
})

describe('the shipped versions', () => {
  it('are 2026.1, 2026.2 and 2026.3, oldest first, each effective after the one before', () => {
    expect(POLICY_VERSIONS.map((p) => p.version)).toEqual(['2026.1', '2026.2', '2026.3'])
    const dates = POLICY_VERSIONS.map((p) => p.effectiveDate)
    expect([...dates].sort()).toEqual(dates)
    expect(new Set(dates).size).toBe(dates.length)
  })

  it('2026.2 presents personalised recommendations as its own section', () => {
    expect(POLICY_2026_2.sections.map((s) => s.id)).toContain('recommendations')
    expect(allText(POLICY_2026_2, 'zh-CN')).toContain('个性化门店推荐')
  })
})

describe('the latest policy', () => {
  it('is 2026.3, which keeps the recommendations and presents the profile in its own section', () => {
    expect(LATEST_POLICY.version).toBe('2026.3')
    expect(LATEST_POLICY.effectiveDate).toBe('2026-12-15')
    expect(LATEST_POLICY.sections.map((s) => s.id)).toEqual(expect.arrayContaining(['recommendations', 'profile']))
    expect(LATEST_POLICY.sections.findIndex((s) => s.id === 'profile')).toBe(LATEST_POLICY.sections.findIndex((s) => s.id === 'recommendations') + 1)
  })

  it.each(LANGS)('says the profile is optional, where the avatar is kept, and what happens on replace, export and cancellation (%s)', (lang) => {
    const profile = LATEST_POLICY.sections.find((s) => s.id === 'profile')!
    const text = profile.blocks.flatMap((b) => (b.kind === 'paragraph' ? [localize(b.text, lang)] : b.kind === 'list' ? b.items.map((i) => localize(i, lang)) : [])).join('\n')
    const says =
      lang === 'zh-CN'
        ? ['昵称', '头像', '可选', '中国境内', '私有', '只有你本人', '旧的图片会立即删除', '复制我的信息', '注销账号', '64 KB']
        : ['nickname', 'avatar', 'optional', 'mainland China', 'private path', 'only you can see it', 'old picture is deleted at once', 'Copy my data', 'cancel your account', '64 KB']
    for (const s of says) expect(text).toContain(s)
    // The optional nature is the emphasised part.
    expect(profile.blocks.some((b) => b.kind === 'paragraph' && b.emphasis && localize(b.text, lang).includes(lang === 'zh-CN' ? '可选' : 'optional'))).toBe(true)
  })

  it('lists the nickname and avatar in both roles’ collection tables and the retention table', () => {
    for (const role of ['consumer', 'merchant'] as const) {
      const row = renderTable(LATEST_POLICY.manifest, { table: 'collection', role }, 'zh-CN').rows.find((r) => r.key === 'account-identity')!
      expect(row.cells[2].text).toBe('微信 OpenID、昵称与头像')
      expect(row.cells[3].text).toContain('chooseMedia')
      expect(row.cells[4].text).toContain('昵称和头像可以不设置')
    }
    const retention = renderTable(LATEST_POLICY.manifest, { table: 'retention' }, 'en').rows.find((r) => r.key === 'account-lifetime')!
    expect(retention.cells[2].text).toContain('Nickname and avatar')
  })

  it('restates the key points the audit changed and adds the profile', () => {
    expect(LATEST_POLICY.summary).toHaveLength(POLICY_2026_2.summary.length + 1)
    expect(localize(LATEST_POLICY.summary.at(-1)!, 'zh-CN')).toContain('昵称与头像')
    const zh = LATEST_POLICY.summary.map((s) => localize(s, 'zh-CN')).join('\n')
    for (const says of ['30 天后删除', '不保存在我们的服务器上', '删除', '自收到之日起 15 个工作日']) expect(zh).toContain(says)
    expect(LATEST_POLICY.summary[2]).toEqual(POLICY_2026_2.summary[2])
  })
})

/** One section's own text (no tables), in one language. */
function sectionText(id: string, lang: (typeof LANGS)[number], c: PolicyContent = LATEST_POLICY): string {
  const s = c.sections.find((x) => x.id === id)!
  return s.blocks.flatMap((b) => (b.kind === 'paragraph' ? [localize(b.text, lang)] : b.kind === 'list' ? b.items.map((i) => localize(i, lang)) : [])).join('\n')
}

describe('2026.3 says what the product does (issue 12)', () => {
  it.each(LANGS)('cancellation: a 7-day cooling-off, then review, within 15 working days from the application (%s)', (lang) => {
    const text = sectionText('rights', lang)
    expect(text).toContain(lang === 'zh-CN' ? '7 天冷静期' : '7-day cooling-off')
    expect(text).toContain(lang === 'zh-CN' ? '提交申请之日起 15 个工作日内完成' : 'within 15 working days from the day you applied')
  })

  it.each(LANGS)('deletion is a right, with its legal triggers (%s)', (lang) => {
    const text = sectionText('rights', lang)
    const says = lang === 'zh-CN' ? ['删除：', '处理目的已实现', '停止提供服务', '撤回同意', '违反法律'] : ['Delete: ', 'purpose has been achieved', 'stop the service', 'withdraw consent', 'against the law']
    for (const s of says) expect(text).toContain(s)
  })

  it.each(LANGS)('requests and complaints are answered within 15 working days from receipt, with no identity check beyond WeChat (%s)', (lang) => {
    const contact = sectionText('contact', lang)
    expect(contact).toContain(lang === 'zh-CN' ? '自收到你的问题或投诉之日起 15 个工作日内答复' : 'within 15 working days from the day we receive your question or complaint')
    expect(contact).not.toMatch(/核实你的身份|confirming your identity/)
    expect(sectionText('rights', lang)).toContain(lang === 'zh-CN' ? '自收到之日起 15 个工作日内' : 'within 15 working days from the day we receive them')
  })

  it.each(LANGS)('minors: not directed at children under 14; found data is deleted; anyone can tell us (%s)', (lang) => {
    const text = sectionText('minors', lang)
    const says = lang === 'zh-CN' ? ['不面向不满 14 周岁的儿童', '会将其删除', '联系我们', '个人信息保护负责人'] : ['not directed at children under 14', 'we delete it', 'Contact us', 'protection officer']
    for (const s of says) expect(text).toContain(s)
    expect(text).not.toMatch(/取得其同意后使用|only with their consent/)
  })

  it.each(LANGS)('location is used for the query only and not stored; a setting turned off is noticed (%s)', (lang) => {
    expect(sectionText('sensitive', lang)).toContain(lang === 'zh-CN' ? '仅用于本次查询，不会保存在我们的服务器上' : 'is not stored on our servers')
    expect(sectionText('permissions', lang)).toContain(lang === 'zh-CN' ? '在微信的设置中关闭' : 'turn a permission off in WeChat’s settings')
  })

  it.each(LANGS)('certification: encryption, masking, 5-minute links, watermark, reveal with a reason, 30 days, deletion at once (%s)', (lang) => {
    const text = sectionText('sensitive', lang)
    const says =
      lang === 'zh-CN'
        ? ['AES-256-GCM', '统一社会信用代码', '脱敏显示', '5 分钟', '水印', '填写理由', '30 天后删除', '立即删除']
        : ['AES-256-GCM', 'unified social credit code', 'shown masked', '5 minutes', 'watermarked on your phone', 'stated reason', 'deleted after 30 days', 'deleted at once']
    for (const s of says) expect(text).toContain(s)
  })

  it.each(LANGS)('discloses refusals, local storage, the account record and the governing language (%s)', (lang) => {
    const zh = lang === 'zh-CN'
    expect(sectionText('about', lang)).toContain(zh ? '30 天后删除' : 'deleted after 30 days')
    expect(sectionText('about', lang)).toContain(zh ? '以中文版本为准' : 'the Chinese version prevails')
    expect(sectionText('device-storage', lang)).toContain(zh ? '本地存储' : 'local storage')
    expect(sectionText('permissions', lang)).toContain(zh ? '首次使用的时间' : 'when you first used it')
  })

  it('never mentions a payment time or a payment provider', () => {
    for (const lang of LANGS) expect(allText(LATEST_POLICY, lang)).not.toMatch(/支付时间|payment time|payment provider/i)
  })

  it('renders the sharing table in the sharing section and the officer in the contact table', () => {
    expect(LATEST_POLICY.sections.find((s) => s.id === 'sharing')!.blocks.some((b) => b.kind === 'table' && b.table === 'sharing')).toBe(true)
    expect(allText(LATEST_POLICY, 'zh-CN')).toContain('pio@example.com')
  })

  it('leaves 2026.1 and 2026.2 as published: no promise ids, no hash scheme, no table edition', () => {
    for (const p of [POLICY_VERSIONS[0], POLICY_2026_2]) {
      expect(p.hashScheme).toBeUndefined()
      expect(p.manifest.tableEdition).toBeUndefined()
      expect(JSON.stringify(p)).not.toContain('"promises"')
    }
  })
})
