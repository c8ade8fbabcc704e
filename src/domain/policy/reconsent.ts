import { type Lang, type LocalizedText, localize } from './localized'
import type { DataCategory, Feature, LegalBasis, PrivacyManifest, Purpose, RetentionClass, Role, Sdk } from './manifest-schema'
import { type Changed, type PolicyDiff, diffPolicies, touchesDevice } from './policy-diff'
import { canonicalJson } from '../common/hashing'
import type { PolicyBlock, PolicyContent, PolicySection } from './policy-schema'
import { renderTable } from './policy-tables'
import type { PublishedPolicy } from './policy-version'
import { PRIVACY_INFO_TYPES, SCOPE_LABELS, WX_PRIVACY_APIS, type WxPrivacyApi, privacyInfoType } from './privacy-apis'
import { clause, joinAnd, midSentence, parenthesised, quoted } from './wording'

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
  | 'retention-added'
  | 'retention-changed'
  | 'section-added'
  | 'section-removed'
  | 'section-changed'

/** One line of the change list, already in the user's language. */
export interface ChangeItem {
  kind: ChangeKind
  /** Manifest or section id, for links and tests. */
  id: string
  /**
   * The whole change as one plain sentence in the requested language, e.g. "我们新增了可选用途「个性化门店推荐」，
   * 用于……。": the only text the UI shows for the change (no prefix, no separate detail line).
   */
  sentence: string
  /**
   * The localised name of what changed: the purpose, data category, function, SDK or retention class, or the
   * section's (new) title. For a tick row, e.g. `同时开启${quoted(name, lang)}` → 同时开启「个性化门店推荐」.
   */
  name: string
  /** Involves sensitive personal information: emphasise it. */
  sensitive: boolean
  /** An extended purpose the user may refuse while keeping the basic service. */
  optional: boolean
}

type Phrases = (zh: string, en: string) => string

function phrases(lang: Lang): Phrases {
  return (zh, en) => (lang === 'en' ? en : zh)
}

const BASES: Record<LegalBasis, LocalizedText> = {
  consent: { 'zh-CN': '你的同意', en: 'your consent' },
  'separate-consent': { 'zh-CN': '你的单独同意', en: 'your separate consent' },
  contract: { 'zh-CN': '履行与你的合同', en: 'our contract with you' },
  'legal-obligation': { 'zh-CN': '履行法定义务', en: 'a legal obligation' },
}
const ROLE_NAMES: Record<Role, LocalizedText> = {
  consumer: { 'zh-CN': '消费者', en: 'shoppers' },
  merchant: { 'zh-CN': '商家', en: 'merchants' },
}

/** Kinds of item a section can present; a change line refers back to them as a group. */
type Group = 'purpose' | 'category' | 'feature' | 'sdk'
const GROUPS: readonly Group[] = ['purpose', 'category', 'feature', 'sdk']
const REFER_BACK: Record<'added' | 'removed', Record<Group, (plural: boolean) => LocalizedText>> = {
  added: {
    purpose: (n) => ({ 'zh-CN': '新用途', en: n ? 'the new purposes' : 'the new purpose' }),
    category: () => ({ 'zh-CN': '新收集的信息', en: 'the newly collected information' }),
    feature: (n) => ({ 'zh-CN': '新功能', en: n ? 'the new functions' : 'the new function' }),
    sdk: (n) => ({ 'zh-CN': '新接入的 SDK', en: n ? 'the new SDKs' : 'the new SDK' }),
  },
  removed: {
    purpose: (n) => ({ 'zh-CN': '用途', en: n ? 'the purposes' : 'the purpose' }),
    category: () => ({ 'zh-CN': '信息', en: 'the information' }),
    feature: (n) => ({ 'zh-CN': '功能', en: n ? 'the functions' : 'the function' }),
    sdk: (n) => ({ 'zh-CN': 'SDK', en: n ? 'the SDKs' : 'the SDK' }),
  },
}

function categoriesOf(m: PrivacyManifest, ids: readonly string[]): DataCategory[] {
  return m.dataCategories.filter((c) => ids.includes(c.id))
}

