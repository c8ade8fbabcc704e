import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { a11yProps, Btn } from '@/components/button'
import { ConsentSheet } from '@/components/consent-sheet'
import { LangSwitch } from '@/components/lang-switch'
import { LoadError } from '@/components/load-error'
import { PageHeader } from '@/components/page-header'
import { isGranted } from '@/domain/consent/consent-state'
import { localize } from '@/domain/policy/localized'
import { askForAgreement, getPrivacySession, recordDecision, usePrivacySession } from '@/flows/privacy-session'
import { CERT_APPLY_PAGE, ME_PAGE, openTab } from '@/routes'
import { CERT_CATEGORIES, CERT_PURPOSE, CERT_TARGET, CONSENT_T as T, NECESSITY, retentionOf } from '../../texts'
import '../../merchant.scss'

type Outcome = { kind: 'idle' } | { kind: 'busy'; decision: 'grant' | 'refuse' } | { kind: 'failed'; decision: 'grant' | 'refuse' } | { kind: 'refused'; withdrew: boolean }

/**
 * The separate consent for store certification (PIPL art. 29), shown before any field: what sensitive
 * information is collected and why each item is needed, how it is protected, how long it is kept, and
 * what saying no means. The box is never pre-ticked; both answers are recorded in the ledger.
 */
export default function CertConsentPage() {
  const s = usePrivacySession()
  const lang = s.lang
  const [checked, setChecked] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const granted = isGranted(s.consents, CERT_TARGET)
  const busy = outcome.kind === 'busy'

  const agree = async () => {
    if (getPrivacySession().phase !== 'agreed') return askForAgreement()
    setOutcome({ kind: 'busy', decision: 'grant' })
    const r = await recordDecision(CERT_TARGET, 'grant', 'purpose-prompt')
    if (!r.ok) return setOutcome({ kind: 'failed', decision: 'grant' })
    setOutcome({ kind: 'idle' })
    await Taro.redirectTo({ url: CERT_APPLY_PAGE })
  }
  const refuse = async () => {
    const withdrew = isGranted(getPrivacySession().consents, CERT_TARGET)
    setOutcome({ kind: 'busy', decision: 'refuse' })
    const r = await recordDecision(CERT_TARGET, withdrew ? 'withdraw' : 'deny', 'purpose-prompt')
    if (!r.ok) return setOutcome({ kind: 'failed', decision: 'refuse' })
    setChecked(false)
    setOutcome({ kind: 'refused', withdrew })
  }
  const retry = () => void (outcome.kind === 'failed' && outcome.decision === 'grant' ? agree() : refuse())
  const keep = (['certification', 'rejected-certification'] as const).map(retentionOf).filter((r) => r !== undefined)

  if (outcome.kind === 'refused') {
    return (
      <View className='cert' id='cert-consent-page'>
        <PageHeader title={T.title} right={<LangSwitch />} />
        <View className='cert__body'>
          <View className='cert__notice' id='cert-refused' {...{ role: 'status' }}>
            {localize(outcome.withdrew ? T.withdrawn : T.refused, lang)}
          </View>
          <Btn id='cert-back-me' kind='primary' block onTap={() => void openTab(ME_PAGE)}>
            {localize(T.backMe, lang)}
          </Btn>
        </View>
      </View>
    )
  }

  return (
    <View className='cert' id='cert-consent-page'>
      <PageHeader title={T.title} right={<LangSwitch />} />
      <View className='cert__body'>
        <View className='cert__lead'>{localize(T.lead, lang)}</View>
        {s.phase !== 'agreed' && s.phase !== 'loading' && (
          <View className='cert__notice' id='cert-policy-first'>
            <View>{localize(T.policyFirst, lang)}</View>
            <Btn id='cert-policy-agree' kind='link' onTap={askForAgreement}>
              {localize(T.policyAgree, lang)} ›
            </Btn>
          </View>
        )}
        <View className='cert__card' id='cert-consent-collect'>
          <View className='cert__title'>{localize(T.collect, lang)}</View>
          <View className='cert__line'>{localize(CERT_PURPOSE.description, lang)}</View>
          {CERT_CATEGORIES.map((c) => (
            <View key={c.id} className='cert__item' id={`cert-category-${c.id}`}>
              <View className='cert__item-head'>
                <Text>{localize(c.name, lang)}</Text>
                {c.sensitive && <Text className='cert__tag'>{localize(T.sensitive, lang)}</Text>}
              </View>
              <View className='cert__why'>{localize(c.examples, lang)}</View>
              {NECESSITY[c.id] && (
                <View className='cert__why'>
                  {localize(T.why, lang)}
                  {lang === 'en' ? ': ' : '：'}
                  {localize(NECESSITY[c.id]!, lang)}
                </View>
              )}
            </View>
          ))}
          <View className='cert__line'>{localize(T.also, lang)}</View>
        </View>
        <View className='cert__card' id='cert-consent-protect'>
          <View className='cert__title'>{localize(T.protect, lang)}</View>
          {T.protectItems.map((item, i) => (
            <View key={i} className='cert__bullet'>
              {localize(item, lang)}
            </View>
          ))}
        </View>
        <View className='cert__card' id='cert-consent-keep'>
          <View className='cert__title'>{localize(T.keep, lang)}</View>
          {keep.map((r) => (
            <View key={r.id}>
              <View className='cert__keep-name'>{localize(r.name, lang)}</View>
              <View className='cert__line'>{localize(r.period, lang)}</View>
            </View>
          ))}
        </View>
        <View className='cert__card' id='cert-consent-refusal'>
          <View className='cert__title'>{localize(T.refuse, lang)}</View>
          <View className='cert__line'>
            {localize(CERT_PURPOSE.ifRefused, lang)} {localize(T.nothingElse, lang)}
          </View>
        </View>
        <View className='cert__card'>
          {outcome.kind === 'failed' && <LoadError id='cert-consent-error' lang={lang} message={T.failed} onRetry={retry} />}
          {granted ? (
            <View className='cert__line' id='cert-consent-granted'>
              {localize(T.granted, lang)}
            </View>
          ) : (
            <View id='cert-consent-check' className={checked ? 'check check--on' : 'check'} {...a11yProps('checkbox', { checked })} onClick={() => !busy && setChecked(!checked)}>
              <Text className='check__box'>{checked ? '✓' : ''}</Text>
              <Text>{localize(T.check, lang)}</Text>
            </View>
          )}
          <View className='cert__actions'>
            {granted ? (
              <Btn id='cert-consent-continue' kind='primary' block onTap={() => void Taro.redirectTo({ url: CERT_APPLY_PAGE })}>
                {localize(T.continue, lang)}
              </Btn>
            ) : (
              <Btn id='cert-consent-agree' kind='primary' block disabled={!checked} busy={busy && outcome.decision === 'grant'} onTap={() => void agree()}>
                {localize(busy && outcome.decision === 'grant' ? T.saving : T.agree, lang)}
              </Btn>
            )}
            <Btn id='cert-consent-refuse' kind='plain' block disabled={busy} busy={busy && outcome.decision === 'refuse'} onTap={() => void refuse()}>
              {localize(granted ? T.withdrawBtn : T.refuseBtn, lang)}
            </Btn>
          </View>
        </View>
      </View>
      <ConsentSheet />
    </View>
  )
}
