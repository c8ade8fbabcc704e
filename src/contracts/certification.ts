import { z } from 'zod/mini'
import { lazySchema } from '../domain/common/lazy-schema'
import { CERT_EVENTS, CERT_STATUSES } from '../domain/certification/application'
import { CERT_TEXT_FIELDS, PHOTO_BASE64_MAX, PHOTO_SLOTS } from '../domain/certification/certification-form'
import type { ReplySchemas } from './replies'

/**
 * Requests the `certification` cloud function accepts from a merchant. Identity never travels in the
 * payload: each caller has at most one application, found by their openid. Sensitive values go one
 * way: the function stores them (the ID number and mobile encrypted) and only ever answers masked.
 * Each field is checked by the shared domain validator, so a refusal names the field.
 */
const clientRequestId = lazySchema(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)))
/** What the form sends: strings, each optional in a draft; unknown keys are refused (a mistyped field must not vanish). */
const fields = lazySchema(() => z.strictObject({
  legalName: z.optional(z.string().check(z.maxLength(200))),
  mobile: z.optional(z.string().check(z.maxLength(200))),
  idNumber: z.optional(z.string().check(z.maxLength(200))),
  uscc: z.optional(z.string().check(z.maxLength(200))),
  storeName: z.optional(z.string().check(z.maxLength(200))),
  storeAddress: z.optional(z.string().check(z.maxLength(200))),
  storeId: z.optional(z.string().check(z.maxLength(64))),
}))

export const certificationRequest = lazySchema(() => z.discriminatedUnion('action', [
  /** The caller's application, masked, with 5-minute thumbnail links; `application` absent when there is none. */
  z.object({ action: z.literal('status') }),
  /**
   * Saves what is given into the caller's draft (creating it, or starting again after a withdrawal).
   * Fields left out keep their saved value. Needs the separate consent for `store-certification`.
   */
  z.object({ action: z.literal('saveDraft'), clientRequestId, fields }),
  /** One photo, a JPEG made on the device (ID photos watermarked), base64; replaces that slot's photo. */
  z.object({ action: z.literal('setPhoto'), clientRequestId, slot: z.enum(PHOTO_SLOTS), image: z.string().check(z.maxLength(PHOTO_BASE64_MAX)) }),
  /** Saves `fields` and sends the application for review; every field and photo must then be valid. */
  z.object({ action: z.literal('submit'), clientRequestId, fields }),
  /** Withdraws the certification: deletes its data and photos, keeps only the dated history. */
  z.object({ action: z.literal('withdraw'), clientRequestId }),
]))
export type CertificationRequest = z.infer<typeof certificationRequest>

const photoView = lazySchema(() => z.object({
  /** A temp link to the photo, valid at most 5 minutes, issued to its owner only. */
  thumbnailUrl: z.string(),
  uploadedAt: z.string(),
  bytes: z.number(),
}))
export type PhotoView = z.infer<typeof photoView>

const certStatus = lazySchema(() => z.enum(CERT_STATUSES))
/** Keys are form fields or photo slots; a record over the enum would demand every key. */
const textField = lazySchema(() => z.enum(CERT_TEXT_FIELDS))
const photoSlot = lazySchema(() => z.enum(PHOTO_SLOTS))

/** The caller's application as the merchant sees it: personal values masked, never in clear. */
export const applicationView = lazySchema(() => z.object({
  status: certStatus,
  /** 1 for the first submission, +1 for each resubmission. */
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Masked: `张*`, `138****5678`, `110***********002X`; store name and address as entered. */
  fields: z.partialRecord(textField, z.string()),
  storeId: z.optional(z.string()),
  photos: z.partialRecord(photoSlot, photoView),
  /** What a submission still needs. */
  missing: z.array(z.union([textField, photoSlot])),
  submittedAt: z.optional(z.string()),
  /** Shanghai date by which ops decide: 15 working days after the (latest) submission. */
  dueAt: z.optional(z.string()),
  /** Working days from today to `dueAt` (negative when late; null when the calendar ends first). */
  workingDaysLeft: z.optional(z.nullable(z.number())),
  decidedAt: z.optional(z.string()),
  /** Why it was rejected, in the reviewer's words. */
  reason: z.optional(z.string()),
  /** A rejected application's data is deleted on this date unless it is resubmitted. */
  purgeOn: z.optional(z.string()),
  history: z.array(
    z.object({ at: z.string(), event: z.enum(CERT_EVENTS), from: certStatus, to: certStatus, by: z.enum(['merchant', 'ops', 'system']), reason: z.optional(z.string()) }),
  ),
}))
export type ApplicationView = z.infer<typeof applicationView>

export const certificationStatusView = lazySchema(() => z.object({ application: z.optional(applicationView) }))
export type CertificationStatusView = z.infer<typeof certificationStatusView>

/** Every action answers the caller's application, masked. */
export const certificationReplies = {
  status: certificationStatusView,
  saveDraft: certificationStatusView,
  setPhoto: certificationStatusView,
  submit: certificationStatusView,
  withdraw: certificationStatusView,
} satisfies ReplySchemas<CertificationRequest>

export { CERT_TEXT_FIELDS, PHOTO_SLOTS }