function featureSensitive(m: PrivacyManifest, purposeId: string): boolean {
  const ids = m.purposes.find((p) => p.id === purposeId)?.dataCategories ?? []
  return categoriesOf(m, ids).some((c) => c.sensitive)
}

/** Builds the sentences of one change list in one language, from the latest manifest and the diff. */
class Sentences {
  private readonly t: Phrases
  private readonly en: boolean

  constructor(
    private readonly diff: PolicyDiff,
    private readonly m: PrivacyManifest,
    private readonly lang: Lang,
  ) {
    this.t = phrases(lang)
    this.en = lang === 'en'
  }

  name(text: LocalizedText): string {
    return localize(text, this.lang)
  }

  private q(text: LocalizedText | string): string {
    return quoted(typeof text === 'string' ? text : this.name(text), this.lang)
  }

  /** An English phrase continued mid-sentence starts in lower case; Chinese is unchanged. */
  private mid(text: string): string {
    return this.en ? midSentence(text) : text
  }

  private and(items: readonly string[]): string {
    return joinAnd(items, this.lang)
  }

  /** "用于……" / "to …": what something is for, continuing a sentence (from a description such as "To find …"). */
  private forWhat(text: LocalizedText): string {
    const s = clause(this.name(text))
    if (this.en) return /^to\s/i.test(s) ? ` ${midSentence(s)}` : ` (${midSentence(s)})`
    // "用于" unless the text already says what for, or starts with its own condition ("开启后……").
    return /^(用|为了|我们|开启|登录|当|在)/.test(s) || s.includes('用于') ? `，${s}` : `，用于${s}`
  }

  private category(c: DataCategory): string {
    const name = this.mid(this.name(c.name))
    return c.sensitive ? parenthesised(name, this.t('敏感个人信息', 'sensitive personal information'), this.lang) : name
  }

  /** "你的订单信息和偏好标签" / "your order details and preference tags". */
  private yourCategories(cats: readonly DataCategory[]): string {
    return this.t('你的', 'your ') + this.and(cats.map((c) => this.category(c)))
  }

  /** A data category by id, in the latest manifest or among those it dropped. */
  private categoryById(id: string): DataCategory | undefined {
    return this.m.dataCategories.find((c) => c.id === id) ?? this.diff.dataCategories.removed.find((c) => c.id === id)
  }

  private categoriesById(ids: readonly string[]): DataCategory[] {
    return ids.map((id) => this.categoryById(id)).filter((c): c is DataCategory => c !== undefined)
  }

  purposeAdded(p: Purpose): string {
    const cats = categoriesOf(this.m, p.dataCategories)
    const optional = p.kind === 'extended'
    const what = this.t(optional ? '可选用途' : '基本功能所需的用途', optional ? 'an optional purpose, ' : 'a purpose the basic service needs, ')
    const desc = clause(this.name(p.description))
    const forWhat = this.en ? (/^to\s/i.test(desc) ? `, ${midSentence(desc)}` : `; ${midSentence(desc)}`) : this.forWhat(p.description)
    const uses = cats.length ? this.t(`，会用到${this.yourCategories(cats)}`, `, using ${this.yourCategories(cats)}`) : ''
    return this.t(`我们新增了${what}${this.q(p.name)}${forWhat}${uses}。`, `We added ${what}${this.q(p.name)}${forWhat}${uses}.`)
  }

  purposeRemoved(p: Purpose): string {
    return this.t(`我们不再将你的信息用于${this.q(p.name)}。`, `We no longer use your information for ${this.q(p.name)}.`)
  }

