import type { DataCategory, Feature, Processor, Purpose, RetentionClass, Sdk } from './manifest-schema'
import { canonicalJson } from '../common/hashing'
import type { PolicyContent, PolicySection } from './policy-schema'

export interface Changed<T> {
  before: T
  after: T
  /** Top-level fields whose value differs. */
  fields: string[]
}
export interface ListDiff<T> {
  added: T[]
  removed: T[]
  changed: Changed<T>[]
}

/** `major` needs fresh consent (PIPL Art. 14(2)); `minor` is a notice; `none` is the same content. */
export type ChangeClass = 'major' | 'minor' | 'none'

export interface PolicyDiff {
  from: string
  to: string
  sections: ListDiff<PolicySection>
  purposes: ListDiff<Purpose>
  dataCategories: ListDiff<DataCategory>
  features: ListDiff<Feature>
  sdks: ListDiff<Sdk>
  retentionClasses: ListDiff<RetentionClass>
  processors: ListDiff<Processor>
  /**
   * Other top-level parts that changed: title, summary, effectiveDate, languages, hashScheme, and the manifest's
   * controller, storage, withdrawalMethod, sharing, contacts and tableEdition. A new recipient is also a
   * purpose's `recipients` change, which is material; the sharing list only details it (PIPL Art. 23).
   */
  other: string[]
  classification: ChangeClass
  /** Why the change is major; empty unless `classification` is `major`. */
  majorReasons: string[]
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null)
}

/** Matches items by id; order changes alone are not changes. */
export function diffById<T extends { id: string }>(before: readonly T[], after: readonly T[]): ListDiff<T> {
  const old = new Map(before.map((x) => [x.id, x]))
  const next = new Map(after.map((x) => [x.id, x]))
  const changed: Changed<T>[] = []
  for (const a of after) {
    const b = old.get(a.id)
    if (!b) continue
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()
    const fields = keys.filter((k) => !same((b as Record<string, unknown>)[k], (a as Record<string, unknown>)[k]))
    if (fields.length) changed.push({ before: b, after: a, fields })
  }
  return { added: after.filter((x) => !old.has(x.id)), removed: before.filter((x) => !next.has(x.id)), changed }
}

/** A section as the reader sees it: promise ids (for the promise register) are not text, so they are no change. */
function readable(s: PolicySection): PolicySection {
  return { ...s, blocks: s.blocks.map((b) => (b.promises ? (({ promises: _promises, ...rest }) => rest)(b) : b)) }
}

/** A feature that reaches the device or WeChat's privacy APIs, rather than only our own data. */
export function touchesDevice(f: Feature): boolean {
  return f.privacyApis.length > 0 || f.scope !== undefined
}

/** Purpose fields whose change alters what the user agreed to: data, necessity, ground, audience, recipients. */
const MATERIAL_PURPOSE_FIELDS = ['dataCategories', 'kind', 'legalBasis', 'roles', 'recipients']
const MATERIAL_CATEGORY_FIELDS = ['sensitive', 'roles']

/**
 * What changed between two policy versions, from their sections and embedded manifests.
 * Major when a purpose or data category is added or removed, a purpose's data, basic/extended kind,
 * legal basis, roles or recipients change, a category becomes (non-)sensitive, a feature starts using
 * another privacy API or scope, or an SDK starts receiving data: PIPL Art. 14(2) asks for new consent
 * when purpose, method or category change.
 */
export function diffPolicies(before: PolicyContent, after: PolicyContent): PolicyDiff {
  const m0 = before.manifest
  const m1 = after.manifest
  const d = {
    sections: diffById(before.sections.map(readable), after.sections.map(readable)),
    purposes: diffById(m0.purposes, m1.purposes),
    dataCategories: diffById(m0.dataCategories, m1.dataCategories),
    features: diffById(m0.features, m1.features),
    sdks: diffById(m0.sdks, m1.sdks),
    retentionClasses: diffById(m0.retentionClasses, m1.retentionClasses),
    processors: diffById(m0.processors, m1.processors),
  }
  const other: string[] = []
  for (const k of ['title', 'summary', 'effectiveDate', 'languages', 'hashScheme'] as const) if (!same(before[k], after[k])) other.push(k)
  for (const k of ['controller', 'storage', 'withdrawalMethod', 'sharing', 'contacts', 'tableEdition'] as const) if (!same(m0[k], m1[k])) other.push(k)

  const majorReasons = [
    ...d.purposes.added.map((p) => `purpose added: ${p.id}`),
    ...d.purposes.removed.map((p) => `purpose removed: ${p.id}`),
    ...d.purposes.changed.filter((c) => c.fields.some((f) => MATERIAL_PURPOSE_FIELDS.includes(f))).map((c) => `purpose changed: ${c.after.id}`),
    ...d.dataCategories.added.map((c) => `data category added: ${c.id}`),
    ...d.dataCategories.removed.map((c) => `data category removed: ${c.id}`),
    ...d.dataCategories.changed.filter((c) => c.fields.some((f) => MATERIAL_CATEGORY_FIELDS.includes(f))).map((c) => `data category changed: ${c.after.id}`),
    // A new way of collecting (another privacy API or scope) changes the processing method.
    ...d.features.added.filter(touchesDevice).map((f) => `feature added: ${f.id}`),
    ...d.features.changed.filter((c) => c.fields.some((f) => f === 'privacyApis' || f === 'scope')).map((c) => `feature changed: ${c.after.id}`),
    ...d.sdks.added.map((s) => `sdk added: ${s.id}`),
    ...d.sdks.changed.filter((c) => c.fields.includes('dataCategories')).map((c) => `sdk changed: ${c.after.id}`),
  ]
  return {
    from: before.version,
    to: after.version,
    ...d,
    other,
    classification: majorReasons.length ? 'major' : same(before, after) ? 'none' : 'minor',
    majorReasons,
  }
}
