import type { CategoryView, InventoryView } from '../../contracts/personal'
import type { LocalizedText } from '../policy/localized'
import type { PrivacyManifest, SharingMethod } from '../policy/manifest-schema'
import { labelled } from '../policy/wording'
import { LEGAL_BASIS_TEXT, TABLE_TEXT } from '../policy/table-text'

/**
 * The two lists regulators expect in a second-level menu (MIIT 2021 notice; GB/T 41391-2022):
 * what was collected, and what is shared with whom. Both are built from the manifest (what we
 * declare) and the user's inventory (what we hold for them now), so no page text is written by hand.
 */
export interface CollectedRow {
  category: string
  name: LocalizedText
  sensitive: boolean
  purposes: LocalizedText[]
  /** The features that collect it; a purpose with no feature of its own is its own scenario. */
  scenarios: LocalizedText[]
  retention: LocalizedText
  /** Held for this user now, how many records, and when the last one was collected. */
  held: boolean
  count: number
  lastCollectedAt?: string
}

export interface SharedRow {
  /** The manifest's recipient id when it lists its recipients (2026.3 on), else the processor, purpose or SDK id. */
  key: string
  recipient: LocalizedText
  data: LocalizedText[]
  purposes: LocalizedText[]
  method: 'entrusted-processing' | 'provision'
  /** PIPL Art. 23, from the manifest's `sharing` list: how to reach the recipient, the method with how it gets the data, on what basis. */
  contact?: LocalizedText
  how?: LocalizedText
  legalBasis?: LocalizedText
  policyUrl?: string
  /** Whether any of that data is held for this user now. */
  heldNow: boolean
}

export function collectedList(manifest: PrivacyManifest, inventory: InventoryView): CollectedRow[] {
  const held = new Map<string, CategoryView>(inventory.categories.map((c) => [c.category, c]))
  return manifest.dataCategories.map((c) => {
    const purposes = manifest.purposes.filter((p) => p.dataCategories.includes(c.id))
    const scenarios = purposes.flatMap((p) => {
      const features = manifest.features.filter((f) => f.purpose === p.id)
      return features.length ? features.map((f) => f.name) : [p.name]
    })
    const mine = held.get(c.id)
    return {
      category: c.id,
      name: c.name,
      sensitive: c.sensitive,
      purposes: purposes.map((p) => p.name),
      scenarios,
      retention: manifest.retentionClasses.find((r) => r.id === c.retention)?.period ?? c.name,
      held: (mine?.count ?? 0) > 0,
      count: mine?.count ?? 0,
      ...(mine?.lastCollectedAt ? { lastCollectedAt: mine.lastCollectedAt } : {}),
    }
  })
}

/** "委托处理：……" / "Entrusted processing: …", as the policy's sharing table words the method column. */
function methodWithHow(method: SharingMethod, how: LocalizedText): LocalizedText {
  const out: LocalizedText = { 'zh-CN': `${labelled(TABLE_TEXT[method]['zh-CN'], 'zh-CN')}${how['zh-CN']}` }
  if (how.en) out.en = `${labelled(TABLE_TEXT[method].en, 'en')}${how.en}`
  return out
}

/**
 * The 第三方共享清单. A manifest that lists its recipients (`sharing`, from 2026.3) gives exactly the rows of the
 * policy's sharing table (policy-tables.ts `sharingTable`), in the same order, with contact, method and legal
 * basis; an older one falls back to its processors, purpose recipients and SDKs.
 */
export function sharedList(manifest: PrivacyManifest, inventory: InventoryView, policyUrls: Readonly<Record<string, string>>): SharedRow[] {
  const heldIds = new Set(inventory.categories.filter((c) => c.count > 0).map((c) => c.category))
  const name = (id: string) => manifest.dataCategories.find((c) => c.id === id)?.name ?? { 'zh-CN': id, en: id }
  if (manifest.sharing) {
    const purposeName = (id: string) => manifest.purposes.find((p) => p.id === id)?.name ?? { 'zh-CN': id, en: id }
    const sdks: SharedRow[] = manifest.sdks.map((s) => ({
      key: s.id,
      recipient: s.provider,
      data: s.dataCategories.map(name),
      purposes: [s.purpose],
      method: 'provision',
      policyUrl: s.url,
      heldNow: s.dataCategories.some((id) => heldIds.has(id)),
    }))
    return [
      ...manifest.sharing.map((r): SharedRow => {
        const url = policyUrls[r.processor ?? r.id]
        return {
          key: r.id,
          recipient: r.name,
          // In manifest order, as the policy's table lists them.
          data: manifest.dataCategories.filter((c) => r.dataCategories.includes(c.id)).map((c) => c.name),
          purposes: r.purposes.map(purposeName),
          method: r.method,
          contact: r.contact,
          how: methodWithHow(r.method, r.how),
          legalBasis: r.legalBasis ? LEGAL_BASIS_TEXT[r.legalBasis] : TABLE_TEXT.entrustedBasis,
          ...(url ? { policyUrl: url } : {}),
          heldNow: r.dataCategories.some((id) => heldIds.has(id)),
        }
      }),
      ...sdks,
    ]
  }
  // Entrusted processors handle everything we store, on our instructions only (PIPL Art. 21).
  const stored = manifest.dataCategories.map((c) => c.id)
  const processors: SharedRow[] = manifest.processors.map((p) => ({
    key: p.id,
    recipient: p.name,
    data: stored.map(name),
    purposes: [p.service],
    method: 'entrusted-processing',
    ...(policyUrls[p.id] ? { policyUrl: policyUrls[p.id] } : {}),
    heldNow: stored.some((id) => heldIds.has(id)),
  }))
  // Third parties a purpose provides data to for their own handling (PIPL Art. 23).
  const provided: SharedRow[] = manifest.purposes.flatMap((p) =>
    (p.recipients ?? []).map((recipient, i) => ({
      key: `${p.id}-${i}`,
      recipient,
      data: p.dataCategories.map(name),
      purposes: [p.name],
      method: 'provision' as const,
      heldNow: p.dataCategories.some((id) => heldIds.has(id)),
    })),
  )
  const sdks: SharedRow[] = manifest.sdks.map((s) => ({
    key: s.id,
    recipient: s.provider,
    data: s.dataCategories.map(name),
    purposes: [s.purpose],
    method: 'provision',
    policyUrl: s.url,
    heldNow: s.dataCategories.some((id) => heldIds.has(id)),
  }))
  return [...processors, ...provided, ...sdks]
}