  purposeChanged({ before, after }: Changed<Purpose>): string {
    const clauses: string[] = []
    const addedCats = this.categoriesById(after.dataCategories.filter((id) => !before.dataCategories.includes(id)))
    const droppedCats = this.categoriesById(before.dataCategories.filter((id) => !after.dataCategories.includes(id)))
    if (addedCats.length) clauses.push(this.t(`现在还会用到${this.yourCategories(addedCats)}`, `now also uses ${this.yourCategories(addedCats)}`))
    if (droppedCats.length) clauses.push(this.t(`不再用到${this.yourCategories(droppedCats)}`, `no longer uses ${this.yourCategories(droppedCats)}`))
    if (before.kind !== after.kind) {
      clauses.push(after.kind === 'extended' ? this.t('改为可选', 'is now optional') : this.t('改为基本功能所必需', 'is now needed for the basic service'))
    }
    if (before.legalBasis !== after.legalBasis) clauses.push(this.t(`处理依据改为${this.name(BASES[after.legalBasis])}`, `now relies on ${this.name(BASES[after.legalBasis])}`))
    if (!same(before.roles, after.roles)) clauses.push(this.t('现在适用于', 'now applies to ') + this.and(after.roles.map((r) => this.name(ROLE_NAMES[r]))))
    if (!same(before.recipients ?? [], after.recipients ?? [])) {
      const to = (after.recipients ?? []).map((r) => this.mid(this.name(r)))
      clauses.push(to.length ? this.t(`现在会向${this.and(to)}提供信息`, `will now share information with ${this.and(to)}`) : this.t('不再向他人提供信息', 'will no longer share information with anyone else'))
    }
    if (this.name(before.name) !== this.name(after.name)) clauses.push(this.t(`名称改为${this.q(after.name)}`, `is now called ${this.q(after.name)}`))
    if (!clauses.length) return this.t(`我们更新了用途${this.q(after.name)}的说明。`, `We updated the description of the purpose ${this.q(after.name)}.`)
    return this.t(`用途${this.q(before.name)}${clauses.join('，')}。`, `The purpose ${this.q(before.name)} ${this.and(clauses)}.`)
  }

  /**
   * "用于「下单与售后」和上述新用途" / "for "Orders and after-sales" and the new purpose above": the purposes that
   * use a category. A purpose added in the same list has its own line above, so it is referred to, not named again.
   */
  private usedFor(c: DataCategory): string {
    const users = this.m.purposes.filter((p) => p.dataCategories.includes(c.id))
    const isNew = (p: Purpose) => this.diff.purposes.added.some((x) => x.id === p.id)
    const named = users.filter((p) => !isNew(p)).map((p) => this.q(p.name))
    const fresh = users.filter(isNew).length
    const all = fresh ? [...named, this.t('上述新用途', fresh > 1 ? 'the new purposes above' : 'the new purpose above')] : named
    return all.length ? this.t(`，用于${this.and(all)}`, ` for ${this.and(all)}`) : ''
  }

  categoryAdded(c: DataCategory): string {
    const examples = clause(this.name(c.examples))
    if (this.en) {
      const sensitive = c.sensitive ? ', which is sensitive personal information,' : ''
      return `We will start collecting your ${midSentence(this.name(c.name))} (${midSentence(examples)})${sensitive}${this.usedFor(c)}.`
    }
    return `我们将开始收集你的${this.q(c.name)}，即${examples}${c.sensitive ? '，属于敏感个人信息' : ''}${this.usedFor(c)}。`
  }

  categoryRemoved(c: DataCategory): string {
    return this.t(`我们不再收集你的${this.q(c.name)}。`, `We no longer collect your ${midSentence(this.name(c.name))}.`)
  }

