import { type Lang, type LocalizedText, localize } from './localized'
import type { DataCategory, Feature, PrivacyManifest, Purpose, Role, SharingMethod } from './manifest-schema'
import { PRIVACY_INFO_TYPES, SCOPE_LABELS, privacyInfoType } from './privacy-apis'
import { LEGAL_BASIS_TEXT, TABLE_TEXT } from './table-text'
import { labelled } from './wording'

export { LEGAL_BASIS_TEXT, TABLE_TEXT }

/** Tables a policy section can embed; their rows come from the manifest, never from the policy text. */
export const TABLE_KINDS = ['collection', 'permissions', 'retention', 'sdks', 'processors', 'contact', 'sharing'] as const
export type TableKind = (typeof TABLE_KINDS)[number]

export interface TableCell {
  text: string
  /** Sensitive personal information is emphasised (GB/T 35273 5.5, PIPL Art. 30). */
  emphasis?: boolean
}
export interface TableRow {
  /** The manifest id behind the row, stable across languages. */
  key: string
  cells: TableCell[]
}
export interface PolicyTable {
  kind: TableKind
  caption: string
  columns: string[]
  /**
   * The column names as labels before a cell's text, with the language's punctuation: "目的：" in Chinese,
   * "Purpose: " in English. Render a row as `labels[i] + cells[i].text`; never append a "：" to `columns`.
   */
  labels: string[]
  rows: TableRow[]
  /** Shown instead of an empty table. */
  empty: string
}

const T = TABLE_TEXT

/** Column names, and the same as labels before a cell's text ("Purpose: " / "目的："). */
function headings(columns: readonly LocalizedText[], lang: Lang): Pick<PolicyTable, 'columns' | 'labels'> {
  const names = columns.map((c) => localize(c, lang))
  return { columns: names, labels: names.map((n) => labelled(n, lang)) }
}

function joiner(lang: Lang): string {
  return lang === 'en' ? ', ' : '、'
}

function paren(inner: string, lang: Lang): string {
  return lang === 'en' ? ` (${inner})` : `（${inner}）`
}

function categoryList(categories: readonly DataCategory[], lang: Lang): TableCell {
  if (categories.length === 0) return { text: localize(T.nothingCollected, lang) }
  const text = categories.map((c) => localize(c.name, lang) + (c.sensitive ? localize(T.sensitive, lang) : '')).join(joiner(lang))
  return categories.some((c) => c.sensitive) ? { text, emphasis: true } : { text }
}

function featurePermission(m: PrivacyManifest, f: Feature, lang: Lang): string | undefined {
  if (f.identity === 'openid') return localize(T.openid, lang)
  const parts: string[] = []
  if (f.scope) parts.push(localize(SCOPE_LABELS[f.scope], lang) + paren(f.scope, lang))
  for (const api of f.privacyApis) parts.push(localize(PRIVACY_INFO_TYPES[privacyInfoType(api, m.tableEdition)], lang) + paren(api, lang))
  return parts.length ? parts.join(joiner(lang)) : undefined
}

export interface CollectionRow {
  purpose: Purpose
  categories: DataCategory[]
  features: Feature[]
}

/** Per role, each purpose with the data categories it uses and the features that serve it, in manifest order. */
export function collectionRows(m: PrivacyManifest, role: Role): CollectionRow[] {
  return m.purposes
    .filter((p) => p.roles.includes(role))
    .map((purpose) => ({
      purpose,
      categories: m.dataCategories.filter((c) => purpose.dataCategories.includes(c.id) && c.roles.includes(role)),
      features: m.features.filter((f) => f.purpose === purpose.id),
    }))
}

/**
 * "What we collect" for one role: function, basic/extended, information, permission, impact of refusing,
 * and from table edition 2 the legal basis (PIPL Art. 13) in words.
 */
