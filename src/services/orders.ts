import { type OrdersRequest, ordersReplies } from '@/contracts/orders'
import { call } from './call'

export const orders = {
  products: () => call('orders', ordersReplies, { action: 'products' } satisfies OrdersRequest),
  place: (clientRequestId: string, storeId: string, lines: Array<{ productId: string; quantity: number }>) =>
    call('orders', ordersReplies, { action: 'place', clientRequestId, storeId, lines } satisfies OrdersRequest),
  mine: () => call('orders', ordersReplies, { action: 'mine' } satisfies OrdersRequest),
}
