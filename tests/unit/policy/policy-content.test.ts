import { LATEST_POLICY, POLICY_VERSIONS } from '../../../src/content'
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

describe('the latest policy', () => {
  it('is the major version with personalised recommendations, as its own section', () => {
    expect(LATEST_POLICY.version).toBe('2026.2')
    expect(LATEST_POLICY.sections.map((s) => s.id)).toContain('recommendations')
    expect(allText(LATEST_POLICY, 'zh-CN')).toContain('个性化门店推荐')
  })
})
