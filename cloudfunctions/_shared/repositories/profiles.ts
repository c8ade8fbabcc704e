import { type AvatarRef, newProfile, type ProfileRow } from '../../../src/domain/account/profile'
import type { CorrectionNote } from '../../../src/domain/personal/contact-book'
import { database, deleteFiles, inTransaction, lenientDatabase, settled, tempFileUrl, uploadFile, type WxTransaction } from '../adapters/wx'
import { corrections } from './corrections'

export const PROFILES = 'profiles'
/** Avatars live at `avatars/<openid>/avatar.jpg`: one fixed path per user, so a new avatar overwrites the old file. */
export const AVATARS_PREFIX = 'avatars'

export function avatarPath(openid: string): string {
  return `${AVATARS_PREFIX}/${openid}/avatar.jpg`
}

type ProfileChange = { nickname: string } | { avatar: AvatarRef } | { avatar: null }

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

  /**
   * Sets the nickname or the avatar reference (null removes it), creating the row if needed, and notes
   * the correction (field names only) in the same transaction; a retry of the same request writes the
   * same note again, not a second one.
   */
  async change(openid: string, appid: string, clientRequestId: string, now: Date, change: ProfileChange): Promise<ProfileRow> {
    const db = lenientDatabase()
    return inTransaction(db, async (tx: WxTransaction) => {
      const rows = tx.collection(PROFILES)
      const { data } = await settled(rows.doc(openid).get())
      const found = (data as ProfileRow | null) ?? undefined
      const after: ProfileRow = { ...(found ?? newProfile(openid, appid, now)) }
      let note: CorrectionNote
      if ('nickname' in change) {
        after.nickname = change.nickname
        after.nicknameSetAt = now
        note = { recordId: 'nickname', action: found?.nickname === undefined ? 'add' : 'update', fields: ['nickname'] }
      } else if (change.avatar) {
        after.avatar = change.avatar
        note = { recordId: 'avatar', action: found?.avatar ? 'update' : 'add', fields: ['avatar'] }
      } else {
        delete after.avatar
        note = { recordId: 'avatar', action: 'delete', fields: ['avatar'] }
      }
      // Only the changed field is written to an existing row, so a visit counted meanwhile is kept.
      const patch = 'nickname' in change ? { nickname: change.nickname, nicknameSetAt: now } : { avatar: change.avatar ?? db.command.remove() }
      if (found) await settled(rows.doc(openid).update({ data: patch }))
      else {
        const { _id, ...row } = after
        await settled(rows.doc(openid).set({ data: row }))
      }
      await corrections.record(tx, openid, clientRequestId, { category: 'profile', ...note }, now)
      return after
    })
  },

  /** Writes the avatar to the user's fixed path, replacing the previous file; answers its fileID. */
  uploadAvatar: (openid: string, jpeg: Uint8Array) => uploadFile(avatarPath(openid), jpeg),
  deleteAvatarFiles: deleteFiles,
  avatarUrl: tempFileUrl,
}
