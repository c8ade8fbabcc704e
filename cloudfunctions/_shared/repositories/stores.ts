import { z } from 'zod/mini'
import { type Position, type Store, storeSchema } from '../../../src/domain/stores/stores'
import { database, settled } from '../adapters/wx'
import { lazy, parseRows } from '../rows/parse'

export const STORES = 'stores'

/**
 * A stored store: its position is a `Geo.Point` in `location`, under the geo index of collections.json;
 * the SDK hands it back as its `Geo.Point`, which carries `longitude` and `latitude`. Built on first use (see `lazy`).
 */
const rowSchema = lazy(() =>
  z.extend(z.omit(storeSchema, { id: true, latitude: true, longitude: true }), {
    _id: storeSchema.shape.id,
    location: z.object({ longitude: storeSchema.shape.longitude, latitude: storeSchema.shape.latitude }),
  }),
)
type StoreRow = z.infer<ReturnType<typeof rowSchema>>

function toStore({ _id, location, ...rest }: StoreRow): Store {
  return { id: _id, ...rest, latitude: location.latitude, longitude: location.longitude }
}

/** The public store catalogue, `_id` = store id. */
export const stores = {
  /** One city's stores, most popular first. */
  async inCity(city: string): Promise<Store[]> {
    const { data } = await settled(database().collection(STORES).where({ city }).orderBy('rank', 'asc').limit(1000).get())
    return parseRows(rowSchema(), data, STORES).map(toStore)
  },

  /** The `limit` stores nearest to `at` within `radiusM` metres, nearest first (the database's geoNear). */
  async nearest(at: Position, radiusM: number, limit: number): Promise<Store[]> {
    const db = database()
    const location = db.command.geoNear({ geometry: db.Geo.Point(at.longitude, at.latitude), maxDistance: radiusM })
    const { data } = await settled(db.collection(STORES).where({ location }).limit(limit).get())
    return parseRows(rowSchema(), data, STORES).map(toStore)
  },

  /** Writes the catalogue rows as given (create or replace), one round trip per store. */
  async put(catalogue: readonly Store[]): Promise<void> {
    const db = database()
    const rows = db.collection(STORES)
    for (const { id, latitude, longitude, ...rest } of catalogue) await settled(rows.doc(id).set({ data: { ...rest, location: db.Geo.Point(longitude, latitude) } }))
  },
}
