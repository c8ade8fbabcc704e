import { View } from '@tarojs/components'
import { useEffect } from 'react'
import { type Lang, localize } from '@/domain/policy/localized'
import { Btn } from '../button'
import './index.scss'

const T = {
  retry: { 'zh-CN': '重试', en: 'Try again' },
  close: { 'zh-CN': '关闭', en: 'Close' },
}

/** A failed action and how to try it again. */
export interface ActionFailure {
  message: string
  /** The same action once more; absent when trying again cannot help (the message says what to do). */
  retry?: () => void
}

/**
 * A tapped action failed: said at the bottom of the screen, wherever the user has scrolled to (a banner at
 * the top of a long page goes unseen), with the retry right there. Page-level load failures use LoadError.
 */
export function ActionAlert({ id, lang, failure, onClose }: { id: string; lang: Lang; failure: ActionFailure; onClose: () => void }) {
  // A user at the end of the page (where a submit usually is) keeps what they tapped above the alert.
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    const room = document.getElementById(`${id}-room`)
    if (room && room.getBoundingClientRect().top < window.innerHeight) room.scrollIntoView({ block: 'nearest' })
  }, [failure])
  return (
    <>
      {/* Room at the end of the page, so what the alert covers can be scrolled up above it. */}
      <View className='action-alert-room' id={`${id}-room`} />
      <View className='action-alert' id={id} {...{ role: 'alert' }}>
        <View className='action-alert__text'>{failure.message}</View>
        <View className='action-alert__actions'>
          <Btn id={`${id}-close`} kind='link' onTap={onClose}>
            {localize(T.close, lang)}
          </Btn>
          {failure.retry && (
            // Retrying dismisses the alert; the action's own button shows it working, and a new failure a new alert.
            <Btn
              id={`${id}-retry`}
              kind='primary'
              onTap={() => {
                onClose()
                failure.retry!()
              }}
            >
              {localize(T.retry, lang)}
            </Btn>
          )}
        </View>
      </View>
    </>
  )
}
