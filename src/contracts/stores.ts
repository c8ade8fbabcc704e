import { z } from 'zod/mini'
import { ANNOUNCEMENT_KINDS } from '../domain/announcements/announcement'
import type { ReplySchemas } from './replies'

/** Requests the `stores` cloud function accepts. */
export const storesRequest = z.discriminatedUnion('action', [
  /** Stores of one city, by popularity: needs no personal data (browse mode). */
  z.object({ action: z.literal('list'), city: z.string().check(z.regex(/^[a-z-]{2,32}$/)) }),
  /**
   * Stores within the nearby radius of where the user is, nearest first. Needs a standing
   * `scope.userLocation` grant in the ledger; the position is kept at most 24 hours and deleted when
   * the user withdraws.
   */
  z.object({
    action: z.literal('nearby'),
    latitude: z.number().check(z.gte(-90), z.lte(90)),
    longitude: z.number().check(z.gte(-180), z.lte(180)),
  }),
])
export type StoresRequest = z.infer<typeof storesRequest>

export const storeView = z.object({
  id: z.string(),
  name: z.string(),
  city: z.string(),
  address: z.string(),
  /** Metres from the user; only in `nearby` replies. */
  distanceM: z.optional(z.number()),
})
export type StoreView = z.infer<typeof storeView>

export const storesResult = z.object({
  stores: z.array(storeView),
  /**
   * Only in `nearby` replies: how far "nearby" reached, in km (the `stores` function's
   * `NEARBY_RADIUS_KM`, default 50). `stores` then holds only stores within it, nearest first, and
   * may be empty ("no stores within 50 km").
   */
  radiusKm: z.optional(z.number()),
})
export type StoresResult = z.infer<typeof storesResult>

/** The reply of each action. */
export const storesReplies = { list: storesResult, nearby: storesResult } satisfies ReplySchemas<StoresRequest>

/**
 * The `stores` function's one request that needs no identity at all: answered for any caller, even one
 * without an openid, before the policy is agreed. It reads no personal data and writes nothing.
 */
export const announcementsRequest = z.object({ action: z.literal('announcements') })
export type AnnouncementsRequest = z.infer<typeof announcementsRequest>

const bilingual = z.object({ 'zh-CN': z.string(), en: z.string() })

export const announcementsResult = z.object({
  /** Live (not withdrawn) announcements, the latest version of each, newest first. */
  announcements: z.array(
    z.object({ announcementId: z.string(), version: z.number(), kind: z.enum(ANNOUNCEMENT_KINDS), title: bilingual, body: bilingual, publishedAt: z.string() }),
  ),
})
export type AnnouncementsResult = z.infer<typeof announcementsResult>
