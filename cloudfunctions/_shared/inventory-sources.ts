/**
 * Where user data lives, mapped to the privacy manifest's categories. The inventory reads exactly these
 * sources, so nothing can be shown but not deleted, or deleted but not shown; a compliance test fails
 * when a collection in `collections.json` or a storage prefix is missing here.
 */
export type SourceKind = { kind: 'user-data'; categories: string[]; key: 'openid' | 'subject' } | { kind: 'no-user-data'; why: string }

export const COLLECTION_SOURCES: Record<string, SourceKind> = {
  // The account row; from policy 2026.3 it also holds the nickname and the avatar's fileID.
  profiles: { kind: 'user-data', categories: ['wechat-openid', 'profile'], key: 'openid' },
  contacts: { kind: 'user-data', categories: ['delivery-contact'], key: 'openid' },
  // The salt links the pseudonymous chain to the openid; events and head are keyed by the pseudonym.
  consent_salts: { kind: 'user-data', categories: ['consent-records'], key: 'openid' },
  consent_events: { kind: 'user-data', categories: ['consent-records'], key: 'subject' },
  consent_heads: { kind: 'user-data', categories: ['consent-records'], key: 'subject' },
  corrections: { kind: 'user-data', categories: ['rights-requests'], key: 'openid' },
  rights_requests: { kind: 'user-data', categories: ['rights-requests'], key: 'openid' },
  // Metadata of each export archive (fileID, SHA-256, size, expiry), deleted with the archive.
  exports: { kind: 'user-data', categories: ['data-export'], key: 'openid' },
  // Demo orders: transaction records, kept 3 years (the manifest's `transactions`), even past cancellation.
  orders: { kind: 'user-data', categories: ['order-records'], key: 'openid' },
  // Store certification: personal values sealed (AES-256-GCM) and masked; after a withdrawal only the dated history.
  certifications: { kind: 'user-data', categories: ['legal-person-name', 'legal-person-mobile', 'id-number', 'id-card-images', 'business-licence'], key: 'openid' },
  policies: { kind: 'no-user-data', why: 'published policy texts' },
  stores: { kind: 'no-user-data', why: 'the store catalogue' },
  // Who did what to which request id and why: operator names, request ids and outcomes, never an openid.
  // What a finished cancellation removed and kept: counts, category ids, dates and a hash; no personal data.
  deletion_certificates: { kind: 'no-user-data', why: 'deletion certificates: counts and dates, linked to no one' },
  // Ops' in-app announcements (incident notices): texts, dates and operator names; who read or dismissed one is never recorded.
  announcements: { kind: 'no-user-data', why: 'in-app announcements ops publish: texts, versions, operator names; readers are not recorded' },
  ops_audit: { kind: 'no-user-data', why: "the ops audit log: operators' actions on rights requests, by request id" },
  // One pointer row per anchored day; the anchor file it names lists chain heads by pseudonym, the same
  // hashes consent_heads holds, and after a cancellation destroys the salt they link to no one.
  consent_anchors: { kind: 'no-user-data', why: 'one row per anchored day: the date, the Merkle root and the anchor file; no openid' },
}

/** Cloud-storage prefixes that hold user files (`<prefix>/<openid>/…`). */
export const STORAGE_SOURCES: Record<string, SourceKind> = {
  // `exports/<openid>/<requestId>.zip`, kept 7 days (the manifest's `exports` retention).
  exports: { kind: 'user-data', categories: ['data-export'], key: 'openid' },
  // `avatars/<openid>/avatar.jpg`: one fixed file per user, overwritten when replaced.
  avatars: { kind: 'user-data', categories: ['profile'], key: 'openid' },
  // `certification/<applicationId>/<slot>-<random>.jpg`: the ID card and licence photos, private, named without the openid.
  certification: { kind: 'user-data', categories: ['id-card-images', 'business-licence'], key: 'openid' },
}

/**
 * Manifest categories no source holds yet, and why. Each leaves this list when its feature lands;
 * the compliance test keeps the list and the sources from both claiming a category.
 */
export const NOT_HELD: Record<string, string> = {
  'precise-location': 'used for the nearby query it came with and stored nowhere (cloudfunctions/_shared/usecases/stores.ts)',
  'preference-tags': 'personalised recommendations are not built yet',
  'operation-logs': "kept by CloudBase's own function logs (six months), not in our database",
}
