import { z } from 'zod/mini'
import { lazySchema } from '../domain/common/lazy-schema'
import type { CertHistoryEntry, CertStatus } from '../domain/certification/application'
import type { CertTextField, PhotoSlot } from '../domain/certification/certification-form'
import { ANNOUNCEMENT_ID, ANNOUNCEMENT_KINDS, type AnnouncementVersion, BODY_MAX, BODY_TEXT, TITLE_MAX, TITLE_TEXT } from '../domain/announcements/announcement'
import type { ErrorCode } from '../domain/common/errors'
import type { AuditVerification } from '../domain/ops/audit-log'
import type { HeldCategory } from '../domain/personal/held-data'
import { REQUEST_STATUSES, REQUEST_TYPES, type RequestHistoryEntry } from '../domain/requests/rights-request'

/** What `listRequests` shows without a `status`. */
export { OPEN_STATUSES } from '../domain/requests/rights-request'

/**
 * Requests the staff-only `ops` cloud function accepts, from the CloudBase console's test panel. Each
 * event also carries `operator: { name, token }` (src/domain/ops/operators.ts), which the handler takes
 * off and checks before this schema sees the rest. Unknown keys are refused, so a mistyped field
 * (`reasn`) fails instead of being dropped.
 */
const requestId = lazySchema(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)))
const status = lazySchema(() => z.enum(REQUEST_STATUSES))
/** An operator's words the user may read (a reason, an outcome): 1–500 characters after trimming. */
const words = lazySchema(() => z.string().check(z.trim(), z.minLength(1), z.maxLength(500)))

/** Certification application ids: 20 characters of base64url, random (they say nothing about the merchant). */
const applicationId = lazySchema(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{20}$/)))
/** What `revealCertification` can show in full. */
export const REVEAL_ITEMS = ['idNumber', 'mobile', 'idFront', 'idBack', 'licence'] as const
export type RevealItem = (typeof REVEAL_ITEMS)[number]
export const REENCRYPT_BATCH_MAX = 200

export const LIST_LIMIT_DEFAULT = 20
export const LIST_LIMIT_MAX = 100
export const BULK_MAX = 100
/** Audit entries per `exportAudit` reply (about 1 MB of CSV). */
export const AUDIT_PAGE_MAX = 2000

export const OPS_ACTIONS = [
  'listRequests',
  'showRequest',
  'approve',
  'complete',
  'reject',
  'bulkApprove',
  'exportAudit',
  'verifyAudit',
  'listCertifications',
  'showCertification',
  'approveCertification',
  'rejectCertification',
  'revealCertification',
  'reencryptCertifications',
  'publishAnnouncement',
  'withdrawAnnouncement',
  'listAnnouncements',
] as const
export type OpsAction = (typeof OPS_ACTIONS)[number]

const announcementId = lazySchema(() => z.string().check(z.regex(ANNOUNCEMENT_ID)))
/** Both languages, each 1–`max` characters after trimming, without control characters. */
const bilingual = (max: number, text: RegExp) => {
  const one = z.string().check(z.trim(), z.minLength(1), z.maxLength(max), z.regex(text))
  return z.strictObject({ 'zh-CN': one, en: one })
}

