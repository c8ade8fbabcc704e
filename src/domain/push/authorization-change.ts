import type { AuthorizationPush } from '../../contracts/wxpush'
import { DomainError } from '../common/errors'
import type { ConsentRequest, ConsentTarget } from '../consent/consent-event'
import { sha256Hex } from '../common/hashing'
import type { PolicyRef } from '../policy/policy-version'

/**
 * WeChat's `authorized_user_information_changes` push (docs/platform-pushes.md): what it means here.
 * Pure: the push in, what to withdraw, delete or cancel out.
 */

export const REVOKE_EVENT = 'user_authorization_revoke'
export const CANCELLATION_EVENT = 'user_authorization_cancellation'

/**
 * `getWXContext().SOURCE` values of the calls a mini-program user can make (the getWXContext docs):
 * the app itself, the IDE's simulator and local debugging, WeChat's crawler running the app. A push is
 * none of these, and SOURCE keeps the whole chain (`wx_client,scf`), so a relayed call shows it too.
 */
export const CLIENT_SOURCES = ['wx_client', 'wx_devtools', 'wx_localdebug', 'wx_crawler'] as const

export function isClientSource(source: string | undefined): boolean {
  return (source ?? '').split(',').some((s) => (CLIENT_SOURCES as readonly string[]).includes(s.trim()))
}

/** What one RevokeInfo id ends here. */
export interface Revocation {
  /** WeChat's id, e.g. `13`. */
  id: string
  /** The ledger target whose standing grant it withdraws. */
  target: ConsentTarget
  /** Whether the avatar goes too: a photo the user picked in the album, which is what id 14 covers. */
  removesAvatar: boolean
}

/**
 * WeChat's RevokeInfo ids for what this app collects. 13 is 位置信息 (location); 14 is 选中的图片或视频
 * (photos or videos the user picked). The app's one photo permission is the album scope, so a photo
 * revocation withdraws that grant as well as deleting the picked photo we keep (the avatar).
 */
const REVOCATIONS: Readonly<Record<string, Omit<Revocation, 'id'>>> = {
  '13': { target: { kind: 'scope', id: 'scope.userLocation' }, removesAvatar: false },
  '14': { target: { kind: 'scope', id: 'scope.writePhotosAlbum' }, removesAvatar: true },
}

/**
 * Bumped when the mapping above changes: it is the `appVersion` of every event a push records, so a
 * receipt says which mapping decided what the user's WeChat revocation meant.
 */
export const PUSH_MAPPING_VERSION = '1'

export type AuthorizationChange =
  | { kind: 'revoke'; openid: string; revocations: Revocation[]; notCollected: string[] }
  | { kind: 'plugin-revoke' }
  | { kind: 'cancellation'; openid: string }

/**
 * What a push asks of us.
 * @throws DomainError `PUSH.UNSUPPORTED_EVENT` for another event; `COMMON.INVALID_INPUT` for a
 * revocation without RevokeInfo.
 */
export function readPush(push: AuthorizationPush): AuthorizationChange {
  switch (push.Event) {
    case CANCELLATION_EVENT:
      return { kind: 'cancellation', openid: push.OpenID }
    case REVOKE_EVENT: {
      if (push.RevokeInfo === undefined) throw new DomainError('COMMON.INVALID_INPUT', 'RevokeInfo: required for user_authorization_revoke')
      // A plugin's own user withdrew from the plugin: what it collected is the plugin's, not ours.
      if (push.PluginID !== undefined) return { kind: 'plugin-revoke' }
      const ids = [...new Set(push.RevokeInfo.split(','))]
      return {
        kind: 'revoke',
        openid: push.OpenID,
        revocations: ids.flatMap((id) => (REVOCATIONS[id] ? [{ id, ...REVOCATIONS[id] }] : [])),
        notCollected: ids.filter((id) => !REVOCATIONS[id]),
      }
    }
    default:
      throw new DomainError('PUSH.UNSUPPORTED_EVENT', `event ${push.Event} is not handled`)
  }
}

/**
 * The client request id for what one push does about one RevokeInfo id: the same push delivered twice
 * (WeChat retries) names the same request, so the ledger replays instead of appending again.
 */
export function pushRequestId(push: AuthorizationPush, revokeId: string): string {
  return `wxpush-${sha256Hex([push.Event, push.OpenID, push.CreateTime, revokeId].join('\n')).slice(0, 40)}`
}

/** The ledger record of a revocation, citing the policy the withdrawn grant cited. */
export function pushWithdrawal(push: AuthorizationPush, revocation: Revocation, policy: PolicyRef): ConsentRequest {
  return {
    clientRequestId: pushRequestId(push, revocation.id),
    target: revocation.target,
    decision: 'withdraw',
    policy,
    method: 'platform-push',
    page: 'wxpush',
    client: { platform: 'server', appVersion: PUSH_MAPPING_VERSION },
    // Nothing was shown for this record and the push names no language: the policy's default one.
    language: 'zh-CN',
  }
}
