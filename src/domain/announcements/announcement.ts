/**
 * Announcements: what ops tells every user in the app (an incident notice, or any other notice).
 * Each announcement has an id and numbered versions; a version's text never changes once published, a
 * withdrawal is recorded on the version it takes down, and nothing is deleted, so the history stays.
 * Announcements hold no personal data: operators are kept by name, readers are not recorded at all
 * (a dismissal is remembered on the device only).
 */
export const ANNOUNCEMENT_KINDS = ['incident', 'notice'] as const
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number]

/** Ops may choose a readable id (`incident-2026-03-17`); without one, a random 20-character id is made. */
export const ANNOUNCEMENT_ID = /^[A-Za-z0-9_-]{3,64}$/
export const TITLE_MAX = 80
export const BODY_MAX = 2000
/** No control, line/paragraph-separator or bidi-override characters; a body may hold line breaks (\n) only. */
export const TITLE_TEXT = /^[^\u0000-\u001F\u007F-\u009F\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]*$/
export const BODY_TEXT = /^[^\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]*$/

/** Both languages are required: an incident notice must reach every reader. */
export interface Bilingual {
  'zh-CN': string
  en: string
}

/** What a user sees: no operator, no withdrawal. */
export interface LiveAnnouncement {
  announcementId: string
  version: number
  kind: AnnouncementKind
  title: Bilingual
  body: Bilingual
  publishedAt: string
}

/** One version as stored and as ops lists it. */
export interface AnnouncementVersion extends LiveAnnouncement {
  /** The operator's name (never a token). */
  publishedBy: string
  withdrawnAt?: string
  withdrawnBy?: string
  withdrawReason?: string
}

const newestFirst = (a: AnnouncementVersion, b: AnnouncementVersion) => b.publishedAt.localeCompare(a.publishedAt) || b.version - a.version || a.announcementId.localeCompare(b.announcementId)

/** The latest version of each announcement, by id. */
export function latestVersions(all: readonly AnnouncementVersion[]): Map<string, AnnouncementVersion> {
  const latest = new Map<string, AnnouncementVersion>()
  for (const v of all) {
    const seen = latest.get(v.announcementId)
    if (!seen || v.version > seen.version) latest.set(v.announcementId, v)
  }
  return latest
}

/** What users see: each announcement's latest version unless withdrawn, newest first. An older version never shows. */
export function liveAnnouncements(all: readonly AnnouncementVersion[]): LiveAnnouncement[] {
  return [...latestVersions(all).values()]
    .filter((v) => v.withdrawnAt === undefined)
    .sort(newestFirst)
    .map(({ announcementId, version, kind, title, body, publishedAt }) => ({ announcementId, version, kind, title, body, publishedAt }))
}

/** Every version, withdrawn ones included, newest first. */
export function announcementHistory(all: readonly AnnouncementVersion[]): AnnouncementVersion[] {
  return [...all].sort(newestFirst)
}

/** The next version number of `announcementId` (1 for a new one). */
export function nextVersion(all: readonly AnnouncementVersion[], announcementId: string): number {
  return Math.max(0, ...all.filter((v) => v.announcementId === announcementId).map((v) => v.version)) + 1
}

/** How the device remembers a dismissal: by id and version, so a new version shows again. */
export const dismissalKey = (a: Pick<LiveAnnouncement, 'announcementId' | 'version'>): string => `${a.announcementId}@${a.version}`

/** Dismissals a device keeps: the newest this many (older announcements are long withdrawn or replaced). */
export const DISMISSALS_KEPT = 50

/** The dismissal list after one more, newest last, capped. */
export function addDismissal(kept: readonly string[], key: string): string[] {
  return [...kept.filter((k) => k !== key), key].slice(-DISMISSALS_KEPT)
}
