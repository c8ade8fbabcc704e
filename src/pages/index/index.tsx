import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { ConsentSheet } from '@/components/consent-sheet'
import { LangSwitch } from '@/components/lang-switch'
import { PurposePrompt } from '@/components/purpose-prompt'
import { ScopeRefused } from '@/components/scope-refused'
import { PRIVACY_MANIFEST } from '@/content/privacy-manifest'
import type { StoreView } from '@/contracts/stores'
import { localize } from '@/domain/policy/localized'
import { requestScope, needsPurposePrompt, recoverInSettings } from '@/flows/permissions'
import { askForAgreement, dismissNotice, usePrivacySession } from '@/flows/privacy-session'
import { getLocation } from '@/platform'
import { ALBUM_PAGE, ME_PAGE, POLICY_PAGE } from '@/routes'
import { stores } from '@/services/cloud'
import './index.scss'

const CITIES = [
  { id: 'shanghai', name: { 'zh-CN': '上海', en: 'Shanghai' } },
  { id: 'hangzhou', name: { 'zh-CN': '杭州', en: 'Hangzhou' } },
]
const NEARBY = PRIVACY_MANIFEST.purposes.find((p) => p.id === 'nearby-stores')!

const T = {
  title: { 'zh-CN': '示例商城', en: 'Example Mall' },
  browse: { 'zh-CN': '你正在浏览模式：浏览商品与门店不需要个人信息。同意隐私政策后可使用附近门店、账号等功能。', en: 'You are browsing: products and stores need no personal information. Agree to the privacy policy to use nearby stores, your account and more.' },
  browseAgree: { 'zh-CN': '查看并同意', en: 'Review and agree' },
  notice: { 'zh-CN': '隐私政策有小幅更新（不影响你已同意的内容）：', en: 'The privacy policy has minor updates (nothing you agreed to changes):' },
  ok: { 'zh-CN': '知道了', en: 'OK' },
  stores: { 'zh-CN': '门店', en: 'Stores' },
  nearby: { 'zh-CN': '附近门店', en: 'Nearby stores' },
  denied: { 'zh-CN': '你拒绝了位置权限，因此不显示距离。你可以继续按城市浏览门店。', en: 'You declined location access, so distances are not shown. You can keep browsing stores by city.' },
  blocked: { 'zh-CN': '位置权限已关闭。如需显示附近门店，请在设置中开启。', en: 'Location access is off. To see nearby stores, turn it on in settings.' },
  failed: { 'zh-CN': '暂时无法获取，请稍后再试', en: 'Not available right now; please try again later' },
  policy: { 'zh-CN': '隐私政策', en: 'Privacy policy' },
  me: { 'zh-CN': '我的', en: 'Me' },
  album: { 'zh-CN': '相册功能演示', en: 'Album demo' },
}

type Nearby = { kind: 'idle' } | { kind: 'prompt' } | { kind: 'busy' } | { kind: 'list'; stores: StoreView[] } | { kind: 'denied' } | { kind: 'blocked' } | { kind: 'failed' }

