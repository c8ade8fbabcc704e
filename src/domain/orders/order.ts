import { z } from 'zod/mini'
import { lazySchema } from '../common/lazy-schema'
import { DomainError } from '../common/errors'
import type { Lang } from '../policy/localized'

/**
 * Demo orders: fictional goods, no payment. An order is a transaction record (the manifest's
 * `order-records`, kept 3 years): what was bought, at the catalogue's prices, and a snapshot of where
 * it goes. Pure: the id, the time and both catalogues come in.
 */

export const MAX_ORDER_LINES = 5
export const MAX_LINE_QUANTITY = 9

const slug = lazySchema(() => z.string().check(z.regex(/^[a-z0-9-]{2,32}$/)))
export const storeIdSchema = slug
export const productIdSchema = slug
const fen = lazySchema(() => z.number().check(z.int(), z.gte(0)))
const quantity = lazySchema(() => z.number().check(z.int(), z.gte(1), z.lte(MAX_LINE_QUANTITY)))
/** Product names are shown in both languages, so both are required (unlike `LocalizedText`). */
const bilingual = lazySchema(() => z.object({ 'zh-CN': z.string().check(z.minLength(1)), en: z.string().check(z.minLength(1)) }))

export const productSchema = lazySchema(() => z.object({ id: productIdSchema, name: bilingual, unitPriceFen: z.number().check(z.int(), z.gte(1)) }))
export type Product = z.infer<typeof productSchema>

/**
 * One line as the buyer asks for it: which product and how many, never a price. Strict, so a client
 * that sends a price (or anything else) in a line is refused instead of silently believed or dropped.
 */
export const orderLineInputSchema = lazySchema(() => z.strictObject({ productId: productIdSchema, quantity }))
export type OrderLineInput = z.infer<typeof orderLineInputSchema>

export const orderLinesSchema = lazySchema(() => z.array(orderLineInputSchema).check(
  z.minLength(1),
  z.maxLength(MAX_ORDER_LINES),
  z.refine((lines) => new Set(lines.map((l) => l.productId)).size === lines.length, { error: 'each product at most once' }),
))

/** Where the order goes: a copy of the contact at ordering time, so a later edit does not rewrite history. */
export const deliverToSchema = lazySchema(() => z.object({ name: z.string(), mobile: z.string(), regionId: z.string(), addressLine: z.string() }))
export type DeliverTo = z.infer<typeof deliverToSchema>

/** A line as sold: the product's name and price copied from the catalogue at ordering time. */
export const orderLineSchema = lazySchema(() => z.object({ productId: productIdSchema, name: bilingual, quantity, unitPriceFen: fen }))
export type OrderLine = z.infer<typeof orderLineSchema>

export const ORDER_STATUSES = ['placed'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

export const orderSchema = lazySchema(() => z.object({
  id: z.string().check(z.minLength(1)),
  storeId: storeIdSchema,
  lines: z.array(orderLineSchema),
  totalFen: fen,
  deliverTo: deliverToSchema,
  status: z.enum(ORDER_STATUSES),
  placedAt: z.iso.datetime(),
}))
export type Order = z.infer<typeof orderSchema>

export interface PlaceOrderInput {
  /** Derived from the caller and their request id, so a retry names the same order. */
  id: string
  storeId: string
  /** Checked here as well as at the function's edge: the rules are the domain's. */
  lines: readonly OrderLineInput[]
  /** The buyer's default contact; only the delivery fields are copied. */
  contact: Readonly<DeliverTo>
  now: Date
  products: readonly Product[]
  stores: readonly { readonly id: string }[]
}

const invalid = (message: string) => new DomainError('COMMON.INVALID_INPUT', message)

/**
 * Prices the lines from `products` and snapshots the contact.
 * @throws `COMMON.INVALID_INPUT` for a malformed store id or lines (0 or more than 5 lines, a
 *   quantity outside 1–9 or not whole, a product twice, extra keys); `ORDER.UNKNOWN_STORE` /
 *   `ORDER.UNKNOWN_PRODUCT` for well-formed ids the catalogues do not hold.
 */
export function placeOrder(input: PlaceOrderInput): Order {
  if (!storeIdSchema.safeParse(input.storeId).success) throw invalid('storeId: malformed')
  const parsed = orderLinesSchema.safeParse(input.lines)
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => `lines${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`).join('; '))
  if (!input.stores.some((s) => s.id === input.storeId)) throw new DomainError('ORDER.UNKNOWN_STORE', `no store ${input.storeId}`)
  const lines = parsed.data.map((l): OrderLine => {
    const product = input.products.find((p) => p.id === l.productId)
    if (!product) throw new DomainError('ORDER.UNKNOWN_PRODUCT', `no product ${l.productId}`)
    return { productId: product.id, name: { 'zh-CN': product.name['zh-CN'], en: product.name.en }, quantity: l.quantity, unitPriceFen: product.unitPriceFen }
  })
  const { name, mobile, regionId, addressLine } = input.contact
  return {
    id: input.id,
    storeId: input.storeId,
    lines,
    totalFen: lines.reduce((sum, l) => sum + l.quantity * l.unitPriceFen, 0),
    deliverTo: { name, mobile, regionId, addressLine },
    status: 'placed',
    placedAt: input.now.toISOString(),
  }
}

/** `6800` → `¥68.00`: exact, since fen are whole. */
export function formatFen(totalFen: number): string {
  const sign = totalFen < 0 ? '-' : ''
  const abs = Math.abs(totalFen)
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** `示例咖啡豆 250g ×2、示例绿茶 100g ×1` (or in English, comma-separated). */
export function itemsSummary(lines: readonly Pick<OrderLine, 'name' | 'quantity'>[], lang: Lang = 'zh-CN'): string {
  return lines.map((l) => `${l.name[lang]} ×${l.quantity}`).join(lang === 'en' ? ', ' : '、')
}
