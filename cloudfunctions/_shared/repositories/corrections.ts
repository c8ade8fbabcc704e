import { createHash } from 'node:crypto'
import { z } from 'zod/mini'
import type { CorrectionNote } from '../../../src/domain/personal/contact-book'
import { database, settled, type WxTransaction } from '../adapters/wx'
import { dbDate, lazy, parseRows, rowId } from '../rows/parse'

export const CORRECTIONS = 'corrections'

/** Built on first use (see `lazy`). */
const rowSchema = lazy(() =>
  z.object({
    _id: rowId(),
    openid: z.string(),
    category: z.string(),
    clientRequestId: z.string(),
    recordId: z.string(),
    action: z.enum(['add', 'update', 'delete', 'set-default']),
    fields: z.array(z.string()),
    at: dbDate(),
  }),
)
export type CorrectionRow = z.infer<ReturnType<typeof rowSchema>>

/**
 * The append-only history of the user's own corrections: which record, which fields, when and by which
 * request; never a value, old or new. The id comes from the request, so a retry writes nothing new.
 */
export const corrections = {
  async record(tx: WxTransaction, openid: string, clientRequestId: string, note: CorrectionNote & { category: string }, at: Date): Promise<void> {
    const id = createHash('sha256').update(`${openid}\n${clientRequestId}`).digest('hex').slice(0, 32)
    await settled(tx.collection(CORRECTIONS).doc(id).set({ data: { openid, clientRequestId, ...note, at } }))
  },

  async of(openid: string): Promise<CorrectionRow[]> {
    const { data } = await settled(database().collection(CORRECTIONS).where({ openid }).orderBy('at', 'desc').limit(100).get())
    return parseRows(rowSchema(), data, CORRECTIONS)
  },
}
