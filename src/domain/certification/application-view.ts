import type { ApplicationView } from '../../contracts/certification'
import { addWorkingDays, shanghaiDate, type WorkdayCalendar } from '../calendar/working-days'
import { workingDaysLeft } from '../ops/request-queue'
import { RESPONSE_WORKING_DAYS } from '../requests/rights-request'
import { HOLDS_DATA } from './application'
import { PHOTO_SLOTS, type PhotoSlot } from './certification-form'
import { type CertificationRecord, missingParts } from './record'

/** Dates and the merchant's view of an application (the parts that need the working-day calendar). */

/** Rejected data is kept this long for a resubmission (the manifest's `rejected-certification` class). */
export const REJECTED_KEEP_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

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
