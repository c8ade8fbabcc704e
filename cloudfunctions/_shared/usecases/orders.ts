import { MINE_LIMIT, type MineResult, type OrdersRequest, type OrderView, type PlaceResult, type ProductsResult } from '../../../src/contracts/orders'
import { PRODUCTS } from '../../../src/content/products'
import { STORES } from '../../../src/content/stores'
import type { UserActor } from '../../../src/domain/common/actor'
import { DomainError } from '../../../src/domain/common/errors'
import { type Order, placeOrder } from '../../../src/domain/orders/order'
import { maskAddress, maskMobile, maskName } from '../../../src/domain/personal/masking'
import { contacts } from '../repositories/contacts'
import { orders } from '../repositories/orders'
import { idFor, requireAgreement } from './held'

type Req<A extends OrdersRequest['action']> = Extract<OrdersRequest, { action: A }>

export function orderView(o: Order): OrderView {
  return {
    id: o.id,
    storeId: o.storeId,
    lines: o.lines.map((l) => ({ productId: l.productId, name: { ...l.name }, quantity: l.quantity, unitPriceFen: l.unitPriceFen })),
    totalFen: o.totalFen,
    deliverTo: { name: maskName(o.deliverTo.name), mobile: maskMobile(o.deliverTo.mobile), address: maskAddress(o.deliverTo) },
    status: o.status,
    placedAt: o.placedAt,
  }
}

/** The catalogue: reads no personal data. */
export async function products(_request: Req<'products'>): Promise<ProductsResult> {
  return { products: PRODUCTS.map((p) => ({ id: p.id, name: { ...p.name }, unitPriceFen: p.unitPriceFen })) }
}

/**
 * Places a demo order, priced from the catalogue, delivered to the caller's default contact. The
 * shipped catalogues (`src/content`) are the authority, so pricing costs no round trip.
 * Round trips: agreement (salt, head), contacts, insert; a retry adds one read for the existing order.
 * @throws `CONSENT.REQUIRED`, `ORDER.CONTACT_REQUIRED`, `ORDER.UNKNOWN_STORE`, `ORDER.UNKNOWN_PRODUCT`
 *   (each before anything is written).
 */
export async function place(request: Req<'place'>, actor: UserActor, now: Date): Promise<PlaceResult> {
  await requireAgreement(actor.openid)
  const contact = (await contacts.book(actor.openid)).contacts.find((c) => c.isDefault)
  if (!contact) throw new DomainError('ORDER.CONTACT_REQUIRED', 'add a default delivery contact first')
  const order = placeOrder({ id: idFor(actor.openid, request.clientRequestId), storeId: request.storeId, lines: request.lines, contact, now, products: PRODUCTS, stores: STORES })
  const outcome = await orders.insert(actor.openid, order)
  return orderView('existing' in outcome ? outcome.existing : order)
}

/** The caller's own orders, newest first. Reading needs no standing agreement, like the inventory. */
export async function mine(_request: Req<'mine'>, actor: UserActor): Promise<MineResult> {
  return { orders: (await orders.recent(actor.openid, MINE_LIMIT)).map(orderView) }
}