export default function Index() {
  const s = usePrivacySession()
  const lang = s.lang
  const [city, setCity] = useState('shanghai')
  const [list, setList] = useState<StoreView[]>([])
  const [nearby, setNearby] = useState<Nearby>({ kind: 'idle' })

  const loadCity = async (id: string) => {
    setCity(id)
    const reply = await stores.list(id)
    setList(reply.ok ? reply.data.stores : [])
  }
  useLoad(() => void loadCity('shanghai'))

  const showNearby = async () => {
    setNearby({ kind: 'busy' })
    try {
      const { latitude, longitude } = await getLocation()
      const reply = await stores.nearby(latitude, longitude)
      setNearby(reply.ok ? { kind: 'list', stores: reply.data.stores } : { kind: 'failed' })
    } catch {
      setNearby({ kind: 'failed' })
    }
  }
  const proceed = async (recover = false) => {
    const outcome = recover ? await recoverInSettings('scope.userLocation') : await requestScope('scope.userLocation')
    if (outcome === 'granted') await showNearby()
    else if (outcome === 'needs-agreement') setNearby({ kind: 'idle' })
    else setNearby({ kind: outcome })
  }
  const startNearby = async () => {
    if (s.phase !== 'agreed') return askForAgreement()
    if (await needsPurposePrompt('scope.userLocation')) setNearby({ kind: 'prompt' })
    else await proceed()
  }

  return (
    <View className='home'>
      <View className='home__head'>
        <View className='home__title'>{localize(T.title, lang)}</View>
        <LangSwitch />
      </View>
      {s.phase === 'browse' && (
        <View className='banner' id='browse-banner'>
          <Text>{localize(T.browse, lang)}</Text>
          <View className='banner__action' id='browse-agree' onClick={askForAgreement}>
            {localize(T.browseAgree, lang)} ›
          </View>
        </View>
      )}
      {s.notice.length > 0 && (
        <View className='banner' id='policy-notice'>
          <Text>{localize(T.notice, lang)}</Text>
          {s.notice.map((c) => (
            <View key={`${c.kind}-${c.id}`}>· {c.title}</View>
          ))}
          <View className='banner__action' id='policy-notice-ok' onClick={dismissNotice}>
            {localize(T.ok, lang)}
          </View>
        </View>
      )}

      <View className='section'>
        <View className='section__title'>{localize(T.nearby, lang)}</View>
        <Button id='nearby' className='home__nearby' onClick={() => void startNearby()}>
          {localize(T.nearby, lang)}
        </Button>
        {(nearby.kind === 'denied' || nearby.kind === 'blocked') && (
          <ScopeRefused lang={lang} id='location' outcome={nearby.kind} denied={T.denied} blocked={T.blocked} onOpenSettings={() => void proceed(true)} />
        )}
        {nearby.kind === 'failed' && <View className='hint'>{localize(T.failed, lang)}</View>}
        {nearby.kind === 'list' && (
          <View id='nearby-list'>
            {nearby.stores.map((st) => (
              <View key={st.id} className='store' id={`nearby-${st.id}`}>
                <Text className='store__name'>{st.name}</Text>
                <Text className='store__meta'>{st.distanceM !== undefined ? `${(st.distanceM / 1000).toFixed(1)} km` : ''}</Text>
              </View>
            ))}
          </View>
        )}
      </View>

      <View className='section'>
        <View className='section__title'>{localize(T.stores, lang)}</View>
        <View className='tabs'>
          {CITIES.map((c) => (
            <View key={c.id} id={`city-${c.id}`} className={c.id === city ? 'tabs__tab tabs__tab--on' : 'tabs__tab'} onClick={() => void loadCity(c.id)}>
              {localize(c.name, lang)}
            </View>
          ))}
        </View>
        <View id='store-list'>
          {list.map((st) => (
            <View key={st.id} className='store'>
              <Text className='store__name'>{st.name}</Text>
              <Text className='store__meta'>{st.address}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className='links'>
        <View id='link-policy' className='links__item' onClick={() => void Taro.navigateTo({ url: POLICY_PAGE })}>
          {localize(T.policy, lang)} ›
        </View>
        <View id='link-me' className='links__item' onClick={() => void Taro.navigateTo({ url: ME_PAGE })}>
          {localize(T.me, lang)} ›
        </View>
        <View id='link-album' className='links__item' onClick={() => void Taro.navigateTo({ url: ALBUM_PAGE })}>
          {localize(T.album, lang)} ›
        </View>
      </View>

      {nearby.kind === 'prompt' && (
        <PurposePrompt lang={lang} purpose={NEARBY.description} ifRefused={NEARBY.ifRefused} onContinue={() => void proceed()} onCancel={() => setNearby({ kind: 'idle' })} />
      )}
      <ConsentSheet />
    </View>
  )
}
