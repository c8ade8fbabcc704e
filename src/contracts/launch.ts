import { z } from 'zod/mini'
import { lazySchema } from '../domain/common/lazy-schema'
import { ANNOUNCEMENT_KINDS } from '../domain/announcements/announcement'
import { CONSENT_METHODS, consentEventSchema, consentTargetSchema } from '../domain/consent/consent-event'

/**
 * The replies of the calls the main package makes: who the user is, the policy catalogue, the user's
 * consents and one decision, stores and announcements. The app checks them against these schemas, so
 * they live apart from each function's contract: the main package (launch size) carries only these,
 * not every schema of account.ts, consent.ts and stores.ts, which take the same objects from here.
 */

/** What the personal centre shows about the signed-in user. */
export const meView = lazySchema(() => z.object({
  openid: z.string(),
  appid: z.string(),
  /** When the account was first used (the user's first agreement). */
  firstSeenAt: z.string(),
  /** The stage of an open cancellation: the app keeps working, and says so. */
  pendingCancellation: z.optional(z.string()),
}))
export type MeView = z.infer<typeof meView>

/** A published version as clients see it (the text itself ships in the app, keyed by version). */
export const policyMeta = lazySchema(() => z.object({
  version: z.string(),
  hash: z.string(),
  effectiveDate: z.string(),
  publishedAt: z.string(),
  change: z.enum(['initial', 'major', 'minor']),
}))
export type PolicyMeta = z.infer<typeof policyMeta>

const catalogueShape = () => ({
  /** The version new decisions cite. */
  latest: policyMeta,
  /** Every published version, newest first. */
  versions: z.array(policyMeta),
})
export const policyCatalogue = lazySchema(() => z.object(catalogueShape()))
export type PolicyCatalogue = z.infer<typeof policyCatalogue>

/** The standing decision per target, keyed by `targetKey` (src/domain/consent/consent-state.ts). */
export const consentView = lazySchema(() => z.record(
  z.string(),
  z.object({
    target: consentTargetSchema,
    state: z.enum(['granted', 'denied', 'withdrawn']),
    since: z.string(),
    updatedAt: z.string(),
    policy: z.object({ version: z.string(), hash: z.string() }),
    method: z.enum(CONSENT_METHODS),
    seq: z.number(),
    eventId: z.string(),
  }),
))

/** One line of the change list, in the user's language (src/domain/policy/reconsent.ts). */
const changeItem = lazySchema(() => z.object({
  kind: z.enum([
    'purpose-added', 'purpose-removed', 'purpose-changed', 'category-added', 'category-removed', 'category-changed', 'feature-added', 'feature-changed',
    'sdk-added', 'sdk-removed', 'sdk-changed', 'retention-added', 'retention-changed', 'section-added', 'section-removed', 'section-changed',
  ]),
  id: z.string(),
  sentence: z.string(),
  name: z.string(),
  sensitive: z.boolean(),
  optional: z.boolean(),
}))

export const consentStatus = lazySchema(() => z.object({
  ...catalogueShape(),
  /** The version the caller last agreed to (absent: never agreed, or withdrew). */
  agreed: z.optional(policyMeta),
  /** first-consent → the first-run sheet; reconsent → blocking change list; notice → non-blocking. */
  need: z.enum(['first-consent', 'none', 'notice', 'reconsent']),
  /** What changed since `agreed`, in the requested language (empty unless notice / reconsent). */
  changes: z.array(changeItem),
  consents: consentView,
}))
export type ConsentStatus = z.infer<typeof consentStatus>

export const decideResult = lazySchema(() => z.object({
  /**
   * One event per requested decision, in request order (for a repeated decision the target already
   * stands at, the existing event: no new row), then any events the decision cascaded to.
   */
  events: z.array(consentEventSchema),
  /** True when nothing new was appended: a retry of a recorded request, or a decision already standing. */
  replayed: z.boolean(),
  consents: consentView,
}))
export type DecideResult = z.infer<typeof decideResult>

export const storeView = lazySchema(() => z.object({
  id: z.string(),
  name: z.string(),
  city: z.string(),
  address: z.string(),
  /** Metres from the user; only in `nearby` replies. */
  distanceM: z.optional(z.number()),
}))
export type StoreView = z.infer<typeof storeView>

export const storesResult = lazySchema(() => z.object({
  stores: z.array(storeView),
  /**
   * Only in `nearby` replies: how far "nearby" reached, in km (the `stores` function's
   * `NEARBY_RADIUS_KM`, default 50). `stores` then holds only stores within it, nearest first, and
   * may be empty ("no stores within 50 km").
   */
  radiusKm: z.optional(z.number()),
}))
export type StoresResult = z.infer<typeof storesResult>

const bilingual = lazySchema(() => z.object({ 'zh-CN': z.string(), en: z.string() }))

export const announcementsResult = lazySchema(() => z.object({
  /** Live (not withdrawn) announcements, the latest version of each, newest first. */
  announcements: z.array(
    z.object({ announcementId: z.string(), version: z.number(), kind: z.enum(ANNOUNCEMENT_KINDS), title: bilingual, body: bilingual, publishedAt: z.string() }),
  ),
}))
export type AnnouncementsResult = z.infer<typeof announcementsResult>
