import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { Btn } from '@/components/button'
import { ConsentSheet } from '@/components/consent-sheet'
import { useInView } from '@/components/in-view'
import { LangSwitch } from '@/components/lang-switch'
import { LoadError, Loading } from '@/components/load-error'
import { PageHeader } from '@/components/page-header'
import { PurposePrompt } from '@/components/purpose-prompt'
import { ScopeRefused } from '@/components/scope-refused'
import { Sheet } from '@/components/sheet'
import { PRIVACY_MANIFEST } from '@/content/privacy-manifest'
import type { ReceiptResult, VerifyResult } from '@/contracts/consent'
import { formatShanghai, SHANGHAI_ZONE } from '@/domain/common/local-time'
import type { ConsentEvent, ConsentTarget } from '@/domain/consent/consent-event'
import { DECISION_LABELS, METHOD_LABELS } from '@/domain/consent/consent-labels'
import { consentHistory, currentConsent } from '@/domain/consent/consent-state'
import { POLICY_TARGET_ID, targetKey } from '@/domain/consent/consent-targets'
import { type Lang, type LocalizedText, localize } from '@/domain/policy/localized'
import { grantPurpose, recoverInSettings, requestScope, withdraw } from '@/flows/permissions'
import { askForAgreement, usePrivacySession, withdrawPolicy } from '@/flows/privacy-session'
import { type AuthSetting, getAuthSetting, type Scope, setClipboardData } from '@/platform'
import { consent } from '@/services/consent'
import { AnchorResult, ReceiptSignature } from '../../receipt-trust'
import '../../privacy.scss'

const T = {
  title: { 'zh-CN': '权限与同意', en: 'Permissions & consent' },
  on: { 'zh-CN': '已同意', en: 'On' },
  off: { 'zh-CN': '未同意', en: 'Off' },
  withdrawn: { 'zh-CN': '已撤回', en: 'Withdrawn' },
  denied: { 'zh-CN': '已拒绝', en: 'Refused' },
  offInWechat: { 'zh-CN': '已在微信设置中关闭', en: "Off in WeChat's settings" },
  withdrawnNote: { 'zh-CN': '本小程序已停止使用，已保存的相关数据已删除。', en: 'We stopped using it and deleted what we kept for it.' },
  askAtUse: { 'zh-CN': '使用相关功能时才会询问；也可以在这里开启。', en: 'Asked only when you use the function; you can also turn it on here.' },
  withdraw: { 'zh-CN': '撤回', en: 'Withdraw' },
  grant: { 'zh-CN': '开启', en: 'Turn on' },
  regrant: { 'zh-CN': '重新开启', en: 'Turn on again' },
  agree: { 'zh-CN': '同意隐私政策', en: 'Agree to the policy' },
  history: { 'zh-CN': '记录（北京时间）', en: 'History (China time, UTC+8)' },
  receipt: { 'zh-CN': '凭证', en: 'Receipt' },
  verify: { 'zh-CN': '校验我的同意记录', en: 'Verify my consent records' },
  intact: { 'zh-CN': '记录链完整：共 {n} 条，每条都与上一条相接。', en: 'Chain intact: {n} records, each linked to the one before.' },
  broken: { 'zh-CN': '校验失败：第 {n} 条记录与链条不符。', en: 'Verification failed at record {n}.' },
  failed: { 'zh-CN': '操作未完成，请检查网络后重试。', en: 'Not done. Check your connection and try again.' },
  loadFailed: { 'zh-CN': '同意记录加载失败，请重试。', en: 'Could not load your consent records. Please try again.' },
  wxNote: { 'zh-CN': '撤回后本小程序立即停止使用该权限；也可在右上角「… → 设置」中关闭微信权限。', en: 'After you withdraw, we stop using it at once; you can also turn the WeChat permission off under "… → Settings".' },
  blocked: { 'zh-CN': '微信权限已关闭，微信不会再次询问。', en: 'The WeChat permission is off, and WeChat will not ask again.' },
  deniedNow: { 'zh-CN': '你没有允许，相关功能暂不可用；其他功能不受影响。', en: 'You did not allow it, so that function is unavailable; everything else works.' },
}

const R = {
  id: { 'zh-CN': '凭证编号', en: 'Receipt number' },
  decision: { 'zh-CN': '决定', en: 'Decision' },
  about: { 'zh-CN': '事项', en: 'About' },
  purposes: { 'zh-CN': '用途', en: 'Purposes' },
  policy: { 'zh-CN': '隐私政策版本', en: 'Policy version' },
  time: { 'zh-CN': '时间', en: 'Time' },
  method: { 'zh-CN': '方式', en: 'How' },
  storage: { 'zh-CN': '存储地点', en: 'Stored in' },
  seq: { 'zh-CN': '记录序号', en: 'Record number' },
  hash: { 'zh-CN': '校验值（SHA-256）', en: 'Check value (SHA-256)' },
  copy: { 'zh-CN': '复制完整凭证', en: 'Copy the full receipt' },
  copied: { 'zh-CN': '已复制', en: 'Copied' },
  loading: { 'zh-CN': '正在读取凭证…', en: 'Loading the receipt…' },
  failed: { 'zh-CN': '凭证读取失败，请重试。', en: 'Could not load the receipt. Please try again.' },
}

