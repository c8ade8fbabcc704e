import type { PrivacyManifest } from '../policy/manifest-schema'
import { type HeldData, heldSummary } from '../personal/held-data'
import { addDays, type DeletionProgress, type DeletionTally } from './cancellation'

/**
 * The deletion certificate: what a completed cancellation removed and what it kept, until when and
 * why. It holds no personal data (counts, category ids, dates and a hash), so anyone holding its id
 * may look it up, and the user can show it to a regulator.
 */
export interface DeletionCertificate {
  id: string
  schemaVersion: 1
  /** When the user asked (ISO). */
  requestedAt: string
  /** When the deletion began and ended (ISO). */
  startedAt: string
  completedAt: string
  /** SHA-256 of everything held when the deletion began, as the export archive's data would list it. */
  inventoryHash: string
  /** Categories held at the start, with their record counts. */
  categories: Array<{ category: string; count: number }>
  /** Rows removed per collection and files per storage prefix. */
  deleted: { rows: Record<string, number>; files: Record<string, number> }
  /** What the law makes us keep, anonymised and access-restricted, and until when. */
  retained: Array<{ category: string; collection: string; count: number; retention: string; until: string }>
  /** The consent chain: its pseudonym salt was destroyed, so the kept records link to no one. */
  consentChain: 'anonymised' | 'none'
}

/**
 * What a deletion will remove and keep, planned from the inventory when it begins. The steps delete
 * by query, so what was added meanwhile goes too; the certificate reports this plan.
 */
export function deletionPlan(held: HeldData, input: { now: Date; certificateId: string; inventoryHash: string }): DeletionProgress {
  const avatar = held.profile?.avatar
  const lastOrderAt = held.orders.map((o) => o.placedAt).sort().at(-1)
  return {
    startedAt: input.now.toISOString(),
    done: [],
    certificateId: input.certificateId,
    inventoryHash: input.inventoryHash,
    categories: heldSummary(held),
    fileIDs: [...(avatar ? [avatar.fileID] : []), ...held.exports.map((e) => e.fileID), ...(held.certification?.fileIDs ?? [])],
    ...(lastOrderAt ? { lastOrderAt } : {}),
    tally: {
      rows: {
        profiles: held.profile ? 1 : 0,
        contacts: held.contacts.length > 0 ? 1 : 0,
        corrections: held.corrections.length,
        exports: held.exports.length,
        consent_salts: held.consent ? 1 : 0,
        certifications: held.certification ? 1 : 0,
      },
      files: { avatars: avatar ? 1 : 0, exports: held.exports.length, certification: held.certification?.fileIDs.length ?? 0 },
      retained: { orders: held.orders.length, rights_requests: held.requests.length, consent_events: held.consent?.seq ?? 0 },
    },
  }
}

/** Days a retention class keeps data, from the manifest. */
function keptDays(manifest: PrivacyManifest, retention: string): number {
  const days = manifest.retentionClasses.find((r) => r.id === retention)?.maxDays
  if (days === undefined) throw new Error(`retention class ${retention} has no fixed period`)
  return days
}

/**
 * The certificate of a finished deletion. Kept: orders (the manifest's `transactions`, counted from
 * the latest order), request records (`rights-requests`, from completion), and the anonymised consent
 * chain (kept as proof under `rights-requests`' period too: three years).
 */
export function deletionCertificate(input: {
  id: string
  requestedAt: string
  startedAt: string
  completedAt: string
  inventoryHash: string
  categories: Array<{ category: string; count: number }>
  tally: DeletionTally
  lastOrderAt: string | undefined
  manifest: PrivacyManifest
}): DeletionCertificate {
  const { tally, manifest, completedAt } = input
  const retained: DeletionCertificate['retained'] = []
  const kept = (collection: string, category: string, retention: string, from: string) => {
    const count = tally.retained[collection] ?? 0
    if (count > 0) retained.push({ category, collection, count, retention, until: addDays(from, keptDays(manifest, retention)) })
  }
  kept('orders', 'order-records', 'transactions', input.lastOrderAt ?? completedAt)
  kept('rights_requests', 'rights-requests', 'rights-requests', completedAt)
  kept('consent_events', 'consent-records', 'rights-requests', completedAt)
  return {
    id: input.id,
    schemaVersion: 1,
    requestedAt: input.requestedAt,
    startedAt: input.startedAt,
    completedAt,
    inventoryHash: input.inventoryHash,
    categories: input.categories,
    deleted: { rows: tally.rows, files: tally.files },
    retained,
    consentChain: (tally.retained.consent_events ?? 0) > 0 ? 'anonymised' : 'none',
  }
}
