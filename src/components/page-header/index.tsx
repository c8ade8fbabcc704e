import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { type ReactNode, useEffect, useState } from 'react'
import { type LocalizedText, localize } from '@/domain/policy/localized'
import { usePrivacySession } from '@/flows/privacy-session'
import { HOME_PAGE, TAB_LABELS } from '@/routes'
import { Btn } from '../button'
import './index.scss'

const T = {
  back: { 'zh-CN': '返回', en: 'Back' },
  home: { 'zh-CN': '首页', en: 'Home' },
}
const IS_H5 = process.env.TARO_ENV === 'h5'

export interface PageHeaderProps {
  title: LocalizedText
  /** Tab pages (首页, 我的) have no back control: the tab bar is the way between them. */
  tab?: boolean
  /** Beside the title, e.g. the language switch. */
  right?: ReactNode
}

/**
 * Every page's title, in the user's language. WeChat draws the title bar itself (we set its text);
 * the h5 build has none, so there this draws the title and a back control (or 首页 when opened directly).
 */
export function PageHeader({ title, tab = false, right }: PageHeaderProps) {
  const { lang } = usePrivacySession()
  const text = localize(title, lang)
  const [canGoBack, setCanGoBack] = useState(false)
  const sync = () => {
    void Taro.setNavigationBarTitle({ title: text }).catch(() => undefined)
    // The tab bar's words follow the language switch too (its config holds only the Chinese).
    if (tab) TAB_LABELS.forEach((label, index) => void Taro.setTabBarItem({ index, text: localize(label, lang) }).catch(() => undefined))
    setCanGoBack(Taro.getCurrentPages().length > 1)
  }
  useEffect(sync, [text, lang, tab])
  useDidShow(sync)

  if (!IS_H5) return right ? <View className='page-header page-header--weapp'>{right}</View> : null
  return (
    <View className='page-header'>
      <View className='page-header__side'>
        {!tab && canGoBack && (
          <Btn id='page-back' kind='link' label={localize(T.back, lang)} onTap={() => void Taro.navigateBack()}>
            ‹ {localize(T.back, lang)}
          </Btn>
        )}
        {!tab && !canGoBack && (
          <Btn id='page-home' kind='link' onTap={() => void Taro.switchTab({ url: HOME_PAGE })}>
            ‹ {localize(T.home, lang)}
          </Btn>
        )}
      </View>
      <View className='page-header__title' id='page-title' {...{ role: 'heading', 'aria-level': '1' }}>
        {text}
      </View>
      <View className='page-header__side page-header__side--right'>{right}</View>
    </View>
  )
}
