import { z } from 'zod/mini'
import { lazySchema } from '../domain/common/lazy-schema'

/**
 * What the `wxpush` cloud function accepts: WeChat's `authorized_user_information_changes` message push
 * as CloudBase delivers it (JSON only; fields and sources in docs/platform-pushes.md). The user is
 * `OpenID`; `FromUserName` is WeChat's push service, never the user.
 */

/**
 * WeChat's JSON examples write some keys with a leading space (`" OpenID"`), so keys are read trimmed.
 * Answers the key given twice with different values, if any: then no one can tell which WeChat meant.
 */
function trimKeys(event: object): { fields: Record<string, unknown> } | { clash: string } {
  // A Map, then fromEntries: a `__proto__` key stays a plain key instead of setting the prototype.
  const fields = new Map<string, unknown>()
  for (const [raw, value] of Object.entries(event)) {
    const key = raw.trim()
    if (fields.has(key) && fields.get(key) !== value) return { clash: key }
    fields.set(key, value)
  }
  return { fields: Object.fromEntries(fields) }
}

const keysTrimmed = lazySchema(() => z.transform((event: unknown, ctx) => {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return event
  const read = trimKeys(event)
  if ('fields' in read) return read.fields
  ctx.issues.push({ code: 'custom', input: event, message: `${read.clash} is given twice with different values` })
  return z.NEVER
}))

const openid = lazySchema(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/)))
const name = lazySchema(() => z.string().check(z.maxLength(128)))

export const authorizationPush = lazySchema(() => z.pipe(
  keysTrimmed,
  z.object({
    /** `event` in the examples, `Event` in the mini-program field table. */
    MsgType: z.string().check(z.regex(/^event$/i)),
    /** Checked against the events this app handles by the use case, which answers `PUSH.UNSUPPORTED_EVENT`. */
    Event: z.string().check(z.regex(/^[a-z_]{1,64}$/)),
    OpenID: openid,
    /** Unix seconds; a number in WeChat's examples, also taken as a digit string. */
    CreateTime: z.union([z.int().check(z.gte(0)), z.pipe(z.string().check(z.regex(/^\d{1,12}$/)), z.transform(Number))]),
    /** Which authorization was withdrawn: WeChat's id (`13`); a comma-separated list is taken too. */
    RevokeInfo: z.optional(z.string().check(z.regex(/^\d{1,4}(,\d{1,4})*$/))),
    AppID: z.optional(name),
    ToUserName: z.optional(name),
    FromUserName: z.optional(name),
    UnionID: z.optional(name),
    /** Set when the user withdrew from a plugin's use (with its `OpenPID`): data the plugin holds, not us. */
    PluginID: z.optional(name),
  }),
))
export type AuthorizationPush = z.infer<typeof authorizationPush>

/** What the function answers (for the logs and the emulator: WeChat only needs the call to succeed). */
export type PushOutcome =
  | {
      event: 'user_authorization_revoke'
      /** Targets whose standing grant this push withdrew (`scope:scope.userLocation`); empty when none stood. */
      withdrawn: string[]
      /** Stored data deleted for it besides what a withdrawal deletes: `avatar`. */
      removed: string[]
      /** RevokeInfo ids for data this app does not collect. */
      notCollected: string[]
      /** A plugin's user withdrew: nothing of ours to do. */
      plugin: boolean
    }
  | { event: 'user_authorization_cancellation'; cancellationId: string }
