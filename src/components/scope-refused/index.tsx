import { Button, View } from '@tarojs/components'
import { localize, type Lang, type LocalizedText } from '@/domain/policy/localized'
import './index.scss'

const OPEN_SETTINGS: LocalizedText = { 'zh-CN': '去设置开启', en: 'Open settings' }

export interface ScopeRefusedProps {
  lang: Lang
  /** Element ids are `<id>-denied`, `<id>-blocked` and `<id>-open-setting`. */
  id: string
  /** `denied`: the user just said no (no settings button: asking again right away is nagging). `blocked`: WeChat no longer asks. */
  outcome: 'denied' | 'blocked'
  denied: LocalizedText
  blocked: LocalizedText
  /** Must run from this tap: WeChat opens its settings only from a user gesture (rule 5). */
  onOpenSettings: () => void
}

/** What a refused permission means for the feature, and, once WeChat stops asking, the way back through settings. */
export function ScopeRefused({ lang, id, outcome, denied, blocked, onOpenSettings }: ScopeRefusedProps) {
  if (outcome === 'denied') {
    return (
      <View id={`${id}-denied`} className='scope-refused'>
        {localize(denied, lang)}
      </View>
    )
  }
  return (
    <View id={`${id}-blocked`} className='scope-refused'>
      {localize(blocked, lang)}
      <Button id={`${id}-open-setting`} size='mini' className='scope-refused__settings' onClick={onOpenSettings}>
        {localize(OPEN_SETTINGS, lang)}
      </Button>
    </View>
  )
}
