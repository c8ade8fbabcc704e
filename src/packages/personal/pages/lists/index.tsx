import { Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Btn } from '@/components/button'
import { ConsentSheet } from '@/components/consent-sheet'
import { LangSwitch } from '@/components/lang-switch'
import { LoadError, Loading } from '@/components/load-error'
import { PageHeader } from '@/components/page-header'
import { PROCESSOR_POLICY_URLS } from '@/content/processor-policies'
import { PRIVACY_MANIFEST } from '@/content/privacy-manifest'
import type { InventoryView } from '@/contracts/personal'
import { formatShanghai } from '@/domain/common/local-time'
import { collectedList, sharedList } from '@/domain/personal/lists'
import { type Lang, type LocalizedText, localize } from '@/domain/policy/localized'
import { usePrivacySession } from '@/flows/privacy-session'
import { personal } from '@/services/personal'
import '../../personal.scss'

const T = {
  title: { 'zh-CN': '个人信息清单', en: 'Personal information lists' },
  collected: { 'zh-CN': '已收集个人信息清单', en: 'Information collected' },
  shared: { 'zh-CN': '第三方共享清单', en: 'Shared with third parties' },
  collectedIntro: { 'zh-CN': '我们声明收集的每类个人信息：用途、在什么场景收集、保存多久，以及目前是否保存着你的这类信息。', en: 'Every kind of personal information we declare: why, when it is collected, how long it is kept, and whether we hold yours now.' },
  sharedIntro: { 'zh-CN': '我们向谁提供个人信息、提供哪些、为了什么、以什么方式。', en: 'Who receives personal information from us, which, why and how.' },
  purposes: { 'zh-CN': '用途', en: 'Purpose' },
  scenario: { 'zh-CN': '收集场景', en: 'When collected' },
  kept: { 'zh-CN': '保存期限', en: 'Kept' },
  heldYes: { 'zh-CN': '已保存 {n} 条，最近一次 {t}', en: '{n} held, last collected {t}' },
  heldNo: { 'zh-CN': '目前未保存你的这类信息', en: 'We hold none of yours' },
  sensitive: { 'zh-CN': '敏感个人信息', en: 'Sensitive' },
  data: { 'zh-CN': '提供的信息', en: 'Information' },
  method: { 'zh-CN': '方式', en: 'How' },
  entrusted: { 'zh-CN': '委托处理：受托方仅按我们的指示处理，不用于其自身目的', en: 'Entrusted processing: on our instructions only, never for its own purposes' },
  provision: { 'zh-CN': '向其提供：仅限完成该用途所需的信息', en: 'Provided to it: only what that purpose needs' },
  policy: { 'zh-CN': '对方的隐私政策', en: 'Their privacy policy' },
  contact: { 'zh-CN': '联系方式', en: 'Contact' },
  legalBasis: { 'zh-CN': '处理依据', en: 'Legal basis' },
  heldNow: { 'zh-CN': '涉及你目前保存的信息', en: 'Involves information we hold about you' },
}

type Which = 'collected' | 'shared'
const sep = (lang: Lang) => (lang === 'en' ? ', ' : '、')
const colon = (lang: Lang) => (lang === 'en' ? ': ' : '：')
const line = (label: LocalizedText, value: string, lang: Lang) => `${localize(label, lang)}${colon(lang)}${value}`

/** 我的 → 隐私中心 → 已收集个人信息清单 / 第三方共享清单, built from the manifest and the user's inventory. */
export default function ListsPage() {
  const s = usePrivacySession()
  const lang = s.lang
  const router = useRouter()
  const [which, setWhich] = useState<Which>(router.params.list === 'shared' ? 'shared' : 'collected')
  const [load, setLoad] = useState<{ kind: 'loading' } | { kind: 'ready'; view: InventoryView } | { kind: 'failed' }>({ kind: 'loading' })
  const refresh = async () => {
    const r = await personal.inventory()
    setLoad(r.ok ? { kind: 'ready', view: r.data } : { kind: 'failed' })
  }
  useDidShow(() => void refresh())

  return (
    <View className='info' id='lists-page'>
      <PageHeader title={T.title} right={<LangSwitch />} />
      <View className='info__body'>
        <View className='info-card__actions'>
          {(['collected', 'shared'] as const).map((w) => (
            <Btn key={w} id={`tab-${w}`} kind='plain' pressed={which === w} className={which === w ? 'chip chip--on' : 'chip'} onTap={() => setWhich(w)}>
              {localize(T[w], lang)}
            </Btn>
          ))}
        </View>
        <View className='info__intro'>{localize(which === 'collected' ? T.collectedIntro : T.sharedIntro, lang)}</View>
        {load.kind === 'loading' && <Loading id='lists-loading' lang={lang} />}
        {load.kind === 'failed' && <LoadError id='lists-error' lang={lang} onRetry={() => void refresh()} />}
        {load.kind === 'ready' && which === 'collected' && (
          <View id='collected-list'>
            {collectedList(PRIVACY_MANIFEST, load.view).map((row) => (
              <View key={row.category} className='info-card' id={`collected-${row.category}`}>
                <View className='info-card__head'>
                  <Text className='info-card__title'>{localize(row.name, lang)}</Text>
                  {row.sensitive && <Text className='record__tag'>{localize(T.sensitive, lang)}</Text>}
                </View>
                <View className='info-card__line'>{line(T.purposes, row.purposes.map((p) => localize(p, lang)).join(sep(lang)), lang)}</View>
                <View className='info-card__line'>{line(T.scenario, row.scenarios.map((p) => localize(p, lang)).join(sep(lang)), lang)}</View>
                <View className='info-card__line'>{line(T.kept, localize(row.retention, lang), lang)}</View>
                <View className='info-card__line' id={`held-${row.category}`}>
                  {row.held ? localize(T.heldYes, lang).replace('{n}', String(row.count)).replace('{t}', row.lastCollectedAt ? formatShanghai(row.lastCollectedAt) : '') : localize(T.heldNo, lang)}
                </View>
              </View>
            ))}
          </View>
        )}
        {load.kind === 'ready' && which === 'shared' && (
          <View id='shared-list'>
            {sharedList(PRIVACY_MANIFEST, load.view, PROCESSOR_POLICY_URLS).map((row, i) => (
              <View key={row.key} className='info-card' id={`shared-${i}`}>
                <View className='info-card__head'>
                  <Text className='info-card__title'>{localize(row.recipient, lang)}</Text>
                </View>
                <View className='info-card__line'>{line(T.data, row.data.map((d) => localize(d, lang)).join(sep(lang)), lang)}</View>
                <View className='info-card__line'>{line(T.purposes, row.purposes.map((p) => localize(p, lang)).join(sep(lang)), lang)}</View>
                <View className='info-card__line'>{line(T.method, localize(row.how ?? (row.method === 'entrusted-processing' ? T.entrusted : T.provision), lang), lang)}</View>
                {row.contact && <View className='info-card__line'>{line(T.contact, localize(row.contact, lang), lang)}</View>}
                {row.legalBasis && <View className='info-card__line'>{line(T.legalBasis, localize(row.legalBasis, lang), lang)}</View>}
                {row.policyUrl && <View className='info-card__line'>{line(T.policy, row.policyUrl, lang)}</View>}
                {row.heldNow && <View className='info-card__line record__tag'>{localize(T.heldNow, lang)}</View>}
              </View>
            ))}
          </View>
        )}
      </View>
      <ConsentSheet />
    </View>
  )
}
