import { type Lang, type LocalizedText, localize } from './localized'
import type { DataCategory, PrivacyManifest, Purpose } from './manifest-schema'
import { type PolicyDiff, diffPolicies, touchesDevice } from './policy-diff'
import type { PolicyContent } from './policy-schema'
import type { PublishedPolicy } from './policy-version'

export type ReconsentNeed =
  /** Never agreed (or agreed to a version we cannot find): the first-run sheet. */
  | { kind: 'first-consent' }
  | { kind: 'none' }
  /** Minor changes since the agreed version: a notice that does not block. */
  | { kind: 'notice'; diff: PolicyDiff }
  /** A purpose or data category changed: ask again, showing only the changes (PIPL Art. 14(2)). */
  | { kind: 'reconsent'; diff: PolicyDiff }

/**
 * What the user must see given the last version they agreed to and the latest published one.
 * Compares the two snapshots directly, so changes across several intermediate versions add up.
 */
export function needsReconsent(lastAgreed: PublishedPolicy | undefined, latest: PublishedPolicy): ReconsentNeed {
  if (!lastAgreed) return { kind: 'first-consent' }
  if (lastAgreed.hash === latest.hash) return { kind: 'none' }
  const diff = diffPolicies(lastAgreed.content, latest.content)
  if (diff.classification === 'major') return { kind: 'reconsent', diff }
  return diff.classification === 'minor' ? { kind: 'notice', diff } : { kind: 'none' }
}

export type ChangeKind =
  | 'purpose-added'
  | 'purpose-removed'
  | 'purpose-changed'
  | 'category-added'
  | 'category-removed'
  | 'category-changed'
  | 'feature-added'
  | 'feature-changed'
  | 'sdk-added'
  | 'sdk-removed'
  | 'sdk-changed'
  | 'retention-changed'
  | 'section-added'
  | 'section-removed'
  | 'section-changed'

/** One line of the change list, already in the user's language. */
export interface ChangeItem {
  kind: ChangeKind
  /** Manifest or section id, for links and tests. */
  id: string
  /** e.g. "新增目的：个性化门店推荐" */
  title: string
  detail?: string
  /** Involves sensitive personal information: emphasise it. */
  sensitive: boolean
  /** An extended purpose the user may refuse while keeping the basic service. */
  optional: boolean
}

const LABELS: Record<ChangeKind, LocalizedText> = {
  'purpose-added': { 'zh-CN': '新增目的', en: 'New purpose' },
  'purpose-removed': { 'zh-CN': '不再使用的目的', en: 'Purpose removed' },
  'purpose-changed': { 'zh-CN': '目的有变化', en: 'Purpose changed' },
  'category-added': { 'zh-CN': '新增收集的信息', en: 'New information collected' },
  'category-removed': { 'zh-CN': '不再收集的信息', en: 'Information no longer collected' },
  'category-changed': { 'zh-CN': '信息类别有变化', en: 'Information category changed' },
  'feature-added': { 'zh-CN': '新增使用权限的功能', en: 'New function using a permission' },
  'feature-changed': { 'zh-CN': '功能使用的权限有变化', en: 'Function permissions changed' },
  'sdk-added': { 'zh-CN': '新增第三方 SDK', en: 'New third-party SDK' },
  'sdk-removed': { 'zh-CN': '移除第三方 SDK', en: 'Third-party SDK removed' },
  'sdk-changed': { 'zh-CN': '第三方 SDK 有变化', en: 'Third-party SDK changed' },
  'retention-changed': { 'zh-CN': '保存期限有变化', en: 'Retention changed' },
  'section-added': { 'zh-CN': '新增章节', en: 'New section' },
  'section-removed': { 'zh-CN': '删除章节', en: 'Section removed' },
  'section-changed': { 'zh-CN': '修改章节', en: 'Section revised' },
}
const USES: LocalizedText = { 'zh-CN': '使用的信息：', en: 'Uses: ' }

function titled(kind: ChangeKind, name: LocalizedText, lang: Lang): string {
  return `${localize(LABELS[kind], lang)}${lang === 'en' ? ': ' : '：'}${localize(name, lang)}`
}

function names(categories: readonly DataCategory[], lang: Lang): string {
  return categories.map((c) => localize(c.name, lang)).join(lang === 'en' ? ', ' : '、')
}