  categoryChanged({ before, after, fields }: Changed<DataCategory>): string {
    const clauses: string[] = []
    if (fields.includes('sensitive')) {
      clauses.push(after.sensitive ? this.t('现在按敏感个人信息处理', 'is now treated as sensitive personal information') : this.t('不再按敏感个人信息处理', 'is no longer treated as sensitive personal information'))
    }
    if (fields.includes('roles')) clauses.push(this.t('现在适用于', 'now applies to ') + this.and(after.roles.map((r) => this.name(ROLE_NAMES[r]))))
    if (this.name(before.examples) !== this.name(after.examples)) {
      const examples = clause(this.name(after.examples))
      clauses.push(this.t(`包含的内容改为${examples}`, `now covers ${midSentence(examples)}`))
    }
    const retention = fields.includes('retention') ? this.m.retentionClasses.find((r) => r.id === after.retention) : undefined
    if (retention) {
      const period = clause(this.name(retention.period))
      clauses.push(this.t(`保存期限改为“${period}”`, `now has the retention period "${period}"`))
    }
    if (this.name(before.name) !== this.name(after.name)) clauses.push(this.t(`名称改为${this.q(after.name)}`, `is now called ${this.q(after.name)}`))
    if (!clauses.length) return this.t(`我们更新了关于你的${this.q(after.name)}的说明。`, `We updated the description of your ${midSentence(this.name(after.name))}.`)
    return this.t(`你的${this.q(before.name)}${clauses.join('，')}。`, `The information ${this.q(before.name)} ${this.and(clauses)}.`)
  }

  /** "请求「摄像头」权限" / "ask for the "Camera" permission", plus privacy APIs the scope does not already cover. */
  private permissions(f: Feature): string[] {
    const out: string[] = []
    if (f.scope) out.push(this.t(`请求${this.q(SCOPE_LABELS[f.scope])}权限`, `ask for the ${this.q(SCOPE_LABELS[f.scope])} permission`))
    const coveredByScope = (api: WxPrivacyApi) => {
      const entry = WX_PRIVACY_APIS[api]
      return f.scope !== undefined && 'scope' in entry && entry.scope === f.scope
    }
    const infos = [...new Set(f.privacyApis.filter((api) => !coveredByScope(api)).map((api) => privacyInfoType(api, this.m.tableEdition)))]
    for (const info of infos) out.push(this.mid(this.name(PRIVACY_INFO_TYPES[info])))
    return out
  }

  /** "请求「摄像头」权限、……并读取你的剪切板" / "ask for …, … and use your clipboard". */
  private doesWith(perms: readonly string[]): string {
    if (this.en || perms.length < 2) return this.and(perms)
    return `${perms.slice(0, -1).join('、')}并${perms[perms.length - 1]}`
  }

  featureAdded(f: Feature): string {
    const does = this.doesWith(this.permissions(f))
    return this.t(`新功能${this.q(f.name)}会${does}${this.forWhat(f.useNote)}。`, `The new function ${this.q(f.name)} will ${does}${this.forWhat(f.useNote)}.`)
  }

  featureChanged(f: Feature): string {
    const perms = this.permissions(f)
    if (!perms.length) return this.t(`功能${this.q(f.name)}不再使用设备权限或微信隐私接口。`, `The function ${this.q(f.name)} no longer uses any device permission or WeChat privacy API.`)
    const does = this.doesWith(perms)
    return this.t(`功能${this.q(f.name)}现在会${does}${this.forWhat(f.useNote)}。`, `The function ${this.q(f.name)} will now ${does}${this.forWhat(f.useNote)}.`)
  }

  sdkAdded(s: Sdk): string {
    const cats = categoriesOf(this.m, s.dataCategories)
    const receives = cats.length ? this.t(`，会接收${this.yourCategories(cats)}`, `, which receives ${this.yourCategories(cats)}`) : ''
    return this.t(
      `我们新接入了${this.name(s.provider)}提供的第三方 SDK${this.q(s.name)}${this.forWhat(s.purpose)}${receives}。`,
      `We added the third-party SDK ${this.q(s.name)} from ${this.name(s.provider)}${this.forWhat(s.purpose)}${receives}.`,
    )
  }

  sdkRemoved(s: Sdk): string {
    return this.t(`我们不再使用第三方 SDK${this.q(s.name)}。`, `We no longer use the third-party SDK ${this.q(s.name)}.`)
  }

  sdkChanged({ after: s, fields }: Changed<Sdk>): string {
    if (!fields.includes('dataCategories')) return this.t(`我们更新了第三方 SDK${this.q(s.name)}的说明。`, `We updated the description of the third-party SDK ${this.q(s.name)}.`)
    const cats = categoriesOf(this.m, s.dataCategories)
    if (!cats.length) return this.t(`第三方 SDK${this.q(s.name)}不再接收你的个人信息。`, `The third-party SDK ${this.q(s.name)} will no longer receive any of your personal information.`)
    return this.t(`第三方 SDK${this.q(s.name)}现在会接收${this.yourCategories(cats)}。`, `The third-party SDK ${this.q(s.name)} will now receive ${this.yourCategories(cats)}.`)
  }

