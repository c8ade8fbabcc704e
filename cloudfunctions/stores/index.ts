import { announcementsRequest, storesRequest } from '../../src/contracts/stores'
import { DomainError, type Reply } from '../../src/domain/common/errors'
import { isMainlandRegion } from '../../src/domain/common/region'
import { currentRegion } from '../_shared/adapters/wx'
import { defineHandler } from '../_shared/handler'
import { currentAnnouncements } from '../_shared/usecases/announcements'
import { list, nearby } from '../_shared/usecases/stores'

const forUsers = defineHandler({
  request: storesRequest,
  routes: { list, nearby },
})

/**
 * `announcements` is answered for anyone, an openid or not (it reads no personal data and writes
 * nothing), with the region guard every handler applies; every other event goes to the user handler.
 */
export async function main(event: unknown): Promise<Reply<unknown>> {
  if (!announcementsRequest.safeParse(event).success) return forUsers(event)
  try {
    if (!isMainlandRegion(currentRegion())) throw new DomainError('COMMON.REGION_NOT_ALLOWED', 'this function only runs in a mainland-China region')
    return { ok: true, data: await currentAnnouncements() }
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, code: err.code, message: err.message }
    console.error('[stores] announcements failed', err instanceof Error ? err.name : typeof err)
    return { ok: false, code: 'COMMON.INTERNAL', message: 'internal error, please retry' }
  }
}
