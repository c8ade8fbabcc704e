import { newProfile, type ProfileRow } from '../../../src/domain/account/profile'
import { database, lenientDatabase, settled } from '../adapters/wx'

export const PROFILES = 'profiles'

/** Profile rows in CloudBase, one per openid (the row id). */
export const profiles = {
  /** Counts a visit and returns the row; creates it on the first visit. Two round trips for a returning user. */
  async recordVisit(openid: string, appid: string, now: Date): Promise<ProfileRow> {
    const db = database()
    const rows = db.collection(PROFILES)
    const { stats } = await settled(rows.doc(openid).update({ data: { visits: db.command.inc(1), lastSeenAt: now } }))
    if (stats.updated === 0) {
      try {
        await settled(rows.add({ data: newProfile(openid, appid, now) }))
      } catch (err) {
        // A concurrent first visit created the row between our update and add: count this visit on it.
        const retry = await settled(rows.doc(openid).update({ data: { visits: db.command.inc(1), lastSeenAt: now } }))
        if (retry.stats.updated !== 1) throw err
      }
    }
    const { data } = await settled(rows.doc(openid).get())
    return data as ProfileRow
  },

  /** The row, or undefined for someone who never signed in. */
  async find(openid: string): Promise<ProfileRow | undefined> {
    const { data } = await settled(lenientDatabase().collection(PROFILES).doc(openid).get())
    return (data as ProfileRow | null) ?? undefined
  },
}
