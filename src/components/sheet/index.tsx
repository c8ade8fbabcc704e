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
  /** The sheet's actions (and any message about them): pinned under the body, never scrolled away. */
  footer?: ReactNode
}

/**
 * A bottom sheet over the page: things open where the user tapped, not far down the page. It never
 * grows past the screen: the title and the footer stay put and only the body scrolls between them.
 */
export function Sheet({ id, lang, title, onClose, children, footer }: SheetProps) {
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
        {footer && <View className='ui-sheet__foot'>{footer}</View>}
      </View>
    </View>
  )
}
