import { z } from 'zod/mini'
import { CANCELLATION_STAGES } from '../domain/cancellation/cancellation'
import { lazySchema } from '../domain/common/lazy-schema'
import { meView } from './launch'
import type { ReplySchemas } from './replies'

export { meView, type MeView } from './launch'

/** Requests the `account` cloud function accepts; identity never travels in the payload. */
const clientRequestId = lazySchema(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)))
const requestId = lazySchema(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{20}$/)))

export const accountRequest = lazySchema(() => z.discriminatedUnion('action', [
  z.object({ action: z.literal('me') }),
  /** Before the user confirms: what will be deleted, what is kept and until when, from the inventory. */
  z.object({ action: z.literal('cancellationPreview') }),
  /** Cancels the account after a cooling-off; `notify` says the user accepted a subscribe message for the outcome. */
  z.object({ action: z.literal('requestCancellation'), clientRequestId, notify: z.boolean() }),
  /** Takes back the caller's own cancellation while it is cooling off. */
  z.object({ action: z.literal('undoCancellation'), requestId }),
  /**
   * The user accepted one more subscribe message (WeChat allows one message per acceptance): tell them of
   * the next change of their own open cancellation.
   */
  z.object({ action: z.literal('subscribeCancellation'), requestId }),
  /** The caller's latest cancellation, if any. */
  z.object({ action: z.literal('cancellationStatus') }),
  /** A deletion certificate by its id: it holds no personal data, so anyone with the id may read it. */
  z.object({ action: z.literal('certificate'), certificateId: z.string().check(z.regex(/^[A-Za-z0-9_-]{20}$/)) }),
]))
export type AccountRequest = z.infer<typeof accountRequest>

/** Before the user confirms: what a cancellation deletes and keeps. */
export const cancellationPreview = lazySchema(() => z.object({
  /** Categories deleted, with record counts. */
  deleted: z.array(z.object({ category: z.string(), count: z.number() })),
  /** Categories kept (anonymised, access-restricted) and the manifest retention class that keeps them. */
  retained: z.array(z.object({ category: z.string(), count: z.number(), retention: z.string() })),
  coolingOffDays: z.number(),
}))
export type CancellationPreview = z.infer<typeof cancellationPreview>

/** A cancellation as its owner sees it: `stage` is its status, with `processing` split into approved and deleting. */
export const cancellationView = lazySchema(() => z.object({
  requestId: z.string(),
  stage: z.enum(CANCELLATION_STAGES),
  createdAt: z.string(),
  /** Shanghai date by which it must be done: 15 working days from the submission. */
  dueAt: z.string(),
  /** Working days left until `dueAt` (negative once past); absent when the calendar cannot say. */
  workingDaysLeft: z.optional(z.number()),
  coolingOffEndsAt: z.string(),
  /** Why ops refused it. */
  reason: z.optional(z.string()),
  /** Given at submission; the certificate can be read with it once the deletion completes. */
  certificateId: z.optional(z.string()),
  notify: z.boolean(),
}))
export type CancellationView = z.infer<typeof cancellationView>

const counts = lazySchema(() => z.record(z.string(), z.number()))

/** The deletion certificate (src/domain/cancellation/certificate.ts): counts, ids, dates and a hash, no personal data. */
export const deletionCertificate = lazySchema(() => z.object({
  id: z.string(),
  schemaVersion: z.literal(1),
  requestedAt: z.string(),
  startedAt: z.string(),
  completedAt: z.string(),
  inventoryHash: z.string(),
  categories: z.array(z.object({ category: z.string(), count: z.number() })),
  deleted: z.object({ rows: counts, files: counts }),
  retained: z.array(z.object({ category: z.string(), collection: z.string(), count: z.number(), retention: z.string(), until: z.string() })),
  consentChain: z.enum(['anonymised', 'none']),
}))

/** The reply of each action. */
export const accountReplies = {
  me: meView,
  cancellationPreview,
  requestCancellation: cancellationView,
  undoCancellation: cancellationView,
  subscribeCancellation: cancellationView,
  cancellationStatus: z.object({ cancellation: z.optional(cancellationView) }),
  certificate: deletionCertificate,
} satisfies ReplySchemas<AccountRequest>