export function collectionTable(m: PrivacyManifest, role: Role, lang: Lang): PolicyTable {
  const withBasis = m.tableEdition !== undefined
  return {
    kind: 'collection',
    caption: `${localize(T.collectionCaption, lang)} · ${localize(T[role], lang)}`,
    ...headings([T.function, T.kind, T.information, T.permission, T.ifRefused, ...(withBasis ? [T.legalBasis] : [])], lang),
    rows: collectionRows(m, role).map(({ purpose, categories, features }) => {
      const permissions = features.map((f) => featurePermission(m, f, lang)).filter((p): p is string => p !== undefined)
      return {
        key: purpose.id,
        cells: [
          { text: localize(purpose.name, lang) },
          { text: localize(T[purpose.kind], lang) },
          categoryList(categories, lang),
          { text: permissions.length ? permissions.join(joiner(lang)) : localize(T.noPermission, lang) },
          { text: localize(purpose.ifRefused, lang) },
          ...(withBasis ? [{ text: localize(LEGAL_BASIS_TEXT[purpose.legalBasis], lang) }] : []),
        ],
      }
    }),
    empty: localize(T.empty, lang),
  }
}

/** Each feature that needs a device permission, a WeChat privacy API or the openid, with when and why we ask. */
export function permissionTable(m: PrivacyManifest, lang: Lang): PolicyTable {
  const purposes = new Map(m.purposes.map((p) => [p.id, p]))
  return {
    kind: 'permissions',
    caption: localize(T.permissionsCaption, lang),
    ...headings([T.function, T.permission, T.whenAsked, T.purpose], lang),
    rows: m.features.flatMap((f) => {
      const permission = featurePermission(m, f, lang)
      const purpose = purposes.get(f.purpose)
      if (!permission || !purpose) return []
      const sensitive = m.dataCategories.some((c) => c.sensitive && purpose.dataCategories.includes(c.id))
      return [
        {
          key: f.id,
          cells: [{ text: localize(f.name, lang) }, sensitive ? { text: permission, emphasis: true } : { text: permission }, { text: localize(f.useNote, lang) }, { text: localize(purpose.name, lang) }],
        },
      ]
    }),
    empty: localize(T.empty, lang),
  }
}

/** Data categories a retention class covers: those naming it, plus those it covers in a given state. */
export function categoriesForRetention(m: PrivacyManifest, retentionId: string): DataCategory[] {
  const also = m.retentionClasses.find((r) => r.id === retentionId)?.appliesTo ?? []
  return m.dataCategories.filter((c) => c.retention === retentionId || also.includes(c.id))
}

/** How long each class of data is kept, with the categories it covers; the purge schedule follows the same classes. */
export function retentionTable(m: PrivacyManifest, lang: Lang): PolicyTable {
  return {
    kind: 'retention',
    caption: localize(T.retentionCaption, lang),
    ...headings([T.dataClass, T.period, T.information], lang),
    rows: m.retentionClasses.map((r) => ({
      key: r.id,
      cells: [{ text: localize(r.name, lang) }, { text: localize(r.period, lang) }, categoryList(categoriesForRetention(m, r.id), lang)],
    })),
    empty: localize(T.empty, lang),
  }
}

/** Third-party SDKs with what each receives (认定方法 §2(1), §5). */
export function sdkTable(m: PrivacyManifest, lang: Lang): PolicyTable {
  return {
    kind: 'sdks',
    caption: localize(T.sdksCaption, lang),
    ...headings([T.sdkName, T.provider, T.purpose, T.information, T.link], lang),
    rows: m.sdks.map((s) => ({
      key: s.id,
      cells: [
        { text: localize(s.name, lang) + (s.fictional ? localize(T.fictional, lang) : '') },
        { text: localize(s.provider, lang) },
        { text: localize(s.purpose, lang) },
        categoryList(m.dataCategories.filter((c) => s.dataCategories.includes(c.id)), lang),
        { text: s.url },
      ],
    })),
    empty: localize(T.noSdks, lang),
  }
}

