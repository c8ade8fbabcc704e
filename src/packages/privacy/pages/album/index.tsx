import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Btn } from '@/components/button'
import { ConsentSheet } from '@/components/consent-sheet'
import { LangSwitch } from '@/components/lang-switch'
import { LoadError } from '@/components/load-error'
import { PageHeader } from '@/components/page-header'
import { PurposePrompt } from '@/components/purpose-prompt'
import { ScopeRefused } from '@/components/scope-refused'
import { PRIVACY_MANIFEST } from '@/content/privacy-manifest'
import { isGranted } from '@/domain/consent/consent-state'
import { localize } from '@/domain/policy/localized'
import { needsPurposePrompt, recoverInSettings, requestScope, type ScopeOutcome } from '@/flows/permissions'
import { askForAgreement, getPrivacySession, usePrivacySession } from '@/flows/privacy-session'
import { saveImageToPhotosAlbum } from '@/platform'
import { CERT_APPLY_PAGE, CERT_CONSENT_PAGE } from '@/routes'
import '../../privacy.scss'

const purpose = (id: string) => PRIVACY_MANIFEST.purposes.find((p) => p.id === id)!
const CERT = purpose('store-certification')
const POSTER = purpose('save-poster')
/** A fictional poster shipped with the app (a 1×1 PNG stands in for the rendered poster). */
const POSTER_IMAGE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

const T = {
  title: { 'zh-CN': '相册', en: 'Album' },
  cert: { 'zh-CN': '去商家认证', en: 'Go to merchant certification' },
  certNote: {
    'zh-CN': '认证照片（身份证正反面、营业执照）在商家认证中上传：先阅读说明并单独同意，照片在手机上压缩并加水印后才上传。',
    en: 'Certification photos (both sides of the ID card, the business licence) are added in merchant certification: read and give separate consent first; photos are compressed and watermarked on the phone before upload.',
  },
  save: { 'zh-CN': '保存海报到相册', en: 'Save poster to album' },
  saved: { 'zh-CN': '已保存到相册', en: 'Saved to your album' },
  denied: { 'zh-CN': '你拒绝了相册权限，海报未保存；你仍可直接转发分享。', en: 'You declined album access, so the poster was not saved; you can still share it directly.' },
  blocked: { 'zh-CN': '相册权限已关闭，微信不会再次询问。', en: 'Album access is off, and WeChat will not ask again.' },
  failed: { 'zh-CN': '未完成，请重试。', en: 'Not done. Please try again.' },
}

type Prompt = 'none' | 'save'
type SaveState = 'idle' | 'saved' | ScopeOutcome

/** Album at the moment of use: certification photos (in the merchant flow, after separate consent) and saving a poster (scope.writePhotosAlbum). */
export default function AlbumPage() {
  const s = usePrivacySession()
  const lang = s.lang
  const [prompt, setPrompt] = useState<Prompt>('none')
  const [save, setSave] = useState<SaveState>('idle')

  // Certification photos are sensitive: they are picked only inside the certification flow, after its separate consent.
  const openCertification = () => {
    if (s.phase !== 'agreed') return askForAgreement()
    void Taro.navigateTo({ url: isGranted(getPrivacySession().consents, { kind: 'purpose', id: CERT.id }) ? CERT_APPLY_PAGE : CERT_CONSENT_PAGE })
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
        <View className='perm__card' id='album-certification-card'>
          <View className='perm__name'>{localize(CERT.name, lang)}</View>
          <View className='perm__purpose'>{localize(T.certNote, lang)}</View>
          <Btn id='album-certification' kind='plain' block onTap={openCertification}>
            {localize(T.cert, lang)} ›
          </Btn>
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
      {prompt === 'save' && <PurposePrompt lang={lang} purpose={POSTER.description} ifRefused={POSTER.ifRefused} onContinue={() => void doSave()} onCancel={() => setPrompt('none')} />}
      <ConsentSheet />
    </View>
  )
}
