import { z } from 'zod/mini'
import type { CancellationStage } from '../domain/cancellation/cancellation'

/** Requests the `account` cloud function accepts; identity never travels in the payload. */
const clientRequestId = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/))
const requestId = z.string().check(z.regex(/^[A-Za-z0-9_-]{20}$/))

export const accountRequest = z.discriminatedUnion('action', [
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
])
export type AccountRequest = z.infer<typeof accountRequest>

/** What the personal centre shows about the signed-in user. */
export const meView = z.object({
  openid: z.string(),
  appid: z.string(),
  /** When the account was first used (the user's first agreement). */
  firstSeenAt: z.string(),
  /** The stage of an open cancellation: the app keeps working, and says so. */
  pendingCancellation: z.optional(z.string()),
})
export type MeView = z.infer<typeof meView>

export interface CancellationPreview {
  /** Categories deleted, with record counts. */
  deleted: Array<{ category: string; count: number }>
  /** Categories kept (anonymised, access-restricted) and the manifest retention class that keeps them. */
  retained: Array<{ category: string; count: number; retention: string }>
  coolingOffDays: number
}

export interface CancellationView {
  requestId: string
  stage: CancellationStage
  createdAt: string
  /** Shanghai date by which it must be done: 15 working days from the submission. */
  dueAt: string
  /** Working days left until `dueAt` (negative once past); absent when the calendar cannot say. */
  workingDaysLeft?: number
  coolingOffEndsAt: string
  /** Why ops refused it. */
  reason?: string
  /** Given at submission; the certificate can be read with it once the deletion completes. */
  certificateId?: string
  notify: boolean
}
