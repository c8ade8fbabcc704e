import { POLICY_2026_1, POLICY_2026_2, POLICY_2026_3 } from '../../../src/content'
import { canonicalJson, sha256Hex } from '../../../src/domain/common/hashing'
import { PRIVACY_INFO_TYPES, TABLE_TEXT, contentHash, renderedTables } from '../../../src/domain/policy'

/** Rebuilds every object with its keys in reverse order; arrays keep their order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse().map(([k, v]) => [k, reverseKeys(v)]))
  }
  return value
}

describe('contentHash', () => {
  it('is 64 lower-case hex characters and the same on every call', () => {
    const h = contentHash(POLICY_2026_1)
    expect(h).toMatch(/^[0-9a-f]{64}$/)
    expect(contentHash(structuredClone(POLICY_2026_1))).toBe(h)
  })

  it('does not depend on key order anywhere in the content', () => {
    const reordered = reverseKeys(POLICY_2026_2)
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(POLICY_2026_2))
    expect(contentHash(reordered)).toBe(contentHash(POLICY_2026_2))
  })

  it('changes when any text changes, however small', () => {
    const edited = structuredClone(POLICY_2026_1)
    edited.sections[0].title.en = 'About this policy.'
    expect(contentHash(edited)).not.toBe(contentHash(POLICY_2026_1))
  })

  it('changes when the embedded manifest changes', () => {
    const edited = structuredClone(POLICY_2026_1)
    edited.manifest.retentionClasses[0].maxDays = 30
    expect(contentHash(edited)).not.toBe(contentHash(POLICY_2026_1))
  })

  it('distinguishes the shipped versions', () => {
    const hashes = [POLICY_2026_1, POLICY_2026_2, POLICY_2026_3].map(contentHash)
    expect(new Set(hashes).size).toBe(3)
  })

  it('hashes RFC 8785 canonical JSON (sorted keys, no whitespace)', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: true, c: null }] })).toBe('{"a":[2,{"c":null,"d":true}],"b":1}')
    // sha256('{"a":1}') computed independently.
    expect(contentHash({ a: 1 })).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862')
  })
})

describe('contentHash covers the rendered tables from 2026.3 (hashScheme 2)', () => {
  /** Changes one label in the code for the duration of `run`, as an edit of policy-tables.ts or privacy-apis.ts would. */
  function withLabel<T extends Record<string, { 'zh-CN': string; en?: string }>>(labels: T, key: keyof T, lang: 'zh-CN' | 'en', text: string, run: () => void): void {
    const entry = labels[key] as Record<string, string>
    const before = entry[lang]!
    entry[lang] = text
    try {
      run()
    } finally {
      entry[lang] = before
    }
  }

  it('hashes the content together with its tables in every language, for 2026.3 only', () => {
    expect(POLICY_2026_3.hashScheme).toBe(2)
    expect(contentHash(POLICY_2026_3)).toBe(sha256Hex(canonicalJson({ content: POLICY_2026_3, rendered: renderedTables(POLICY_2026_3) })))
    expect(contentHash(POLICY_2026_3)).not.toBe(sha256Hex(canonicalJson(POLICY_2026_3)))
    const rendered = renderedTables(POLICY_2026_3)
    expect(Object.keys(rendered)).toEqual(['zh-CN', 'en'])
    expect(rendered.en!.map((t) => t.kind)).toEqual(POLICY_2026_3.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []))))
    for (const p of [POLICY_2026_1, POLICY_2026_2]) expect(contentHash(p)).toBe(sha256Hex(canonicalJson(p)))
  })

  it.each(['zh-CN', 'en'] as const)('changes when a table label in policy-tables.ts changes (%s), and leaves 2026.1 and 2026.2 alone', (lang) => {
    const [h1, h2, h3] = [POLICY_2026_1, POLICY_2026_2, POLICY_2026_3].map(contentHash)
    withLabel(TABLE_TEXT, 'ifRefused', lang, 'Refusing means', () => {
      expect(contentHash(POLICY_2026_3)).not.toBe(h3)
      expect([contentHash(POLICY_2026_1), contentHash(POLICY_2026_2)]).toEqual([h1, h2])
    })
    expect(contentHash(POLICY_2026_3)).toBe(h3)
  })

  it.each(['zh-CN', 'en'] as const)('changes when a privacy API label in privacy-apis.ts changes (%s)', (lang) => {
    const h3 = contentHash(POLICY_2026_3)
    withLabel(PRIVACY_INFO_TYPES, 'clipboard-write', lang, 'Touch your clipboard', () => expect(contentHash(POLICY_2026_3)).not.toBe(h3))
    withLabel(PRIVACY_INFO_TYPES, 'chosen-media', lang, 'Look at your photos', () => expect(contentHash(POLICY_2026_3)).not.toBe(h3))
    expect(contentHash(POLICY_2026_3)).toBe(h3)
  })
})

const PINNED: Record<string, string> = {
  '2026.1': 'b38c963f113a09cd3eb012522e4cae23e1db56e8cabdc76eb7e55e04f92c3d1a',
  '2026.2': '3c69916894a283ccc363f0d6994df5919a7eb07c3cc0f87f323518db9974e5ea',
  '2026.3': '1ac9163c515485957f068161d84f20486ce2155a3be83d3d8702022d1b15147f',
}

/**
 * Published versions are immutable: users' consent records cite these hashes. If this test fails,
 * a shipped policy (or the manifest snapshot it embeds) was edited; put the change in a new version.
 */
describe('shipped policy hashes (pinned)', () => {
  it.each([
    ['2026.1', POLICY_2026_1],
    ['2026.2', POLICY_2026_2],
    ['2026.3', POLICY_2026_3],
  ])('version %s hashes to its pinned value', (version, content) => {
    expect(content.version).toBe(version)
    expect(contentHash(content)).toBe(PINNED[version])
  })
})
