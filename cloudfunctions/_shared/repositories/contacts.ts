import { z } from 'zod/mini'
import type { ContactBook, CorrectionNote } from '../../../src/domain/personal/contact-book'
import { database, inTransaction, lenientDatabase, settled, type WxTransaction } from '../adapters/wx'
import { dbDate, lazy, parseDoc, rowId } from '../rows/parse'
import { corrections } from './corrections'

export const CONTACTS = 'contacts'

/** One book per openid, built on first use (see `lazy`). Values are checked for shape, not re-validated as input. */
const bookSchema = lazy(() => {
  const s = z.string()
  return z.object({
    _id: rowId(),
    openid: s,
    contacts: z.array(z.object({ id: s, name: s, mobile: s, regionId: s, addressLine: s, isDefault: z.boolean(), createdAt: s, updatedAt: s })),
    /** Client request ids already applied, newest last: a retried change is answered, not applied twice. */
    applied: z.array(s),
    updatedAt: dbDate(),
  })
})
const parseBook = (data: unknown) => parseDoc(bookSchema(), data, CONTACTS)
const APPLIED_KEPT = 50

/** Delivery contacts: one document per openid (`_id`), changed only inside a transaction. */
export const contacts = {
  async book(openid: string): Promise<ContactBook> {
    const { data } = await settled(lenientDatabase().collection(CONTACTS).doc(openid).get())
    return { contacts: parseBook(data)?.contacts ?? [] }
  },

  /**
   * Reads the book, applies `change`, writes the book and the correction note, in one transaction:
   * two writers conflict and retry, so the limit of ten and the single default always hold.
   */
  async change(openid: string, clientRequestId: string, now: Date, change: (book: ContactBook) => { book: ContactBook; note: CorrectionNote }): Promise<ContactBook> {
    return inTransaction(lenientDatabase(), async (tx: WxTransaction) => {
      const rows = tx.collection(CONTACTS)
      const { data } = await settled(rows.doc(openid).get())
      const row = parseBook(data)
      const current: ContactBook = { contacts: row?.contacts ?? [] }
      if (row?.applied.includes(clientRequestId)) return current
      const { book, note } = change(current)
      const applied = [...(row?.applied ?? []), clientRequestId].slice(-APPLIED_KEPT)
      await settled(rows.doc(openid).set({ data: { openid, contacts: book.contacts, applied, updatedAt: now } }))
      await corrections.record(tx, openid, clientRequestId, { category: 'delivery-contact', ...note }, now)
      return book
    })
  },

  async removeAll(openid: string): Promise<void> {
    await settled(database().collection(CONTACTS).doc(openid).remove())
  },
}
