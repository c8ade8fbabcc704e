import type { Identity } from '../types'

/**
 * WeChat's message push as CloudBase delivers it to a function (docs/platform-pushes.md): the event
 * is the push's JSON, and the invocation has no mini-program caller.
 */

/** The function the emulator's message-push config routes pushes to, unless `--push-function` says otherwise. */
export const PUSH_FUNCTION = 'wxpush'

/**
 * SOURCE of a push invocation. Undocumented: `wx_unknown` ("微信未知来源调用") is the getWXContext
 * table's value for a WeChat-side caller it does not list. Inferred, not observed on a live account.
 */
export const PUSH_SOURCE = 'wx_unknown'

/** The push service's own name, as WeChat's FromUserName (fictional). */
export const PUSH_SERVICE_USER = 'o_wechat_push_service'

/**
 * The identity a push runs as. OPENID is the push's FromUserName, as the customer-service example of
 * CloudBase's message push replies to `getWXContext().OPENID` (inferred for this event, where
 * FromUserName is WeChat's push service, not the user); APPID is this app.
 */
export function pushIdentity(push: Record<string, unknown>, appId: string): Identity {
  const from = push.FromUserName
  return { ...(typeof from === 'string' && from !== '' ? { OPENID: from } : {}), APPID: appId, SOURCE: PUSH_SOURCE }
}

export interface AuthorizationPushInput {
  /** `user_authorization_revoke`, `user_authorization_cancellation` (or anything, to try a refusal). */
  event: string
  openid: string
  /** WeChat's id of what was withdrawn: `13` location, `14` picked photos or videos. */
  revokeInfo?: string
  appId: string
  /** Milliseconds since the epoch; CreateTime is in seconds. */
  now: number
}

/** An `authorized_user_information_changes` push in the JSON shape of WeChat's mini-program example. */
export function buildAuthorizationPush(change: AuthorizationPushInput): Record<string, unknown> {
  return {
    ToUserName: `gh_${change.appId}`,
    FromUserName: PUSH_SERVICE_USER,
    CreateTime: Math.floor(change.now / 1000),
    MsgType: 'event',
    Event: change.event,
    OpenID: change.openid,
    AppID: change.appId,
    ...(change.revokeInfo === undefined ? {} : { RevokeInfo: change.revokeInfo }),
  }
}
