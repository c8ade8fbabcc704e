import type { Product } from '../domain/orders/order'

/**
 * The demo shop's fictional goods, sold by every store of `stores.ts`. Prices are in fen (1 yuan =
 * 100 fen) so every sum is exact; nothing is paid and nothing ships.
 */
export const PRODUCTS: readonly Product[] = [
  { id: 'coffee-beans', name: { 'zh-CN': '示例咖啡豆 250g', en: 'Example coffee beans 250 g' }, unitPriceFen: 6800 },
  { id: 'green-tea', name: { 'zh-CN': '示例绿茶 100g', en: 'Example green tea 100 g' }, unitPriceFen: 4500 },
  { id: 'oat-cookies', name: { 'zh-CN': '示例燕麦饼干 200g', en: 'Example oat cookies 200 g' }, unitPriceFen: 1990 },
  { id: 'ceramic-mug', name: { 'zh-CN': '示例陶瓷杯 350ml', en: 'Example ceramic mug 350 ml' }, unitPriceFen: 3900 },
]
