import type { Position } from '../../../src/domain/stores/stores'
import { database, lenientDatabase, settled, type WxTransaction } from '../adapters/wx'

export const LOCATIONS = 'locations'

/** The user's last position for nearby stores: one row per openid (`_id`), overwritten, purged after 24 h. */
export const locations = {
  /** Inside the caller's transaction, so it commits only if the grant it checked still stands. */
  async put(tx: WxTransaction, openid: string, at: Position, now: Date): Promise<void> {
    await settled(tx.collection(LOCATIONS).doc(openid).set({ data: { openid, latitude: at.latitude, longitude: at.longitude, createdAt: now } }))
  },

  /** Inside the withdrawal's transaction: the position goes exactly when the grant does. */
  async remove(tx: WxTransaction, openid: string): Promise<void> {
    await settled(tx.collection(LOCATIONS).doc(openid).remove())
  },

  async find(openid: string): Promise<(Position & { createdAt: Date }) | undefined> {
    const { data } = await settled(lenientDatabase().collection(LOCATIONS).doc(openid).get())
    return (data as (Position & { createdAt: Date }) | null) ?? undefined
  },

  /** Deletes every row created before `cutoff`; answers how many. */
  async purgeBefore(cutoff: Date): Promise<number> {
    const db = database()
    const { stats } = await settled(db.collection(LOCATIONS).where({ createdAt: db.command.lt(cutoff) }).remove())
    return stats.removed
  },
}
