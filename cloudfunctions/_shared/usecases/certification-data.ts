import { applyCertEvent } from '../../../src/domain/certification/application'
import { PHOTO_SLOTS, type PhotoSlot } from '../../../src/domain/certification/fields'
import { type CertificationRecord, filesOf } from '../../../src/domain/certification/record'
import { certifications, isApplicationFile } from '../repositories/certifications'

/**
 * What other functions need of a merchant's certification: its photo links (the inventory) and its
 * withdrawal (a consent withdrawn). Kept apart from the certification use cases so the `consent` and
 * `personal` bundles do not carry the form, the vault and the calendar.
 */
export const CERT_PURPOSE = 'store-certification'
/** Photo links live 5 minutes: long enough to look, too short to pass around. */
export const PHOTO_URL_MAX_AGE_S = 300

/** 5-minute links to the application's photos, only for files inside its own folder. */
export async function certificationPhotoUrls(applicationId: string, photos: CertificationRecord['photos']): Promise<Partial<Record<PhotoSlot, string>>> {
  const urls: Partial<Record<PhotoSlot, string>> = {}
  await Promise.all(
    PHOTO_SLOTS.map(async (slot) => {
      const p = photos[slot]
      if (!p || !isApplicationFile(applicationId, p.fileID)) return
      const url = await certifications.photoUrl(p.fileID, PHOTO_URL_MAX_AGE_S)
      if (url) urls[slot] = url
    }),
  )
  return urls
}

/** Deletes files a write dropped, then clears them from the row; a failure leaves them for the purge. */
export async function dropOrphans(row: CertificationRecord | undefined): Promise<void> {
  const files = row?.orphans ?? []
  if (!row || files.length === 0) return
  try {
    await certifications.deleteFiles(files)
    await certifications.clearOrphans(row._id, files)
  } catch {
    // The row still lists them: `purgeCertifications` retries.
  }
}

/**
 * The row emptied of personal data: values, digest, store and photos go (the files into `orphans`,
 * deleted right after); the dated history stays, as the record that it happened.
 */
export function emptied(row: CertificationRecord, event: 'withdraw' | 'expire', now: Date): CertificationRecord {
  const next = applyCertEvent(row, event, now)
  const { idDigest: _d, submittedAt: _s, dueAt: _due, reason: _r, ...rest } = next
  return { ...rest, store: {}, sealed: {}, masked: {}, photos: {}, orphans: filesOf(row), updatedAt: now.toISOString() }
}

/** Withdraws the merchant's certification (also when they withdraw its consent). A repeat is a no-op. */
export async function withdrawFor(openid: string, now: Date): Promise<CertificationRecord | undefined> {
  const found = await certifications.ofOpenid(openid)
  if (!found) return undefined
  const { after } = await certifications.update(found._id, (current) => (current && current.status !== 'withdrawn' ? emptied(current, 'withdraw', now) : current))
  await dropOrphans(after)
  return after
}