function purposeDetail(p: Purpose, cats: readonly DataCategory[], lang: Lang): string {
  const uses = cats.length ? `${lang === 'en' ? ' ' : ''}${localize(USES, lang)}${names(cats, lang)}` : ''
  return localize(p.description, lang) + uses
}

function featureSensitive(m: PrivacyManifest, purposeId: string): boolean {
  const ids = m.purposes.find((p) => p.id === purposeId)?.dataCategories ?? []
  return categoriesOf(m, ids).some((c) => c.sensitive)
}

function categoriesOf(m: PrivacyManifest, ids: readonly string[]): DataCategory[] {
  return m.dataCategories.filter((c) => ids.includes(c.id))
}

/**
 * The change list for the re-consent sheet or the minor-change notice, in `lang`: material changes
 * (purposes, data categories, permission use, SDKs, retention) first, then the sections whose text
 * changed.
 */
export function changeList(diff: PolicyDiff, latest: PolicyContent, lang: Lang): ChangeItem[] {
  const m1 = latest.manifest
  const items: ChangeItem[] = []
  const purposeItem = (kind: 'purpose-added' | 'purpose-changed', p: Purpose): ChangeItem => {
    const cats = categoriesOf(m1, p.dataCategories)
    return { kind, id: p.id, title: titled(kind, p.name, lang), detail: purposeDetail(p, cats, lang), sensitive: cats.some((c) => c.sensitive), optional: p.kind === 'extended' }
  }
  for (const p of diff.purposes.added) items.push(purposeItem('purpose-added', p))
  for (const p of diff.purposes.removed) items.push({ kind: 'purpose-removed', id: p.id, title: titled('purpose-removed', p.name, lang), sensitive: false, optional: false })
  for (const { after: p } of diff.purposes.changed) items.push(purposeItem('purpose-changed', p))
  for (const c of diff.dataCategories.added) {
    items.push({ kind: 'category-added', id: c.id, title: titled('category-added', c.name, lang), detail: localize(c.examples, lang), sensitive: c.sensitive, optional: false })
  }
  for (const c of diff.dataCategories.removed) items.push({ kind: 'category-removed', id: c.id, title: titled('category-removed', c.name, lang), sensitive: c.sensitive, optional: false })
  for (const { after: c } of diff.dataCategories.changed) {
    items.push({ kind: 'category-changed', id: c.id, title: titled('category-changed', c.name, lang), detail: localize(c.examples, lang), sensitive: c.sensitive, optional: false })
  }
  for (const f of diff.features.added.filter(touchesDevice)) {
    items.push({ kind: 'feature-added', id: f.id, title: titled('feature-added', f.name, lang), detail: localize(f.useNote, lang), sensitive: featureSensitive(m1, f.purpose), optional: false })
  }
  for (const { after: f } of diff.features.changed.filter((c) => c.fields.includes('privacyApis') || c.fields.includes('scope'))) {
    items.push({ kind: 'feature-changed', id: f.id, title: titled('feature-changed', f.name, lang), detail: localize(f.useNote, lang), sensitive: featureSensitive(m1, f.purpose), optional: false })
  }
  for (const s of diff.sdks.added) items.push({ kind: 'sdk-added', id: s.id, title: titled('sdk-added', s.name, lang), detail: localize(s.purpose, lang), sensitive: false, optional: false })
  for (const s of diff.sdks.removed) items.push({ kind: 'sdk-removed', id: s.id, title: titled('sdk-removed', s.name, lang), sensitive: false, optional: false })
  for (const { after: s } of diff.sdks.changed) items.push({ kind: 'sdk-changed', id: s.id, title: titled('sdk-changed', s.name, lang), detail: localize(s.purpose, lang), sensitive: false, optional: false })
  for (const { after: r } of diff.retentionClasses.changed) {
    items.push({ kind: 'retention-changed', id: r.id, title: titled('retention-changed', r.name, lang), detail: localize(r.period, lang), sensitive: false, optional: false })
  }
  for (const s of diff.sections.added) items.push({ kind: 'section-added', id: s.id, title: titled('section-added', s.title, lang), sensitive: false, optional: false })
  for (const s of diff.sections.removed) items.push({ kind: 'section-removed', id: s.id, title: titled('section-removed', s.title, lang), sensitive: false, optional: false })
  for (const { after: s } of diff.sections.changed) items.push({ kind: 'section-changed', id: s.id, title: titled('section-changed', s.title, lang), sensitive: false, optional: false })
  return items
}
