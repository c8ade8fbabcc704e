import { POLICY_2026_1, POLICY_2026_2, POLICY_2026_3, POLICY_VERSIONS } from '../../../src/content'
import { PRIVACY_MANIFEST } from '../../../src/content/privacy-manifest'
import {
  type ChangeItem,
  LANGS,
  type PolicyContent,
  type PrivacyManifest,
  ROLES,
  TABLE_KINDS,
  changeList,
  diffPolicies,
  localize,
  renderTable,
} from '../../../src/domain/policy'

/** CJK symbols and punctuation (U+3000–U+303F), full-width forms (U+FF00–U+FFEF), CJK ideographs (U+4E00–U+9FFF). */
const NOT_ENGLISH = /[\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]/u

/** Every string that is not plain English, with where it came from. */
function offenders(texts: ReadonlyArray<readonly [where: string, text: string]>): string[] {
  return texts.filter(([, text]) => NOT_ENGLISH.test(text)).map(([where, text]) => `${where}: ${text}`)
}

const MANIFESTS: ReadonlyArray<readonly [string, PrivacyManifest]> = [...POLICY_VERSIONS.map((p) => [`policy ${p.version}`, p.manifest] as const), ['PRIVACY_MANIFEST', PRIVACY_MANIFEST]]

/** Each table as a reader sees it: caption, column labels, each cell after its label, the empty text. */
function tableTexts(m: PrivacyManifest, lang: (typeof LANGS)[number]): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const table of TABLE_KINDS) {
    for (const role of ROLES) {
      const t = renderTable(m, { table, role }, lang)
      const at = `${table}/${role}`
      out.push([`${at} caption`, t.caption], [`${at} empty`, t.empty])
      t.columns.forEach((c, i) => out.push([`${at} column ${i}`, c], [`${at} label ${i}`, t.labels[i]]))
      for (const row of t.rows) row.cells.forEach((cell, i) => out.push([`${at} ${row.key}[${i}]`, `${t.labels[i]}${cell.text}`]))
    }
  }
  return out
}

describe('policy tables in English', () => {
  it.each(MANIFESTS)('%s: no Chinese characters or full-width punctuation anywhere', (_name, m) => {
    expect(offenders(tableTexts(m, 'en'))).toEqual([])
  })

  it('labels a cell with ASCII punctuation in English and full-width in Chinese', () => {
    const en = renderTable(PRIVACY_MANIFEST, { table: 'permissions' }, 'en')
    const zh = renderTable(PRIVACY_MANIFEST, { table: 'permissions' }, 'zh-CN')
    expect(en.labels).toEqual(['Function: ', 'Permission or API: ', 'When we ask, and why: ', 'Purpose: '])
    expect(zh.labels).toEqual(['功能：', '权限或接口：', '何时询问及用途：', '目的：'])
    expect(en.labels).toHaveLength(en.columns.length)
  })

  it('keeps Chinese punctuation full-width in Chinese', () => {
    const zh = tableTexts(PRIVACY_MANIFEST, 'zh-CN').map(([, text]) => text)
    expect(zh.join('\n')).not.toMatch(/[\u4e00-\u9fff]: /u)
    expect(renderTable(PRIVACY_MANIFEST, { table: 'collection', role: 'merchant' }, 'zh-CN').rows.find((r) => r.key === 'store-certification')!.cells[2].text).toContain('身份证号码（敏感）')
  })
})

describe('published policy text in English', () => {
  it.each(POLICY_VERSIONS.map((p) => [p.version, p] as const))('%s: titles, summary and sections are plain English', (_version, p) => {
    const texts: Array<[string, string]> = [
      ['title', localize(p.title, 'en')],
      ...p.summary.map((s, i): [string, string] => [`summary[${i}]`, localize(s, 'en')]),
      ...p.sections.flatMap((s) => [
        [`${s.id} title`, localize(s.title, 'en')] as [string, string],
        ...s.blocks.flatMap((b, i): Array<[string, string]> =>
          b.kind === 'paragraph' ? [[`${s.id}[${i}]`, localize(b.text, 'en')]] : b.kind === 'list' ? b.items.map((t, j): [string, string] => [`${s.id}[${i}][${j}]`, localize(t, 'en')]) : [],
        ),
      ]),
    ]
    expect(offenders(texts)).toEqual([])
  })
})

