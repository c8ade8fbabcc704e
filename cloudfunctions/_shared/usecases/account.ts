import type { AccountRequest, MeView } from '../../../src/contracts/account'
import type { UserActor } from '../../../src/domain/common/actor'
import { stageOf } from '../../../src/domain/cancellation/cancellation'
import { cancellations } from '../repositories/cancellations'
import { profiles } from '../repositories/profiles'
import { requireAgreement } from './held'

/**
 * The signed-in user's own account row (created on first use, only once they agreed to the policy:
 * account identity rests on it) and whether a cancellation is pending.
 */
export async function me(_request: Extract<AccountRequest, { action: 'me' }>, actor: UserActor, now: Date): Promise<MeView> {
  await requireAgreement(actor.openid)
  const [row, open] = await Promise.all([profiles.ensure(actor.openid, actor.appid ?? '', now), cancellations.open(actor.openid)])
  return {
    ...(open ? { pendingCancellation: stageOf(open, open) } : {}),
    openid: row._id,
    appid: row.appid,
    firstSeenAt: new Date(row.firstSeenAt).toISOString(),
  }
}
