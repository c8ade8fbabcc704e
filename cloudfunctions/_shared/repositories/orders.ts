import { z } from 'zod/mini'
import { type Order, orderSchema } from '../../../src/domain/orders/order'
import { database, lenientDatabase, settled } from '../adapters/wx'
import { dbDate, lazy, parseRows, rowId } from '../rows/parse'

export const ORDERS = 'orders'

/** Reads of the whole history go 1,000 at a time (the SDK's largest page). */
const PAGE = 1000

/**
 * `placedAt` is a database date, so the 3-year retention can be purged with a range query. (Orders kept
 * after a cancellation lose `deliverTo` and their openid, so no read here meets one.) Built on first use (see `lazy`).
 */
const rowSchema = lazy(() => z.extend(z.omit(orderSchema, { id: true, placedAt: true }), { _id: rowId(), openid: z.string(), placedAt: dbDate() }))
type OrderRow = z.infer<ReturnType<typeof rowSchema>>
const parse = (data: unknown) => parseRows(rowSchema(), data, ORDERS)

function toOrder({ _id, openid: _owner, placedAt, ...rest }: OrderRow): Order {
  return { id: _id, ...rest, placedAt: placedAt.toISOString() }
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
    const row = parse(data)[0]
    return row ? toOrder(row) : undefined
  },

  /** The newest `limit` orders. */
  async recent(openid: string, limit: number): Promise<Order[]> {
    const { data } = await settled(database().collection(ORDERS).where({ openid }).orderBy('placedAt', 'desc').limit(limit).get())
    return parse(data).map(toOrder)
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
      const rows = parse(data)
      out.push(...rows.map(toOrder))
      if (rows.length < PAGE) return out.sort(newestFirst)
      after = rows[rows.length - 1]!._id
    }
  },
}
