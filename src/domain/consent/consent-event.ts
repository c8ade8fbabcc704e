import { z } from 'zod/mini'
import { langSchema } from '../policy/localized-schema'
import { idSchema } from '../policy/manifest-schema'
import { versionSchema } from '../policy/policy-schema'
import { WX_SCOPES } from '../policy/privacy-apis'
import { POLICY_TARGET_ID } from './consent-targets'

export const hexHashSchema = z.string().check(z.regex(/^[0-9a-f]{64}$/))

/** Append-only wire values. `deny` is a refusal before any grant; `withdraw` revokes an earlier grant (PIPL Art. 15). */
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
export const consentTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('policy'), id: z.literal(POLICY_TARGET_ID) }),
  z.object({ kind: z.literal('purpose'), id: idSchema }),
  z.object({ kind: z.literal('scope'), id: z.enum(WX_SCOPES) }),
])
export type ConsentTarget = z.infer<typeof consentTargetSchema>

export const CLIENT_PLATFORMS = ['weapp', 'h5', 'server'] as const

/** What the mini-program sends; identity is added on the server, never taken from here. */
export const consentRequestSchema = z.object({
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
})
export type ConsentRequest = z.infer<typeof consentRequestSchema>

/** Everything the chain hash covers: the request, who (pseudonym), where in the chain, and when. */
export const consentRecordSchema = z.extend(consentRequestSchema, {
  eventId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  /** HMAC-SHA256(per-subject salt, openid): never the openid itself. */
  subject: hexHashSchema,
  seq: z.number().check(z.int(), z.minimum(1)),
  /** ISO 8601 from the server clock. */
  serverTime: z.iso.datetime(),
})
export type ConsentRecord = z.infer<typeof consentRecordSchema>

export const consentEventSchema = z.extend(consentRecordSchema, {
  prevHash: hexHashSchema,
  hash: hexHashSchema,
})
export type ConsentEvent = z.infer<typeof consentEventSchema>
