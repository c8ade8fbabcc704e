import { z } from 'zod/mini'
import { lazySchema } from '../domain/common/lazy-schema'
import { storesResult } from './launch'
import type { ReplySchemas } from './replies'

export { announcementsResult, type AnnouncementsResult, type StoreView, storeView, storesResult, type StoresResult } from './launch'

/** Requests the `stores` cloud function accepts. */
export const storesRequest = lazySchema(() => z.discriminatedUnion('action', [
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
]))
export type StoresRequest = z.infer<typeof storesRequest>

/** The reply of each action. */
export const storesReplies = { list: storesResult, nearby: storesResult } satisfies ReplySchemas<StoresRequest>

/**
 * The `stores` function's one request that needs no identity at all: answered for any caller, even one
 * without an openid, before the policy is agreed. It reads no personal data and writes nothing.
 */
export const announcementsRequest = lazySchema(() => z.object({ action: z.literal('announcements') }))
export type AnnouncementsRequest = z.infer<typeof announcementsRequest>

