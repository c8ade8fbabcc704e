import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ConsentSheet } from '@/components/consent-sheet'
import type { MeView } from '@/contracts/account'
import { localize } from '@/domain/policy/localized'
import { askForAgreement, usePrivacySession } from '@/flows/privacy-session'
import { PERMISSIONS_PAGE, POLICY_PAGE } from '@/routes'
import { account } from '@/services/cloud'
import './index.scss'

const T = {
  title: { 'zh-CN': '我的', en: 'Me' },
  browsing: { 'zh-CN': '浏览模式：未使用任何个人信息。', en: 'Browsing: no personal information is used.' },
  agree: { 'zh-CN': '同意隐私政策以登录', en: 'Agree to the privacy policy to sign in' },
  account: { 'zh-CN': '账号', en: 'Account' },
  visits: { 'zh-CN': '访问次数', en: 'Visits' },
  centre: { 'zh-CN': '隐私中心 · 权限与同意', en: 'Privacy centre · permissions & consent' },
  policy: { 'zh-CN': '隐私政策', en: 'Privacy policy' },
  error: { 'zh-CN': '暂时无法读取账户信息', en: 'Could not load your account' },
}

type Me = { kind: 'none' } | { kind: 'ready'; me: MeView } | { kind: 'failed'; code: string }

/** The personal-centre entry: the account (only after agreement) and the way into the privacy centre. */
export default function MePage() {
  const s = usePrivacySession()
  const lang = s.lang
  const [me, setMe] = useState<Me>({ kind: 'none' })

  useEffect(() => {
    // The openid is processed only once the user has agreed.
    if (s.phase !== 'agreed') return setMe({ kind: 'none' })
    void account.me().then((r) => setMe(r.ok ? { kind: 'ready', me: r.data } : { kind: 'failed', code: r.code }))
  }, [s.phase])

  return (
    <View className='me'>
      <View className='me__card' id='me-card'>
        {s.phase !== 'agreed' && (
          <View>
            <View>{localize(T.browsing, lang)}</View>
            <View className='me__link' id='me-agree' onClick={askForAgreement}>
              {localize(T.agree, lang)} ›
            </View>
          </View>
        )}
        {s.phase === 'agreed' && me.kind === 'ready' && (
          <View>
            <View className='me__row'>
              <Text className='me__label'>{localize(T.account, lang)}</Text>
              <Text id='me-openid'>{me.me.openid}</Text>
            </View>
            <View className='me__row'>
              <Text className='me__label'>{localize(T.visits, lang)}</Text>
              <Text id='me-visits'>{me.me.visits}</Text>
            </View>
          </View>
        )}
        {me.kind === 'failed' && (
          <View id='me-error'>
            {localize(T.error, lang)} ({me.code})
          </View>
        )}
      </View>
      <View className='me__menu'>
        <View id='link-permissions' className='me__item' onClick={() => void Taro.navigateTo({ url: PERMISSIONS_PAGE })}>
          {localize(T.centre, lang)} ›
        </View>
        <View id='me-link-policy' className='me__item' onClick={() => void Taro.navigateTo({ url: POLICY_PAGE })}>
          {localize(T.policy, lang)} ›
        </View>
      </View>
      <ConsentSheet />
    </View>
  )
}
