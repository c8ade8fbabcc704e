import type { Order } from '../../../src/domain/orders/order'
import { database, lenientDatabase, settled } from '../adapters/wx'

export const ORDERS = 'orders'

/** Reads of the whole history go 1,000 at a time (the SDK's largest page). */
const PAGE = 1000

interface OrderRow extends Omit<Order, 'id' | 'placedAt'> {
  _id: string
  openid: string
  /** A database date, so the 3-year retention can be purged with a range query. */
  placedAt: Date
}

function toOrder({ _id, openid: _owner, placedAt, ...rest }: OrderRow): Order {
  return { id: _id, ...rest, placedAt: new Date(placedAt).toISOString() }
}

const newestFirst = (a: Order, b: Order) => (a.placedAt < b.placedAt ? 1 : a.placedAt > b.placedAt ? -1 : 0)

/** Demo orders, `_id` = order id; insert-only, and every read is filtered by openid. */
export const orders = {
  /** Writes the order unless one with its id exists; then answers that one (a retried "place"). */
  async insert(openid: string, order: Order): Promise<{ created: true } | { existing: Order }> {
    const { id, placedAt, ...rest } = order
    try {
      await settled(database().collection(ORDERS).add({ data: { _id: id, openid, ...rest, placedAt: new Date(placedAt) } }))
      return { created: true }
    } catch (err) {
      const existing = await this.find(openid, id)
      if (!existing) throw err
      return { existing }
    }
  },

  async find(openid: string, id: string): Promise<Order | undefined> {
    const { data } = await settled(lenientDatabase().collection(ORDERS).where({ _id: id, openid }).limit(1).get())
    const row = (data as OrderRow[])[0]
    return row ? toOrder(row) : undefined
  },

  /** The newest `limit` orders. */
  async recent(openid: string, limit: number): Promise<Order[]> {
    const { data } = await settled(database().collection(ORDERS).where({ openid }).orderBy('placedAt', 'desc').limit(limit).get())
    return (data as OrderRow[]).map(toOrder)
  },

  /**
   * Every order, newest first: one round trip up to 1,000 orders, then one per further 1,000. Pages
   * go by `_id`, which never changes, so an order placed meanwhile cannot shift a page.
   */
  async all(openid: string): Promise<Order[]> {
    const db = database()
    const out: Order[] = []
    for (let after = ''; ; ) {
      const { data } = await settled(db.collection(ORDERS).where({ openid, _id: db.command.gt(after) }).orderBy('_id', 'asc').limit(PAGE).get())
      const rows = data as OrderRow[]
      out.push(...rows.map(toOrder))
      if (rows.length < PAGE) return out.sort(newestFirst)
      after = rows[rows.length - 1]!._id
    }
  },
}
