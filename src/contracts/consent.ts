import { z } from 'zod/mini'
import { type ConsentEvent, consentDecisionSchema, consentRequestSchema } from '../domain/consent/consent-event'
import type { ChainVerification } from '../domain/consent/consent-ledger'
import type { AnchorCheck } from '../domain/consent/consent-anchor'
import type { SignedReceipt } from '../domain/consent/receipt-signature'
import type { ConsentView } from '../domain/consent/consent-state'
import { langSchema } from '../domain/policy/localized-schema'
import type { ChangeItem } from '../domain/policy/reconsent'

/**
 * Requests the `consent` cloud function accepts. Identity never travels in the payload: the function
 * derives the subject pseudonym from the platform's openid.
 */
export const consentRequest = z.discriminatedUnion('action', [
  /** The published policy versions (no personal data is read: callable before agreement). */
  z.object({ action: z.literal('policy') }),
  /** The caller's standing consent and what the latest published version asks of them. */
  z.object({ action: z.literal('status'), language: langSchema }),
  /** Append one decision to the caller's chain; a retry with the same clientRequestId replays it. */
  z.object({ action: z.literal('record'), request: consentRequestSchema }),
  /**
   * Append every target of one decision in one transaction (all or none); a retry with the same
   * clientRequestId replays the first reply.
   */
  z.object({ action: z.literal('decide'), request: consentDecisionSchema }),
  /** Every event of the caller's chain, oldest first. */
  z.object({ action: z.literal('history') }),
  /** Recompute the caller's chain against its stored head. */
  z.object({ action: z.literal('verify') }),
  /** The Kantara / ISO 27560 receipt of one of the caller's events. */
  z.object({ action: z.literal('receipt'), eventId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)) }),
])
export type ConsentApiRequest = z.infer<typeof consentRequest>

/** A published version as clients see it (the text itself ships in the app, keyed by version). */
export interface PolicyMeta {
  version: string
  hash: string
  effectiveDate: string
  publishedAt: string
  change: 'initial' | 'major' | 'minor'
}

export interface PolicyCatalogue {
  /** The version new decisions cite. */
  latest: PolicyMeta
  /** Every published version, newest first. */
  versions: PolicyMeta[]
}

export interface ConsentStatus extends PolicyCatalogue {
  /** The version the caller last agreed to (absent: never agreed, or withdrew). */
  agreed?: PolicyMeta
  /** first-consent → the first-run sheet; reconsent → blocking change list; notice → non-blocking. */
  need: 'first-consent' | 'none' | 'notice' | 'reconsent'
  /** What changed since `agreed`, in the requested language (empty unless notice / reconsent). */
  changes: ChangeItem[]
  consents: ConsentView
}

export interface RecordResult {
  event: ConsentEvent
  /** True when nothing new was appended: a retry of a recorded request, or a decision already standing. */
  replayed: boolean
  consents: ConsentView
}

export interface DecideResult {
  /**
   * One event per requested decision, in request order (for a repeated decision the target already
   * stands at, the existing event: no new row), then any events the decision cascaded to.
   */
  events: ConsentEvent[]
  /** True when nothing new was appended: a retry of a recorded request, or a decision already standing. */
  replayed: boolean
  consents: ConsentView
}

export interface HistoryResult {
  events: ConsentEvent[]
}

/** An intact chain also says how it stands against the latest signed anchor of the ledger. */
export type VerifyResult = ChainVerification & { anchor?: AnchorCheck }

/** Signed with the key named in `signature.kid` (src/content/receipt-keys.json). */
export type ReceiptResult = SignedReceipt
