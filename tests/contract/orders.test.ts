import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { ORDERS } from '../../cloudfunctions/_shared/repositories/orders'
import type { OrderView } from '../../src/contracts/orders'
import { PRODUCTS } from '../../src/content/products'
import { type RunningEmulator } from '../support/emulator'
import { dbStats, decision, cloudSuite, invoker, type Reply, user } from '../support/consent'

// The built `orders` function (npm run build:cloud): demo orders, with the real SDK against the emulator.
describe('orders function', () => {
  let emu: RunningEmulator
  let ordersFn: ReturnType<typeof invoker>
  let personalFn: ReturnType<typeof invoker>
  let consent: ReturnType<typeof invoker>
  let n = 0
  const rid = () => `orid-${process.pid}-${++n}`
  const call = async (openid: string, event: unknown): Promise<Reply> => (await ordersFn(event, user(openid))).result!
  const personal = async (openid: string, event: Record<string, unknown>): Promise<Reply> => (await personalFn(event, user(openid))).result!
  const agree = (openid: string) => consent({ action: 'record', request: decision() }, user(openid))
  const rows = async () => (await settled(database().collection(ORDERS).limit(1000).get())).data as Array<Record<string, any>>
  const price = (id: string) => PRODUCTS.find((p) => p.id === id)!.unitPriceFen
  const HOME = { name: '孙小梅', mobile: '13700001234', regionId: '330106', addressLine: '样例街 12 号 3 室' }
  const OFFICE = { name: '孙小梅', mobile: '13700005678', regionId: '310115', addressLine: '示例路 88 弄 8 号' }
  const LINES = [
    { productId: 'coffee-beans', quantity: 2 },
    { productId: 'oat-cookies', quantity: 1 },
  ]
  /** A user who agreed to the policy and has a default contact (OFFICE) besides another one; answers the default's id. */
  const shopper = async (openid: string): Promise<string> => {
    await agree(openid)
    expect((await personal(openid, { action: 'addContact', clientRequestId: rid(), contact: HOME })).ok).toBe(true)
    const book = await personal(openid, { action: 'addContact', clientRequestId: rid(), contact: { ...OFFICE, isDefault: true } })
    return (book.data.contacts as Array<{ id: string; isDefault: boolean }>).find((c) => c.isDefault)!.id
  }
  const place = (openid: string, over: Record<string, unknown> = {}) => call(openid, { action: 'place', clientRequestId: rid(), storeId: 'sh-jingan', lines: LINES, ...over })
  const inventoryOf = async (openid: string) => (await personal(openid, { action: 'inventory' })).data as { categories: Array<{ category: string; count: number; retention: string; purposes: string[]; lastCollectedAt?: string; records: Array<{ id: string; collectedAt: string; revealable: boolean; fields: Array<{ key: string; value: string }> }> }> }

  cloudSuite((e) => {
    emu = e
    ordersFn = invoker(emu, 'orders')
    personalFn = invoker(emu, 'personal')
    consent = invoker(emu, 'consent')
  })

  it('products: the catalogue for any signed-in caller, without reading the database', async () => {
    const reply = await call('o_test_user_1', { action: 'products' })
    expect(reply).toEqual({ ok: true, data: { products: PRODUCTS.map((p) => ({ id: p.id, name: p.name, unitPriceFen: p.unitPriceFen })) } })
    expect(reply.data.products).toHaveLength(4)
    expect(await dbStats(emu)).toEqual({})
    expect(await ordersFn({ action: 'products' }, { APPID: 'wx_local_app', SOURCE: 'wx_client' })).toMatchObject({ result: { ok: false, code: 'COMMON.UNAUTHENTICATED' } })
  })

  it('place needs the policy agreement, then a default contact; either refusal writes nothing', async () => {
    expect(await place('o_test_user_1')).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    await agree('o_test_user_1')
    expect(await place('o_test_user_1')).toMatchObject({ ok: false, code: 'ORDER.CONTACT_REQUIRED' })
    expect(await rows()).toEqual([])
    // A user who withdrew is refused again.
    await personal('o_test_user_1', { action: 'addContact', clientRequestId: rid(), contact: HOME })
    await consent({ action: 'record', request: decision({ decision: 'withdraw', method: 'settings-toggle' }) }, user('o_test_user_1'))
    expect(await place('o_test_user_1')).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    expect(await rows()).toEqual([])
  })

  it('a placed order is priced by the server, goes to the default contact, and shows masked in `mine` and in the inventory', async () => {
    const me = 'o_test_user_2'
    const officeId = await shopper(me)
    const before = Date.now()
    const placed = await place(me, { storeId: 'hz-xihu' })
    expect(placed.ok).toBe(true)
    const order = placed.data as OrderView
    const total = 2 * price('coffee-beans') + price('oat-cookies')
    expect(order).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{20}$/),
      storeId: 'hz-xihu',
      lines: [
        { productId: 'coffee-beans', name: PRODUCTS[0]!.name, quantity: 2, unitPriceFen: price('coffee-beans') },
        { productId: 'oat-cookies', name: PRODUCTS.find((p) => p.id === 'oat-cookies')!.name, quantity: 1, unitPriceFen: price('oat-cookies') },
      ],
      totalFen: total,
      deliverTo: { name: '孙**', mobile: '137****5678', address: '上海市 浦东新区 ****' },
      status: 'placed',
      placedAt: expect.any(String),
    })
    expect(Date.parse(order.placedAt)).toBeGreaterThanOrEqual(before - 1000)

    // Stored whole: the full snapshot of the default contact, under the caller's openid.
    const [row] = await rows()
    expect(row).toMatchObject({ _id: order.id, openid: me, storeId: 'hz-xihu', status: 'placed', totalFen: total, deliverTo: OFFICE })
    expect(row!.placedAt).toBeInstanceOf(Date)

    const mine = await call(me, { action: 'mine' })
    expect(mine).toEqual({ ok: true, data: { orders: [order] } })
    expect(JSON.stringify(mine)).not.toMatch(/13700005678|孙小梅|示例路/)

    const inv = await inventoryOf(me)
    const records = inv.categories.find((c) => c.category === 'order-records')!
    expect(records).toMatchObject({ retention: 'transactions', count: 1, lastCollectedAt: order.placedAt })
    expect(records.purposes).toContain('order-fulfilment')
    expect(records.records).toEqual([
      {
        id: order.id,
        collectedAt: order.placedAt,
        revealable: false,
        fields: [
          { key: 'store', value: '示例商城 西湖店' },
          { key: 'items', value: '示例咖啡豆 250g ×2、示例燕麦饼干 200g ×1' },
          { key: 'total', value: `¥${(total / 100).toFixed(2)}` },
          { key: 'name', value: '孙**' },
          { key: 'mobile', value: '137****5678' },
          { key: 'address', value: '上海市 浦东新区 ****' },
        ],
      },
    ])
    expect(inv.categories.map((c) => c.category)).toEqual(['order-records', 'delivery-contact', 'consent-records', 'rights-requests'])
    expect(JSON.stringify(inv)).not.toMatch(/13700005678|13700001234/)

    // The order keeps the contact it was placed with; changing the contact afterwards changes no order.
    expect((await personal(me, { action: 'updateContact', clientRequestId: rid(), recordId: officeId, contact: { ...OFFICE, mobile: '13900009999' } })).ok).toBe(true)
    expect((await call(me, { action: 'mine' })).data.orders[0].deliverTo.mobile).toBe('137****5678')
  })

  it('the inventory reads the orders in one more round trip', async () => {
    const me = 'o_test_user_3'
    await shopper(me)
    for (let i = 0; i < 3; i++) expect((await place(me)).ok).toBe(true)
    await emu.control('/stats', undefined, 'DELETE')
    expect((await inventoryOf(me)).categories.find((c) => c.category === 'order-records')!.count).toBe(3)
    // profile, orders, contacts, salt, corrections, requests, certification; then the chain head.
    expect(Object.values(await dbStats(emu)).reduce((a, b) => a + b, 0)).toBe(8)
  })

  it('clients cannot price: a price in a line is refused; a total or prices beside the lines are ignored', async () => {
    const me = 'o_test_user_4'
    await shopper(me)
    expect(await place(me, { lines: [{ productId: 'coffee-beans', quantity: 2, unitPriceFen: 1 }] })).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
    expect(await place(me, { lines: [{ productId: 'coffee-beans', quantity: 2, totalFen: 1 }] })).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
    expect(await rows()).toEqual([])
    const cheap = await place(me, { totalFen: 1, prices: { 'coffee-beans': 1 }, lines: [{ productId: 'coffee-beans', quantity: 2 }] })
    expect(cheap).toMatchObject({ ok: true, data: { totalFen: 2 * price('coffee-beans'), lines: [{ unitPriceFen: price('coffee-beans') }] } })
    expect((await rows()).map((r) => [r.totalFen, r.prices])).toEqual([[2 * price('coffee-beans'), undefined]])
  })

  it('a retry with the same client request id places one order, even concurrently, and answers it', async () => {
    const me = 'o_test_user_5'
    await shopper(me)
    const crid = rid()
    const first = await place(me, { clientRequestId: crid })
    expect(first.ok).toBe(true)
    expect(await place(me, { clientRequestId: crid })).toEqual(first)
    // The first order stands even if the retry asks for something else.
    expect(await place(me, { clientRequestId: crid, lines: [{ productId: 'green-tea', quantity: 9 }] })).toEqual(first)
    const burst = rid()
    const replies = await Promise.all([1, 2, 3, 4].map(() => place(me, { clientRequestId: burst })))
    for (const r of replies) expect(r).toEqual(replies[0])
    expect(replies[0]!.data.id).not.toBe(first.data.id)
    expect(await rows()).toHaveLength(2)
    expect((await call(me, { action: 'mine' })).data.orders).toHaveLength(2)
  })

  it('another user never sees an order, and the same request id from them is their own order', async () => {
    await shopper('o_test_user_6')
    await shopper('o_test_user_7')
    const crid = rid()
    const mine = await place('o_test_user_6', { clientRequestId: crid })
    expect((await call('o_test_user_7', { action: 'mine' })).data).toEqual({ orders: [] })
    const theirInventory = await inventoryOf('o_test_user_7')
    expect(theirInventory.categories.map((c) => c.category)).not.toContain('order-records')
    expect(JSON.stringify(theirInventory)).not.toContain(mine.data.id)
    const theirs = await place('o_test_user_7', { clientRequestId: crid })
    expect(theirs.data.id).not.toBe(mine.data.id)
    expect((await call('o_test_user_6', { action: 'mine' })).data.orders.map((o: OrderView) => o.id)).toEqual([mine.data.id])
    expect((await rows()).map((r) => r.openid).sort()).toEqual(['o_test_user_6', 'o_test_user_7'])
  })

  it('mine: newest first, at most 100; the inventory still counts every order', async () => {
    const me = 'o_test_user_8'
    const first = new Date('2026-01-05T02:00:00.000Z').getTime()
    const row = (i: number) => ({
      _id: `seeded-order-${String(i).padStart(3, '0')}`,
      openid: me,
      storeId: 'sh-xuhui',
      lines: [{ productId: 'green-tea', name: PRODUCTS[1]!.name, quantity: 1, unitPriceFen: price('green-tea') }],
      totalFen: price('green-tea'),
      deliverTo: HOME,
      status: 'placed',
      placedAt: new Date(first + i * 60_000),
    })
    // Seeded out of time order, so `mine` must sort.
    for (const i of Array.from({ length: 102 }, (_, k) => (k * 37) % 102)) await settled(database().collection(ORDERS).add({ data: row(i) }))
    await settled(database().collection(ORDERS).add({ data: { ...row(500), openid: 'o_test_user_9', _id: 'someone-elses-order' } }))
    const orders = (await call(me, { action: 'mine' })).data.orders as OrderView[]
    expect(orders).toHaveLength(100)
    expect(orders.map((o) => o.id)).toEqual(Array.from({ length: 100 }, (_, k) => `seeded-order-${String(101 - k).padStart(3, '0')}`))
    expect(orders[0]).toMatchObject({ storeId: 'sh-xuhui', deliverTo: { name: '孙**', mobile: '137****1234', address: '浙江省 杭州市 西湖区 ****' } })
    const held = (await inventoryOf(me)).categories.find((c) => c.category === 'order-records')!
    expect(held.count).toBe(102)
    expect(held.records[0]!.id).toBe('seeded-order-101')
  })

  it('refuses malformed and unknown orders with a code, writing nothing', async () => {
    const me = 'o_test_user_10'
    await shopper(me)
    await emu.control('/stats', undefined, 'DELETE')
    const line = (over: Record<string, unknown>) => ({ lines: [{ productId: 'coffee-beans', quantity: 1, ...over }] })
    const invalid: unknown[] = [
      {},
      'place',
      null,
      { action: 'refund' },
      { action: 'place', storeId: 'sh-jingan', lines: LINES },
      { action: 'place', clientRequestId: 'short', storeId: 'sh-jingan', lines: LINES },
      ...[
        line({ quantity: 0 }),
        line({ quantity: 10 }),
        line({ quantity: 1.5 }),
        line({ quantity: -1 }),
        line({ quantity: '2' }),
        line({ quantity: null }),
        line({ productId: 42 }),
        line({ productId: 'Coffee Beans' }),
        line({ productId: { $ne: null } }),
        { lines: [] },
        { lines: 'coffee-beans' },
        { lines: { productId: 'coffee-beans', quantity: 1 } },
        { lines: ['coffee-beans', 'green-tea', 'oat-cookies', 'ceramic-mug', 'tea-set', 'gift-box'].map((productId) => ({ productId, quantity: 1 })) },
        { lines: [{ productId: 'coffee-beans', quantity: 1 }, { productId: 'coffee-beans', quantity: 2 }] },
        { storeId: 'SH-JINGAN' },
        { storeId: '../sh-jingan' },
        { storeId: 'x' },
        { storeId: 12 },
        { storeId: { $gt: '' } },
      ].map((over) => ({ action: 'place', clientRequestId: rid(), storeId: 'sh-jingan', lines: LINES, ...over })),
    ]
    for (const event of invalid) expect([event, await call(me, event)]).toEqual([event, expect.objectContaining({ ok: false, code: 'COMMON.INVALID_INPUT' })])
    // Malformed input is refused before any database call.
    expect(await dbStats(emu)).toEqual({})
    expect(await place(me, { lines: [{ productId: 'coffee-beans', quantity: 1 }, { productId: 'caviar-tin', quantity: 1 }] })).toMatchObject({ ok: false, code: 'ORDER.UNKNOWN_PRODUCT' })
    expect(await place(me, { storeId: 'sh-atlantis' })).toMatchObject({ ok: false, code: 'ORDER.UNKNOWN_STORE' })
    expect(await rows()).toEqual([])
  })
})
