import { z } from 'zod/mini'
import { lazySchema } from '../domain/common/lazy-schema'
import { consentDecisionSchema, consentEventSchema, consentRequestSchema, consentTargetSchema } from '../domain/consent/consent-event'
import { LEGAL_BASES } from '../domain/policy/manifest-schema'
import { langSchema } from '../domain/policy/localized-schema'
import { consentStatus, consentView, decideResult, policyCatalogue } from './launch'
import type { ReplySchemas } from './replies'

export { type ConsentStatus, consentStatus, consentView, type DecideResult, decideResult, type PolicyCatalogue, policyCatalogue, type PolicyMeta, policyMeta } from './launch'

/**
 * Requests the `consent` cloud function accepts. Identity never travels in the payload: the function
 * derives the subject pseudonym from the platform's openid.
 */
export const consentRequest = lazySchema(() => z.discriminatedUnion('action', [
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
]))
export type ConsentApiRequest = z.infer<typeof consentRequest>

export const recordResult = lazySchema(() => z.object({
  event: consentEventSchema,
  /** True when nothing new was appended: a retry of a recorded request, or a decision already standing. */
  replayed: z.boolean(),
  consents: consentView,
}))
export type RecordResult = z.infer<typeof recordResult>

export const historyResult = lazySchema(() => z.object({ events: z.array(consentEventSchema) }))
export type HistoryResult = z.infer<typeof historyResult>

/** src/domain/consent/consent-anchor.ts `AnchorCheck`. */
const anchorCheck = lazySchema(() => z.union([
  z.object({ status: z.literal('match'), date: z.string(), seq: z.number() }),
  z.object({ status: z.literal('not-anchored-yet'), date: z.string() }),
  z.object({ status: z.literal('none') }),
  z.object({ status: z.literal('mismatch'), date: z.optional(z.string()), reason: z.enum(['malformed', 'signature', 'root', 'event']), seq: z.optional(z.number()) }),
]))

/** An intact chain also says how it stands against the latest signed anchor of the ledger (src/domain/consent/consent-ledger.ts). */
export const verifyResult = lazySchema(() => z.union([
  z.object({ ok: z.literal(true), count: z.number(), head: z.optional(z.object({ subject: z.string(), seq: z.number(), hash: z.string() })), anchor: z.optional(anchorCheck) }),
  z.object({
    ok: z.literal(false),
    seq: z.number(),
    reason: z.enum(['malformed', 'seq-gap', 'subject-mismatch', 'prev-hash-mismatch', 'hash-mismatch', 'head-mismatch', 'after-anonymised']),
    anchor: z.optional(anchorCheck),
  }),
]))
export type VerifyResult = z.infer<typeof verifyResult>

/** The Kantara / ISO 27560 receipt (src/domain/consent/consent-receipt.ts), signed with the key named in `signature.kid`. */
export const receiptResult = lazySchema(() => z.object({
  version: z.literal('KI-CR-v1.1.0'),
  jurisdiction: z.literal('CN'),
  consentTimestamp: z.number(),
  eventTime: z.string(),
  collectionMethod: z.string(),
  consentReceiptID: z.string(),
  language: langSchema,
  piiPrincipalId: z.string(),
  piiControllers: z.array(z.object({ piiController: z.string(), contact: z.string(), address: z.string(), email: z.string(), url: z.string(), onBehalf: z.boolean() })),
  policyUrl: z.string(),
  policyVersion: z.string(),
  policyHash: z.string(),
  target: consentTargetSchema,
  services: z.array(
    z.object({
      service: z.string(),
      purposes: z.array(
        z.object({
          purposeId: z.string(),
          purpose: z.string(),
          purposeCategory: z.array(z.string()),
          consentType: z.literal('explicit'),
          legalBasis: z.enum(LEGAL_BASES),
          piiCategory: z.array(z.string()),
          primaryPurpose: z.boolean(),
          termination: z.string(),
          thirdPartyDisclosure: z.boolean(),
          thirdPartyName: z.optional(z.string()),
        }),
      ),
    }),
  ),
  sensitive: z.boolean(),
  spiCat: z.array(z.string()),
  eventType: z.literal('explicit'),
  eventState: z.enum(['given', 'withdrawn', 'refused']),
  storageLocation: z.string(),
  withdrawalMethod: z.string(),
  proof: z.object({ seq: z.number(), prevHash: z.string(), hash: z.string(), algorithm: z.literal('SHA-256'), canonicalization: z.literal('RFC 8785') }),
  signature: z.object({ kid: z.string(), alg: z.literal('Ed25519'), value: z.string() }),
}))
export type ReceiptResult = z.infer<typeof receiptResult>

/** The reply of each action. */
export const consentReplies = {
  policy: policyCatalogue,
  status: consentStatus,
  record: recordResult,
  decide: decideResult,
  history: historyResult,
  verify: verifyResult,
  receipt: receiptResult,
} satisfies ReplySchemas<ConsentApiRequest>
