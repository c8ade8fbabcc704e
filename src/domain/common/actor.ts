/**
 * Who is calling, as the platform vouches for it (`cloud.getWXContext()`), never as the payload claims.
 * `openid` is absent for console and timer invocations.
 */
export interface Actor {
  openid?: string
  appid?: string
  /** `wx_client` for mini-program calls; `wx_trigger` for timers; absent for the console. */
  source?: string
}

/** A mini-program user: the only actor user-facing actions accept. */
export type UserActor = Actor & { openid: string }

export function isUser(actor: Actor): actor is UserActor {
  return typeof actor.openid === 'string' && actor.openid !== ''
}
