import type { StoresRequest, StoresResult, StoreView } from '../../../src/contracts/stores'
import type { UserActor } from '../../../src/domain/common/actor'
import { DomainError } from '../../../src/domain/common/errors'
import { isGranted } from '../../../src/domain/consent/consent-state'
import { POLICY_TARGET_ID } from '../../../src/domain/consent/consent-targets'
import { nearestStores, type Store } from '../../../src/domain/stores/stores'
import { stores } from '../repositories/stores'
import { consentViewOf } from './consent'

type Req<A extends StoresRequest['action']> = Extract<StoresRequest, { action: A }>

const LOCATION = { kind: 'scope', id: 'scope.userLocation' } as const
const POLICY = { kind: 'policy', id: POLICY_TARGET_ID } as const
const NEARBY_LIMIT = 20
/** How far "nearby" reaches when the function's `NEARBY_RADIUS_KM` is unset or unusable. */
export const DEFAULT_NEARBY_RADIUS_KM = 50

/**
 * The nearby radius in km, from the `stores` function's `NEARBY_RADIUS_KM` environment variable (set
 * per function in the CloudBase console; config.json has no field for it). Only a plain positive
 * decimal counts ("30", "7.5"); unset, empty, zero, negative or anything else ("abc", "1e3", "30km")
 * falls back to the default rather than failing: a mistyped setting must neither break the feature
 * nor turn "nearby" into "anywhere".
 */
export function nearbyRadiusKm(raw: string | undefined): number {
  const text = raw?.trim() ?? ''
  const km = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN
  return km > 0 ? km : DEFAULT_NEARBY_RADIUS_KM
}

function view(s: Store): StoreView {
  return { id: s.id, name: s.name, city: s.city, address: s.address }
}

/** Browse mode: reads no personal data at all. */
export async function list(request: Req<'list'>): Promise<StoresResult> {
  return { stores: (await stores.inCity(request.city)).map(view) }
}

/**
 * Stores within the nearby radius of the caller, nearest first. The position is used for this query
 * only and stored nowhere (the policy promises it), so the grant check is a read; the catalogue read
 * runs beside it: public data, which a refusal discards.
 */
export async function nearby(request: Req<'nearby'>, actor: UserActor): Promise<StoresResult> {
  const at = { latitude: request.latitude, longitude: request.longitude }
  // Read per call, never at module load (like the region): the env is the invocation's.
  const radiusKm = nearbyRadiusKm(process.env.NEARBY_RADIUS_KM)
  const radiusM = radiusKm * 1000
  const [consents, near] = await Promise.all([
    consentViewOf(actor.openid),
    // The database's geoNear picks the nearest within the radius through the geo index, instead of a
    // scan of the whole catalogue here.
    stores.nearest(at, radiusM, NEARBY_LIMIT),
  ])
  // The scope rests on the policy agreement: a grant left over from before a withdrawal counts for nothing.
  if (!isGranted(consents, POLICY)) throw new DomainError('CONSENT.REQUIRED', 'nearby stores need your agreement to the privacy policy')
  if (!isGranted(consents, LOCATION)) throw new DomainError('CONSENT.REQUIRED', 'nearby stores need your location permission (scope.userLocation)')
  // The shown distance and a stable order for ties (by id), over the few stores the query returned. The
  // database measures on MongoDB's 6,378.1 km sphere, never less than the domain's mean-radius distance,
  // so its radius check here drops none of them.
  const found = nearestStores(near, at, { radiusM, limit: NEARBY_LIMIT })
  return { stores: found.map((s) => ({ ...view(s), distanceM: s.distanceM })), radiusKm }
}
