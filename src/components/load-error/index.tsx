import { View } from '@tarojs/components'
import { type Lang, type LocalizedText, localize } from '@/domain/policy/localized'
import { Btn } from '../button'
import './index.scss'

const T = {
  failed: { 'zh-CN': '加载失败，请检查网络后重试。', en: 'Could not load. Check your connection and try again.' },
  retry: { 'zh-CN': '重试', en: 'Try again' },
  loading: { 'zh-CN': '正在加载…', en: 'Loading…' },
}

/** A server call failed: say so in words (never a raw code) and offer the retry right there. */
export function LoadError({ id, lang, message = T.failed, busy = false, onRetry }: { id: string; lang: Lang; message?: LocalizedText; busy?: boolean; onRetry: () => void }) {
  return (
    <View className='load-error' id={id} {...{ role: 'alert' }}>
      <View className='load-error__text'>{localize(message, lang)}</View>
      <Btn id={`${id}-retry`} kind='plain' busy={busy} onTap={onRetry}>
        {localize(T.retry, lang)}
      </Btn>
    </View>
  )
}

/** A server call is running. */
export function Loading({ id, lang, text = T.loading }: { id: string; lang: Lang; text?: LocalizedText }) {
  return (
    <View className='loading' id={id} {...{ role: 'status' }}>
      {localize(text, lang)}
    </View>
  )
}
