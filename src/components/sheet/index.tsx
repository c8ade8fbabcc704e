import { ScrollView, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { type Lang, localize } from '@/domain/policy/localized'
import { Btn } from '../button'
import './index.scss'

const CLOSE = { 'zh-CN': '关闭', en: 'Close' }

export interface SheetProps {
  id: string
  lang: Lang
  title: string
  onClose: () => void
  children: ReactNode
}

/** A bottom sheet over the page: things open where the user tapped, not far down the page. */
export function Sheet({ id, lang, title, onClose, children }: SheetProps) {
  return (
    <View className='ui-sheet-mask' onClick={onClose}>
      <View className='ui-sheet' id={id} {...{ role: 'dialog', 'aria-label': title }} onClick={(e) => e.stopPropagation()}>
        <View className='ui-sheet__head'>
          <View className='ui-sheet__title'>{title}</View>
          <Btn id={`${id}-close`} kind='link' onTap={onClose}>
            {localize(CLOSE, lang)}
          </Btn>
        </View>
        <ScrollView scrollY className='ui-sheet__body'>
          {children}
        </ScrollView>
      </View>
    </View>
  )
}
