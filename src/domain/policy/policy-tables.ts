import { type Lang, type LocalizedText, localize } from './localized'
import type { DataCategory, Feature, PrivacyManifest, Purpose, Role } from './manifest-schema'
import { PRIVACY_INFO_TYPES, SCOPE_LABELS, WX_PRIVACY_APIS } from './privacy-apis'
import { labelled } from './wording'

/** Tables a policy section can embed; their rows come from the manifest, never from the policy text. */
export const TABLE_KINDS = ['collection', 'permissions', 'retention', 'sdks', 'processors', 'contact'] as const
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

const T = {
  collectionCaption: { 'zh-CN': '我们收集的个人信息', en: 'Personal information we collect' },
  consumer: { 'zh-CN': '消费者', en: 'Consumers' },
  merchant: { 'zh-CN': '商家', en: 'Merchants' },
  function: { 'zh-CN': '功能', en: 'Function' },
  kind: { 'zh-CN': '类型', en: 'Type' },
  basic: { 'zh-CN': '基本功能', en: 'Basic function' },
  extended: { 'zh-CN': '扩展功能', en: 'Extended function' },
  information: { 'zh-CN': '个人信息', en: 'Personal information' },
  permission: { 'zh-CN': '权限或接口', en: 'Permission or API' },
  ifRefused: { 'zh-CN': '拒绝的影响', en: 'If you refuse' },
  sensitive: { 'zh-CN': '（敏感）', en: ' (sensitive)' },
  noPermission: { 'zh-CN': '无需授权', en: 'No permission needed' },
  openid: { 'zh-CN': '微信 OpenID（由微信平台提供，无需授权）', en: 'WeChat OpenID (provided by WeChat, no prompt)' },
  nothingCollected: { 'zh-CN': '不收集个人信息', en: 'No personal information collected' },
  permissionsCaption: { 'zh-CN': '设备权限与微信隐私接口', en: 'Device permissions and WeChat privacy APIs' },
  infoType: { 'zh-CN': '微信信息类型', en: 'WeChat information type' },
  whenAsked: { 'zh-CN': '何时询问及用途', en: 'When we ask, and why' },
  purpose: { 'zh-CN': '目的', en: 'Purpose' },
  retentionCaption: { 'zh-CN': '保存期限', en: 'How long we keep it' },
  period: { 'zh-CN': '保存期限', en: 'Retention' },
  dataClass: { 'zh-CN': '数据类别', en: 'Data class' },
  sdksCaption: { 'zh-CN': '第三方 SDK', en: 'Third-party SDKs' },
  sdkName: { 'zh-CN': '名称', en: 'Name' },
  provider: { 'zh-CN': '提供方', en: 'Provider' },
  link: { 'zh-CN': '隐私政策', en: 'Privacy policy' },
  fictional: { 'zh-CN': '（示例，虚构）', en: ' (sample, fictional)' },
  noSdks: { 'zh-CN': '我们目前没有接入任何第三方 SDK。', en: 'We do not embed any third-party SDK at present.' },
  processorsCaption: { 'zh-CN': '受托处理方', en: 'Processors acting for us' },
  service: { 'zh-CN': '服务内容', en: 'Service' },
  noProcessors: { 'zh-CN': '我们没有委托其他方处理个人信息。', en: 'No one processes personal information on our behalf.' },
  empty: { 'zh-CN': '无', en: 'None' },
  contactCaption: { 'zh-CN': '联系方式', en: 'Contact details' },
  item: { 'zh-CN': '项目', en: 'Item' },
  detail: { 'zh-CN': '内容', en: 'Details' },
  operator: { 'zh-CN': '运营者', en: 'Operator' },
  email: { 'zh-CN': '电子邮箱', en: 'Email' },
  address: { 'zh-CN': '地址', en: 'Address' },
} satisfies Record<string, LocalizedText>

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

function featurePermission(f: Feature, lang: Lang): string | undefined {
  if (f.identity === 'openid') return localize(T.openid, lang)
  const parts: string[] = []
  if (f.scope) parts.push(localize(SCOPE_LABELS[f.scope], lang) + paren(f.scope, lang))
  for (const api of f.privacyApis) parts.push(localize(PRIVACY_INFO_TYPES[WX_PRIVACY_APIS[api].info], lang) + paren(api, lang))
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

/** "What we collect" for one role: function, basic/extended, information, permission, impact of refusing. */
export function collectionTable(m: PrivacyManifest, role: Role, lang: Lang): PolicyTable {
  return {
    kind: 'collection',
    caption: `${localize(T.collectionCaption, lang)} · ${localize(T[role], lang)}`,
    ...headings([T.function, T.kind, T.information, T.permission, T.ifRefused], lang),
    rows: collectionRows(m, role).map(({ purpose, categories, features }) => {
      const permissions = features.map((f) => featurePermission(f, lang)).filter((p): p is string => p !== undefined)
      return {
        key: purpose.id,
        cells: [
          { text: localize(purpose.name, lang) },
          { text: localize(T[purpose.kind], lang) },
          categoryList(categories, lang),
          { text: permissions.length ? permissions.join(joiner(lang)) : localize(T.noPermission, lang) },
          { text: localize(purpose.ifRefused, lang) },
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
      const permission = featurePermission(f, lang)
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
    ],
    empty: localize(T.empty, lang),
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
  }
}
