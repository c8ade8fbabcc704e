import { z } from 'zod/mini'

/** Requests the `account` cloud function accepts; identity never travels in the payload. */
export const accountRequest = z.discriminatedUnion('action', [z.object({ action: z.literal('me') })])
export type AccountRequest = z.infer<typeof accountRequest>

/** What the personal centre shows about the signed-in user. */
export const meView = z.object({
  openid: z.string(),
  appid: z.string(),
  visits: z.number(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
})
export type MeView = z.infer<typeof meView>