/** Every kind of change, built from the real content: all of it added, all of it removed, each part altered. */
function everyChange(): Array<readonly [string, PolicyContent, PolicyContent]> {
  const real = structuredClone(POLICY_2026_2)
  // A sample SDK so the SDK sentences are covered too (the shipped policies embed none).
  real.manifest.sdks.push({
    id: 'sample-maps',
    name: { 'zh-CN': '示例地图 SDK', en: 'Sample Maps SDK' },
    provider: { 'zh-CN': '示例地图公司', en: 'Sample Maps Ltd.' },
    purpose: { 'zh-CN': '在地图上显示门店', en: 'To show stores on a map' },
    dataCategories: ['precise-location'],
    url: 'https://maps.example.com/privacy',
    fictional: true,
  })
  const empty: PolicyContent = structuredClone(real)
  empty.sections = []
  empty.manifest = { ...empty.manifest, purposes: [], dataCategories: [], features: [], sdks: [], retentionClasses: [] }

  const altered = structuredClone(real)
  const m = altered.manifest
  const other = <T,>(list: readonly T[], i: number): T => list[(i + 1) % list.length]
  m.purposes.forEach((p, i) => {
    p.kind = p.kind === 'basic' ? 'extended' : 'basic'
    p.legalBasis = p.legalBasis === 'consent' ? 'contract' : 'consent'
    p.roles = p.roles.length === 1 ? ['consumer', 'merchant'] : ['consumer']
    p.dataCategories = other(real.manifest.purposes, i).dataCategories
    p.recipients = p.recipients ? undefined : other(real.manifest.purposes.filter((x) => x.recipients), 0)?.recipients
    p.name = other(real.manifest.purposes, i).name
  })
  m.dataCategories.forEach((c, i) => {
    c.sensitive = !c.sensitive
    c.roles = c.roles.length === 1 ? ['consumer', 'merchant'] : ['merchant']
    c.retention = other(real.manifest.dataCategories, i).retention === c.retention ? 'logs' : other(real.manifest.dataCategories, i).retention
    c.examples = other(real.manifest.dataCategories, i).examples
    c.name = other(real.manifest.dataCategories, i).name
  })
  m.features.forEach((f) => {
    if (f.scope) delete f.scope
    else f.scope = 'scope.camera'
    f.privacyApis = f.privacyApis.length ? [] : ['chooseMedia', 'setClipboardData']
  })
  m.sdks.forEach((s) => (s.dataCategories = []))
  m.retentionClasses.forEach((r, i) => (r.period = other(real.manifest.retentionClasses, i).period))
  altered.sections = real.sections.map((s, i) => ({ ...s, title: other(real.sections, i).title, blocks: [...s.blocks].reverse().slice(1) }))

  const sdkChanged = structuredClone(real)
  sdkChanged.manifest.sdks[0].dataCategories = ['order-records', 'delivery-contact']
  const wordingOnly = structuredClone(real)
  wordingOnly.sections[0].title['zh-CN'] += '（修订）'

  return [
    ['2026.1 → 2026.2', POLICY_2026_1, POLICY_2026_2],
    ['2026.2 → 2026.1', POLICY_2026_2, POLICY_2026_1],
    ['2026.2 → 2026.3', POLICY_2026_2, POLICY_2026_3],
    ['2026.1 → 2026.3', POLICY_2026_1, POLICY_2026_3],
    ['2026.3 → 2026.2', POLICY_2026_3, POLICY_2026_2],
    ['everything added', empty, real],
    ['everything removed', real, empty],
    ['everything altered', real, altered],
    ['an SDK receives other data', real, sdkChanged],
    ['a Chinese-only wording fix', real, wordingOnly],
  ]
}

describe('change sentences in English', () => {
  const cases = everyChange()

  it('cover every kind of change', () => {
    const kinds = new Set(cases.flatMap(([, a, b]) => changeList(diffPolicies(a, b), b, 'en').map((i) => i.kind)))
    expect([...kinds].sort()).toEqual(
      [
        'category-added',
        'category-changed',
        'category-removed',
        'feature-added',
        'feature-changed',
        'purpose-added',
        'purpose-changed',
        'purpose-removed',
        'retention-added',
        'retention-changed',
        'sdk-added',
        'sdk-changed',
        'sdk-removed',
        'section-added',
        'section-changed',
        'section-removed',
      ].sort(),
    )
  })

  it.each(cases)('%s: every sentence and name is plain English, one sentence with no label colon', (_name, before, after) => {
    const items: ChangeItem[] = changeList(diffPolicies(before, after), after, 'en')
    expect(items.length).toBeGreaterThan(0)
    expect(offenders(items.flatMap((i): Array<[string, string]> => [[`${i.kind}:${i.id} sentence`, i.sentence], [`${i.kind}:${i.id} name`, i.name]]))).toEqual([])
    for (const { sentence } of items) {
      expect(sentence).toMatch(/^[A-Z].*\.$/u)
      expect(sentence).not.toMatch(/: /)
    }
  })

  it.each(cases)('%s: the Chinese sentences use full-width punctuation and never stack colons', (_name, before, after) => {
    for (const { sentence } of changeList(diffPolicies(before, after), after, 'zh-CN')) {
      expect(sentence).toMatch(/。$/u)
      expect(sentence).not.toMatch(/[：:].*[：:]/u)
      expect(sentence).not.toMatch(/[\u4e00-\u9fff][,;:](?!\/)/u)
    }
  })
})
