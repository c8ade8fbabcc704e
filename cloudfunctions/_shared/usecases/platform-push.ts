import type { AuthorizationPush, PushOutcome } from '../../../src/contracts/wxpush'
import { targetKey } from '../../../src/domain/consent/consent-targets'
import { pushRequestId, pushWithdrawal, readPush, type Revocation } from '../../../src/domain/push/authorization-change'
import { profiles } from '../repositories/profiles'
import { cancelForGoneAccount } from './cancellation'
import { consentViewOf, record, type RecordInputs } from './consent'
import { isOwnAvatar } from './held'

/**
 * WeChat says a user withdrew an authorization or is gone (docs/platform-pushes.md). A revocation
 * withdraws the matching standing grant in the user's ledger as a `platform-push` event (a scope never
 * granted, or withdrawn already, is left as it is: no event, no error; no position is stored) and deletes the picked
 * photo we keep; a gone account starts the deletion at once. A repeated push changes nothing more.
 */
export async function authorizationChanged(push: AuthorizationPush, inputs: RecordInputs): Promise<PushOutcome> {
  const change = readPush(push)
  if (change.kind === 'cancellation') {
    return { event: 'user_authorization_cancellation', cancellationId: await cancelForGoneAccount(change.openid, inputs.clock()) }
  }
  if (change.kind === 'plugin-revoke') return { event: 'user_authorization_revoke', withdrawn: [], removed: [], notCollected: [], plugin: true }
  const withdrawn: string[] = []
  const removed: string[] = []
  // Without a chain nothing was granted, so nothing is withdrawn (and reading makes no salt).
  const consents = await consentViewOf(change.openid)
  for (const revocation of change.revocations) {
    if (revocation.removesAvatar && (await removeAvatar(change.openid, push, revocation, inputs.clock()))) removed.push('avatar')
    const standing = consents[targetKey(revocation.target)]
    // Only a standing grant is withdrawn: one withdrawn already, in the app or by this push before, stays as it is.
    if (standing?.state !== 'granted') continue
    await record({ action: 'record', request: pushWithdrawal(push, revocation, standing.policy) }, { openid: change.openid }, inputs)
    withdrawn.push(targetKey(revocation.target))
  }
  return { event: 'user_authorization_revoke', withdrawn, removed, notCollected: change.notCollected, plugin: false }
}

/** Deletes the avatar file, then its reference, so a run cut short in between finds the reference and goes again. */
async function removeAvatar(openid: string, push: AuthorizationPush, revocation: Revocation, now: Date): Promise<boolean> {
  const avatar = (await profiles.find(openid))?.avatar
  if (!avatar) return false
  if (isOwnAvatar(openid, avatar.fileID)) await profiles.deleteAvatarFiles([avatar.fileID])
  await profiles.change(openid, '', pushRequestId(push, revocation.id), now, { avatar: null })
  return true
}
