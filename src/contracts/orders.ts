import { z } from 'zod/mini'
import { lazySchema } from '../domain/common/lazy-schema'
import { ORDER_STATUSES, orderLineSchema, orderLinesSchema, productSchema, storeIdSchema } from '../domain/orders/order'
import type { ReplySchemas } from './replies'

/**
 * Requests the `orders` cloud function accepts: the demo shop. Identity never travels in the payload;
 * prices never do either: the function prices every line from the catalogue and computes the total.
 * Lines are strict (a `unitPriceFen` in a line is refused); other keys of the event are ignored, since
 * the platform adds its own (`userInfo`), so a `totalFen` the client sends is simply never read.
 */
const clientRequestId = lazySchema(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)))

export const ordersRequest = lazySchema(() => z.discriminatedUnion('action', [
  /** The catalogue every store sells: no personal data. */
  z.object({ action: z.literal('products') }),
  /**
   * Places an order at `storeId`, delivered to the caller's default contact. Needs the policy
   * agreement; a retry with the same `clientRequestId` answers the order it placed.
   */
  z.object({ action: z.literal('place'), clientRequestId, storeId: storeIdSchema, lines: orderLinesSchema }),
  /** The caller's orders, newest first, at most `MINE_LIMIT`. */
  z.object({ action: z.literal('mine') }),
]))
export type OrdersRequest = z.infer<typeof ordersRequest>

/** How many orders `mine` answers at most. */
export const MINE_LIMIT = 100

export type ProductView = z.infer<typeof productSchema>
/** One line as sold: name and price copied from the catalogue when the order was placed. */
export type OrderLineView = z.infer<typeof orderLineSchema>

export const orderView = lazySchema(() => z.object({
  id: z.string(),
  storeId: z.string(),
  lines: z.array(orderLineSchema),
  /** Computed by the function from the catalogue's prices. */
  totalFen: z.number(),
  /** Where it goes, masked as everywhere in the app (`张*`, `138****5678`, `上海市 浦东新区 ****`). */
  deliverTo: z.object({ name: z.string(), mobile: z.string(), address: z.string() }),
  status: z.enum(ORDER_STATUSES),
  /** ISO 8601 UTC. */
  placedAt: z.string(),
}))
export type OrderView = z.infer<typeof orderView>

export const productsResult = lazySchema(() => z.object({ products: z.array(productSchema) }))
export type ProductsResult = z.infer<typeof productsResult>
export type PlaceResult = OrderView
export const mineResult = lazySchema(() => z.object({ orders: z.array(orderView) }))
export type MineResult = z.infer<typeof mineResult>

/** The reply of each action. */
export const ordersReplies = { products: productsResult, place: orderView, mine: mineResult } satisfies ReplySchemas<OrdersRequest>
