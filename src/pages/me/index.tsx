import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { AnnouncementBanner } from '@/components/announcement-banner'
import { Btn } from '@/components/button'
import { ConsentSheet } from '@/components/consent-sheet'
import { LangSwitch } from '@/components/lang-switch'
import { LoadError, Loading } from '@/components/load-error'
import { PageHeader } from '@/components/page-header'
import type { MeView } from '@/contracts/account'
import { formatShanghai } from '@/domain/common/local-time'
import { maskId } from '@/domain/common/mask'
import { isGranted } from '@/domain/consent/consent-state'
import { localize } from '@/domain/policy/localized'
import { askForAgreement, getPrivacySession, usePrivacySession } from '@/flows/privacy-session'
import { CANCEL_PAGE, CERT_APPLY_PAGE, CONTACT_PAGE, CERT_CONSENT_PAGE, LISTS_PAGE, PERMISSIONS_PAGE, PERSONAL_INFO_PAGE, POLICY_PAGE } from '@/routes'
import { account } from '@/services/cloud'
import './index.scss'

const T = {
  title: { 'zh-CN': '我的', en: 'Me' },
  browsing: { 'zh-CN': '浏览模式：未使用任何个人信息。', en: 'Browsing: no personal information is used.' },
  agree: { 'zh-CN': '同意隐私政策以登录', en: 'Agree to the privacy policy to sign in' },
  account: { 'zh-CN': '微信账号', en: 'WeChat account' },
  since: { 'zh-CN': '开始使用', en: 'Member since' },
  info: { 'zh-CN': '个人信息 · 查看、更正、复制', en: 'My information · view, correct, copy' },
  centre: { 'zh-CN': '隐私中心 · 权限与同意', en: 'Privacy centre · permissions & consent' },
  contact: { 'zh-CN': '联系我们 · 咨询与投诉', en: 'Contact us · questions & complaints' },
  policy: { 'zh-CN': '隐私政策', en: 'Privacy policy' },
  collected: { 'zh-CN': '已收集个人信息清单', en: 'Information collected' },
  shared: { 'zh-CN': '第三方共享清单', en: 'Shared with third parties' },
  certification: { 'zh-CN': '商家认证', en: 'Merchant certification' },
  cancel: { 'zh-CN': '注销账号', en: 'Cancel account' },
  pending: { 'zh-CN': '注销申请处理中，点此查看进度', en: 'Account cancellation in progress: see where it stands' },
  error: { 'zh-CN': '暂时无法读取账户信息，请检查网络后重试。', en: 'Could not load your account. Check your connection and try again.' },
}

type Me = { kind: 'none' } | { kind: 'loading' } | { kind: 'ready'; me: MeView } | { kind: 'failed' }

/** The personal-centre entry: the account (only after agreement) and the way into the privacy centre. */
export default function MePage() {
  const s = usePrivacySession()
  const lang = s.lang
  const [me, setMe] = useState<Me>({ kind: 'none' })

  const load = async () => {
    setMe({ kind: 'loading' })
    const r = await account.me()
    setMe(r.ok ? { kind: 'ready', me: r.data } : { kind: 'failed' })
  }
  useEffect(() => {
    // The openid is processed only once the user has agreed.
    if (s.phase !== 'agreed') return setMe({ kind: 'none' })
    void load()
  }, [s.phase])
  // A tab page stays alive between visits: read again each time it comes back into view.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current && getPrivacySession().phase === 'agreed') void load()
    shown.current = true
  })

  return (
    <View className='me'>
      <PageHeader title={T.title} tab right={<LangSwitch />} />
      <View className='me__body'>
        <AnnouncementBanner lang={lang} />
        <View className='me__card' id='me-card'>
          {s.phase !== 'agreed' && (
            <View>
              <View>{localize(T.browsing, lang)}</View>
              <Btn id='me-agree' kind='link' className='me__link' onTap={askForAgreement}>
                {localize(T.agree, lang)} ›
              </Btn>
            </View>
          )}
          {me.kind === 'loading' && <Loading id='me-loading' lang={lang} />}
          {me.kind === 'ready' && me.me.pendingCancellation && (
            <Btn id='me-cancellation-pending' kind='link' block className='me__link' onTap={() => void Taro.navigateTo({ url: CANCEL_PAGE })}>
              {localize(T.pending, lang)} ›
            </Btn>
          )}
          {me.kind === 'ready' && (
            <View>
              <View className='me__row'>
                <Text className='me__label'>{localize(T.account, lang)}</Text>
                {/* Masked: enough to recognise, never the raw OpenID on screen. */}
                <Text id='me-openid'>{maskId(me.me.openid)}</Text>
              </View>
              <View className='me__row'>
                <Text className='me__label'>{localize(T.since, lang)}</Text>
                <Text id='me-since'>{formatShanghai(me.me.firstSeenAt).slice(0, 10)}</Text>
              </View>
            </View>
          )}
          {me.kind === 'failed' && <LoadError id='me-error' lang={lang} message={T.error} onRetry={() => void load()} />}
        </View>
        <View className='me__menu'>
          {s.phase === 'agreed' && (
            <Btn id='link-personal' kind='link' block className='me__item' onTap={() => void Taro.navigateTo({ url: PERSONAL_INFO_PAGE })}>
              {localize(T.info, lang)} ›
            </Btn>
          )}
          <Btn id='link-permissions' kind='link' block className='me__item' onTap={() => void Taro.navigateTo({ url: PERMISSIONS_PAGE })}>
            {localize(T.centre, lang)} ›
          </Btn>
          <Btn id='link-contact' kind='link' block className='me__item' onTap={() => void Taro.navigateTo({ url: CONTACT_PAGE })}>
            {localize(T.contact, lang)} ›
          </Btn>
          {s.phase === 'agreed' && (
            <Btn id='link-collected' kind='link' block className='me__item' onTap={() => void Taro.navigateTo({ url: `${LISTS_PAGE}?list=collected` })}>
              {localize(T.collected, lang)} ›
            </Btn>
          )}
          {s.phase === 'agreed' && (
            <Btn id='link-shared' kind='link' block className='me__item' onTap={() => void Taro.navigateTo({ url: `${LISTS_PAGE}?list=shared` })}>
              {localize(T.shared, lang)} ›
            </Btn>
          )}
          <Btn id='me-link-policy' kind='link' block className='me__item' onTap={() => void Taro.navigateTo({ url: POLICY_PAGE })}>
            {localize(T.policy, lang)} ›
          </Btn>
          {s.phase === 'agreed' && (
            // The separate consent comes first; once given, straight to the application.
            <Btn
              id='link-certification'
              kind='link'
              block
              className='me__item'
              onTap={() => void Taro.navigateTo({ url: isGranted(getPrivacySession().consents, { kind: 'purpose', id: 'store-certification' }) ? CERT_APPLY_PAGE : CERT_CONSENT_PAGE })}
            >
              {localize(T.certification, lang)} ›
            </Btn>
          )}
          {s.phase === 'agreed' && (
            <Btn id='link-cancel' kind='link' block className='me__item' onTap={() => void Taro.navigateTo({ url: CANCEL_PAGE })}>
              {localize(T.cancel, lang)} ›
            </Btn>
          )}
        </View>
      </View>
      <ConsentSheet />
    </View>
  )
}
