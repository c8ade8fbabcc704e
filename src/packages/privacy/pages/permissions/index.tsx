import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { ConsentSheet } from '@/components/consent-sheet'
import { LangSwitch } from '@/components/lang-switch'
import { PRIVACY_MANIFEST } from '@/content/privacy-manifest'
import type { ReceiptResult, VerifyResult } from '@/contracts/consent'
import type { ConsentEvent, ConsentTarget } from '@/domain/consent/consent-event'
import { consentHistory, currentConsent } from '@/domain/consent/consent-state'
import { POLICY_TARGET_ID, targetKey } from '@/domain/consent/consent-targets'
import { type LocalizedText, localize } from '@/domain/policy/localized'
import { grantPurpose, withdraw } from '@/flows/permissions'
import { askForAgreement, usePrivacySession, withdrawPolicy } from '@/flows/privacy-session'
import { type AuthSetting, getAuthSetting, type Scope } from '@/platform'
import { consent } from '@/services/cloud'
import '../../privacy.scss'

const T = {
  title: { 'zh-CN': '权限与同意', en: 'Permissions & consent' },
  on: { 'zh-CN': '已同意', en: 'On' },
  off: { 'zh-CN': '未同意', en: 'Off' },
  withdrawn: { 'zh-CN': '已撤回', en: 'Withdrawn' },
  denied: { 'zh-CN': '已拒绝', en: 'Refused' },
  wechat: { 'zh-CN': '微信权限', en: 'WeChat permission' },
  wxOn: { 'zh-CN': '允许', en: 'allowed' },
  wxOff: { 'zh-CN': '不允许', en: 'not allowed' },
  wxNever: { 'zh-CN': '未询问', en: 'not asked' },
  askAtUse: { 'zh-CN': '使用相关功能时才会询问', en: 'Asked only when you use the function' },
  withdraw: { 'zh-CN': '撤回', en: 'Withdraw' },
  grant: { 'zh-CN': '开启', en: 'Turn on' },
  agree: { 'zh-CN': '同意隐私政策', en: 'Agree to the policy' },
  history: { 'zh-CN': '记录', en: 'History' },
  receipt: { 'zh-CN': '凭证', en: 'Receipt' },
  verify: { 'zh-CN': '校验我的同意记录', en: 'Verify my consent records' },
  intact: { 'zh-CN': '记录完整，未被篡改：', en: 'Records intact, not tampered with: ' },
  broken: { 'zh-CN': '校验失败，位置：', en: 'Verification failed at record ' },
  count: { 'zh-CN': ' 条', en: ' records' },
  failed: { 'zh-CN': '操作未完成，请重试', en: 'Not done; please try again' },
  wxNote: { 'zh-CN': '撤回后本小程序立即停止使用该权限；也可在右上角「… → 设置」中关闭微信权限。', en: 'After you withdraw, we stop using it at once; you can also turn the WeChat permission off under "… → Settings".' },
}

const DECISION: Record<string, LocalizedText> = {
  grant: { 'zh-CN': '同意', en: 'granted' },
  deny: { 'zh-CN': '拒绝', en: 'refused' },
  withdraw: { 'zh-CN': '撤回', en: 'withdrew' },
}

interface Row {
  target: ConsentTarget
  name: LocalizedText
  purpose: LocalizedText
  scope?: Scope
  /** Withdrawing the policy withdraws account identity too: both rows use the policy switch. */
  policyBound?: boolean
}

function rows(): Row[] {
  const purpose = (id: string) => PRIVACY_MANIFEST.purposes.find((p) => p.id === id)!
  const out: Row[] = [
    { target: { kind: 'policy', id: POLICY_TARGET_ID }, name: { 'zh-CN': '隐私政策', en: 'Privacy policy' }, purpose: { 'zh-CN': '同意后可使用需要个人信息的功能', en: 'Lets you use functions that need personal information' }, policyBound: true },
    { target: { kind: 'purpose', id: 'account-identity' }, name: { 'zh-CN': '账号识别（OpenID）', en: 'Account identity (OpenID)' }, purpose: purpose('account-identity').description, policyBound: true },
  ]
  for (const f of PRIVACY_MANIFEST.features.filter((x) => x.scope)) {
    out.push({ target: { kind: 'scope', id: f.scope! }, name: f.name, purpose: purpose(f.purpose).description, scope: f.scope as Scope })
  }
  for (const p of PRIVACY_MANIFEST.purposes.filter((x) => x.legalBasis !== 'contract' && x.legalBasis !== 'legal-obligation' && !PRIVACY_MANIFEST.features.some((f) => f.scope && f.purpose === x.id))) {
    out.push({ target: { kind: 'purpose', id: p.id }, name: p.name, purpose: p.description })
  }
  return out
}
const ROWS = rows()

