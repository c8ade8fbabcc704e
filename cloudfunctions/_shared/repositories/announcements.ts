import { z } from 'zod/mini'
import { ANNOUNCEMENT_KINDS, type AnnouncementVersion } from '../../../src/domain/announcements/announcement'
import { database, lenientDatabase, settled } from '../adapters/wx'
import { lazy, parseRows } from '../rows/parse'

export const ANNOUNCEMENTS = 'announcements'

/** One row per version, `_id` = `<announcementId>-v<version>`, so two publishes of one version cannot both land. Built on first use (see `lazy`). */
const rowSchema = lazy(() => {
  const bilingual = z.object({ 'zh-CN': z.string(), en: z.string() })
  const text = z.optional(z.string())
  return z.object({
    _id: z.string(),
    announcementId: z.string(),
    version: z.number().check(z.int(), z.minimum(1)),
    kind: z.enum(ANNOUNCEMENT_KINDS),
    title: bilingual,
    body: bilingual,
    publishedAt: z.string(),
    publishedBy: z.string(),
    withdrawnAt: text,
    withdrawnBy: text,
    withdrawReason: text,
    clientRequestId: text,
  })
})
type Row = z.infer<ReturnType<typeof rowSchema>>
const parse = (data: unknown) => parseRows(rowSchema(), data, ANNOUNCEMENTS)

const PAGE = 1000
const rowId = (announcementId: string, version: number) => `${announcementId}-v${version}`

function toVersion(row: Row): AnnouncementVersion {
  const { _id, clientRequestId: _crid, ...version } = row
  return version
}

/**
 * The `announcements` collection. Insert-only but for one change: a withdrawal is written once onto the
 * version it takes down (its text never changes) and never removed. Nothing here is deleted.
 */
export const announcements = {
  /** Every version: one round trip per 1,000 (ops publish a handful a year). */
  async all(): Promise<AnnouncementVersion[]> {
    const out: AnnouncementVersion[] = []
    for (let skip = 0; ; skip += PAGE) {
      const { data } = await settled(database().collection(ANNOUNCEMENTS).orderBy('_id', 'asc').skip(skip).limit(PAGE).get())
      out.push(...parse(data).map(toVersion))
      if (data.length < PAGE) return out
    }
  },

  async versionsOf(announcementId: string): Promise<AnnouncementVersion[]> {
    const { data } = await settled(database().collection(ANNOUNCEMENTS).where({ announcementId }).limit(PAGE).get())
    return parse(data).map(toVersion)
  },

  /** The version an earlier call with this `clientRequestId` published, if any. */
  async byClientRequestId(clientRequestId: string): Promise<AnnouncementVersion | undefined> {
    const { data } = await settled(database().collection(ANNOUNCEMENTS).where({ clientRequestId }).limit(1).get())
    const row = parse(data)[0]
    return row ? toVersion(row) : undefined
  },

  /** Stores a new version; false when that version exists already (another publish got there first). */
  async insert(version: AnnouncementVersion, clientRequestId?: string): Promise<boolean> {
    const _id = rowId(version.announcementId, version.version)
    try {
      await settled(database().collection(ANNOUNCEMENTS).add({ data: { _id, ...version, ...(clientRequestId ? { clientRequestId } : {}) } }))
      return true
    } catch (err) {
      const { data } = await settled(lenientDatabase().collection(ANNOUNCEMENTS).doc(_id).get())
      if (data) return false
      throw err
    }
  },

  /** Records the withdrawal of one version, once: false when it was already withdrawn. */
  async withdraw(version: AnnouncementVersion, withdrawal: { withdrawnAt: string; withdrawnBy: string; withdrawReason: string }): Promise<boolean> {
    const db = database()
    const { stats } = await settled(
      db
        .collection(ANNOUNCEMENTS)
        .where({ _id: rowId(version.announcementId, version.version), withdrawnAt: db.command.exists(false) })
        .update({ data: withdrawal }),
    )
    return stats.updated === 1
  },
}
