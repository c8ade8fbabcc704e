import type { AccountRequest, MeView } from '../../../src/contracts/account'
import type { UserActor } from '../../../src/domain/common/actor'
import { profiles } from '../repositories/profiles'

/** The signed-in user's own profile row, counting this visit. */
export async function me(_request: Extract<AccountRequest, { action: 'me' }>, actor: UserActor): Promise<MeView> {
  const row = await profiles.recordVisit(actor.openid, actor.appid ?? '', new Date())
  return {
    openid: row._id,
    appid: row.appid,
    visits: row.visits,
    firstSeenAt: new Date(row.firstSeenAt).toISOString(),
    lastSeenAt: new Date(row.lastSeenAt).toISOString(),
  }
}
