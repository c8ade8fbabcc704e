import type { Position, Store } from '../../../src/domain/stores/stores'
import { database, settled } from '../adapters/wx'

export const STORES = 'stores'

/** The SDK hands a stored GeoJSON point back as its `Geo.Point`, which carries these two fields. */
interface GeoPoint {
  longitude: number
  latitude: number
}

/** A stored store: its position is a `Geo.Point` in `location`, under the geo index of collections.json. */
type StoreRow = Omit<Store, 'id' | 'latitude' | 'longitude'> & { _id: string; location: GeoPoint }

function toStore({ _id, location, ...rest }: StoreRow): Store {
  return { id: _id, ...rest, latitude: location.latitude, longitude: location.longitude }
}

/** The public store catalogue, `_id` = store id. */
export const stores = {
  /** One city's stores, most popular first. */
  async inCity(city: string): Promise<Store[]> {
    const { data } = await settled(database().collection(STORES).where({ city }).orderBy('rank', 'asc').limit(1000).get())
    return (data as StoreRow[]).map(toStore)
  },

  /** The `limit` stores nearest to `at` within `radiusM` metres, nearest first (the database's geoNear). */
  async nearest(at: Position, radiusM: number, limit: number): Promise<Store[]> {
    const db = database()
    const location = db.command.geoNear({ geometry: db.Geo.Point(at.longitude, at.latitude), maxDistance: radiusM })
    const { data } = await settled(db.collection(STORES).where({ location }).limit(limit).get())
    return (data as StoreRow[]).map(toStore)
  },

  /** Writes the catalogue rows as given (create or replace), one round trip per store. */
  async put(catalogue: readonly Store[]): Promise<void> {
    const db = database()
    const rows = db.collection(STORES)
    for (const { id, latitude, longitude, ...rest } of catalogue) await settled(rows.doc(id).set({ data: { ...rest, location: db.Geo.Point(longitude, latitude) } }))
  },
}
