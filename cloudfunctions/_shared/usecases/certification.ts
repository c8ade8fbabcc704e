import type { CertificationRequest, CertificationStatusView } from '../../../src/contracts/certification'
import { STORES } from '../../../src/content/stores'
import { chineseWorkdayCalendar } from '../../../src/domain/calendar'
import { applyCertEvent, EDITABLE } from '../../../src/domain/certification/application'
import { type CertificationFields, PHOTO_MAX_BYTES, validateCertification } from '../../../src/domain/certification/certification-form'
import { maskIdNumber, maskUscc } from '../../../src/domain/certification/certification-form'
import { applicationView, REJECTED_KEEP_DAYS, reviewDueAt } from '../../../src/domain/certification/application-view'
import { type CertificationRecord, emptyRecord, missingParts, SEALED_FIELDS, type SealedField } from '../../../src/domain/certification/record'
import type { UserActor } from '../../../src/domain/common/actor'
import { DomainError } from '../../../src/domain/common/errors'
import { decodeJpeg } from '../../../src/domain/common/jpeg'
import { shanghaiDate } from '../../../src/domain/calendar'
import { isGranted } from '../../../src/domain/consent/consent-state'
import { maskMobile, maskName } from '../../../src/domain/personal/masking'
import { fieldErrorsToDomainError } from '../../../src/domain/personal/personal-schemas'
import { type FieldVault, vaultFromEnv } from '../adapters/field-vault'
import { certifications, photoPath } from '../repositories/certifications'
import { CERT_PURPOSE, certificationPhotoUrls, dropOrphans, emptied, withdrawFor } from './certification-data'
import { consentViewOf } from './consent'
import { requireAgreement } from './held'

type Req<A extends CertificationRequest['action']> = Extract<CertificationRequest, { action: A }>

const MASKS: Record<SealedField, (v: string) => string> = { legalName: maskName, mobile: maskMobile, idNumber: maskIdNumber, uscc: maskUscc }

/** The application id of a merchant: keyed by the vault, so it is stable for them and says nothing about them. */
export function applicationIdFor(vault: FieldVault, openid: string): string {
  return Buffer.from(vault.digest(`certification-application\n${openid}`), 'hex').toString('base64url').slice(0, 20)
}

/** Store certification needs the policy and, separately, its own purpose (PIPL Art. 29). */
async function requireCertConsent(openid: string): Promise<void> {
  await requireAgreement(openid)
  if (!isGranted(await consentViewOf(openid), { kind: 'purpose', id: CERT_PURPOSE })) {
    throw new DomainError('CONSENT.REQUIRED', 'store certification needs your separate consent first')
  }
}

/** The merchant's own view: masked values, and thumbnails only for files inside their application's folder. */
async function viewOf(row: CertificationRecord | undefined, now: Date): Promise<CertificationStatusView> {
  if (!row) return {}
  return { application: applicationView(row, { calendar: chineseWorkdayCalendar(), now, photoUrls: await certificationPhotoUrls(row._id, row.photos) }) }
}

export async function status(_r: Req<'status'>, actor: UserActor, now: Date): Promise<CertificationStatusView> {
  return viewOf(await certifications.ofOpenid(actor.openid), now)
}

/** Clean fields, or the first field's error. */
function validFields(fields: Req<'saveDraft'>['fields'], complete: boolean, now: Date): CertificationFields {
  const checked = validateCertification(fields, { complete, today: shanghaiDate(now.toISOString()) })
  if (!checked.ok) throw fieldErrorsToDomainError(checked.fieldErrors)
  return checked.value
}

/** The row ready for edits: created, restarted after a withdrawal, or refused once it is with ops. */
function editable(current: CertificationRecord | undefined, id: string, openid: string, now: Date): CertificationRecord {
  if (!current) return emptyRecord(id, openid, now)
  if (current.status === 'withdrawn') {
    const restarted = applyCertEvent(current, 'restart', now)
    return { ...emptyRecord(id, openid, now), history: restarted.history, version: current.version, ...(current.orphans?.length ? { orphans: current.orphans } : {}) }
  }
  if (!EDITABLE.includes(current.status)) throw new DomainError('CERT.ILLEGAL_TRANSITION', `an application that is ${current.status} cannot be changed; withdraw it first`)
  return current
}

