import { randomBytes } from 'node:crypto'
import type { AnnouncementOpsView, ListAnnouncementsView, OpsRequest } from '../../../src/contracts/ops'
import type { AnnouncementsResult } from '../../../src/contracts/stores'
import { type AnnouncementVersion, announcementHistory, latestVersions, liveAnnouncements, nextVersion } from '../../../src/domain/announcements/announcement'
import { DomainError } from '../../../src/domain/common/errors'
import type { OperatorActor } from '../handler'
import { announcements } from '../repositories/announcements'

type Req<A extends OpsRequest['action']> = Extract<OpsRequest, { action: A }>

/**
 * Publishes a version: the next of `announcementId` when given (version 1 if that id is new), else
 * version 1 under a random id. A retry with the same `clientRequestId` answers the version already
 * published. Two publishes racing for one version: the second gets `COMMON.CONFLICT`.
 */
export async function publishAnnouncement(request: Req<'publishAnnouncement'>, operator: OperatorActor, now: Date): Promise<AnnouncementOpsView> {
  if (request.clientRequestId) {
    const done = await announcements.byClientRequestId(request.clientRequestId)
    if (done) return done
  }
  const announcementId = request.announcementId ?? randomBytes(15).toString('base64url')
  const earlier = request.announcementId ? await announcements.versionsOf(announcementId) : []
  const version: AnnouncementVersion = {
    announcementId,
    version: nextVersion(earlier, announcementId),
    kind: request.kind,
    title: request.title,
    body: request.body,
    publishedAt: now.toISOString(),
    publishedBy: operator.name,
  }
  if (!(await announcements.insert(version, request.clientRequestId))) throw new DomainError('COMMON.CONFLICT', `version ${version.version} of ${announcementId} was published meanwhile; list and try again`)
  return version
}

/** Takes the latest version down (users stop seeing it); the version stays in the history with who, when and why. */
export async function withdrawAnnouncement(request: Req<'withdrawAnnouncement'>, operator: OperatorActor, now: Date): Promise<AnnouncementOpsView> {
  const latest = latestVersions(await announcements.versionsOf(request.announcementId)).get(request.announcementId)
  if (!latest) throw new DomainError('COMMON.NOT_FOUND', `no announcement ${request.announcementId}`)
  const withdrawal = { withdrawnAt: now.toISOString(), withdrawnBy: operator.name, withdrawReason: request.reason }
  if (latest.withdrawnAt !== undefined || !(await announcements.withdraw(latest, withdrawal))) {
    throw new DomainError('ANNOUNCEMENT.ALREADY_WITHDRAWN', `version ${latest.version} of ${request.announcementId} is already withdrawn`)
  }
  return { ...latest, ...withdrawal }
}

export async function listAnnouncements(): Promise<ListAnnouncementsView> {
  return { announcements: announcementHistory(await announcements.all()) }
}

/** What every user sees: live announcements, newest first. Reads no identity and writes nothing. */
export async function currentAnnouncements(): Promise<AnnouncementsResult> {
  return { announcements: liveAnnouncements(await announcements.all()) }
}
