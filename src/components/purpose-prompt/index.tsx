import { View } from '@tarojs/components'
import { Btn } from '@/components/button'
import { localize, type Lang, type LocalizedText } from '@/domain/policy/localized'
import './index.scss'

const T = {
  title: { 'zh-CN': '使用前说明', en: 'Before we start' },
  go: { 'zh-CN': '继续', en: 'Continue' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  sensitive: { 'zh-CN': '涉及敏感个人信息，需要你的单独同意。', en: 'This involves sensitive personal information and needs your separate consent.' },
}

export interface PurposePromptProps {
  lang: Lang
  /** What the feature does with the data, from the privacy manifest. */
  purpose: LocalizedText
  /** What happens if the user says no, from the manifest. */
  ifRefused: LocalizedText
  sensitive?: boolean
  onContinue: () => void
  onCancel: () => void
}

/** Shown before any system permission dialog or picker, so the user sees why we ask (rule 3). */
export function PurposePrompt({ lang, purpose, ifRefused, sensitive, onContinue, onCancel }: PurposePromptProps) {
  return (
    <View className='prompt-mask' id='purpose-prompt'>
      <View className='prompt'>
        <View className='prompt__title'>{localize(T.title, lang)}</View>
        <View className='prompt__purpose' id='purpose-text'>
          {localize(purpose, lang)}
        </View>
        {sensitive && <View className='prompt__sensitive'>{localize(T.sensitive, lang)}</View>}
        <View className='prompt__refused'>{localize(ifRefused, lang)}</View>
        <Btn className='prompt__go' id='purpose-continue' kind='primary' block onTap={onContinue}>
          {localize(T.go, lang)}
        </Btn>
        <Btn className='prompt__cancel' id='purpose-cancel' kind='link' block onTap={onCancel}>
          {localize(T.cancel, lang)}
        </Btn>
      </View>
    </View>
  )
}