/** `fields` sealed, masked and digested into the row; fields not given keep their value. */
function withFields(row: CertificationRecord, fields: CertificationFields, vault: FieldVault, now: Date): CertificationRecord {
  const next: CertificationRecord = { ...row, sealed: { ...row.sealed }, masked: { ...row.masked }, store: { ...row.store }, updatedAt: now.toISOString() }
  for (const f of SEALED_FIELDS) {
    const value = fields[f]
    if (value === undefined) continue
    next.sealed[f] = vault.seal(value, `${row._id}/${f}`)
    next.masked[f] = MASKS[f](value)
    if (f === 'idNumber') next.idDigest = vault.digest(value)
  }
  if (fields.storeName !== undefined) next.store.storeName = fields.storeName
  if (fields.storeAddress !== undefined) next.store.storeAddress = fields.storeAddress
  // A name or address typed without a catalogue id makes it a store of the merchant's own.
  if (fields.storeId === undefined && (fields.storeName !== undefined || fields.storeAddress !== undefined)) delete next.store.storeId
  if (fields.storeId !== undefined) {
    const s = STORES.find((x) => x.id === fields.storeId)!
    next.store = { ...next.store, storeId: s.id, storeName: fields.storeName ?? s.name, storeAddress: fields.storeAddress ?? s.address }
  }
  return next
}

export async function saveDraft(r: Req<'saveDraft'>, actor: UserActor, now: Date): Promise<CertificationStatusView> {
  await requireCertConsent(actor.openid)
  const fields = validFields(r.fields, false, now)
  const vault = vaultFromEnv()
  const id = applicationIdFor(vault, actor.openid)
  const { after } = await certifications.update(id, (current) => withFields(editable(current, id, actor.openid, now), fields, vault, now))
  await dropOrphans(after)
  return viewOf(after, now)
}

export async function setPhoto(r: Req<'setPhoto'>, actor: UserActor, now: Date): Promise<CertificationStatusView> {
  await requireCertConsent(actor.openid)
  const jpeg = decodeJpeg(r.image, PHOTO_MAX_BYTES)
  if (!jpeg) throw new DomainError('CERT.PHOTO_INVALID', `a photo must be a JPEG of at most ${PHOTO_MAX_BYTES / 1024} KB, base64-encoded`)
  const vault = vaultFromEnv()
  const id = applicationIdFor(vault, actor.openid)
  // Refuse before uploading when the application cannot take it; the transaction checks again.
  editable(await certifications.byId(id), id, actor.openid, now)
  const fileID = await certifications.uploadPhoto(photoPath(id, r.slot), jpeg)
  let after: CertificationRecord | undefined
  try {
    ;({ after } = await certifications.update(id, (current) => {
      const row = editable(current, id, actor.openid, now)
      const old = row.photos[r.slot]?.fileID
      return {
        ...row,
        photos: { ...row.photos, [r.slot]: { fileID, bytes: jpeg.length, uploadedAt: now.toISOString() } },
        orphans: [...(row.orphans ?? []), ...(old ? [old] : [])],
        updatedAt: now.toISOString(),
      }
    }))
  } catch (err) {
    await certifications.deleteFiles([fileID]).catch(() => undefined)
    throw err
  }
  await dropOrphans(after)
  return viewOf(after, now)
}

export async function submit(r: Req<'submit'>, actor: UserActor, now: Date): Promise<CertificationStatusView> {
  await requireCertConsent(actor.openid)
  const fields = validFields(r.fields, false, now)
  const vault = vaultFromEnv()
  const id = applicationIdFor(vault, actor.openid)
  const dueAt = reviewDueAt(chineseWorkdayCalendar(), now)
  const { after } = await certifications.update(id, (current) => {
    const row = withFields(editable(current, id, actor.openid, now), fields, vault, now)
    const missing = missingParts(row)
    if (missing.length > 0) throw new DomainError('CERT.INCOMPLETE', `still missing: ${missing.join(', ')}`)
    const { reason: _reason, decidedAt: _decided, ...rest } = applyCertEvent(row, 'submit', now)
    return { ...rest, version: row.version + 1, submittedAt: now.toISOString(), dueAt }
  })
  return viewOf(after, now)
}

export async function withdraw(_r: Req<'withdraw'>, actor: UserActor, now: Date): Promise<CertificationStatusView> {
  const after = await withdrawFor(actor.openid, now)
  if (!after) throw new DomainError('COMMON.NOT_FOUND', 'there is no certification to withdraw')
  return viewOf(after, now)
}

const DAY_MS = 24 * 60 * 60 * 1000
const PURGE_BATCH = 100

/** Timer: rejected applications past their 30 days lose their data; files a failed delete left are retried. */
export async function purgeCertifications(now: Date): Promise<{ expired: number; orphansCleared: number }> {
  const expiredRows = await certifications.rejectedBefore(new Date(now.getTime() - REJECTED_KEEP_DAYS * DAY_MS).toISOString(), PURGE_BATCH)
  let expired = 0
  for (const row of expiredRows) {
    const { after } = await certifications.update(row._id, (current) => (current?.status === 'rejected' ? emptied(current, 'expire', now) : current))
    if (after?.status === 'withdrawn') expired++
    await dropOrphans(after)
  }
  let orphansCleared = 0
  for (const row of await certifications.withOrphans(PURGE_BATCH)) {
    await dropOrphans(row)
    orphansCleared++
  }
  return { expired, orphansCleared }
}