  retentionAdded(r: RetentionClass): string {
    const period = clause(this.name(r.period))
    return this.t(`我们为${this.q(r.name)}规定了保存期限“${period}”。`, `We set a retention period for ${this.q(r.name)}, "${period}".`)
  }

  retentionChanged(r: RetentionClass): string {
    const period = clause(this.name(r.period))
    return this.t(`${this.q(r.name)}的保存期限改为“${period}”。`, `The retention period for ${this.q(r.name)} is now "${period}".`)
  }

  sectionAdded(s: PolicySection): string {
    return this.t(`我们新增了${this.q(s.title)}一节。`, `We added a new section, ${this.q(s.title)}.`)
  }

  sectionRemoved(s: PolicySection): string {
    return this.t(`我们删除了${this.q(s.title)}一节。`, `We removed the section ${this.q(s.title)}.`)
  }

  /** The section's own text in this language; its tables are rendered from the manifest and compared by kind. */
  private sectionText(s: PolicySection): string {
    const parts = s.blocks.flatMap((b) => (b.kind === 'paragraph' ? [this.name(b.text)] : b.kind === 'list' ? b.items.map((i) => this.name(i)) : []))
    const text = parts.join('\n')
    return this.en ? text.toLowerCase() : text
  }

  /** Names of purposes, data categories, functions and SDKs, old and new, that a section's text could mention. */
  private mentionable(): string[] {
    const d = this.diff
    const all = [
      ...this.m.purposes,
      ...d.purposes.removed,
      ...this.m.dataCategories,
      ...d.dataCategories.removed,
      ...this.m.features,
      ...d.features.removed,
      ...this.m.sdks,
      ...d.sdks.removed,
    ]
    return [...new Set(all.map((x) => this.name(x.name)))]
  }

  /** Names mentioned in `inText` but not in `notInText`, leaving out any contained in a longer one found. */
  private newMentions(inText: string, notInText: string): string[] {
    const key = (n: string) => (this.en ? n.toLowerCase() : n)
    const found = this.mentionable().filter((n) => inText.includes(key(n)) && !notInText.includes(key(n)))
    return found.filter((n) => !found.some((o) => o !== n && key(o).includes(key(n))))
  }

  /**
   * Items added (or removed) in this diff that have a line of their own in the change list, by name, with how a
   * later line refers back to them ("上述新用途" / "the new purpose above") instead of naming them again.
   */
  private listed(change: 'added' | 'removed'): Map<string, Group> {
    const d = this.diff
    const groups: Array<[Group, ReadonlyArray<{ name: LocalizedText }>]> =
      change === 'added'
        ? [
            ['purpose', d.purposes.added],
            ['category', d.dataCategories.added],
            ['feature', d.features.added.filter(touchesDevice)],
            ['sdk', d.sdks.added],
          ]
        : [
            ['purpose', d.purposes.removed],
            ['category', d.dataCategories.removed],
            ['sdk', d.sdks.removed],
          ]
    return new Map(groups.flatMap(([g, xs]) => xs.map((x) => [this.name(x.name), g] as const)))
  }

  /** "上述新用途和新收集的信息" / "the new purpose and the newly collected information above". */
  private referBack(names: readonly string[], listed: Map<string, Group>, change: 'added' | 'removed'): string {
    const count = (g: Group) => names.filter((n) => listed.get(n) === g).length
    const words = GROUPS.filter((g) => count(g) > 0).map((g) => this.name(REFER_BACK[change][g](count(g) > 1)))
    return this.t(`上述${this.and(words)}`, `${this.and(words)} above`)
  }

