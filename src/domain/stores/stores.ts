import { z } from 'zod/mini'
import { lazySchema } from '../common/lazy-schema'

/** A store of the catalogue: public business data, no personal information. */
export const storeSchema = lazySchema(() => z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]{1,64}$/)),
  city: z.string().check(z.regex(/^[a-z-]{2,32}$/)),
  name: z.string().check(z.minLength(1)),
  address: z.string().check(z.minLength(1)),
  latitude: z.number().check(z.gte(-90), z.lte(90)),
  longitude: z.number().check(z.gte(-180), z.lte(180)),
  /** 1 = most popular in its city; `list` orders by it. */
  rank: z.number().check(z.int(), z.minimum(1)),
  url: z.string(),
}))
export type Store = z.infer<typeof storeSchema>

export interface Position {
  latitude: number
  longitude: number
}

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8

/** Great-circle distance by the haversine formula, rounded to whole metres. */
export function distanceMeters(a: Position, b: Position): number {
  const rad = Math.PI / 180
  const dLat = (b.latitude - a.latitude) * rad
  const dLng = (b.longitude - a.longitude) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))))
}

export interface NearestOptions {
  /** Only stores at most this many metres away (the rounded distance; the boundary is included). */
  radiusM: number
  /** At most this many stores. */
  limit: number
}

/**
 * The stores within `radiusM` of `from`, nearest first (ties by id, so the order is stable), at most
 * `limit` of them. Empty when none is that close: a store 1,000 km away is not "nearby".
 */
export function nearestStores(stores: readonly Store[], from: Position, { radiusM, limit }: NearestOptions): Array<Store & { distanceM: number }> {
  return stores
    .map((s) => ({ ...s, distanceM: distanceMeters(from, s) }))
    .filter((s) => s.distanceM <= radiusM)
    .sort((a, b) => a.distanceM - b.distanceM || a.id.localeCompare(b.id))
    .slice(0, limit)
}
