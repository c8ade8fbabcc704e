import type { ApplicationView } from '../../contracts/certification'
import { addWorkingDays, shanghaiDate, type WorkdayCalendar } from '../calendar/working-days'
import { RESPONSE_WORKING_DAYS } from '../requests/rights-request'
import { workingDaysLeft } from '../ops/request-queue'
import { type CertLifecycle, HOLDS_DATA } from './application'
import { CERT_TEXT_FIELDS, type CertTextField, PHOTO_SLOTS, type PhotoSlot } from './certification-form'

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

/** Rejected data is kept this long for a resubmission (the manifest's `rejected-certification` class). */
export const REJECTED_KEEP_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

export function emptyRecord(id: string, openid: string, now: Date): CertificationRecord {
  const at = now.toISOString()
  return { _id: id, openid, status: 'draft', version: 0, createdAt: at, updatedAt: at, store: {}, sealed: {}, masked: {}, photos: {}, history: [] }
}

/** What a submission still lacks. */
export function missingParts(r: CertificationRecord): Array<CertTextField | PhotoSlot> {
  const has = (f: CertTextField) => ((SEALED_FIELDS as readonly string[]).includes(f) ? r.sealed[f as SealedField] !== undefined : r.store[f as 'storeName' | 'storeAddress'] !== undefined)
  return [...CERT_TEXT_FIELDS.filter((f) => !has(f)), ...PHOTO_SLOTS.filter((s) => r.photos[s] === undefined)]
}

/** Due date of a submission made at `now`: 15 working days, as for every request we answer. */
export function reviewDueAt(calendar: WorkdayCalendar, now: Date): string {
  return addWorkingDays(calendar, now.toISOString(), RESPONSE_WORKING_DAYS)
}

/** The Shanghai date on which a rejected application's data is deleted. */
export function purgeOn(r: CertificationRecord): string | undefined {
  return r.status === 'rejected' && r.decidedAt ? shanghaiDate(new Date(Date.parse(r.decidedAt) + REJECTED_KEEP_DAYS * DAY_MS).toISOString()) : undefined
}

/** The merchant's view: masked values only; photo links are added by the caller, which issues them. */
export function applicationView(r: CertificationRecord, opts: { calendar: WorkdayCalendar; now: Date; photoUrls: Partial<Record<PhotoSlot, string>> }): ApplicationView {
  const fields: ApplicationView['fields'] = { ...r.masked }
  if (r.store.storeName !== undefined) fields.storeName = r.store.storeName
  if (r.store.storeAddress !== undefined) fields.storeAddress = r.store.storeAddress
  const photos: ApplicationView['photos'] = {}
  for (const slot of PHOTO_SLOTS) {
    const p = r.photos[slot]
    const url = opts.photoUrls[slot]
    if (p && url) photos[slot] = { thumbnailUrl: url, uploadedAt: p.uploadedAt, bytes: p.bytes }
  }
  const purge = purgeOn(r)
  const waiting = r.status === 'submitted' || r.status === 'under-review'
  return {
    status: r.status,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    fields,
    ...(r.store.storeId ? { storeId: r.store.storeId } : {}),
    photos,
    missing: HOLDS_DATA.includes(r.status) ? missingParts(r) : [],
    ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}),
    ...(r.dueAt ? { dueAt: r.dueAt } : {}),
    ...(r.dueAt && waiting ? { workingDaysLeft: workingDaysLeft(opts.calendar, shanghaiDate(opts.now.toISOString()), r.dueAt) } : {}),
    ...(r.decidedAt ? { decidedAt: r.decidedAt } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    ...(purge ? { purgeOn: purge } : {}),
    history: r.history,
  }
}

/** Every file the row points to or still has to delete. */
export function filesOf(r: CertificationRecord): string[] {
  return [...PHOTO_SLOTS.flatMap((s) => r.photos[s]?.fileID ?? []), ...(r.orphans ?? [])]
}
