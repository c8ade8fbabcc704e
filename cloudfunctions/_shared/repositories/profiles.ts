import { z } from 'zod/mini'
import { type AvatarRef, newProfile, type ProfileRow } from '../../../src/domain/account/profile'
import type { CorrectionNote } from '../../../src/domain/personal/contact-book'
import { database, deleteFiles, inTransaction, lenientDatabase, settled, tempFileUrl, uploadFile, type WxTransaction } from '../adapters/wx'
import { dbDate, lazy, parseDoc, rowId } from '../rows/parse'
import { corrections } from './corrections'

export const PROFILES = 'profiles'
/** Avatars live at `avatars/<openid>/avatar.jpg`: one fixed path per user, so a new avatar overwrites the old file. */
export const AVATARS_PREFIX = 'avatars'

export function avatarPath(openid: string): string {
  return `${AVATARS_PREFIX}/${openid}/avatar.jpg`
}

/** Built on first use (see `lazy`); checked against `ProfileRow` wherever a parsed row is answered as one. */
const rowSchema = lazy(() =>
  z.object({
    _id: rowId(),
    appid: z.string(),
    firstSeenAt: dbDate(),
    nickname: z.optional(z.string()),
    nicknameSetAt: z.optional(dbDate()),
    avatar: z.optional(z.object({ fileID: z.string(), sha256: z.string(), size: z.number(), updatedAt: dbDate() })),
  }),
)
const parse = (data: unknown): ProfileRow | undefined => parseDoc(rowSchema(), data, PROFILES)

type ProfileChange = { nickname: string } | { avatar: AvatarRef } | { avatar: null }

/** Profile rows in CloudBase, one per openid (the row id). */
export const profiles = {
  /** The row, created on first use (only the openid, appid and when). One round trip for a returning user. */
  async ensure(openid: string, appid: string, now: Date): Promise<ProfileRow> {
    const rows = lenientDatabase().collection(PROFILES)
    const found = parse((await settled(rows.doc(openid).get())).data)
    if (found) return found
    const { _id, ...row } = newProfile(openid, appid, now)
    try {
      await settled(rows.add({ data: { _id, ...row } }))
    } catch (err) {
      // A concurrent first use created it between our read and add: answer that row.
      const again = parse((await settled(rows.doc(openid).get())).data)
      if (!again) throw err
      return again
    }
    return newProfile(openid, appid, now)
  },

  /** Removes the account row (the policy was withdrawn); the avatar file goes first, by its fixed path. Answers whether a row was there. */
  async removeAccount(openid: string): Promise<boolean> {
    const found = await profiles.find(openid)
    if (found?.avatar) await deleteFiles([found.avatar.fileID])
    const { stats } = await settled(database().collection(PROFILES).where({ _id: openid }).remove())
    return stats.removed > 0
  },

  /** The row, or undefined for someone who never signed in. */
  async find(openid: string): Promise<ProfileRow | undefined> {
    const { data } = await settled(lenientDatabase().collection(PROFILES).doc(openid).get())
    return parse(data)
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
      const found = parse(data)
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
