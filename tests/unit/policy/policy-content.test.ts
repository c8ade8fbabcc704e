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

  it('embeds each table kind somewhere, collection tables for both roles', () => {
    const tables = policy.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' ? [`${b.table}${b.role ? `:${b.role}` : ''}`] : [])))
    for (const kind of TABLE_KINDS.filter((k) => k !== 'collection')) expect(tables).toContain(kind)
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

  it('adds one key point to the summary of 2026.2', () => {
    expect(LATEST_POLICY.summary.slice(0, -1)).toEqual(POLICY_2026_2.summary)
    expect(localize(LATEST_POLICY.summary.at(-1)!, 'zh-CN')).toContain('昵称与头像')
  })
})
