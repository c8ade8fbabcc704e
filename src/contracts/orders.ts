import { z } from 'zod/mini'
import { type OrderStatus, orderLinesSchema, storeIdSchema } from '../domain/orders/order'

/**
 * Requests the `orders` cloud function accepts: the demo shop. Identity never travels in the payload;
 * prices never do either: the function prices every line from the catalogue and computes the total.
 * Lines are strict (a `unitPriceFen` in a line is refused); other keys of the event are ignored, since
 * the platform adds its own (`userInfo`), so a `totalFen` the client sends is simply never read.
 */
const clientRequestId = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/))

export const ordersRequest = z.discriminatedUnion('action', [
  /** The catalogue every store sells: no personal data. */
  z.object({ action: z.literal('products') }),
  /**
   * Places an order at `storeId`, delivered to the caller's default contact. Needs the policy
   * agreement; a retry with the same `clientRequestId` answers the order it placed.
   */
  z.object({ action: z.literal('place'), clientRequestId, storeId: storeIdSchema, lines: orderLinesSchema }),
  /** The caller's orders, newest first, at most `MINE_LIMIT`. */
  z.object({ action: z.literal('mine') }),
])
export type OrdersRequest = z.infer<typeof ordersRequest>

/** How many orders `mine` answers at most. */
export const MINE_LIMIT = 100

export interface ProductView {
  id: string
  name: { 'zh-CN': string; en: string }
  /** 1 yuan = 100 fen. */
  unitPriceFen: number
}

export interface OrderLineView {
  productId: string
  /** As sold: copied from the catalogue when the order was placed. */
  name: { 'zh-CN': string; en: string }
  quantity: number
  unitPriceFen: number
}

/** Where an order goes, masked as everywhere in the app (`张*`, `138****5678`, `上海市 浦东新区 ****`). */
export interface MaskedDeliverTo {
  name: string
  mobile: string
  address: string
}

export interface OrderView {
  id: string
  storeId: string
  lines: OrderLineView[]
  /** Computed by the function from the catalogue's prices. */
  totalFen: number
  deliverTo: MaskedDeliverTo
  status: OrderStatus
  /** ISO 8601 UTC. */
  placedAt: string
}

/** Replies by action. */
export interface ProductsResult {
  products: ProductView[]
}
export type PlaceResult = OrderView
export interface MineResult {
  orders: OrderView[]
}
