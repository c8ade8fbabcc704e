import { POLICY_2026_1, POLICY_2026_2, POLICY_2026_3 } from '../../../src/content'
import { DomainError } from '../../../src/domain/common/errors'
import { codeOf } from '../../support/domain'
import {
  type PolicyContent,
  type PublishedPolicy,
  compareVersions,
  contentHash,
  findPolicy,
  isIntact,
  latestPolicy,
  parsePolicyContent,
  publish,
  requirePolicy,
} from '../../../src/domain/policy'

const JAN = { now: new Date('2026-01-01T00:00:00.000Z') }
const NOV = { now: new Date('2026-11-15T08:00:00.000Z') }

function created(history: readonly PublishedPolicy[], draft: unknown, ctx: { now: Date }): PublishedPolicy[] {
  const out = publish(history, draft, ctx)
  if (!out.created) throw new Error(`expected ${JSON.stringify(draft).slice(0, 40)} to be created, got ${out.reason}`)
  return out.history
}

describe('publish', () => {
  it('publishes the first version as initial, with its hash and the given time', () => {
    const history = created([], POLICY_2026_1, JAN)
    expect(history).toHaveLength(1)
    expect(history[0]).toMatchObject({ version: '2026.1', effectiveDate: '2026-01-01', change: 'initial', publishedAt: '2026-01-01T00:00:00.000Z' })
    expect(history[0].hash).toBe(contentHash(POLICY_2026_1))
    expect(isIntact(history[0])).toBe(true)
  })

  it('classifies 2026.2 as a major change against 2026.1', () => {
    const history = created(created([], POLICY_2026_1, JAN), POLICY_2026_2, NOV)
    expect(history.map((p) => [p.version, p.change])).toEqual([
      ['2026.1', 'initial'],
      ['2026.2', 'major'],
    ])
    expect(latestPolicy(history)?.version).toBe('2026.2')
  })

  it('classifies 2026.3 as a major change against 2026.2, and publishes every shipped version in order', () => {
    const history = created(created(created([], POLICY_2026_1, JAN), POLICY_2026_2, NOV), POLICY_2026_3, { now: new Date('2026-12-01T08:00:00.000Z') })
    expect(history.map((p) => [p.version, p.change])).toEqual([
      ['2026.1', 'initial'],
      ['2026.2', 'major'],
      ['2026.3', 'major'],
    ])
    expect(latestPolicy(history)?.version).toBe('2026.3')
    // Skipping 2026.2 is allowed too (npm start -- --policy 2026.1, then publish 2026.3): still major.
    expect(created(created([], POLICY_2026_1, JAN), POLICY_2026_3, NOV).map((p) => p.change)).toEqual(['initial', 'major'])
  })

  it('creates nothing when the same version is published again with the same content', () => {
    const history = created([], POLICY_2026_1, JAN)
    const again = publish(history, structuredClone(POLICY_2026_1), NOV)
    expect(again).toEqual({ created: false, published: history[0], reason: 'same-version' })
  })

  it('creates nothing when the latest version already has this text under another label', () => {
    const history = created([], POLICY_2026_1, JAN)
    const relabelled: PolicyContent = { ...structuredClone(POLICY_2026_1), version: '2026.1.1', effectiveDate: '2026-02-01' }
    const out = publish(history, relabelled, NOV)
    expect(out).toMatchObject({ created: false, reason: 'same-content' })
    expect(out.published.version).toBe('2026.1')
  })

  it('never lets a published version change: other content under an existing label is refused', () => {
    const history = created([], POLICY_2026_1, JAN)
    const edited = structuredClone(POLICY_2026_1)
    edited.summary[0]['zh-CN'] += '（修订）'
    expect(codeOf(() => publish(history, edited, NOV))).toBe('POLICY.VERSION_IMMUTABLE')
  })

  it('refuses a version label or effective date that goes backwards', () => {
    const history = created(created([], POLICY_2026_1, JAN), POLICY_2026_2, NOV)
    const older = { ...structuredClone(POLICY_2026_2), version: '2026.1.5', summary: [{ 'zh-CN': '旧', en: 'Old' }] }
    expect(codeOf(() => publish(history, older, NOV))).toBe('POLICY.VERSION_ORDER')
    const earlier = { ...structuredClone(POLICY_2026_2), version: '2026.3', effectiveDate: '2026-06-01', summary: [{ 'zh-CN': '新', en: 'New' }] }
    expect(codeOf(() => publish(history, earlier, NOV))).toBe('POLICY.VERSION_ORDER')
  })

  it('returns the new history without touching the one passed in', () => {
    const history = created([], POLICY_2026_1, JAN)
    const snapshot = structuredClone(history)
    created(history, POLICY_2026_2, NOV)
    expect(history).toEqual(snapshot)
  })
})

describe('parsePolicyContent (what publish validates)', () => {
  it('accepts both shipped versions', () => {
    expect(() => parsePolicyContent(POLICY_2026_1)).not.toThrow()
    expect(() => parsePolicyContent(POLICY_2026_2)).not.toThrow()
  })

  it.each<[string, (c: PolicyContent) => void, RegExp]>([
    ['no Simplified Chinese', (c) => (c.languages = ['en']), /zh-CN/],
    ['a missing English text while en is listed', (c) => delete c.sections[2].title.en, /sections\[2\]\.title has no en text/],
    ['a duplicate section id', (c) => (c.sections[1].id = c.sections[0].id), /duplicate section id "about"/],
    ['an impossible effective date', (c) => (c.effectiveDate = '2026-02-30'), /not a calendar date/],
    ['a bad version label', (c) => (c.version = 'v2'), /version/],
    ['a feature whose purpose is missing', (c) => (c.manifest.features[1].purpose = 'nowhere'), /unknown purpose "nowhere"/],
  ])('rejects %s with POLICY.INVALID_CONTENT', (_label, mutate, message) => {
    const draft = structuredClone(POLICY_2026_1)
    mutate(draft)
    let error: unknown
    try {
      parsePolicyContent(draft)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(DomainError)
    expect((error as DomainError).code).toBe('POLICY.INVALID_CONTENT')
    expect((error as DomainError).message).toMatch(message)
  })
})

describe('version helpers', () => {
  it('compares dotted versions numerically', () => {
    expect(compareVersions('2026.10', '2026.9')).toBe(1)
    expect(compareVersions('2026.1', '2026.1.0')).toBe(0)
    expect(compareVersions('2026.1', '2026.2')).toBe(-1)
  })

  it('finds a version only when the hash matches too', () => {
    const history = created([], POLICY_2026_1, JAN)
    expect(findPolicy(history, { version: '2026.1', hash: history[0].hash })).toBe(history[0])
    expect(findPolicy(history, { version: '2026.1', hash: '0'.repeat(64) })).toBeUndefined()
  })

  it('refuses a consent that cites a version never published', () => {
    const history = created([], POLICY_2026_1, JAN)
    expect(requirePolicy(history, { version: '2026.1', hash: history[0].hash })).toBe(history[0])
    expect(codeOf(() => requirePolicy(history, { version: '2026.2', hash: contentHash(POLICY_2026_2) }))).toBe('POLICY.UNKNOWN_VERSION')
  })

  it('detects a stored snapshot edited after publication', () => {
    const [stored] = created([], POLICY_2026_1, JAN)
    const tampered = structuredClone(stored)
    tampered.content.manifest.dataCategories[0].sensitive = true
    expect(isIntact(tampered)).toBe(false)
  })
})