  private tables(s: PolicySection): Map<string, Extract<PolicyBlock, { kind: 'table' }>> {
    const out = new Map<string, Extract<PolicyBlock, { kind: 'table' }>>()
    for (const b of s.blocks) if (b.kind === 'table') out.set(`${b.table}:${b.role ?? ''}`, b)
    return out
  }

  /**
   * What changed in a section, in plain words where the diff shows it: a new title, purposes or data named
   * that were not before (or no longer are), tables added or removed. Otherwise it says the text was revised.
   */
  sectionChanged({ before, after }: Changed<PolicySection>): string {
    const oldTitle = this.name(before.title)
    const clauses: string[] = []
    const retitled = oldTitle !== this.name(after.title)
    if (retitled) clauses.push(this.t(`标题改为${this.q(after.title)}`, `is now called ${this.q(after.title)}`))
    const [b, a] = [this.sectionText(before), this.sectionText(after)]
    const textChanged = a !== b
    // Items with a line of their own above are referred back to, never named a second time.
    const [addedItems, removedItems] = [this.listed('added'), this.listed('removed')]
    const mentioned = this.newMentions(a, b)
    const unmentioned = this.newMentions(b, a)
    const covers = mentioned.filter((n) => addedItems.has(n))
    const drops = unmentioned.filter((n) => removedItems.has(n))
    const named = mentioned.filter((n) => !addedItems.has(n)).map((n) => quoted(n, this.lang))
    const unnamed = unmentioned.filter((n) => !removedItems.has(n)).map((n) => quoted(n, this.lang))
    if (covers.length) clauses.push(this.t(`加入了对${this.referBack(covers, addedItems, 'added')}的介绍`, `now also covers ${this.referBack(covers, addedItems, 'added')}`))
    if (drops.length) clauses.push(this.t(`删去了对${this.referBack(drops, removedItems, 'removed')}的介绍`, `no longer covers ${this.referBack(drops, removedItems, 'removed')}`))
    if (named.length) clauses.push(this.t(`现在也提到${this.and(named)}`, `now also mentions ${this.and(named)}`))
    if (unnamed.length) clauses.push(this.t(`不再提到${this.and(unnamed)}`, `no longer mentions ${this.and(unnamed)}`))
    const [tb, ta] = [this.tables(before), this.tables(after)]
    const caption = (ref: Extract<PolicyBlock, { kind: 'table' }>) => quoted(renderTable(this.m, ref, this.lang).caption, this.lang)
    const tablesAdded = [...ta].filter(([k]) => !tb.has(k)).map(([, ref]) => caption(ref))
    const tablesRemoved = [...tb].filter(([k]) => !ta.has(k)).map(([, ref]) => caption(ref))
    if (tablesAdded.length) clauses.push(this.t(`新增了${this.and(tablesAdded)}表`, `now includes the table${tablesAdded.length > 1 ? 's' : ''} ${this.and(tablesAdded)}`))
    if (tablesRemoved.length) clauses.push(this.t(`删去了${this.and(tablesRemoved)}表`, `no longer includes the table${tablesRemoved.length > 1 ? 's' : ''} ${this.and(tablesRemoved)}`))
    const described = clauses.length > (retitled ? 1 : 0)
    const section = this.q(oldTitle)
    if (textChanged && !described && !retitled) return this.t(`我们修改了${section}一节的内容。`, `We revised the text of the section ${section}.`)
    if (textChanged && !described) clauses.push(this.t('内容也有修改', 'has revised text'))
    if (clauses.length) return this.t(`我们修改了${section}一节，${clauses.join('，')}。`, `We revised the section ${section}, which ${this.and(clauses)}.`)
    // Nothing differs in this language (e.g. only the other language's wording, or emphasis, changed).
    return this.t(`我们修订了${section}一节的措辞。`, `We revised the wording of the section ${section}.`)
  }
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b)
}

/**
 * A section added (or removed) only to present a purpose, data category, function or SDK that was added (or
 * removed) too: its title is that item's name, or its id the item's id. The item's own line already says it,
 * so the section is not listed a second time.
 */
