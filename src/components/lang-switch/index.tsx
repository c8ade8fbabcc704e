import { Btn } from '@/components/button'
import { setLang, usePrivacySession } from '@/flows/privacy-session'
import './index.scss'

/** 中文 ⇄ English; Simplified Chinese is the default and the authoritative text. */
export function LangSwitch() {
  const { lang } = usePrivacySession()
  return (
    <Btn id='lang-switch' kind='link' className='lang-switch' label={lang === 'zh-CN' ? 'Switch to English' : '切换到中文'} onTap={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
      {lang === 'zh-CN' ? 'English' : '中文'}
    </Btn>
  )
}
