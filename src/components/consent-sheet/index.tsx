import { Text, View } from '@tarojs/components'
import { a11yProps, Btn } from '@/components/button'
import { LangSwitch } from '@/components/lang-switch'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { POLICY_SUMMARIES } from '@/content/policies/summaries'
import { localize } from '@/domain/policy/localized'
import { AGREE_BUTTON_ID, agree, closeSheet, refuse, usePrivacySession } from '@/flows/privacy-session'
import { AgreeButton } from '@/platform/agree-button'
import { POLICY_PAGE } from '@/routes'
import './index.scss'

const T = {
  firstTitle: { 'zh-CN': '隐私保护提示', en: 'Your privacy' },
  reTitle: { 'zh-CN': '隐私政策已更新', en: 'Our privacy policy has changed' },
  intro: { 'zh-CN': '使用需要个人信息的功能前，请阅读并同意《示例商城隐私政策》。要点：', en: 'Before using functions that need personal information, please read and agree to the Example Mall Privacy Policy. Key points:' },
  reIntro: { 'zh-CN': '与你上次同意的版本相比，以下内容有变化：', en: 'Compared with the version you agreed to, these things changed:' },
  optional: { 'zh-CN': '可选，不开启不影响其他功能', en: 'Optional; leaving it off changes nothing else' },
  enable: { 'zh-CN': '同时开启「{name}」', en: 'Also turn on "{name}"' },
  read: { 'zh-CN': '阅读完整隐私政策', en: 'Read the full privacy policy' },
  version: { 'zh-CN': '版本', en: 'Version' },
  effective: { 'zh-CN': '{date} 起生效', en: 'in force from {date}' },
  check: { 'zh-CN': '我已阅读并同意《示例商城隐私政策》', en: 'I have read and agree to the Example Mall Privacy Policy' },
  agree: { 'zh-CN': '同意并继续', en: 'Agree and continue' },
  refuse: { 'zh-CN': '暂不同意，仅浏览', en: 'Not now, just browse' },
  saving: { 'zh-CN': '正在保存…', en: 'Saving…' },
  failed: { 'zh-CN': '未能保存你的选择，请检查网络后重试。', en: 'Your choice was not saved. Check your connection and try again.' },
  retry: { 'zh-CN': '重试', en: 'Try again' },
}

/**
 * The first-run and re-consent sheet. The agree box is never pre-ticked; agreeing goes through
 * WeChat's agree button (synced to WeChat) and is recorded in the ledger; "not now" leaves the user
 * browsing. At re-consent it shows only what changed, and optional new purposes stay off unless ticked.
 */
export function ConsentSheet() {
  const s = usePrivacySession()
  const [checked, setChecked] = useState(false)
  const [optional, setOptional] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState(false)
  if (!s.sheetOpen || !s.catalogue) return null
  const lang = s.lang
  const summary = POLICY_SUMMARIES[s.catalogue.latest.version] ?? []
  const reconsent = s.phase === 'reconsent'
  const optionalChanges = reconsent ? s.changes.filter((c) => c.kind === 'purpose-added' && c.optional) : []

  /** `wechatButton`: the tap was on WeChat's agree button, not on our retry control. */
  const onAgree = async (wechatButton?: string) => {
    setBusy(true)
    const ok = await agree(optional, wechatButton)
    setBusy(false)
    setFailed(!ok)
  }
  const onRefuse = async () => {
    setBusy(true)
    await refuse()
    setBusy(false)
  }
  const toggleOptional = (id: string) => setOptional((o) => (o.includes(id) ? o.filter((x) => x !== id) : [...o, id]))

  return (
    <View className='sheet-mask' id='consent-sheet'>
      <View className='sheet'>
        <View className='sheet__head'>
          <View className='sheet__heading'>
            <View className='sheet__title' id='consent-title'>{localize(reconsent ? T.reTitle : T.firstTitle, lang)}</View>
            <View className='sheet__version' id='consent-version'>
              {localize(T.version, lang)} {reconsent && s.agreed ? `${s.agreed.version} → ` : ''}
              {s.catalogue.latest.version} · {localize(T.effective, lang).replace('{date}', s.catalogue.latest.effectiveDate)}
            </View>
          </View>
          {/* The mask covers the page header's switch. Not at re-consent: the server words its change list in the language it was read in. */}
          {!reconsent && <LangSwitch id='consent-lang' />}
        </View>
        {/* Only the text scrolls: the title above and the choice below stay on screen at any length. */}
        <View className='sheet__body'>
          {reconsent ? (
            <View id='consent-changes'>
              <View className='sheet__intro'>{localize(T.reIntro, lang)}</View>
              {s.changes.map((c) => (
                <View key={`${c.kind}-${c.id}`} className={c.sensitive ? 'change change--sensitive' : 'change'} id={`change-${c.id}`}>
                  <Text className='change__title'>{c.sentence}</Text>
                  {c.optional && <View className='change__optional'>{localize(T.optional, lang)}</View>}
                </View>
              ))}
              {optionalChanges.map((c) => (
                <View
                  key={c.id}
                  id={`consent-optional-${c.id}`}
                  className={optional.includes(c.id) ? 'check check--on' : 'check'}
                  {...a11yProps('checkbox', { checked: optional.includes(c.id) })}
                  onClick={() => toggleOptional(c.id)}
                >
                  <Text className='check__box'>{optional.includes(c.id) ? '✓' : ''}</Text>
                  <Text>{localize(T.enable, lang).replace('{name}', c.name)}</Text>
                </View>
              ))}
            </View>
          ) : (
            <View id='consent-summary'>
              <View className='sheet__intro'>{localize(T.intro, lang)}</View>
              {summary.map((line, i) => (
                <View key={i} className='sheet__point'>
                  · {localize(line, lang)}
                </View>
              ))}
            </View>
          )}
        </View>
        <View className='sheet__foot'>
          <Btn id='consent-read-policy' kind='link' className='sheet__link' onTap={() => void Taro.navigateTo({ url: POLICY_PAGE })}>
            {localize(T.read, lang)} ›
          </Btn>
          <View id='consent-check' className={checked ? 'check check--on' : 'check'} {...a11yProps('checkbox', { checked })} onClick={() => setChecked(!checked)}>
            <Text className='check__box'>{checked ? '✓' : ''}</Text>
            <Text>{localize(T.check, lang)}</Text>
          </View>
          {failed && (
            <View className='sheet__error' id='consent-error' {...{ role: 'alert' }}>
              <Text>{localize(T.failed, lang)}</Text>
              <Btn id='consent-retry' kind='plain' busy={busy} onTap={() => void onAgree()}>
                {localize(T.retry, lang)}
              </Btn>
            </View>
          )}
          <View className='sheet__agree'>
            <AgreeButton id={AGREE_BUTTON_ID} disabled={!checked} busy={busy} onAgree={() => void onAgree(AGREE_BUTTON_ID)}>
              {localize(busy ? T.saving : T.agree, lang)}
            </AgreeButton>
          </View>
          <Btn id='consent-refuse' kind='link' block className='sheet__refuse' disabled={busy} onTap={() => void (s.phase === 'agreed' ? closeSheet() : onRefuse())}>
            {localize(T.refuse, lang)}
          </Btn>
        </View>
      </View>
    </View>
  )
}
