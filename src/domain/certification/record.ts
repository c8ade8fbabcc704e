import type { CertLifecycle } from './application'
import { CERT_TEXT_FIELDS, type CertTextField, PHOTO_SLOTS, type PhotoSlot } from './fields'

/**
 * A certification application as stored (`certifications`, one row per merchant). Personal values are
 * kept sealed (AES-256-GCM, see the function's field vault) and, for display, masked: showing an
 * application never needs the key, only a reveal by ops or a key rotation does.
 */

/** The fields sealed at rest; the rest (store name, address, catalogue id) are the store's, kept as entered. */
export const SEALED_FIELDS = ['legalName', 'mobile', 'idNumber', 'uscc'] as const satisfies readonly CertTextField[]
export type SealedField = (typeof SEALED_FIELDS)[number]

export interface SealedValue {
  kid: string
  iv: string
  ct: string
  tag: string
}

export interface StoredPhoto {
  fileID: string
  bytes: number
  uploadedAt: string
}

export interface CertificationRecord extends CertLifecycle {
  _id: string
  openid: string
  version: number
  createdAt: string
  updatedAt: string
  store: { storeName?: string; storeAddress?: string; storeId?: string }
  sealed: Partial<Record<SealedField, SealedValue>>
  masked: Partial<Record<SealedField, string>>
  /** HMAC of the normalised ID number: finds the same number on other applications without decrypting. */
  idDigest?: string
  photos: Partial<Record<PhotoSlot, StoredPhoto>>
  submittedAt?: string
  dueAt?: string
  decidedAt?: string
  reason?: string
  /** Files the row no longer points to, deleted after the write that dropped them (retried by the purge). */
  orphans?: string[]
}

export function emptyRecord(id: string, openid: string, now: Date): CertificationRecord {
  const at = now.toISOString()
  return { _id: id, openid, status: 'draft', version: 0, createdAt: at, updatedAt: at, store: {}, sealed: {}, masked: {}, photos: {}, history: [] }
}

/** What a submission still lacks. */
export function missingParts(r: CertificationRecord): Array<CertTextField | PhotoSlot> {
  const has = (f: CertTextField) => ((SEALED_FIELDS as readonly string[]).includes(f) ? r.sealed[f as SealedField] !== undefined : r.store[f as 'storeName' | 'storeAddress'] !== undefined)
  return [...CERT_TEXT_FIELDS.filter((f) => !has(f)), ...PHOTO_SLOTS.filter((s) => r.photos[s] === undefined)]
}

/** Every file the row points to or still has to delete. */
export function filesOf(r: CertificationRecord): string[] {
  return [...PHOTO_SLOTS.flatMap((s) => r.photos[s]?.fileID ?? []), ...(r.orphans ?? [])]
}
