import { PRODUCTS } from '../../../src/content/products'
import { STORES } from '../../../src/content/stores'
import { DomainError, ERROR_CODES } from '../../../src/domain/common/errors'
import { formatFen, itemsSummary, orderSchema, type PlaceOrderInput, placeOrder, productSchema } from '../../../src/domain/orders/order'

const NOW = new Date('2026-03-02T04:05:06.000Z')
const CONTACT = { id: 'c1', name: '陈小明', mobile: '13800001111', regionId: '310115', addressLine: '示例路 9 号', isDefault: true, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }
const base = (over: Partial<PlaceOrderInput> = {}): PlaceOrderInput => ({
  id: 'ord_fixture_00000001',
  storeId: 'sh-jingan',
  lines: [{ productId: 'coffee-beans', quantity: 2 }],
  contact: CONTACT,
  now: NOW,
  products: PRODUCTS,
  stores: STORES,
  ...over,
})

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (err) {
    if (err instanceof DomainError) return err.code
    throw err
  }
  return undefined
}

describe('the product catalogue', () => {
  it('has four products, each well-formed, with whole-fen prices and distinct ids', () => {
    expect(PRODUCTS).toHaveLength(4)
    for (const p of PRODUCTS) expect(productSchema.parse(p)).toEqual(p)
    expect(new Set(PRODUCTS.map((p) => p.id)).size).toBe(4)
  })
})

describe('placeOrder', () => {
  it('prices every line from the catalogue, totals in fen and snapshots only the delivery fields', () => {
    const order = placeOrder(base({ lines: [{ productId: 'coffee-beans', quantity: 2 }, { productId: 'oat-cookies', quantity: 3 }] }))
    const beans = PRODUCTS.find((p) => p.id === 'coffee-beans')!
    const cookies = PRODUCTS.find((p) => p.id === 'oat-cookies')!
    expect(order).toEqual({
      id: 'ord_fixture_00000001',
      storeId: 'sh-jingan',
      lines: [
        { productId: 'coffee-beans', name: beans.name, quantity: 2, unitPriceFen: beans.unitPriceFen },
        { productId: 'oat-cookies', name: cookies.name, quantity: 3, unitPriceFen: cookies.unitPriceFen },
      ],
      totalFen: 2 * beans.unitPriceFen + 3 * cookies.unitPriceFen,
      deliverTo: { name: '陈小明', mobile: '13800001111', regionId: '310115', addressLine: '示例路 9 号' },
      status: 'placed',
      placedAt: '2026-03-02T04:05:06.000Z',
    })
    expect(orderSchema.parse(order)).toEqual(order)
  })

  it('accepts the bounds: five lines, nine of each', () => {
    const lines = PRODUCTS.map((p) => ({ productId: p.id, quantity: 9 }))
    const order = placeOrder(base({ lines }))
    expect(order.lines).toHaveLength(4)
    expect(order.totalFen).toBe(9 * PRODUCTS.reduce((n, p) => n + p.unitPriceFen, 0))
    const five = [...PRODUCTS, { id: 'gift-card', name: { 'zh-CN': '示例礼品卡', en: 'Example gift card' }, unitPriceFen: 1 }]
    expect(placeOrder(base({ products: five, lines: five.map((p) => ({ productId: p.id, quantity: 1 })) })).lines).toHaveLength(5)
  })

  it('keeps its copy when the catalogue or the contact changes later', () => {
    const products = PRODUCTS.map((p) => ({ ...p, name: { ...p.name } }))
    const contact = { ...CONTACT }
    const order = placeOrder(base({ products, contact }))
    products[0]!.unitPriceFen = 1
    products[0]!.name['zh-CN'] = '改名'
    contact.mobile = '13900002222'
    expect(order.lines[0]).toMatchObject({ unitPriceFen: 6800, name: { 'zh-CN': '示例咖啡豆 250g' } })
    expect(order.deliverTo.mobile).toBe('13800001111')
  })

  it.each([
    ['no lines', { lines: [] }],
    ['six lines', { lines: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((productId) => ({ productId, quantity: 1 })) }],
    ['quantity 0', { lines: [{ productId: 'coffee-beans', quantity: 0 }] }],
    ['quantity 10', { lines: [{ productId: 'coffee-beans', quantity: 10 }] }],
    ['quantity 1.5', { lines: [{ productId: 'coffee-beans', quantity: 1.5 }] }],
    ['quantity NaN', { lines: [{ productId: 'coffee-beans', quantity: Number.NaN }] }],
    ['quantity as a string', { lines: [{ productId: 'coffee-beans', quantity: '2' }] }],
    ['a product twice', { lines: [{ productId: 'coffee-beans', quantity: 1 }, { productId: 'coffee-beans', quantity: 2 }] }],
    ['a price sent with a line', { lines: [{ productId: 'coffee-beans', quantity: 1, unitPriceFen: 1 }] }],
    ['a malformed product id', { lines: [{ productId: 'Coffee Beans', quantity: 1 }] }],
    ['a malformed store id', { storeId: '../sh-jingan' }],
  ])('refuses %s with COMMON.INVALID_INPUT', (_why, over) => {
    expect(codeOf(() => placeOrder(base(over as Partial<PlaceOrderInput>)))).toBe('COMMON.INVALID_INPUT')
  })

  it('refuses well-formed ids the catalogues do not hold with their own codes', () => {
    expect(codeOf(() => placeOrder(base({ storeId: 'sh-nowhere' })))).toBe('ORDER.UNKNOWN_STORE')
    expect(codeOf(() => placeOrder(base({ lines: [{ productId: 'coffee-beans', quantity: 1 }, { productId: 'caviar', quantity: 1 }] })))).toBe('ORDER.UNKNOWN_PRODUCT')
    expect(codeOf(() => placeOrder(base({ stores: [] })))).toBe('ORDER.UNKNOWN_STORE')
    expect(ERROR_CODES).toEqual(expect.arrayContaining(['ORDER.UNKNOWN_STORE', 'ORDER.UNKNOWN_PRODUCT', 'ORDER.CONTACT_REQUIRED']))
  })
})

describe('order wording', () => {
  it('formats fen exactly', () => {
    expect([formatFen(0), formatFen(5), formatFen(1990), formatFen(17500), formatFen(-250)]).toEqual(['¥0.00', '¥0.05', '¥19.90', '¥175.00', '-¥2.50'])
  })

  it('summarises the items in either language', () => {
    const lines = placeOrder(base({ lines: [{ productId: 'coffee-beans', quantity: 2 }, { productId: 'green-tea', quantity: 1 }] })).lines
    expect(itemsSummary(lines)).toBe('示例咖啡豆 250g ×2、示例绿茶 100g ×1')
    expect(itemsSummary(lines, 'en')).toBe('Example coffee beans 250 g ×2, Example green tea 100 g ×1')
  })
})
