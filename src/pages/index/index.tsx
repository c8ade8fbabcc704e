import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { AnnouncementBanner } from '@/components/announcement-banner'
import { a11yProps, Btn } from '@/components/button'
import { ConsentSheet } from '@/components/consent-sheet'
import { LangSwitch } from '@/components/lang-switch'
import { LoadError, Loading } from '@/components/load-error'
import { PageHeader } from '@/components/page-header'
import { PurposePrompt } from '@/components/purpose-prompt'
import { ScopeRefused } from '@/components/scope-refused'
import { NEARBY_STORES_PURPOSE as NEARBY } from '@/content/nearby-purpose'
import type { StoreView } from '@/contracts/stores'
import { localize } from '@/domain/policy/localized'
import { needsPurposePrompt, recoverInSettings, requestScope } from '@/flows/permissions'
import { askForAgreement, dismissNotice, usePrivacySession } from '@/flows/privacy-session'
import { getLocation } from '@/platform'
import { ALBUM_PAGE, ME_PAGE, openTab, POLICY_PAGE, STORE_PAGE } from '@/routes'
import { stores } from '@/services/cloud'
import './index.scss'

const CITIES = [
  { id: 'shanghai', name: { 'zh-CN': '上海', en: 'Shanghai' } },
  { id: 'hangzhou', name: { 'zh-CN': '杭州', en: 'Hangzhou' } },
]

const T = {
  title: { 'zh-CN': '示例商城', en: 'Example Mall' },
  browse: { 'zh-CN': '你正在浏览模式：浏览商品与门店不需要个人信息。同意隐私政策后可使用附近门店、账号等功能。', en: 'You are browsing: products and stores need no personal information. Agree to the privacy policy to use nearby stores, your account and more.' },
  browseAgree: { 'zh-CN': '查看并同意', en: 'Review and agree' },
  notice: { 'zh-CN': '隐私政策有小幅更新（不影响你已同意的内容）：', en: 'The privacy policy has minor updates (nothing you agreed to changes):' },
  ok: { 'zh-CN': '知道了', en: 'OK' },
  stores: { 'zh-CN': '按城市浏览门店', en: 'Stores by city' },
  nearby: { 'zh-CN': '附近门店', en: 'Stores near you' },
  findNearby: { 'zh-CN': '用我的位置查找', en: 'Use my location' },
  locating: { 'zh-CN': '正在查找你附近的门店…', en: 'Finding stores near you…' },
  none: { 'zh-CN': '{km} 公里内没有门店。你可以按城市浏览全部门店。', en: 'No stores within {km} km. You can browse every store by city below.' },
  within: { 'zh-CN': '{km} 公里内的门店，由近到远：', en: 'Stores within {km} km, nearest first:' },
  denied: { 'zh-CN': '你拒绝了位置权限，因此无法查找附近门店；按城市浏览不受影响。', en: 'You declined location access, so we cannot find stores near you. Browsing by city still works.' },
  blocked: { 'zh-CN': '位置权限已关闭，微信不会再次询问。', en: 'Location access is off, and WeChat will not ask again.' },
  failedNearby: { 'zh-CN': '暂时无法查找附近门店，请重试。', en: 'Could not find stores near you. Please try again.' },
  failedStores: { 'zh-CN': '门店加载失败，请检查网络后重试。', en: 'Could not load the stores. Check your connection and try again.' },
  policy: { 'zh-CN': '隐私政策', en: 'Privacy policy' },
  me: { 'zh-CN': '我的', en: 'Me' },
  album: { 'zh-CN': '相册功能演示', en: 'Album demo' },
}

type Nearby = { kind: 'idle' } | { kind: 'prompt' } | { kind: 'busy' } | { kind: 'list'; stores: StoreView[]; radiusKm: number } | { kind: 'denied' } | { kind: 'blocked' } | { kind: 'failed' }
type List = { kind: 'loading' } | { kind: 'ready'; stores: StoreView[] } | { kind: 'failed' }

const DEFAULT_RADIUS_KM = 50

