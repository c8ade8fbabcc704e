import { z } from 'zod/mini'
import { lazySchema } from '../domain/common/lazy-schema'
import { PRIVACY_MANIFEST } from '../content/privacy-manifest'
import { AVATAR_BASE64_MAX } from '../domain/personal/avatar'
import { CONTACT_KINDS } from '../domain/requests/request-input'
import { DELETION_TRIGGERS } from '../domain/requests/rights-request'

/**
 * Requests the `personal` cloud function accepts: the personal centre's view and correction of the
 * caller's own data. Identity never travels in the payload; every record id is looked up under the
 * caller's openid, so another user's id reads as "not found".
 */
const recordId = lazySchema(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)))
const clientRequestId = lazySchema(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)))
/** Rights request ids are 20 characters of base64url, derived from the client request id. */
const requestId = lazySchema(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{20}$/)))
/** Categories the user cannot change alone: a correction goes to ops as a rights request. */
export const CORRECTABLE_BY_REQUEST = ['order-records', 'wechat-openid', 'consent-records'] as const

/** What a deletion request may name: the current manifest's data categories. */
export const DELETABLE_CATEGORIES = PRIVACY_MANIFEST.dataCategories.map((c) => c.id)
const deletableCategory = lazySchema(() => z.string().check(z.refine((id) => DELETABLE_CATEGORIES.includes(id))))

export const personalRequest = lazySchema(() => z.discriminatedUnion('action', [
  /** Everything held about the caller, by manifest category, values masked. */
  z.object({ action: z.literal('inventory') }),
  /** One of the caller's own records, unmasked. */
  z.object({ action: z.literal('reveal'), category: z.literal('delivery-contact'), recordId }),
  /** The caller's own profile, unmasked, with a short-lived link to the avatar. */
  z.object({ action: z.literal('profile') }),
  /** `nickname` is checked by the shared domain validator, like a contact. */
  z.object({ action: z.literal('setNickname'), clientRequestId, nickname: z.unknown() }),
  /** A JPEG made on the device, base64; the function checks it is one and stores it under the caller's private path. */
  z.object({ action: z.literal('setAvatar'), clientRequestId, image: z.string().check(z.maxLength(AVATAR_BASE64_MAX)) }),
  z.object({ action: z.literal('removeAvatar'), clientRequestId }),
  /** `contact` is checked by the shared domain validator, so the reply names the field that is wrong. */
  z.object({ action: z.literal('addContact'), clientRequestId, contact: z.unknown() }),
  z.object({ action: z.literal('updateContact'), clientRequestId, recordId, contact: z.unknown() }),
  z.object({ action: z.literal('deleteContact'), clientRequestId, recordId }),
  z.object({ action: z.literal('setDefaultContact'), clientRequestId, recordId }),
  z.object({
    action: z.literal('requestCorrection'),
    clientRequestId,
    category: z.enum(CORRECTABLE_BY_REQUEST),
    reason: z.string().check(z.trim(), z.minLength(5), z.maxLength(200)),
  }),
  /** The caller's rights requests, newest first. */
  z.object({ action: z.literal('requests') }),
  /**
   * "Delete my information" (PIPL Art. 47): `reason` is the legal trigger, `detail` an optional note
   * (≤ 200 characters, checked by the shared validator), `categories` what to delete (default: all
   * that may be). A rights request for ops, due in 15 working days; a retry with the same id adds nothing.
   */
  z.object({
    action: z.literal('requestDeletion'),
    clientRequestId,
    reason: z.enum(DELETION_TRIGGERS),
    detail: z.optional(z.unknown()),
    categories: z.optional(z.array(deletableCategory).check(z.minLength(1), z.maxLength(DELETABLE_CATEGORIES.length))),
  }),
  /**
   * 隐私中心 → 联系我们: a question or complaint about personal information. `message` is checked by the
   * shared validator (5–500 characters, no control characters). A rights request due 15 working days
   * from receipt, answered by ops; the caller reads it with `requests`.
   */
  z.object({ action: z.literal('sendMessage'), clientRequestId, kind: z.enum(CONTACT_KINDS), message: z.unknown() }),
]))
export type PersonalRequest = z.infer<typeof personalRequest>

/**
 * Requests the `export` cloud function accepts: "copy my data" (PIPL Art. 45). A function of its own,
 * so the zip writer and the archive's renderer load only when someone asks for a copy.
 */
export const exportRequest = lazySchema(() => z.discriminatedUnion('action', [
  /** "Copy my data": builds the export archive now; a retry with the same id builds nothing new. */
  z.object({ action: z.literal('requestExport'), clientRequestId }),
  /** One of the caller's own exports. */
  z.object({ action: z.literal('exportStatus'), requestId }),
  /** A download link for one of the caller's own ready archives, valid for at most 10 minutes. */
  z.object({ action: z.literal('exportUrl'), requestId }),
]))
export type ExportRequest = z.infer<typeof exportRequest>

// The replies live apart (personal-replies.ts): the app loads them without the request rules' data.
export * from './personal-replies'
