import { View } from '@tarojs/components'
import { setLang, usePrivacySession } from '@/flows/privacy-session'

/** 中文 ⇄ English; Simplified Chinese is the default and the authoritative text. */
export function LangSwitch() {
  const { lang } = usePrivacySession()
  return (
    <View id='lang-switch' className='lang-switch' onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
      {lang === 'zh-CN' ? 'English' : '中文'}
    </View>
  )
}
