import { ordersReplies, ordersRequest } from '../../src/contracts/orders'
import { defineHandler } from '../_shared/handler'
import { mine, place, products } from '../_shared/usecases/orders'

export const main = defineHandler({ request: ordersRequest, replies: ordersReplies, routes: { products, place: (r, a) => place(r, a, new Date()), mine } })
