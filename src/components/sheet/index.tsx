import { ScrollView, View } from '@tarojs/components'
import { type ReactNode, useEffect, useState } from 'react'
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
  /** Scrolls the body to the element with this id, e.g. the first invalid field; each new object scrolls again. */
  reveal?: { id: string }
}

/**
 * A bottom sheet over the page: things open where the user tapped, not far down the page. It never
 * grows past the screen: the title and the footer stay put and only the body scrolls between them.
 */
export function Sheet({ id, lang, title, onClose, children, footer, reveal }: SheetProps) {
  // ScrollView (weapp and Taro's h5) scrolls only when this id changes, so it is cleared once the body
  // has scrolled: the same field asked for again after the user scrolled away scrolls back to it.
  const [into, setInto] = useState<string>()
  useEffect(() => setInto(reveal?.id), [reveal])
  return (
    <View className='ui-sheet-mask' onClick={onClose}>
      <View className='ui-sheet' id={id} {...{ role: 'dialog', 'aria-label': title }} onClick={(e) => e.stopPropagation()}>
        <View className='ui-sheet__head'>
          <View className='ui-sheet__title'>{title}</View>
          <Btn id={`${id}-close`} kind='link' onTap={onClose}>
            {localize(CLOSE, lang)}
          </Btn>
        </View>
        <ScrollView scrollY className='ui-sheet__body' scrollIntoView={into} onScroll={() => into && setInto(undefined)}>
          {children}
        </ScrollView>
        {footer && <View className='ui-sheet__foot'>{footer}</View>}
      </View>
    </View>
  )
}