interface Row {
  target: ConsentTarget
  name: LocalizedText
  purpose: LocalizedText
  ifRefused?: LocalizedText
  scope?: Scope
  /** Withdrawing the policy withdraws account identity too: both rows use the policy switch. */
  policyBound?: boolean
}

const purposeOf = (id: string) => PRIVACY_MANIFEST.purposes.find((p) => p.id === id)!

function rows(): Row[] {
  const out: Row[] = [
    { target: { kind: 'policy', id: POLICY_TARGET_ID }, name: { 'zh-CN': '隐私政策', en: 'Privacy policy' }, purpose: { 'zh-CN': '同意后可使用需要个人信息的功能', en: 'Lets you use functions that need personal information' }, policyBound: true },
    { target: { kind: 'purpose', id: 'account-identity' }, name: { 'zh-CN': '账号识别（OpenID）', en: 'Account identity (OpenID)' }, purpose: purposeOf('account-identity').description, policyBound: true },
  ]
  for (const f of PRIVACY_MANIFEST.features.filter((x) => x.scope)) {
    const p = purposeOf(f.purpose)
    out.push({ target: { kind: 'scope', id: f.scope! }, name: f.name, purpose: p.description, ifRefused: p.ifRefused, scope: f.scope as Scope })
  }
  for (const p of PRIVACY_MANIFEST.purposes.filter((x) => x.legalBasis !== 'contract' && x.legalBasis !== 'legal-obligation' && !PRIVACY_MANIFEST.features.some((f) => f.scope && f.purpose === x.id))) {
    out.push({ target: { kind: 'purpose', id: p.id }, name: p.name, purpose: p.description })
  }
  return out
}
const ROWS = rows()
const nameOf = (target: ConsentTarget): LocalizedText => ROWS.find((r) => targetKey(r.target) === targetKey(target))?.name ?? { 'zh-CN': target.id, en: target.id }

/** `3f2a…9c1d`: enough to compare by eye; the copy action carries the whole value. */
const shortHash = (h: string) => `${h.slice(0, 8)}…${h.slice(-8)}`

type Ledger = { kind: 'loading' } | { kind: 'ready'; events: ConsentEvent[] } | { kind: 'failed' }
type ReceiptView = { kind: 'loading'; event: ConsentEvent } | { kind: 'ready'; event: ConsentEvent; receipt: ReceiptResult } | { kind: 'failed'; event: ConsentEvent }
type ScopeAsk = { scope: Scope; row: Row; stage: 'prompt' | 'denied' | 'blocked' }

function ReceiptBody({ view, lang, onRetry }: { view: ReceiptView; lang: Lang; onRetry: () => void }) {
  if (view.kind === 'loading') return <Loading id='receipt-loading' lang={lang} text={R.loading} />
  if (view.kind === 'failed') return <LoadError id='receipt-error' lang={lang} message={R.failed} onRetry={onRetry} />
  const { receipt, event } = view
  const purposeNames = receipt.services.flatMap((s) => s.purposes.map((p) => localize(purposeOf(p.purposeId)?.name ?? { 'zh-CN': p.purposeId, en: p.purposeId }, lang)))
  const fields: Array<[LocalizedText, string]> = [
    [R.decision, localize(DECISION_LABELS[event.decision], lang)],
    [R.about, localize(nameOf(event.target), lang)],
    ...(purposeNames.length ? [[R.purposes, purposeNames.join(lang === 'en' ? '; ' : '；')] as [LocalizedText, string]] : []),
    [R.policy, receipt.policyVersion],
    [R.time, `${formatShanghai(receipt.eventTime, { seconds: true })} ${localize(SHANGHAI_ZONE, lang)}`],
    [R.method, localize(METHOD_LABELS[event.method], lang)],
    [R.storage, localize(PRIVACY_MANIFEST.storage.location, lang)],
    [R.seq, String(receipt.proof.seq)],
    [R.id, shortHash(receipt.consentReceiptID)],
    [R.hash, shortHash(receipt.proof.hash)],
  ]
  return (
    <View>
      {fields.map(([label, value]) => (
        <View key={label['zh-CN']} className='receipt__field'>
          <Text className='receipt__label'>{localize(label, lang)}</Text>
          <Text className='receipt__value'>{value}</Text>
        </View>
      ))}
      <ReceiptSignature receipt={receipt} lang={lang} />
    </View>
  )
}

