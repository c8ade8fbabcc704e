import type { Store } from '../../../src/domain/stores/stores'
import { database, settled } from '../adapters/wx'

export const STORES = 'stores'

type StoreRow = Omit<Store, 'id'> & { _id: string }

function toStore({ _id, ...rest }: StoreRow): Store {
  return { id: _id, ...rest }
}

/** The public store catalogue, `_id` = store id. */
export const stores = {
  /** One city's stores, most popular first. */
  async inCity(city: string): Promise<Store[]> {
    const { data } = await settled(database().collection(STORES).where({ city }).orderBy('rank', 'asc').limit(1000).get())
    return (data as StoreRow[]).map(toStore)
  },

  /** The whole catalogue (a few hundred stores at most, so one read; a larger one would need a geo index). */
  async all(): Promise<Store[]> {
    const { data } = await settled(database().collection(STORES).limit(1000).get())
    return (data as StoreRow[]).map(toStore)
  },

  /** Writes the catalogue rows as given (create or replace), one round trip per store. */
  async put(catalogue: readonly Store[]): Promise<void> {
    const rows = database().collection(STORES)
    for (const { id, ...rest } of catalogue) await settled(rows.doc(id).set({ data: rest }))
  },
}
