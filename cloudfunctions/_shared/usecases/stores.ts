import type { StoresRequest, StoresResult, StoreView } from '../../../src/contracts/stores'
import type { UserActor } from '../../../src/domain/common/actor'
import { DomainError } from '../../../src/domain/common/errors'
import { isGranted } from '../../../src/domain/consent/consent-state'
import { locationPurgeCutoff, nearestStores, type Store } from '../../../src/domain/stores/stores'
import { inTransaction, lenientDatabase } from '../adapters/wx'
import { consentLedger } from '../repositories/consent-ledger'
import { locations } from '../repositories/locations'
import { stores } from '../repositories/stores'
import { subjectOf } from './consent'

type Req<A extends StoresRequest['action']> = Extract<StoresRequest, { action: A }>

const LOCATION = { kind: 'scope', id: 'scope.userLocation' } as const
const NEARBY_LIMIT = 20

function view(s: Store): StoreView {
  return { id: s.id, name: s.name, city: s.city, address: s.address }
}

/** Browse mode: reads no personal data at all. */
export async function list(request: Req<'list'>): Promise<StoresResult> {
  return { stores: (await stores.inCity(request.city)).map(view) }
}

/**
 * Stores nearest to the caller. The grant check and the stored position share one transaction with
 * the chain head, so a withdrawal committed meanwhile makes this conflict and retry (then refuse)
 * instead of leaving a position behind after the user withdrew.
 */
export async function nearby(request: Req<'nearby'>, actor: UserActor, now: Date): Promise<StoresResult> {
  const subject = await subjectOf(actor.openid)
  const refused = () => new DomainError('CONSENT.REQUIRED', 'nearby stores need your location permission (scope.userLocation)')
  if (!subject) throw refused()
  const at = { latitude: request.latitude, longitude: request.longitude }
  const [, catalogue] = await Promise.all([
    inTransaction(lenientDatabase(), async (tx) => {
      const head = await consentLedger.head(subject, tx)
      if (!head || !isGranted(head.consents, LOCATION)) throw refused()
      await locations.put(tx, actor.openid, at, now)
    }),
    stores.all(),
  ])
  return { stores: nearestStores(catalogue, at, NEARBY_LIMIT).map((s) => ({ ...view(s), distanceM: s.distanceM })) }
}

/** Timer: deletes stored positions before they outlive the 24 hours the policy promises. */
export async function purgeLocations(now: Date): Promise<{ removed: number }> {
  return { removed: await locations.purgeBefore(locationPurgeCutoff(now)) }
}