/** Every permission and purpose: WeChat's state, our ledger's state, its purpose and history; one tap withdraws. */
export default function PermissionsPage() {
  const s = usePrivacySession()
  const lang = s.lang
  const [auth, setAuth] = useState<AuthSetting>({})
  // The ledger as last read; state and history both fold from it, so a card never shows a state its history lacks.
  const [ledger, setLedger] = useState<ConsentEvent[]>()
  const [receipt, setReceipt] = useState<ReceiptResult>()
  const [verify, setVerify] = useState<VerifyResult>()
  const [failed, setFailed] = useState(false)

  const load = async () => {
    setAuth(await getAuthSetting().catch(() => ({})))
    if (s.phase === 'loading') return
    const h = await consent.history()
    setLedger(h.ok ? h.data.events : undefined)
  }
  useDidShow(() => void load())

  const act = async (run: () => Promise<boolean>) => {
    const ok = await run()
    setFailed(!ok)
    await load()
  }

  // Until the ledger is read (or when it cannot be), the session's view stands in.
  const view = ledger ? currentConsent(ledger) : s.consents
  return (
    <View className='perm' id='permissions-page'>
      <View className='policy__head'>
        <View className='policy__title'>{localize(T.title, lang)}</View>
        <LangSwitch />
      </View>
      {failed && <View className='perm__error' id='perm-error'>{localize(T.failed, lang)} {s.error ? `(${s.error})` : ''}</View>}
      {ROWS.map((row) => {
        const key = targetKey(row.target)
        const state = view[key]?.state
        const history = consentHistory(ledger ?? [], row.target)
        const wx = row.scope ? auth[row.scope] : undefined
        return (
          <View key={key} className='perm__card' id={`perm-${key}`}>
            <View className='perm__name'>{localize(row.name, lang)}</View>
            <View className='perm__purpose'>{localize(row.purpose, lang)}</View>
            <View className={state === 'granted' ? 'perm__state perm__state--on' : 'perm__state perm__state--off'} id={`state-${key}`}>
              {localize(state === 'granted' ? T.on : state === 'withdrawn' ? T.withdrawn : state === 'denied' ? T.denied : T.off, lang)}
            </View>
            {row.scope && (
              <View className='perm__state' id={`wx-${key}`}>
                {localize(T.wechat, lang)}：{localize(wx === true ? T.wxOn : wx === false ? T.wxOff : T.wxNever, lang)}
              </View>
            )}
            <View className='perm__actions'>
              {state === 'granted' && (
                <Button size='mini' id={`withdraw-${key}`} onClick={() => void act(() => (row.policyBound ? withdrawPolicy() : withdraw(row.target)))}>
                  {localize(T.withdraw, lang)}
                </Button>
              )}
              {state !== 'granted' && row.policyBound && (
                <Button size='mini' id={`grant-${key}`} onClick={askForAgreement}>
                  {localize(T.agree, lang)}
                </Button>
              )}
              {state !== 'granted' && !row.policyBound && row.target.kind === 'purpose' && (
                <Button size='mini' id={`grant-${key}`} onClick={() => void act(() => grantPurpose(row.target.id))}>
                  {localize(T.grant, lang)}
                </Button>
              )}
              {state !== 'granted' && row.scope && <Text className='perm__purpose'>{localize(T.askAtUse, lang)}</Text>}
            </View>
            {row.scope && state === 'granted' && <View className='perm__purpose'>{localize(T.wxNote, lang)}</View>}
            {history.length > 0 && (
              <View className='perm__history' id={`history-${key}`}>
                <View>{localize(T.history, lang)}</View>
                {history.map((e) => (
                  <View key={e.eventId} className='perm__event'>
                    {e.serverTime.slice(0, 19).replace('T', ' ')} · {localize(DECISION[e.decision]!, lang)} · {e.method} · {e.policy.version}{' '}
                    <Text className='policy__toc-item' onClick={() => void consent.receipt(e.eventId).then((r) => r.ok && setReceipt(r.data))}>
                      {localize(T.receipt, lang)}
                    </Text>
                  </View>
                ))}
              </View>
            )}
          </View>
        )
      })}
      {receipt && (
        <View className='perm__card' id='receipt'>
          <View className='perm__name'>{localize(T.receipt, lang)} {receipt.consentReceiptID}</View>
          <View className='perm__purpose'>
            {receipt.eventState} · {receipt.policyVersion} · {receipt.eventTime}
          </View>
          <View className='perm__purpose'>{receipt.services.flatMap((x) => x.purposes.map((p) => p.purposeCategory.join('/'))).join('；')}</View>
          <View className='perm__purpose'>SHA-256 {receipt.proof.hash}</View>
        </View>
      )}
      <View className='perm__card'>
        <Button id='verify-chain' onClick={() => void consent.verify().then((r) => r.ok && setVerify(r.data))}>
          {localize(T.verify, lang)}
        </Button>
        {verify && (
          <View className='perm__verify' id='verify-result'>
            {verify.ok ? `${localize(T.intact, lang)}${verify.count}${localize(T.count, lang)}` : `${localize(T.broken, lang)}${verify.seq} (${verify.reason})`}
          </View>
        )}
      </View>
      <ConsentSheet />
    </View>
  )
}
