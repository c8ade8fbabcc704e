import type { AccountRequest, MeView } from '../../../src/contracts/account'
import type { UserActor } from '../../../src/domain/common/actor'
import { stageOf } from '../../../src/domain/cancellation/cancellation'
import { cancellations } from '../repositories/cancellations'
import { profiles } from '../repositories/profiles'

/** The signed-in user's own profile row, counting this visit, and whether a cancellation is pending. */
export async function me(_request: Extract<AccountRequest, { action: 'me' }>, actor: UserActor): Promise<MeView> {
  const [row, open] = await Promise.all([profiles.recordVisit(actor.openid, actor.appid ?? '', new Date()), cancellations.open(actor.openid)])
  return {
    ...(open ? { pendingCancellation: stageOf(open, open) } : {}),
    openid: row._id,
    appid: row.appid,
    visits: row.visits,
    firstSeenAt: new Date(row.firstSeenAt).toISOString(),
    lastSeenAt: new Date(row.lastSeenAt).toISOString(),
  }
}
