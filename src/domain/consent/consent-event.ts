import { z } from 'zod/mini'
import { lazySchema } from '../common/lazy-schema'
import { langSchema } from '../policy/localized-schema'
import { idSchema, versionSchema } from '../policy/ids'
import { WX_SCOPES } from '../policy/privacy-apis'
import { POLICY_TARGET_ID } from './consent-targets'

export const hexHashSchema = lazySchema(() => z.string().check(z.regex(/^[0-9a-f]{64}$/)))

/**
 * Append-only wire values. `deny` is a no to what was asked (a refused first consent, or a refused new
 * version); `withdraw` revokes an earlier grant (PIPL Art. 15). What each does to a standing consent is
 * `TRANSITIONS` (consent-transitions.ts).
 */
export const DECISIONS = ['grant', 'deny', 'withdraw'] as const
export type Decision = (typeof DECISIONS)[number]

/** How the decision was collected; append-only. */
export const CONSENT_METHODS = [
  /** WeChat's `agreePrivacyAuthorization` button on our consent sheet. */
  'agree-button',
  /** The refuse control on the same sheet. */
  'refuse-button',
  /** Our own purpose prompt before a feature (e.g. recommendations, store certification). */
  'purpose-prompt',
  /** WeChat's scope dialog (authorize or the API call that raised it). */
  'permission-dialog',
  /** A toggle on our permissions page. */
  'settings-toggle',
  /** A change found after the user returned from WeChat's settings (`openSetting`). */
  'wechat-settings',
  /** A WeChat server push (`user_authorization_revoke`). */
  'platform-push',
  /** Consents closed when the account is cancelled. */
  'account-cancellation',
] as const
export type ConsentMethod = (typeof CONSENT_METHODS)[number]

/** What a decision is about: the policy, one purpose of the manifest, or one WeChat scope. */
export const consentTargetSchema = lazySchema(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('policy'), id: z.literal(POLICY_TARGET_ID) }),
  z.object({ kind: z.literal('purpose'), id: idSchema }),
  z.object({ kind: z.literal('scope'), id: z.enum(WX_SCOPES) }),
]))
export type ConsentTarget = z.infer<typeof consentTargetSchema>

export const CLIENT_PLATFORMS = ['weapp', 'h5', 'server'] as const

/** What the mini-program sends; identity is added on the server, never taken from here. */
export const consentRequestSchema = lazySchema(() => z.object({
  /** Idempotency key: a retry with the same id returns the first event. */
  clientRequestId: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)),
  target: consentTargetSchema,
  decision: z.enum(DECISIONS),
  policy: z.object({ version: versionSchema, hash: hexHashSchema }),
  method: z.enum(CONSENT_METHODS),
  /** The page route the decision was made on, e.g. `pages/index/index`. */
  page: z.string().check(z.regex(/^[A-Za-z0-9_./-]{1,128}$/)),
  client: z.object({ platform: z.enum(CLIENT_PLATFORMS), appVersion: z.string().check(z.regex(/^[A-Za-z0-9_.+-]{1,32}$/)) }),
  /** The language the policy and purpose were shown in. */
  language: langSchema,
}))
export type ConsentRequest = z.infer<typeof consentRequestSchema>

/** At most one decision per target, and no more targets than a manifest can declare in practice. */
export const MAX_DECISIONS = 32

export const targetDecisionSchema = lazySchema(() => z.object({ target: consentTargetSchema, decision: z.enum(DECISIONS) }))
export type TargetDecision = z.infer<typeof targetDecisionSchema>

/**
 * One decision of the user about several targets (e.g. the first-run sheet: policy, purposes, scopes),
 * recorded in one call and one transaction. Same field rules as `consentRequestSchema`; each target once.
 */
export const consentDecisionSchema = lazySchema(() => z.extend(z.omit(consentRequestSchema, { target: true, decision: true }), {
  decisions: z.array(targetDecisionSchema).check(
    z.minLength(1),
    z.maxLength(MAX_DECISIONS),
    z.refine((ds) => new Set(ds.map((d) => `${d.target.kind}:${d.target.id}`)).size === ds.length, 'each target may appear once'),
  ),
}))
export type ConsentDecision = z.infer<typeof consentDecisionSchema>

/** Why the server appended a withdrawal nobody asked for by itself; absent on the user's own decisions. */
export const CONSENT_REASONS = [
  /** The policy agreement it rested on ended (withdrawn, or a new version refused) in the same transaction. */
  'policy-ended',
  /** The account was cancelled: its standing consents close before the chain is anonymised. */
  'account-cancelled',
] as const
export type ConsentReason = (typeof CONSENT_REASONS)[number]

/** Everything the chain hash covers: the request, who (pseudonym), where in the chain, and when. */
export const consentRecordSchema = lazySchema(() => z.extend(consentRequestSchema, {
  reason: z.optional(z.enum(CONSENT_REASONS)),
  eventId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  /** HMAC-SHA256(per-subject salt, openid): never the openid itself. */
  subject: hexHashSchema,
  seq: z.number().check(z.int(), z.minimum(1)),
  /** ISO 8601 from the server clock. */
  serverTime: z.iso.datetime(),
}))
export type ConsentRecord = z.infer<typeof consentRecordSchema>

export const consentEventSchema = lazySchema(() => z.extend(consentRecordSchema, {
  prevHash: hexHashSchema,
  hash: hexHashSchema,
}))
export type ConsentEvent = z.infer<typeof consentEventSchema>

/**
 * The last event of a chain whose subject was anonymised at account cancellation: the salt that tied the
 * pseudonym to an openid was destroyed in the same transaction. It is not a consent decision, so it
 * carries none of a decision's fields (no target, policy, page or client), and nothing about the person.
 */
export const anonymisedRecordSchema = lazySchema(() => z.object({
  kind: z.literal('subject-anonymised'),
  eventId: consentRecordSchema.shape.eventId,
  subject: hexHashSchema,
  seq: consentRecordSchema.shape.seq,
  method: z.literal('account-cancellation'),
  serverTime: z.iso.datetime(),
}))
export type AnonymisedRecord = z.infer<typeof anonymisedRecordSchema>

export const anonymisedEventSchema = lazySchema(() => z.extend(anonymisedRecordSchema, { prevHash: hexHashSchema, hash: hexHashSchema }))
export type AnonymisedEvent = z.infer<typeof anonymisedEventSchema>

/** Anything a chain holds: decisions, and at most one closing anonymisation. */
export const ledgerEventSchema = lazySchema(() => z.union([consentEventSchema, anonymisedEventSchema]))
export type LedgerEvent = ConsentEvent | AnonymisedEvent
export type LedgerRecord = ConsentRecord | AnonymisedRecord

export function isAnonymised(e: LedgerRecord): e is AnonymisedRecord {
  return 'kind' in e && e.kind === 'subject-anonymised'
}
