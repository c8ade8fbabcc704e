import type { ChainHead } from '../../../src/domain/consent/consent-ledger'
import { DomainError } from '../../../src/domain/common/errors'
import { z } from 'zod/mini'
import { database, downloadFile, lenientDatabase, settled, uploadFile } from '../adapters/wx'
import { dbDate, lazy, parseRows } from '../rows/parse'
import { CONSENT_HEADS, headRowSchema } from './consent-ledger'

/**
 * Ledger anchors: one JSON object per day in China (UTC+8) in cloud storage (`consent-anchors/YYYY-MM-DD.json`),
 * and an index row per day in `consent_anchors` (`_id` = the day) holding its fileID, because storage
 * cannot be listed or looked up by path through the SDK. The index is only a pointer: what the anchor
 * says is read from the object and checked against its signature.
 */
export const CONSENT_ANCHORS = 'consent_anchors'
export const ANCHOR_DIR = 'consent-anchors'

const PAGE = 1000

/** Row schemas, built on first use (see `lazy`): an index row, and the head fields `heads` projects. */
const rows = lazy(() => ({
  anchor: z.object({ _id: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), claimedAt: dbDate(), fileID: z.optional(z.string()), root: z.optional(z.string()) }),
  head: z.pick(headRowSchema(), { _id: true, subject: true, seq: true, hash: true }),
}))

export const anchorPath = (date: string) => `${ANCHOR_DIR}/${date}.json`

export const consentAnchors = {
  /** Every chain head (subject, seq, hash), by subject: one round trip per 1,000 chains. */
  async heads(): Promise<ChainHead[]> {
    const db = database()
    const out: ChainHead[] = []
    for (;;) {
      const after = out.length ? out[out.length - 1]!.subject : ''
      const { data } = await settled(db.collection(CONSENT_HEADS).where({ _id: db.command.gt(after) }).orderBy('_id', 'asc').field({ subject: true, seq: true, hash: true }).limit(PAGE).get())
      out.push(...parseRows(rows().head, data, CONSENT_HEADS).map(({ subject, seq, hash }) => ({ subject, seq, hash })))
      if (data.length < PAGE) return out
    }
  },

  /**
   * Writes the day's anchor once. The index row is claimed first (its `_id` is the day, so a second
   * claim fails), and only the claimant uploads: an existing anchor is never overwritten.
   * @throws DomainError `COMMON.CONFLICT` when the day already has (or is writing) its anchor.
   */
  async writeOnce(date: string, content: Uint8Array, root: string, now: Date): Promise<string> {
    const taken = () => new DomainError('COMMON.CONFLICT', `the consent anchor of ${date} is already written; anchors are write-once`)
    const { data: existing } = await settled(lenientDatabase().collection(CONSENT_ANCHORS).doc(date).get())
    if (existing) throw taken()
    try {
      await settled(database().collection(CONSENT_ANCHORS).add({ data: { _id: date, claimedAt: now } }))
    } catch {
      throw taken()
    }
    const fileID = await uploadFile(anchorPath(date), content)
    await settled(database().collection(CONSENT_ANCHORS).doc(date).update({ data: { fileID, root } }))
    return fileID
  },

  /** The newest written anchor as stored (parsed JSON, unchecked), with the day it is filed under. */
  async latest(): Promise<{ date: string; anchor: unknown } | undefined> {
    const db = database()
    const { data } = await settled(db.collection(CONSENT_ANCHORS).where({ fileID: db.command.exists(true) }).orderBy('_id', 'desc').limit(1).get())
    const row = parseRows(rows().anchor, data, CONSENT_ANCHORS)[0]
    if (!row?.fileID) return undefined
    const bytes = await downloadFile(row.fileID)
    let anchor: unknown
    try {
      anchor = JSON.parse(new TextDecoder().decode(bytes))
    } catch {
      anchor = undefined
    }
    return { date: row._id, anchor }
  },
}