export default function Index() {
  const s = usePrivacySession()
  const lang = s.lang
  const [city, setCity] = useState('shanghai')
  const [list, setList] = useState<List>({ kind: 'loading' })
  const [nearby, setNearby] = useState<Nearby>({ kind: 'idle' })

  const loadCity = async (id: string) => {
    setCity(id)
    setList({ kind: 'loading' })
    const reply = await stores.list(id)
    setList(reply.ok ? { kind: 'ready', stores: reply.data.stores } : { kind: 'failed' })
  }
  useLoad(() => void loadCity('shanghai'))

  const showNearby = async () => {
    setNearby({ kind: 'busy' })
    try {
      const { latitude, longitude } = await getLocation()
      const reply = await stores.nearby(latitude, longitude)
      setNearby(reply.ok ? { kind: 'list', stores: reply.data.stores, radiusKm: reply.data.radiusKm ?? DEFAULT_RADIUS_KM } : { kind: 'failed' })
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
  const km = (text: { 'zh-CN': string; en: string }, radius: number) => localize(text, lang).replace('{km}', String(radius))

  return (
    <View className='home'>
      <PageHeader title={T.title} tab right={<LangSwitch />} />
      <View className='home__body'>
        <AnnouncementBanner lang={lang} />
        {s.phase === 'browse' && (
          <View className='banner' id='browse-banner'>
            <Text>{localize(T.browse, lang)}</Text>
            <Btn id='browse-agree' kind='link' className='banner__action' onTap={askForAgreement}>
              {localize(T.browseAgree, lang)} ›
            </Btn>
          </View>
        )}
        {s.notice.length > 0 && (
          <View className='banner' id='policy-notice'>
            <Text>{localize(T.notice, lang)}</Text>
            {s.notice.map((c) => (
              <View key={`${c.kind}-${c.id}`}>· {c.sentence}</View>
            ))}
            <Btn id='policy-notice-ok' kind='link' className='banner__action' onTap={dismissNotice}>
              {localize(T.ok, lang)}
            </Btn>
          </View>
        )}

        <View className='section'>
          <View className='section__title'>{localize(T.nearby, lang)}</View>
          <Btn id='nearby' kind='plain' block busy={nearby.kind === 'busy'} onTap={() => void startNearby()}>
            {localize(T.findNearby, lang)}
          </Btn>
          {nearby.kind === 'busy' && <Loading id='nearby-loading' lang={lang} text={T.locating} />}
          {(nearby.kind === 'denied' || nearby.kind === 'blocked') && (
            <ScopeRefused lang={lang} id='location' outcome={nearby.kind} denied={T.denied} blocked={T.blocked} onOpenSettings={() => void proceed(true)} />
          )}
          {nearby.kind === 'failed' && <LoadError id='nearby-error' lang={lang} message={T.failedNearby} onRetry={() => void startNearby()} />}
          {nearby.kind === 'list' && nearby.stores.length === 0 && (
            <View className='hint' id='nearby-empty'>
              {km(T.none, nearby.radiusKm)}
            </View>
          )}
          {nearby.kind === 'list' && nearby.stores.length > 0 && (
            <View id='nearby-list'>
              <View className='hint'>{km(T.within, nearby.radiusKm)}</View>
              {nearby.stores.map((st) => (
                // A nearby store opens like the same store in the city list: a result is never a dead end.
                <View key={st.id} className='store store--tap' id={`nearby-${st.id}`} {...a11yProps('button', { label: st.name })} onClick={() => void Taro.navigateTo({ url: `${STORE_PAGE}?id=${st.id}` })}>
                  <Text className='store__name'>{st.name}</Text>
                  <Text className='store__meta'>{st.distanceM !== undefined ? `${(st.distanceM / 1000).toFixed(1)} km ›` : '›'}</Text>
                </View>
              ))}
            </View>
          )}
        </View>

        <View className='section'>
          <View className='section__title'>{localize(T.stores, lang)}</View>
          <View className='tabs'>
            {CITIES.map((c) => (
              <Btn key={c.id} id={`city-${c.id}`} kind='plain' pressed={c.id === city} className={c.id === city ? 'tabs__tab tabs__tab--on' : 'tabs__tab'} onTap={() => void loadCity(c.id)}>
                {localize(c.name, lang)}
              </Btn>
            ))}
          </View>
          {list.kind === 'loading' && <Loading id='stores-loading' lang={lang} />}
          {list.kind === 'failed' && <LoadError id='stores-error' lang={lang} message={T.failedStores} onRetry={() => void loadCity(city)} />}
          <View id='store-list'>
            {list.kind === 'ready' &&
              list.stores.map((st) => (
                <View key={st.id} id={`store-${st.id}`} className='store store--tap' {...a11yProps('button', { label: st.name })} onClick={() => void Taro.navigateTo({ url: `${STORE_PAGE}?id=${st.id}` })}>
                  <Text className='store__name'>{st.name}</Text>
                  <Text className='store__meta'>{st.address} ›</Text>
                </View>
              ))}
          </View>
        </View>

        <View className='links'>
          <Btn id='link-policy' kind='link' block className='links__item' onTap={() => void Taro.navigateTo({ url: POLICY_PAGE })}>
            {localize(T.policy, lang)} ›
          </Btn>
          <Btn id='link-me' kind='link' block className='links__item' onTap={() => void openTab(ME_PAGE)}>
            {localize(T.me, lang)} ›
          </Btn>
          <Btn id='link-album' kind='link' block className='links__item' onTap={() => void Taro.navigateTo({ url: ALBUM_PAGE })}>
            {localize(T.album, lang)} ›
          </Btn>
        </View>
      </View>

      {nearby.kind === 'prompt' && (
        <PurposePrompt lang={lang} purpose={NEARBY.description} ifRefused={NEARBY.ifRefused} onContinue={() => void proceed()} onCancel={() => setNearby({ kind: 'idle' })} />
      )}
      <ConsentSheet />
    </View>
  )
}
