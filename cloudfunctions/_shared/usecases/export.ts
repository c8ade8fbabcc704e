import { createHash } from 'node:crypto'
import type { ExportReply, ExportRequest, ExportUrlView, ExportView } from '../../../src/contracts/personal'
import { PRIVACY_MANIFEST } from '../../../src/content/privacy-manifest'
import { chineseWorkdayCalendar } from '../../../src/domain/calendar'
import type { UserActor } from '../../../src/domain/common/actor'
import { DomainError } from '../../../src/domain/common/errors'
import { exportArchiveData, exportExpiresAt, exportFiles, exportPurgeCutoffs, exportViewOf, staleBuildBefore } from '../../../src/domain/personal/export-archive'
import type { HeldExport, HeldRequest } from '../../../src/domain/personal/held-data'
import { applyRequestEvent, newRequest, type RightsRequest } from '../../../src/domain/requests/rights-request'
import { EXPORT_FILES } from '../../../src/contracts/export-archive'
import { cloudPathOf, downloadFile } from '../adapters/wx'
import { zipFiles } from '../adapters/zip'
import { avatarPath } from '../repositories/profiles'
import { exportArchives, exportPath } from '../repositories/exports'
import { rightsRequests } from '../repositories/rights-requests'
import { receiptsFor } from './consent'
import { gatherHeld, idFor, requestView, requireAgreement } from './held'

type Req<A extends ExportRequest['action']> = Extract<ExportRequest, { action: A }>

/** A download link lives at most 10 minutes: long enough to fetch, short enough not to be worth sharing. */
export const EXPORT_URL_MAX_AGE_S = 600
const PURGE_PAGE = 50
/** Per run; a bigger backlog is finished by the next runs. */
const PURGE_PAGES_PER_RUN = 20

const notFound = () => new DomainError('COMMON.NOT_FOUND', 'no such export')

/** Only the file where this user's archive for this request belongs, whatever a row claims. */
function isOwnArchive(openid: string, archive: HeldExport): boolean {
  return cloudPathOf(archive.fileID) === exportPath(openid, archive.requestId)
}

async function answer(openid: string, request: HeldRequest, now: Date): Promise<ExportReply> {
  if (request.type !== 'export') throw new DomainError('COMMON.CONFLICT', 'this client request id was used for another request')
  return { request: requestView(request), archive: exportViewOf(request, await exportArchives.find(openid, request.id), now) }
}

/**
 * Gathers everything held (the whole consent chain included), zips data.json, index.html, one
 * receipt per consent event and the avatar, stores the zip under the caller's prefix, then its metadata.
 */
async function buildArchive(openid: string, requestId: string, now: Date): Promise<HeldExport> {
  const held = await gatherHeld(openid, { allEvents: true })
  const events = held.consent?.events ?? []
  const receiptOf = await receiptsFor(events)
  const data = exportArchiveData(held, PRIVACY_MANIFEST, now)
  const avatar = held.profile?.avatar
  const userFiles = avatar && cloudPathOf(avatar.fileID) === avatarPath(openid) ? [{ name: EXPORT_FILES.avatar, content: await downloadFile(avatar.fileID) }] : []
  const bytes = zipFiles(exportFiles(data, PRIVACY_MANIFEST, events, receiptOf, userFiles), now)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const fileID = await exportArchives.upload(openid, requestId, bytes)
  const archive: HeldExport = { requestId, fileID, sha256, size: bytes.length, createdAt: now.toISOString(), expiresAt: exportExpiresAt(now, PRIVACY_MANIFEST).toISOString() }
  await exportArchives.put(openid, archive)
  return archive
}

/**
 * "Copy my data" (PIPL Art. 45): a rights request of type `export`, accepted and carried out at once.
 * The request row is claimed (`processing`) before the build, so a retry or a concurrent duplicate
 * with the same client request id answers the same request and builds nothing. A failed build sends
 * the request to ops (`awaiting-review`) and the caller may ask again with a new id.
 * @throws `CALENDAR.YEAR_NOT_COVERED` (nothing written) when the due date falls in a year the
 *   calendar does not know; `COMMON.CONFLICT` when the id was used for another kind of request.
 */
export async function requestExport(request: Req<'requestExport'>, actor: UserActor, now: Date): Promise<ExportReply> {
  const { openid } = actor
  await requireAgreement(openid)
  const id = idFor(openid, request.clientRequestId)
  const existing = await rightsRequests.find(openid, id)
  if (existing) return answer(openid, existing, now)
  // Made before any write, so a calendar that ends too early leaves nothing behind.
  const processing = applyRequestEvent(newRequest({ id, type: 'export', now, calendar: chineseWorkdayCalendar() }), 'accept', { now, by: 'system' })
  const claim = await rightsRequests.insert(openid, processing)
  if ('existing' in claim) return answer(openid, claim.existing, now)
  let completed: RightsRequest
  let archive: HeldExport
  try {
    archive = await buildArchive(openid, id, now)
    completed = applyRequestEvent(processing, 'complete', { now, by: 'system', outcome: archive.sha256 })
    if (!(await rightsRequests.advance(openid, processing, completed))) throw new Error('the export request changed while its archive was built')
  } catch (err) {
    const failed = applyRequestEvent(processing, 'fail', { now, by: 'system', reason: 'the archive could not be built' })
    await rightsRequests.advance(openid, processing, failed).catch(() => false)
    throw err
  }
  return { request: requestView(completed), archive: exportViewOf(completed, archive, now) }
}

