import { View } from '@tarojs/components'
import { Btn } from '@/components/button'
import { localize, type Lang, type LocalizedText } from '@/domain/policy/localized'
import './index.scss'

const OPEN_SETTINGS: LocalizedText = { 'zh-CN': '去设置开启', en: 'Turn it on in settings' }

export interface ScopeRefusedProps {
  lang: Lang
  /** Element ids are `<id>-denied`, `<id>-blocked` and `<id>-open-setting`. */
  id: string
  /** `denied`: the user just said no. `blocked`: WeChat no longer asks. Either way WeChat will not show its dialog again. */
  outcome: 'denied' | 'blocked'
  denied: LocalizedText
  blocked: LocalizedText
  /** Must run from this tap: WeChat opens its settings only from a user gesture. */
  onOpenSettings: () => void
}

/**
 * What a refused permission means for the feature, and the way back: after a refusal WeChat never asks
 * again, so its settings page is the only path, one tap away. The button sits below the sentence so
 * it never splits it.
 */
export function ScopeRefused({ lang, id, outcome, denied, blocked, onOpenSettings }: ScopeRefusedProps) {
  return (
    <View id={`${id}-${outcome}`} className='scope-refused' {...{ role: 'status' }}>
      <View className='scope-refused__text'>{localize(outcome === 'denied' ? denied : blocked, lang)}</View>
      <Btn id={`${id}-open-setting`} kind='plain' className='scope-refused__settings' onTap={onOpenSettings}>
        {localize(OPEN_SETTINGS, lang)}
      </Btn>
    </View>
  )
}
