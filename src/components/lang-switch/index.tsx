import { Btn } from '@/components/button'
import { setLang, usePrivacySession } from '@/flows/privacy-session'
import './index.scss'

/**
 * 中文 ⇄ English; Simplified Chinese is the default and the authoritative text. `id`: the consent sheet
 * has its own switch over the page header's one, which stays in the DOM under the mask.
 */
export function LangSwitch({ id = 'lang-switch' }: { id?: string }) {
  const { lang } = usePrivacySession()
  return (
    <Btn id={id} kind='link' className='lang-switch' label={lang === 'zh-CN' ? 'Switch to English' : '切换到中文'} onTap={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
      {lang === 'zh-CN' ? 'English' : '中文'}
    </Btn>
  )
}
