import { z } from 'zod/mini'
import type { HeldExport } from '../../../src/domain/personal/held-data'
import { database, deleteFiles, lenientDatabase, settled, tempFileUrl, uploadFile } from '../adapters/wx'
import { dbDate, lazy, parseRows, parseSweep, rowId } from '../rows/parse'

/** Metadata of each archive in storage: `_id` = the export request's id. */
export const EXPORTS = 'exports'
/** Archives live at `exports/<openid>/<requestId>.zip`. */
export const EXPORTS_PREFIX = 'exports'
const PAGE = 1000

/** Built on first use (see `lazy`). */
const rowSchema = lazy(() =>
  z.object({ _id: rowId(), openid: z.string(), fileID: z.string(), sha256: z.string(), size: z.number(), createdAt: dbDate(), expiresAt: dbDate() }),
)
export type ExportRow = z.infer<ReturnType<typeof rowSchema>>
const parse = (data: unknown) => parseRows(rowSchema(), data, EXPORTS)

export function exportPath(openid: string, requestId: string): string {
  return `${EXPORTS_PREFIX}/${openid}/${requestId}.zip`
}

function toHeld(row: ExportRow): HeldExport {
  return { requestId: row._id, fileID: row.fileID, sha256: row.sha256, size: row.size, createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString() }
}

/** Export archives: the zip in storage, its metadata in `exports`; every read is filtered by openid. */
export const exportArchives = {
  /** Stores the zip under the caller's prefix; a rebuild of the same request replaces it. */
  async upload(openid: string, requestId: string, bytes: Uint8Array): Promise<string> {
    return uploadFile(exportPath(openid, requestId), bytes)
  },

  /** Written once the zip is stored, so metadata never points at a file that was not uploaded. */
  async put(openid: string, archive: HeldExport): Promise<void> {
    const row: Omit<ExportRow, '_id'> = { openid, fileID: archive.fileID, sha256: archive.sha256, size: archive.size, createdAt: new Date(archive.createdAt), expiresAt: new Date(archive.expiresAt) }
    await settled(database().collection(EXPORTS).doc(archive.requestId).set({ data: row }))
  },

  async find(openid: string, requestId: string): Promise<HeldExport | undefined> {
    const { data } = await settled(lenientDatabase().collection(EXPORTS).where({ _id: requestId, openid }).limit(1).get())
    const row = parse(data)[0]
    return row ? toHeld(row) : undefined
  },

  /** Every archive of the user, newest first; a page of 1,000 (the server SDK's cap) per round trip. */
  async of(openid: string): Promise<HeldExport[]> {
    const db = database()
    const out: HeldExport[] = []
    for (let after = ''; ; ) {
      const { data } = await settled(db.collection(EXPORTS).where({ openid, _id: db.command.gt(after) }).orderBy('_id', 'asc').limit(PAGE).get())
      const rows = parse(data)
      out.push(...rows.map(toHeld))
      if (rows.length < PAGE) return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      after = rows[rows.length - 1]!._id
    }
  },

  tempUrl: tempFileUrl,

  /** Archives due for deletion: past their stored expiry, or created before the manifest's period. */
  async due(cutoffs: { expiresBefore: Date; createdBefore: Date }, limit: number): Promise<Array<HeldExport & { openid: string }>> {
    const db = database()
    const _ = db.command
    const { data } = await settled(db.collection(EXPORTS).where(_.or([{ expiresAt: _.lt(cutoffs.expiresBefore) }, { createdAt: _.lt(cutoffs.createdBefore) }])).limit(limit).get())
    return parseSweep(rowSchema(), data, EXPORTS).map((row) => ({ ...toHeld(row), openid: row.openid }))
  },

  /** Deletes the zips; ones already gone are fine (a purge resumed after an interruption). */
  deleteFiles,

  async remove(requestId: string): Promise<void> {
    await settled(database().collection(EXPORTS).doc(requestId).remove())
  },
}