async function ownExport(openid: string, requestId: string): Promise<{ request: HeldRequest; archive: HeldExport | undefined }> {
  const [request, archive] = await Promise.all([rightsRequests.find(openid, requestId), exportArchives.find(openid, requestId)])
  if (!request || request.type !== 'export') throw notFound()
  return { request, archive }
}

/** One of the caller's exports; another user's id is simply not found. Viewing needs no standing agreement. */
export async function exportStatus(request: Req<'exportStatus'>, actor: UserActor, now: Date): Promise<ExportView> {
  const own = await ownExport(actor.openid, request.requestId)
  return exportViewOf(own.request, own.archive, now)
}

/**
 * A temp URL for the caller's own ready archive, valid for at most 10 minutes and never past the
 * archive's expiry. Fetching a copy already made needs no standing agreement (the right to a copy
 * does not depend on consent).
 * @throws `COMMON.NOT_FOUND` for another user's request, or metadata pointing outside the caller's
 *   own path; `EXPORT.NOT_READY` while building or after a failed build; `EXPORT.EXPIRED` once expired.
 */
export async function exportUrl(request: Req<'exportUrl'>, actor: UserActor, now: Date): Promise<ExportUrlView> {
  const { openid } = actor
  const own = await ownExport(openid, request.requestId)
  const view = exportViewOf(own.request, own.archive, now)
  if (view.status === 'building' || view.status === 'failed') throw new DomainError('EXPORT.NOT_READY', 'the archive is not ready')
  const archive = own.archive
  if (view.status === 'expired' || !archive) throw new DomainError('EXPORT.EXPIRED', 'the archive has expired; ask for a new copy')
  if (!isOwnArchive(openid, archive)) throw notFound()
  const maxAge = Math.min(EXPORT_URL_MAX_AGE_S, Math.floor((Date.parse(archive.expiresAt) - now.getTime()) / 1000))
  if (maxAge < 1) throw new DomainError('EXPORT.EXPIRED', 'the archive has expired; ask for a new copy')
  const url = await exportArchives.tempUrl(archive.fileID, maxAge)
  // Purged between the read and now.
  if (!url) throw new DomainError('EXPORT.EXPIRED', 'the archive has expired; ask for a new copy')
  return { requestId: archive.requestId, url, maxAge, sha256: archive.sha256, size: archive.size }
}

/**
 * Builds that died (the function was stopped) are settled: completed when the archive was stored
 * before the end, else sent to ops like any failed build.
 */
async function settleStalledBuilds(now: Date): Promise<number> {
  let settled = 0
  for (const stalled of await rightsRequests.stalledExports(staleBuildBefore(now), PURGE_PAGE)) {
    const archive = await exportArchives.find(stalled.openid, stalled.id)
    const next = archive
      ? applyRequestEvent(stalled, 'complete', { now, by: 'system', outcome: archive.sha256 })
      : applyRequestEvent(stalled, 'fail', { now, by: 'system', reason: 'the archive build did not finish' })
    if (await rightsRequests.advance(stalled.openid, stalled, next)) settled += 1
  }
  return settled
}

/**
 * Timer: deletes every archive past its 7 days (the manifest's `exports` retention). Per archive:
 * the file, then a note on its request, then the metadata, so a run cut short anywhere leaves the
 * metadata for the next run to finish (a file already gone counts as deleted; the note is written once).
 */
export async function purgeExports(now: Date): Promise<{ removed: number; settled: number }> {
  const cutoffs = exportPurgeCutoffs(now, PRIVACY_MANIFEST)
  let removed = 0
  for (let page = 0; page < PURGE_PAGES_PER_RUN; page++) {
    const due = await exportArchives.due(cutoffs, PURGE_PAGE)
    if (due.length === 0) break
    // A row pointing anywhere else never gets another file deleted; the row itself still goes.
    await exportArchives.deleteFiles(due.filter((a) => isOwnArchive(a.openid, a)).map((a) => a.fileID))
    await Promise.all(
      due.map(async (a) => {
        await rightsRequests.noteArchiveExpired(a.openid, a.requestId, now)
        await exportArchives.remove(a.requestId)
      }),
    )
    removed += due.length
    if (due.length < PURGE_PAGE) break
  }
  return { removed, settled: await settleStalledBuilds(now) }
}
