import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { a11yProps } from './a11y'
import './index.scss'

export interface BtnProps {
  id?: string
  /** primary: the one main action; plain: secondary; link: inline text action; danger: destructive. */
  kind?: 'primary' | 'plain' | 'link' | 'danger'
  /** block fills the width; inline sizes to its text (still 44 px tall). */
  block?: boolean
  disabled?: boolean
  /** A server call is running: shows progress and ignores taps, so one tap is one call. */
  busy?: boolean
  /** Screen-reader name when the visible text alone is not enough. */
  label?: string
  pressed?: boolean
  className?: string
  onTap: () => void
  children: ReactNode
}

/**
 * The app's button. Built on View rather than Taro's Button: the h5 Button keeps its faded disabled
 * look whenever a `disabled` attribute is present, even `disabled="false"`, so an enabled button looked
 * disabled. Disabled and busy buttons ignore taps here, not only by their looks.
 */
export function Btn({ id, kind = 'plain', block = false, disabled = false, busy = false, label, pressed, className, onTap, children }: BtnProps) {
  const off = disabled || busy
  const classes = ['btn', `btn--${kind}`, block ? 'btn--block' : 'btn--inline', off ? 'btn--off' : '', busy ? 'btn--busy' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <View id={id} className={classes} {...a11yProps('button', { label, disabled: off, busy, pressed })} onClick={() => !off && onTap()}>
      {busy && <Text className='btn__spinner' />}
      {children}
    </View>
  )
}

export { a11yProps }
