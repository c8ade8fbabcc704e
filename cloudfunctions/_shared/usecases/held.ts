import { createHash } from 'node:crypto'
import type { RequestView } from '../../../src/contracts/personal'
import type { ProfileRow } from '../../../src/domain/account/profile'
import { type CertificationRecord, filesOf } from '../../../src/domain/certification/record'
import { DomainError } from '../../../src/domain/common/errors'
import { isGranted } from '../../../src/domain/consent/consent-state'
import { POLICY_TARGET_ID } from '../../../src/domain/consent/consent-targets'
import type { HeldCertification, HeldData } from '../../../src/domain/personal/held-data'
import { cloudPathOf } from '../adapters/wx'
import { certifications } from '../repositories/certifications'
import { consentLedger } from '../repositories/consent-ledger'
import { contacts } from '../repositories/contacts'
import { corrections } from '../repositories/corrections'
import { exportArchives } from '../repositories/exports'
import { orders } from '../repositories/orders'
import { avatarPath, profiles } from '../repositories/profiles'
import { rightsRequests } from '../repositories/rights-requests'
import { consentViewOf, subjectOf } from './consent'

/**
 * What every use case that reads a user's data shares: the agreement check, request ids, and the one
 * gathering of everything held (the inventory, the export, a cancellation and ops all read it). Kept
 * apart from the personal centre's writes, so the `export`, `account` and `ops` bundles carry only this.
 */

const iso = (d: Date | string) => new Date(d).toISOString()

/** Personal data is processed only while the user stands by the policy (PIPL Art. 13–14). */
export async function requireAgreement(openid: string): Promise<void> {
  if (!isGranted(await consentViewOf(openid), { kind: 'policy', id: POLICY_TARGET_ID })) throw new DomainError('CONSENT.REQUIRED', 'agree to the privacy policy first')
}


/** A thumbnail link lives as long as an export link: long enough to show, short enough not to share. */
export const AVATAR_URL_MAX_AGE_S = 600

/** Only the caller's own fixed avatar path, whatever a row claims. */
export function isOwnAvatar(openid: string, fileID: string): boolean {
  return cloudPathOf(fileID) === avatarPath(openid)
}

/** A record id derived from the request, so a retried "add" lands on the same id. */
export function idFor(openid: string, clientRequestId: string): string {
  return createHash('sha256').update(`${openid}\n${clientRequestId}`).digest('base64url').slice(0, 20)
}


/**
 * Everything held about the caller, from exactly the sources in `inventory-sources.ts`, unmasked.
 * Round trips: profile, orders, contacts, salt, corrections, requests, certification in parallel; then the chain
 * head (keyed by the pseudonym the salt gives) and, only when an export request may still have its
 * archive, the export metadata. `allEvents` also reads the whole consent chain (one round trip per
 * 1,000 events) for the export; the inventory needs only the head's count. `everyArchive` reads the
 * export metadata whatever the requests say: a deletion must find every file, not only the expected ones. Orders take one round
 * trip per 1,000, so both list every order.
 */
export async function gatherHeld(openid: string, opts: { allEvents: boolean; everyArchive?: boolean }): Promise<HeldData> {
  const [profile, placed, book, subject, fixes, requests, application] = await Promise.all([
    profiles.find(openid),
    orders.all(openid),
    contacts.book(openid),
    subjectOf(openid),
    corrections.of(openid),
    rightsRequests.of(openid),
    certifications.ofOpenid(openid),
  ])
  const mayHoldArchive = opts.everyArchive === true || requests.some((r) => r.type === 'export' && !r.archiveExpiredAt)
  const [head, events, archives] = await Promise.all([
    subject ? consentLedger.head(subject) : undefined,
    subject && opts.allEvents ? consentLedger.events(subject) : undefined,
    mayHoldArchive ? exportArchives.of(openid) : [],
  ])
  return {
    ...(profile ? { profile: heldProfile(profile) } : {}),
    orders: placed,
    contacts: book.contacts,
    ...(subject && head ? { consent: { subject, seq: head.seq, hash: head.hash, ...(head.updatedAt ? { updatedAt: head.updatedAt } : {}), ...(events ? { events } : {}) } } : {}),
    corrections: fixes.map((f) => ({ id: f._id, category: f.category, recordId: f.recordId, action: f.action, fields: f.fields, at: iso(f.at) })),
    requests,
    exports: archives,
    ...(application ? { certification: heldCertification(application) } : {}),
  }
}

/** The application as held: masked values, store, photos and every file; never the sealed values. */
function heldCertification(r: CertificationRecord): HeldCertification {
  return {
    id: r._id,
    status: r.status,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}),
    masked: r.masked,
    store: r.store,
    photos: r.photos,
    fileIDs: filesOf(r),
  }
}

function heldProfile(p: ProfileRow): NonNullable<HeldData['profile']> {
  return {
    openid: p._id,
    appid: p.appid,
    firstSeenAt: iso(p.firstSeenAt),
    ...(p.nickname !== undefined ? { nickname: { value: p.nickname, setAt: iso(p.nicknameSetAt ?? p.firstSeenAt) } } : {}),
    ...(p.avatar ? { avatar: { fileID: p.avatar.fileID, sha256: p.avatar.sha256, size: p.avatar.size, updatedAt: iso(p.avatar.updatedAt) } } : {}),
  }
}

export function requestView(r: {
  id: string
  type: string
  status: string
  createdAt: string
  dueAt: string
  category?: string
  detail?: string
  trigger?: string
  categories?: readonly string[]
  outcome?: string
  reason?: string
}): RequestView {
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    createdAt: r.createdAt,
    dueAt: r.dueAt,
    ...(r.category ? { category: r.category } : {}),
    ...(r.detail ? { detail: r.detail } : {}),
    ...(r.trigger ? { trigger: r.trigger } : {}),
    ...(r.categories?.length ? { categories: [...r.categories] } : {}),
    ...(r.outcome ? { outcome: r.outcome } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
  }
}