/** Entrusted processors (PIPL Art. 21). */
export function processorTable(m: PrivacyManifest, lang: Lang): PolicyTable {
  return {
    kind: 'processors',
    caption: localize(T.processorsCaption, lang),
    ...headings([T.sdkName, T.service], lang),
    rows: m.processors.map((p) => ({ key: p.id, cells: [{ text: localize(p.name, lang) }, { text: localize(p.service, lang) }] })),
    empty: localize(T.noProcessors, lang),
  }
}

/** Who we are and how to reach us, from the manifest's controller, so the policy never restates it. */
export function contactTable(m: PrivacyManifest, lang: Lang): PolicyTable {
  const c = m.controller
  return {
    kind: 'contact',
    caption: localize(T.contactCaption, lang),
    ...headings([T.item, T.detail], lang),
    rows: [
      { key: 'operator', cells: [{ text: localize(T.operator, lang) }, { text: `${localize(c.name, lang)}${paren(localize(c.appName, lang), lang)}` }] },
      { key: 'email', cells: [{ text: localize(T.email, lang) }, { text: c.email }] },
      { key: 'address', cells: [{ text: localize(T.address, lang) }, { text: localize(c.address, lang) }] },
      // Further contact points, e.g. the personal information protection officer (PIPL Art. 52).
      ...(m.contacts ?? []).map((x) => ({
        key: `contact-${x.id}`,
        cells: [{ text: localize(x.role, lang) }, { text: `${labelled(localize(T.email, lang), lang)}${x.email}${lang === 'en' ? '; ' : '；'}${labelled(localize(T.address, lang), lang)}${localize(x.address, lang)}` }],
      })),
    ],
    empty: localize(T.empty, lang),
  }
}

/** "委托处理" / "Entrusted processing", then how the data is handed over. */
function methodText(method: SharingMethod, how: LocalizedText, lang: Lang): string {
  return `${labelled(localize(T[method], lang), lang)}${localize(how, lang)}`
}

/**
 * Who receives personal information (PIPL Art. 23; Art. 21 for processors): each recipient's name, contact,
 * purposes, method, the data it gets and the legal basis. Built from the manifest's `sharing` list, the same
 * list the 第三方共享清单 shows (src/domain/personal/lists.ts).
 */
export function sharingTable(m: PrivacyManifest, lang: Lang): PolicyTable {
  const purposes = new Map(m.purposes.map((p) => [p.id, p]))
  return {
    kind: 'sharing',
    caption: localize(T.sharingCaption, lang),
    ...headings([T.recipient, T.contact, T.purpose, T.method, T.information, T.legalBasis], lang),
    rows: (m.sharing ?? []).map((r) => ({
      key: r.id,
      cells: [
        { text: localize(r.name, lang) },
        { text: localize(r.contact, lang) },
        { text: r.purposes.map((id) => purposes.get(id)).filter((p): p is Purpose => p !== undefined).map((p) => localize(p.name, lang)).join(joiner(lang)) },
        { text: methodText(r.method, r.how, lang) },
        categoryList(m.dataCategories.filter((c) => r.dataCategories.includes(c.id)), lang),
        { text: localize(r.legalBasis ? LEGAL_BASIS_TEXT[r.legalBasis] : T.entrustedBasis, lang) },
      ],
    })),
    empty: localize(T.noSharing, lang),
  }
}

/** The table a policy block refers to; `role` applies to the collection table only. */
export function renderTable(m: PrivacyManifest, ref: { table: TableKind; role?: Role }, lang: Lang): PolicyTable {
  switch (ref.table) {
    case 'collection':
      return collectionTable(m, ref.role ?? 'consumer', lang)
    case 'permissions':
      return permissionTable(m, lang)
    case 'retention':
      return retentionTable(m, lang)
    case 'sdks':
      return sdkTable(m, lang)
    case 'processors':
      return processorTable(m, lang)
    case 'contact':
      return contactTable(m, lang)
    case 'sharing':
      return sharingTable(m, lang)
  }
}
