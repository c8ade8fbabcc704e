import { type CertDetailView, type CertQueueRowView, LIST_LIMIT_DEFAULT, type ListCertificationsView, type OpsRequest, REENCRYPT_BATCH_MAX, type ReencryptView, type RevealView } from '../../../src/contracts/ops'
import { chineseWorkdayCalendar, shanghaiDate } from '../../../src/domain/calendar'
import { applyCertEvent, type CertEvent } from '../../../src/domain/certification/application'
import { PHOTO_SLOTS, type PhotoSlot } from '../../../src/domain/certification/certification-form'
import { type CertificationRecord, SEALED_FIELDS } from '../../../src/domain/certification/record'
import { DomainError } from '../../../src/domain/common/errors'
import { workingDaysLeft } from '../../../src/domain/ops/request-queue'
import { vaultFromEnv } from '../adapters/field-vault'
import { certifications, isApplicationFile } from '../repositories/certifications'
import { PHOTO_URL_MAX_AGE_S } from './certification-data'

type Req<A extends OpsRequest['action']> = Extract<OpsRequest, { action: A }>

/**
 * Ops' side of store certification: the review queue, masked; approve or reject; and a reveal of one
 * full value, which needs a reason the audit keeps (the audit hook records every call of `ops`).
 */
function row(r: CertificationRecord, now: Date): CertQueueRowView {
  const today = shanghaiDate(now.toISOString())
  const dueAt = r.dueAt ?? today
  return {
    applicationId: r._id,
    status: r.status,
    version: r.version,
    storeName: r.store.storeName ?? '',
    submittedAt: r.submittedAt ?? r.updatedAt,
    dueAt,
    workingDaysLeft: workingDaysLeft(chineseWorkdayCalendar(), today, dueAt),
    overdue: today > dueAt,
  }
}

async function find(applicationId: string): Promise<CertificationRecord> {
  const found = await certifications.byId(applicationId)
  if (!found) throw new DomainError('COMMON.NOT_FOUND', `no application ${applicationId}`)
  return found
}

export async function listCertifications(r: Req<'listCertifications'>, now: Date): Promise<ListCertificationsView> {
  return { rows: (await certifications.awaitingReview(r.limit ?? LIST_LIMIT_DEFAULT)).map((x) => row(x, now)) }
}

async function photoUrls(r: CertificationRecord): Promise<CertDetailView['photos']> {
  const photos: CertDetailView['photos'] = {}
  await Promise.all(
    PHOTO_SLOTS.map(async (slot) => {
      const p = r.photos[slot]
      const url = p && isApplicationFile(r._id, p.fileID) ? await certifications.photoUrl(p.fileID, PHOTO_URL_MAX_AGE_S) : undefined
      if (p && url) photos[slot] = { url, bytes: p.bytes }
    }),
  )
  return photos
}

/** One application, masked. Opening a submitted application starts its review. */
export async function showCertification(r: Req<'showCertification'>, now: Date): Promise<CertDetailView> {
  let app = await find(r.applicationId)
  if (app.status === 'submitted') {
    app = (await certifications.update(app._id, (current) => (current?.status === 'submitted' ? { ...applyCertEvent(current, 'start-review', now), updatedAt: now.toISOString() } : current))).after ?? app
  }
  const fields: CertDetailView['fields'] = { ...app.masked }
  if (app.store.storeName !== undefined) fields.storeName = app.store.storeName
  if (app.store.storeAddress !== undefined) fields.storeAddress = app.store.storeAddress
  return {
    ...row(app, now),
    fields,
    ...(app.store.storeId ? { storeId: app.store.storeId } : {}),
    photos: await photoUrls(app),
    sameIdNumberElsewhere: app.idDigest ? await certifications.countSameId(app.idDigest, app._id) : 0,
    ...(app.reason ? { reason: app.reason } : {}),
    history: app.history,
  }
}

async function decide(applicationId: string, event: Extract<CertEvent, 'approve' | 'reject'>, now: Date, reason?: string): Promise<CertQueueRowView> {
  await find(applicationId)
  const { after } = await certifications.update(applicationId, (current) => {
    if (!current) throw new DomainError('COMMON.NOT_FOUND', `no application ${applicationId}`)
    const next = applyCertEvent(current, event, now, reason)
    return { ...next, decidedAt: now.toISOString(), updatedAt: now.toISOString(), ...(event === 'reject' ? { reason: reason!.trim() } : {}) }
  })
  return row(after!, now)
}

export const approveCertification = (r: Req<'approveCertification'>, now: Date) => decide(r.applicationId, 'approve', now)
export const rejectCertification = (r: Req<'rejectCertification'>, now: Date) => decide(r.applicationId, 'reject', now, r.reason)

/** One full value or full-size photo, for a stated reason; the audit keeps the item and the reason, never the value. */
export async function revealCertification(r: Req<'revealCertification'>): Promise<RevealView> {
  if (!r.reason?.trim()) throw new DomainError('REQUEST.REASON_REQUIRED', 'say why you need to see the full value')
  const app = await find(r.applicationId)
  if (r.item === 'idNumber' || r.item === 'mobile') {
    const sealed = app.sealed[r.item]
    if (!sealed) throw new DomainError('COMMON.NOT_FOUND', `the application holds no ${r.item}`)
    return { item: r.item, value: vaultFromEnv().open(sealed, `${app._id}/${r.item}`) }
  }
  const p = app.photos[r.item as PhotoSlot]
  const url = p && isApplicationFile(app._id, p.fileID) ? await certifications.photoUrl(p.fileID, PHOTO_URL_MAX_AGE_S) : undefined
  if (!url) throw new DomainError('COMMON.NOT_FOUND', `the application holds no ${r.item} photo`)
  return { item: r.item, url }
}

/**
 * Key rotation, resumable: re-seals up to `limit` rows that still hold a value under an older key with
 * the active one. Each row is rewritten in its own transaction, so a stop loses nothing; run until
 * `remaining` is 0, then remove the old key from CERT_KEYS.
 */
export async function reencryptCertifications(r: Req<'reencryptCertifications'>): Promise<ReencryptView> {
  const vault = vaultFromEnv()
  const limit = r.limit ?? REENCRYPT_BATCH_MAX
  let resealed = 0
  for (const stale of await certifications.sealedNotUnder(vault.activeKid, limit)) {
    await certifications.update(stale._id, (current) => {
      if (!current) return undefined
      const sealed = { ...current.sealed }
      for (const f of SEALED_FIELDS) {
        const v = sealed[f]
        if (v && v.kid !== vault.activeKid) sealed[f] = vault.seal(vault.open(v, `${current._id}/${f}`), `${current._id}/${f}`)
      }
      return { ...current, sealed }
    })
    resealed++
  }
  const remaining = (await certifications.sealedNotUnder(vault.activeKid, REENCRYPT_BATCH_MAX + 1)).length
  return { resealed, remaining, activeKid: vault.activeKid }
}
