import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Btn } from '@/components/button'
import { ConsentSheet } from '@/components/consent-sheet'
import { LangSwitch } from '@/components/lang-switch'
import { LoadError, Loading } from '@/components/load-error'
import { PageHeader } from '@/components/page-header'
import { STORES } from '@/content/stores'
import type { ProductView } from '@/contracts/orders'
import type { RecordView } from '@/contracts/personal'
import type { ErrorCode } from '@/domain/common/errors'
import { maskedAddressIn } from '@/domain/personal/masking'
import { type Lang, localize } from '@/domain/policy/localized'
import { askForAgreement, newRequestId, usePrivacySession } from '@/flows/privacy-session'
import { PERSONAL_INFO_PAGE } from '@/routes'
import { orders } from '@/services/orders'
import { personal } from '@/services/personal'
import '../../shop.scss'

const T = {
  title: { 'zh-CN': '门店', en: 'Store' },
  demo: { 'zh-CN': '演示商城：商品为虚构，下单不需要支付，也不会发货。订单作为交易记录保存 3 年。', en: 'A demo shop: the goods are fictional, ordering needs no payment and nothing ships. Orders are kept 3 years as transaction records.' },
  products: { 'zh-CN': '商品', en: 'Products' },
  less: { 'zh-CN': '减少', en: 'Fewer' },
  more: { 'zh-CN': '增加', en: 'More' },
  total: { 'zh-CN': '合计', en: 'Total' },
  deliverTo: { 'zh-CN': '送至', en: 'Deliver to' },
  noContact: { 'zh-CN': '还没有默认收货信息。请先在「我的 → 个人信息」中添加。', en: 'No default delivery contact yet. Add one under Me → My information.' },
  addContact: { 'zh-CN': '去添加收货信息', en: 'Add a delivery contact' },
  place: { 'zh-CN': '下单（演示，无需支付）', en: 'Place the order (demo, no payment)' },
  placing: { 'zh-CN': '正在下单…', en: 'Placing…' },
  done: { 'zh-CN': '下单成功。你可以在「我的 → 个人信息 → 订单信息」中查看。', en: 'Order placed. See it under Me → My information → Order details.' },
  agree: { 'zh-CN': '下单需要先同意隐私政策', en: 'Ordering needs your agreement to the privacy policy' },
  failed: { 'zh-CN': '下单未完成，请检查网络后重试。', en: 'The order was not placed. Check your connection and try again.' },
  unknown: { 'zh-CN': '没有找到这家门店。', en: 'This store was not found.' },
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`

function failure(code: ErrorCode, lang: Lang): string {
  return localize(code === 'ORDER.CONTACT_REQUIRED' ? T.noContact : T.failed, lang)
}

/** A store and its (fictional) goods: a demo order records a real transaction under the policy's terms. */
export default function StorePage() {
  const s = usePrivacySession()
  const lang = s.lang
  const store = STORES.find((x) => x.id === useRouter().params.id)
  const [products, setProducts] = useState<{ kind: 'loading' } | { kind: 'ready'; list: ProductView[] } | { kind: 'failed' }>({ kind: 'loading' })
  const [contact, setContact] = useState<RecordView | null>()
  const [qty, setQty] = useState<Record<string, number>>({})
  const [placing, setPlacing] = useState(false)
  const [result, setResult] = useState<{ ok: true } | { ok: false; message: string }>()

  const load = async () => {
    const p = await orders.products()
    setProducts(p.ok ? { kind: 'ready', list: p.data.products } : { kind: 'failed' })
    if (s.phase !== 'agreed') return setContact(null)
    // The default contact, masked as everywhere: the order takes a snapshot of it on the server.
    const inv = await personal.inventory()
    const book = inv.ok ? inv.data.categories.find((c) => c.category === 'delivery-contact') : undefined
    setContact(book?.records.find((r) => r.isDefault) ?? null)
  }
  useDidShow(() => void load())

  const lines = Object.entries(qty).filter(([, n]) => n > 0).map(([productId, quantity]) => ({ productId, quantity }))
  const list = products.kind === 'ready' ? products.list : []
  const total = lines.reduce((sum, l) => sum + (list.find((p) => p.id === l.productId)?.unitPriceFen ?? 0) * l.quantity, 0)
  const change = (id: string, delta: number) => setQty((q) => ({ ...q, [id]: Math.max(0, Math.min(9, (q[id] ?? 0) + delta)) }))

  const place = async () => {
    if (s.phase !== 'agreed') return askForAgreement()
    if (!store) return
    setPlacing(true)
    setResult(undefined)
    const r = await orders.place(newRequestId(), store.id, lines)
    setPlacing(false)
    if (r.ok) {
      setQty({})
      setResult({ ok: true })
    } else setResult({ ok: false, message: failure(r.code, lang) })
  }

  if (!store) {
    return (
      <View className='shop'>
        <PageHeader title={T.title} right={<LangSwitch />} />
        <View className='shop__body'>{localize(T.unknown, lang)}</View>
      </View>
    )
  }
  return (
    <View className='shop' id='store-page'>
      <PageHeader title={T.title} right={<LangSwitch />} />
      <View className='shop__body'>
        <View className='shop__card'>
          <View className='shop__name' id='store-name'>
            {store.name}
          </View>
          <View className='shop__meta'>{store.address}</View>
        </View>
        <View className='shop__demo'>{localize(T.demo, lang)}</View>
        <View className='shop__card'>
          <View className='shop__name'>{localize(T.products, lang)}</View>
          {products.kind === 'loading' && <Loading id='products-loading' lang={lang} />}
          {products.kind === 'failed' && <LoadError id='products-error' lang={lang} onRetry={() => void load()} />}
          {list.map((p) => (
            <View key={p.id} className='product' id={`product-${p.id}`}>
              <View className='product__info'>
                <Text>{localize(p.name, lang)}</Text>
                <Text className='product__price'>{yuan(p.unitPriceFen)}</Text>
              </View>
              <View className='product__qty'>
                <Btn id={`less-${p.id}`} kind='plain' label={`${localize(T.less, lang)} ${localize(p.name, lang)}`} disabled={!qty[p.id]} onTap={() => change(p.id, -1)}>
                  −
                </Btn>
                <Text className='product__count' id={`qty-${p.id}`}>
                  {qty[p.id] ?? 0}
                </Text>
                <Btn id={`more-${p.id}`} kind='plain' label={`${localize(T.more, lang)} ${localize(p.name, lang)}`} disabled={(qty[p.id] ?? 0) >= 9} onTap={() => change(p.id, 1)}>
                  +
                </Btn>
              </View>
            </View>
          ))}
          <View className='order-summary'>
            <Text>{localize(T.total, lang)}</Text>
            <Text id='order-total'>{yuan(total)}</Text>
          </View>
          {s.phase === 'agreed' && contact && (
            <View className='shop__meta' id='order-deliver-to'>
              {localize(T.deliverTo, lang)}
              {lang === 'en' ? ': ' : '：'}
              {contact.fields.map((f) => (f.key === 'address' ? maskedAddressIn(f.value, lang) : f.value)).join(lang === 'en' ? '; ' : '，')}
            </View>
          )}
          {s.phase === 'agreed' && contact === null && (
            <View>
              <View className='shop__meta' id='order-no-contact'>
                {localize(T.noContact, lang)}
              </View>
              <Btn id='order-add-contact' kind='link' onTap={() => void Taro.navigateTo({ url: PERSONAL_INFO_PAGE })}>
                {localize(T.addContact, lang)} ›
              </Btn>
            </View>
          )}
          {result?.ok && (
            <View className='order-done' id='order-done' {...{ role: 'status' }}>
              {localize(T.done, lang)}
            </View>
          )}
          {result && !result.ok && <LoadError id='order-error' lang={lang} message={{ 'zh-CN': result.message, en: result.message }} onRetry={() => void place()} />}
          <Btn id='place-order' kind='primary' block busy={placing} disabled={lines.length === 0 || (s.phase === 'agreed' && !contact)} onTap={() => void place()}>
            {localize(s.phase === 'agreed' ? (placing ? T.placing : T.place) : T.agree, lang)}
          </Btn>
        </View>
      </View>
      <ConsentSheet />
    </View>
  )
}
