import { createHash } from 'node:crypto'
import type { CorrectionNote } from '../../../src/domain/personal/contact-book'
import { database, settled, type WxTransaction } from '../adapters/wx'

export const CORRECTIONS = 'corrections'

export interface CorrectionRow extends CorrectionNote {
  _id: string
  openid: string
  category: string
  clientRequestId: string
  at: Date
}

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
    return data as CorrectionRow[]
  },
}
