import { Image, View } from '@tarojs/components'
import { Btn } from '@/components/button'
import { LangSwitch } from '@/components/lang-switch'
import { PageHeader } from '@/components/page-header'
import { useState } from 'react'
import { ConsentSheet } from '@/components/consent-sheet'
import { LoadError } from '@/components/load-error'
import { PurposePrompt } from '@/components/purpose-prompt'
import { ScopeRefused } from '@/components/scope-refused'
import { PRIVACY_MANIFEST } from '@/content/privacy-manifest'
import { isGranted } from '@/domain/consent/consent-state'
import { localize } from '@/domain/policy/localized'
import { needsPurposePrompt, recoverInSettings, requestScope, type ScopeOutcome } from '@/flows/permissions'
import { askForAgreement, getPrivacySession, recordDecision, usePrivacySession } from '@/flows/privacy-session'
import { chooseMedia, type MediaFile, saveImageToPhotosAlbum } from '@/platform'
import '../../privacy.scss'

const purpose = (id: string) => PRIVACY_MANIFEST.purposes.find((p) => p.id === id)!
const CERT = purpose('store-certification')
const POSTER = purpose('save-poster')
/** A fictional poster shipped with the app (a 1×1 PNG stands in for the rendered poster). */
const POSTER_IMAGE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

const T = {
  title: { 'zh-CN': '相册', en: 'Album' },
  pick: { 'zh-CN': '选择认证照片', en: 'Pick certification photos' },
  pickNote: { 'zh-CN': '照片仅在本机预览，提交认证时才会上传。', en: 'Photos stay on this phone for preview; they are uploaded only when you submit certification.' },
  save: { 'zh-CN': '保存海报到相册', en: 'Save poster to album' },
  saved: { 'zh-CN': '已保存到相册', en: 'Saved to your album' },
  denied: { 'zh-CN': '你拒绝了相册权限，海报未保存；你仍可直接转发分享。', en: 'You declined album access, so the poster was not saved; you can still share it directly.' },
  blocked: { 'zh-CN': '相册权限已关闭，微信不会再次询问。', en: 'Album access is off, and WeChat will not ask again.' },
  failed: { 'zh-CN': '未完成，请重试。', en: 'Not done. Please try again.' },
}

type Prompt = 'none' | 'pick' | 'save'
type SaveState = 'idle' | 'saved' | ScopeOutcome

/** Album at the moment of use: picking photos for certification (sensitive, separate consent) and saving a poster (scope.writePhotosAlbum). */
export default function AlbumPage() {
  const s = usePrivacySession()
  const lang = s.lang
  const [prompt, setPrompt] = useState<Prompt>('none')
  const [photos, setPhotos] = useState<MediaFile[]>([])
  const [save, setSave] = useState<SaveState>('idle')

  const startPick = () => {
    if (s.phase !== 'agreed') return askForAgreement()
    if (isGranted(getPrivacySession().consents, { kind: 'purpose', id: CERT.id })) return void pick()
    setPrompt('pick')
  }
  const pick = async () => {
    setPrompt('none')
    if (!isGranted(getPrivacySession().consents, { kind: 'purpose', id: CERT.id })) {
      const r = await recordDecision({ kind: 'purpose', id: CERT.id }, 'grant', 'purpose-prompt')
      if (!r.ok) return
    }
    const files = await chooseMedia({ count: 3 }).catch(() => [])
    setPhotos(files)
  }
  const doSave = async (recover = false) => {
    setPrompt('none')
    const outcome = recover ? await recoverInSettings('scope.writePhotosAlbum') : await requestScope('scope.writePhotosAlbum')
    if (outcome !== 'granted') return setSave(outcome === 'needs-agreement' ? 'idle' : outcome)
    try {
      await saveImageToPhotosAlbum(POSTER_IMAGE)
      setSave('saved')
    } catch {
      setSave('failed')
    }
  }
  const startSave = async () => {
    if (s.phase !== 'agreed') return askForAgreement()
    if (await needsPurposePrompt('scope.writePhotosAlbum')) setPrompt('save')
    else await doSave()
  }

  return (
    <View className='perm' id='album-page'>
      <PageHeader title={T.title} right={<LangSwitch />} />
      <View className='perm__body'>
        <View className='perm__card'>
          <View className='perm__name'>{localize(CERT.name, lang)}</View>
          <Btn id='pick-photos' kind='plain' block onTap={startPick}>
            {localize(T.pick, lang)}
          </Btn>
          <View className='perm__purpose'>{localize(T.pickNote, lang)}</View>
          <View id='picked'>
            {photos.map((p) => (
              <Image key={p.tempFilePath} src={p.tempFilePath} className='thumb' mode='aspectFill' style={{ width: '160px', height: '160px', marginRight: '8px' }} />
            ))}
          </View>
        </View>
        <View className='perm__card'>
          <View className='perm__name'>{localize(POSTER.name, lang)}</View>
          <Btn id='save-poster' kind='plain' block onTap={() => void startSave()}>
            {localize(T.save, lang)}
          </Btn>
          {save === 'saved' && <View id='poster-saved' className='perm__state perm__state--on'>{localize(T.saved, lang)}</View>}
          {(save === 'denied' || save === 'blocked') && (
            <ScopeRefused lang={lang} id='album' outcome={save} denied={T.denied} blocked={T.blocked} onOpenSettings={() => void doSave(true)} />
          )}
          {save === 'failed' && <LoadError id='album-error' lang={lang} message={T.failed} onRetry={() => void startSave()} />}
        </View>
      </View>
      {prompt === 'pick' && <PurposePrompt lang={lang} purpose={CERT.description} ifRefused={CERT.ifRefused} sensitive onContinue={() => void pick()} onCancel={() => setPrompt('none')} />}
      {prompt === 'save' && <PurposePrompt lang={lang} purpose={POSTER.description} ifRefused={POSTER.ifRefused} onContinue={() => void doSave()} onCancel={() => setPrompt('none')} />}
      <ConsentSheet />
    </View>
  )
}