/** The signed receipt as JSON, for the user to keep; in the sheet's footer, so it is on screen however long the receipt. */
function ReceiptCopy({ receipt, lang }: { receipt: ReceiptResult; lang: Lang }) {
  const copy = () =>
    void setClipboardData(JSON.stringify(receipt, null, 2))
      .then(() => Taro.showToast({ title: localize(R.copied, lang), icon: 'none' }))
      .catch(() => undefined)
  return (
    <Btn id='receipt-copy' kind='plain' block onTap={copy}>
      {localize(R.copy, lang)}
    </Btn>
  )
}

/** Every permission and purpose: one clear state, its purpose, its history with receipts; one tap withdraws or turns it on. */
export default function PermissionsPage() {
  const s = usePrivacySession()
  const lang = s.lang
  const [auth, setAuth] = useState<AuthSetting>({})
  // The ledger as last read; state and history both fold from it, so a card never shows a state its history lacks.
  const [ledger, setLedger] = useState<Ledger>({ kind: 'loading' })
  const [receipt, setReceipt] = useState<ReceiptView>()
  const [verify, setVerify] = useState<{ kind: 'busy' } | { kind: 'done'; result: VerifyResult } | { kind: 'failed' }>()
  const [busyKey, setBusyKey] = useState<string>()
  // The action that failed, shown in its own card (where the user tapped) with a retry.
  const [failed, setFailed] = useState<{ key: string; retry: () => void }>()
  const [ask, setAsk] = useState<ScopeAsk>()
  useInView('perm-error', failed)
  useInView('verify-card', verify?.kind === 'busy' ? undefined : verify)

  const load = async () => {
    setAuth(await getAuthSetting().catch(() => ({})))
    if (s.phase === 'loading') return
    const h = await consent.history()
    setLedger((prev) => (h.ok ? { kind: 'ready', events: h.data.events } : prev.kind === 'ready' ? prev : { kind: 'failed' }))
  }
  useDidShow(() => void load())
  // A decision the session records while the page is open (the launch-time check of WeChat's settings
  // can land after this page read the ledger) changes the session's view: read the ledger again.
  const seenConsents = useRef(s.consents)
  useEffect(() => {
    if (seenConsents.current === s.consents) return
    seenConsents.current = s.consents
    void load()
  }, [s.consents])

  const act = async (key: string, run: () => Promise<boolean>) => {
    setBusyKey(key)
    setFailed(undefined)
    const ok = await run()
    setFailed(ok ? undefined : { key, retry: () => void act(key, run) })
    await load()
    setBusyKey(undefined)
  }
  const openReceipt = async (event: ConsentEvent) => {
    setReceipt({ kind: 'loading', event })
    const r = await consent.receipt(event.eventId)
    setReceipt(r.ok ? { kind: 'ready', event, receipt: r.data } : { kind: 'failed', event })
  }
  const runVerify = async () => {
    setVerify({ kind: 'busy' })
    const r = await consent.verify()
    setVerify(r.ok ? { kind: 'done', result: r.data } : { kind: 'failed' })
  }
  /** Turning a scope on again goes the way it went the first time: the purpose, then WeChat. */
  const askScope = async (row: Row, stage: 'request' | 'settings') => {
    const scope = row.scope!
    const key = targetKey(row.target)
    setAsk(undefined)
    setBusyKey(key)
    setFailed(undefined)
    const outcome = stage === 'settings' ? await recoverInSettings(scope) : await requestScope(scope)
    setBusyKey(undefined)
    if (outcome === 'denied' || outcome === 'blocked') setAsk({ scope, row, stage: outcome })
    if (outcome === 'failed') setFailed({ key, retry: () => void askScope(row, stage) })
    await load()
  }

  // Until the ledger is read (or when it cannot be), the session's view stands in.
  const events = ledger.kind === 'ready' ? ledger.events : []
  const view = ledger.kind === 'ready' ? currentConsent(events) : s.consents
  return (
    <View className='perm' id='permissions-page'>
      <PageHeader title={T.title} right={<LangSwitch />} />
      <View className='perm__body'>
        {ledger.kind === 'loading' && s.phase !== 'loading' && <Loading id='perm-loading' lang={lang} />}
        {ledger.kind === 'failed' && <LoadError id='perm-load-error' lang={lang} message={T.loadFailed} onRetry={() => void load()} />}
        {ROWS.map((row) => {
          const key = targetKey(row.target)
          const state = view[key]?.state
          const history = consentHistory(events, row.target)
          const offInWechat = row.scope !== undefined && state === 'granted' && auth[row.scope] === false
          const on = state === 'granted' && !offInWechat
          const label = offInWechat ? T.offInWechat : state === 'granted' ? T.on : state === 'withdrawn' ? T.withdrawn : state === 'denied' ? T.denied : T.off
          const busy = busyKey === key
          return (
            <View key={key} className='perm__card' id={`perm-${key}`}>
              <View className='perm__top'>
                <View className='perm__name'>{localize(row.name, lang)}</View>
                <View className={on ? 'perm__state perm__state--on' : 'perm__state perm__state--off'} id={`state-${key}`}>
                  {localize(label, lang)}
                </View>
              </View>
              <View className='perm__purpose'>{localize(row.purpose, lang)}</View>
              {row.scope && state === 'withdrawn' && <View className='perm__note'>{localize(T.withdrawnNote, lang)}</View>}
              {row.scope && !on && state !== 'withdrawn' && <View className='perm__note'>{localize(T.askAtUse, lang)}</View>}
              {row.scope && on && <View className='perm__note'>{localize(T.wxNote, lang)}</View>}
              <View className='perm__actions'>
                {on && (
                  <Btn id={`withdraw-${key}`} kind='danger' busy={busy} onTap={() => void act(key, () => (row.policyBound ? withdrawPolicy() : withdraw(row.target)))}>
                    {localize(T.withdraw, lang)}
                  </Btn>
                )}
                {!on && row.policyBound && (
                  <Btn id={`grant-${key}`} kind='primary' onTap={askForAgreement}>
                    {localize(T.agree, lang)}
                  </Btn>
                )}
                {!on && row.scope && (
                  <Btn id={`grant-${key}`} kind='primary' busy={busy} onTap={() => setAsk({ scope: row.scope!, row, stage: 'prompt' })}>
                    {localize(state === 'withdrawn' ? T.regrant : T.grant, lang)}
                  </Btn>
                )}
                {!on && !row.policyBound && row.target.kind === 'purpose' && (
                  <Btn id={`grant-${key}`} kind='primary' busy={busy} onTap={() => void act(key, () => grantPurpose(row.target.id))}>
                    {localize(T.grant, lang)}
                  </Btn>
                )}
              </View>
              {failed?.key === key && <LoadError id='perm-error' lang={lang} message={T.failed} busy={busy} onRetry={failed.retry} />}
              {ask && ask.stage !== 'prompt' && ask.scope === row.scope && (
                <ScopeRefused lang={lang} id={`refused-${row.scope}`} outcome={ask.stage} denied={T.deniedNow} blocked={T.blocked} onOpenSettings={() => void askScope(row, 'settings')} />
              )}
              {history.length > 0 && (
                <View className='perm__history' id={`history-${key}`}>
                  <View className='perm__history-title'>{localize(T.history, lang)}</View>
                  {history.map((e) => (
                    <View key={e.eventId} className='perm__event'>
                      <View className='perm__event-text'>
                        <Text className='perm__event-time'>{formatShanghai(e.serverTime)}</Text>
                        <Text>
                          {localize(DECISION_LABELS[e.decision], lang)} · {localize(METHOD_LABELS[e.method], lang)} · {e.policy.version}
                        </Text>
                      </View>
                      <Btn id={`receipt-${e.eventId}`} kind='link' onTap={() => void openReceipt(e)}>
                        {localize(T.receipt, lang)}
                      </Btn>
                    </View>
                  ))}
                </View>
              )}
            </View>
          )
        })}
        <View className='perm__card' id='verify-card'>
          <Btn id='verify-chain' kind='plain' block busy={verify?.kind === 'busy'} onTap={() => void runVerify()}>
            {localize(T.verify, lang)}
          </Btn>
          {verify?.kind === 'done' && (
            <View className='perm__verify' id='verify-result'>
              {verify.result.ok ? localize(T.intact, lang).replace('{n}', String(verify.result.count)) : localize(T.broken, lang).replace('{n}', String(verify.result.seq))}
            </View>
          )}
          {verify?.kind === 'done' && verify.result.ok && verify.result.anchor && <AnchorResult anchor={verify.result.anchor} lang={lang} />}
          {verify?.kind === 'failed' && <LoadError id='verify-error' lang={lang} onRetry={() => void runVerify()} />}
        </View>
      </View>
      {receipt && (
        <Sheet id='receipt' lang={lang} title={localize(T.receipt, lang)} onClose={() => setReceipt(undefined)} footer={receipt.kind === 'ready' && <ReceiptCopy receipt={receipt.receipt} lang={lang} />}>
          <ReceiptBody view={receipt} lang={lang} onRetry={() => void openReceipt(receipt.event)} />
        </Sheet>
      )}
      {ask?.stage === 'prompt' && ask.row.ifRefused && (
        <PurposePrompt lang={lang} purpose={ask.row.purpose} ifRefused={ask.row.ifRefused} onContinue={() => void askScope(ask.row, 'request')} onCancel={() => setAsk(undefined)} />
      )}
      <ConsentSheet />
    </View>
  )
}