function presentsItem(s: PolicySection, items: ReadonlyArray<{ id: string; name: LocalizedText }>): boolean {
  const norm = (t: string) => t.trim().toLowerCase()
  const titles = Object.values(s.title).filter((t): t is string => typeof t === 'string').map(norm)
  return items.some((x) => x.id === s.id || Object.values(x.name).some((n) => typeof n === 'string' && titles.includes(norm(n))))
}

/**
 * The change list for the re-consent sheet or the minor-change notice, in `lang`: material changes
 * (purposes, data categories, permission use, SDKs, retention) first, then the sections whose text
 * changed. Each item's `sentence` says the whole change in one plain sentence; a section added (removed)
 * only to present a purpose, category, function or SDK that was added (removed) is not listed a second time.
 */
export function changeList(diff: PolicyDiff, latest: PolicyContent, lang: Lang): ChangeItem[] {
  const m1 = latest.manifest
  const say = new Sentences(diff, m1, lang)
  const items: ChangeItem[] = []
  const add = (kind: ChangeKind, id: string, name: LocalizedText, sentence: string, flags: { sensitive?: boolean; optional?: boolean } = {}) => {
    items.push({ kind, id, sentence, name: say.name(name), sensitive: flags.sensitive ?? false, optional: flags.optional ?? false })
  }
  const purposeFlags = (p: Purpose) => ({ sensitive: categoriesOf(m1, p.dataCategories).some((c) => c.sensitive), optional: p.kind === 'extended' })
  for (const p of diff.purposes.added) add('purpose-added', p.id, p.name, say.purposeAdded(p), purposeFlags(p))
  for (const p of diff.purposes.removed) add('purpose-removed', p.id, p.name, say.purposeRemoved(p))
  for (const c of diff.purposes.changed) add('purpose-changed', c.after.id, c.after.name, say.purposeChanged(c), purposeFlags(c.after))
  for (const c of diff.dataCategories.added) add('category-added', c.id, c.name, say.categoryAdded(c), { sensitive: c.sensitive })
  for (const c of diff.dataCategories.removed) add('category-removed', c.id, c.name, say.categoryRemoved(c), { sensitive: c.sensitive })
  for (const c of diff.dataCategories.changed) add('category-changed', c.after.id, c.after.name, say.categoryChanged(c), { sensitive: c.after.sensitive })
  for (const f of diff.features.added.filter(touchesDevice)) add('feature-added', f.id, f.name, say.featureAdded(f), { sensitive: featureSensitive(m1, f.purpose) })
  for (const { after: f } of diff.features.changed.filter((c) => c.fields.includes('privacyApis') || c.fields.includes('scope'))) {
    add('feature-changed', f.id, f.name, say.featureChanged(f), { sensitive: featureSensitive(m1, f.purpose) })
  }
  for (const s of diff.sdks.added) add('sdk-added', s.id, s.name, say.sdkAdded(s))
  for (const s of diff.sdks.removed) add('sdk-removed', s.id, s.name, say.sdkRemoved(s))
  for (const c of diff.sdks.changed) add('sdk-changed', c.after.id, c.after.name, say.sdkChanged(c))
  for (const r of diff.retentionClasses.added) add('retention-added', r.id, r.name, say.retentionAdded(r))
  for (const { after: r } of diff.retentionClasses.changed) add('retention-changed', r.id, r.name, say.retentionChanged(r))
  const added = [...diff.purposes.added, ...diff.dataCategories.added, ...diff.features.added, ...diff.sdks.added]
  const removed = [...diff.purposes.removed, ...diff.dataCategories.removed, ...diff.features.removed, ...diff.sdks.removed]
  for (const s of diff.sections.added.filter((s) => !presentsItem(s, added))) add('section-added', s.id, s.title, say.sectionAdded(s))
  for (const s of diff.sections.removed.filter((s) => !presentsItem(s, removed))) add('section-removed', s.id, s.title, say.sectionRemoved(s))
  for (const c of diff.sections.changed) add('section-changed', c.after.id, c.after.title, say.sectionChanged(c))
  return items
}