export const opsRequest = lazySchema(() => z.discriminatedUnion('action', [
  /** The queue by due date (then id), `limit` rows from `cursor` on; masked: no names, mobiles or openids. */
  z.strictObject({
    action: z.literal('listRequests'),
    status: z.optional(z.union([status, z.array(status).check(z.minLength(1), z.maxLength(REQUEST_STATUSES.length))])),
    type: z.optional(z.enum(REQUEST_TYPES)),
    limit: z.optional(z.int().check(z.gte(1), z.lte(LIST_LIMIT_MAX))),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
  }),
  /** One request with its history, and what is held about its user: categories and counts only. */
  z.strictObject({ action: z.literal('showRequest'), requestId }),
  /** Accepts a request (`submitted` or `awaiting-review` → `processing`). */
  z.strictObject({ action: z.literal('approve'), requestId, reason: z.optional(words) }),
  /** Closes a correction ops carried out (`processing` → `completed`); `outcome` says what was done. */
  z.strictObject({ action: z.literal('complete'), requestId, outcome: words }),
  /** Refuses a request; the user reads `reason`. Without one: `REQUEST.REASON_REQUIRED`. */
  z.strictObject({ action: z.literal('reject'), requestId, reason: z.optional(z.string().check(z.maxLength(500))) }),
  /** `approve` for up to 100 requests; each succeeds or fails on its own. */
  z.strictObject({ action: z.literal('bulkApprove'), requestIds: z.array(requestId).check(z.minLength(1), z.maxLength(BULK_MAX)) }),
  /** The audit log as RFC 4180 CSV, `limit` entries from `fromSeq` (default: from the first). */
  z.strictObject({ action: z.literal('exportAudit'), fromSeq: z.optional(z.int().check(z.gte(1))), limit: z.optional(z.int().check(z.gte(1), z.lte(AUDIT_PAGE_MAX))) }),
  /** Recomputes the audit chain against its stored head. */
  z.strictObject({ action: z.literal('verifyAudit') }),
  /** Store certifications waiting for review (`submitted`, `under-review`), oldest first, with due dates; masked. */
  z.strictObject({ action: z.literal('listCertifications'), limit: z.optional(z.int().check(z.gte(1), z.lte(LIST_LIMIT_MAX))) }),
  /** One application, masked, with photo links valid 5 minutes; opening a submitted one starts its review. */
  z.strictObject({ action: z.literal('showCertification'), applicationId }),
  z.strictObject({ action: z.literal('approveCertification'), applicationId, reason: z.optional(words) }),
  /** The merchant reads `reason`; without one: `REQUEST.REASON_REQUIRED`. */
  z.strictObject({ action: z.literal('rejectCertification'), applicationId, reason: z.optional(z.string().check(z.maxLength(500))) }),
  /**
   * The full ID number or mobile, or a photo at full size: only with a stated reason, which the audit
   * keeps with the item revealed (never the value). Without a reason: `REQUEST.REASON_REQUIRED`.
   */
  z.strictObject({ action: z.literal('revealCertification'), applicationId, item: z.enum(REVEAL_ITEMS), reason: z.optional(z.string().check(z.maxLength(500))) }),
  /** Key rotation: re-seals up to `limit` rows still under an older key; run again until `remaining` is 0. */
  z.strictObject({ action: z.literal('reencryptCertifications'), limit: z.optional(z.int().check(z.gte(1), z.lte(REENCRYPT_BATCH_MAX))) }),
  /**
   * Shows every user a banner until they dismiss it. With an `announcementId` already used, publishes its
   * next version (shown again to those who dismissed the last); a new or absent id starts at version 1.
   * `clientRequestId` makes a retry return the version the first attempt published.
   */
  z.strictObject({
    action: z.literal('publishAnnouncement'),
    kind: z.enum(ANNOUNCEMENT_KINDS),
    title: bilingual(TITLE_MAX, TITLE_TEXT),
    body: bilingual(BODY_MAX, BODY_TEXT),
    announcementId: z.optional(announcementId),
    clientRequestId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/))),
  }),
  /** Takes the announcement's latest version down; it stays in the history with the reason. */
  z.strictObject({ action: z.literal('withdrawAnnouncement'), announcementId, reason: words }),
  /** Every version of every announcement, withdrawn ones included, newest first. */
  z.strictObject({ action: z.literal('listAnnouncements') }),
]))
export type OpsRequest = z.infer<typeof opsRequest>

/** One row of the queue. */
export interface QueueRowView {
  requestId: string
  type: string
  status: string
  createdAt: string
  /** Shanghai date by which it must be answered. */
  dueAt: string
  /** Working days from today (Shanghai) to `dueAt`: negative when overdue; null when the calendar ends first. */
  workingDaysLeft: number | null
  /** Today is past `dueAt` (true even on a weekend that leaves `workingDaysLeft` at 0). */
  overdue: boolean
  /** The category a correction is about. */
  category?: string
}

export interface ListRequestsView {
  rows: QueueRowView[]
  /** Pass it back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string
}

export interface RequestDetailView extends QueueRowView {
  updatedAt: string
  /** What the user asked for, in their words. */
  detail?: string
  /** A deletion's legal trigger (PIPL Art. 47). */
  trigger?: string
  /** The categories a deletion is about; absent: everything that may be deleted. */
  categories?: string[]
  outcome?: string
  reason?: string
  history: RequestHistoryEntry[]
}

export interface ShowRequestView {
  request: RequestDetailView
  /** What is held about the request's user: categories and counts, never a value or the openid. */
  held: Array<{ category: HeldCategory; count: number }>
}

export interface BulkApproveView {
  succeeded: string[]
  failed: Array<{ requestId: string; code: ErrorCode }>
}

export interface AuditExportView {
  csv: string
  /** Entries in `csv`. */
  count: number
  /** The audit log's last entry when this page was read. */
  lastSeq: number
  /** Pass it as `fromSeq` for the rest; absent when this page reaches `lastSeq`. */
  nextFromSeq?: number
}

export type AuditVerifyView = AuditVerification

/** A certification in the review queue: no personal values. */
export interface CertQueueRowView {
  applicationId: string
  status: CertStatus
  version: number
  storeName: string
  submittedAt: string
  dueAt: string
  workingDaysLeft: number | null
  overdue: boolean
}

export interface ListCertificationsView {
  rows: CertQueueRowView[]
}

/** One application for a reviewer: personal values masked, photos through 5-minute links. */
export interface CertDetailView extends CertQueueRowView {
  /** Masked as the merchant sees them. */
  fields: Partial<Record<CertTextField, string>>
  storeId?: string
  photos: Partial<Record<PhotoSlot, { url: string; bytes: number }>>
  /** Other live applications with the same ID number (found by its keyed hash, without decrypting). */
  sameIdNumberElsewhere: number
  reason?: string
  history: CertHistoryEntry[]
}

export interface RevealView {
  item: RevealItem
  /** The clear value (idNumber, mobile) … */
  value?: string
  /** … or a full-size photo link valid 5 minutes. */
  url?: string
}

export interface ReencryptView {
  resealed: number
  /** Rows still under another key than the active one. */
  remaining: number
  activeKid: string
}

/** `publishAnnouncement` and `withdrawAnnouncement` answer with the version they wrote. */
export type AnnouncementOpsView = AnnouncementVersion

export interface ListAnnouncementsView {
  announcements: AnnouncementVersion[]
}
