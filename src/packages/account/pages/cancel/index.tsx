import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { a11yProps, Btn } from '@/components/button'
import { LangSwitch } from '@/components/lang-switch'
import { ActionAlert, type ActionFailure } from '@/components/action-alert'
import { LoadError, Loading } from '@/components/load-error'
import { PageHeader } from '@/components/page-header'
import { PRIVACY_MANIFEST } from '@/content/privacy-manifest'
import type { CancellationPreview, CancellationView } from '@/contracts/account'
import type { CancellationStage } from '@/domain/cancellation/cancellation'
import type { ErrorCode } from '@/domain/common/errors'
import { formatShanghai } from '@/domain/common/local-time'
import { type Lang, type LocalizedText, localize } from '@/domain/policy/localized'
import { newRequestId, usePrivacySession } from '@/flows/privacy-session'
import { requestSubscribeMessage, setClipboardData } from '@/platform'
import { CERTIFICATE_PAGE } from '@/routes'
import { account } from '@/services/account'
import { categoryName, fill } from '../../texts'
import '../../account.scss'

/** The subscribe-message template for "your request was handled" (set in the MP console; fictional here). */
const OUTCOME_TEMPLATE = 'tmpl_cancellation_outcome_example'

const T = {
  title: { 'zh-CN': '注销账号', en: 'Cancel account' },
  intro: {
    'zh-CN': '注销后，我们会删除你的个人信息，法律要求保存的除外。注销无需提供任何额外信息。',
    en: 'When you cancel, we delete your personal information, except what the law makes us keep. You do not need to give us anything more.',
  },
  deleted: { 'zh-CN': '将被删除', en: 'Will be deleted' },
  retained: { 'zh-CN': '将被保留（已去除与你的关联，仅限必要人员访问）', en: 'Will be kept (unlinked from you, access restricted)' },
  nothing: { 'zh-CN': '无', en: 'Nothing' },
  lose: { 'zh-CN': '你将失去', en: 'You will lose' },
  loseItems: {
    'zh-CN': '收货信息、昵称与头像、同意记录和导出副本将无法找回；订单仅作为交易记录保存，你无法再查看；再次使用时将作为新用户，需要重新同意隐私政策。',
    en: 'Your delivery contacts, nickname and avatar, consent records and export copies cannot be recovered; orders are kept only as transaction records you can no longer see; next time you are a new user and agree to the policy again.',
  },
  cooling: { 'zh-CN': '提交后有 {days} 天冷静期，期间可随时一键撤销；冷静期结束后由工作人员审核，自提交之日起 15 个工作日内办结。', en: 'After you submit there is a {days}-day cooling-off period in which you can undo with one tap; then our staff review it, and it is done within 15 working days of submitting.' },
  understand: { 'zh-CN': '我已了解注销的后果', en: 'I understand what cancelling means' },
  submit: { 'zh-CN': '申请注销', en: 'Cancel my account' },
  status: { 'zh-CN': '注销进度', en: 'Cancellation progress' },
  due: { 'zh-CN': '办理期限：{date}（还剩 {n} 个工作日）', en: 'Due by {date} ({n} working days left)' },
  dueNoCount: { 'zh-CN': '办理期限：{date}', en: 'Due by {date}' },
  overdue: { 'zh-CN': '办理期限：{date}（已超期，我们正在加紧处理）', en: 'Due by {date} (overdue; we are on it)' },
  coolingUntil: { 'zh-CN': '冷静期至 {time}，期间可撤销。', en: 'Cooling-off until {time}; you can undo until then.' },
  undo: { 'zh-CN': '撤销注销申请', en: 'Undo the cancellation' },
  rejected: { 'zh-CN': '未通过审核，原因：{reason}', en: 'Not approved. Reason: {reason}' },
  again: { 'zh-CN': '重新申请', en: 'Apply again' },
  certificate: { 'zh-CN': '删除证明编号：请保存。注销完成后，你的账号和本记录都会删除，届时可凭此编号查询删除证明。', en: 'Deletion certificate number: keep it. Once the cancellation is done, your account and this record are gone; the number then looks up the certificate.' },
  copy: { 'zh-CN': '复制编号', en: 'Copy the number' },
  copied: { 'zh-CN': '已复制', en: 'Copied' },
  lookup: { 'zh-CN': '查询删除证明', en: 'Look up a deletion certificate' },
  notifyOn: { 'zh-CN': '下一步进展会通过微信服务通知告诉你（每次订阅可收到一条）。', en: 'We will tell you of the next step in a WeChat service notification (one per subscription).' },
  subscribe: { 'zh-CN': '订阅进展通知', en: 'Notify me of progress' },
  subscribed: { 'zh-CN': '已订阅下一条进展通知', en: 'Subscribed to the next update' },
  failed: { 'zh-CN': '操作未完成，请检查网络后重试。', en: 'Not done. Check your connection and try again.' },
  calendar: { 'zh-CN': '办理期限暂时无法计算（工作日日历待更新），请稍后再提交。', en: 'We cannot work out the deadline yet (the working-day calendar is being updated). Please try again later.' },
  count: { 'zh-CN': '{n} 条', en: '{n}' },
} satisfies Record<string, LocalizedText>

const STAGES: ReadonlyArray<[CancellationStage, LocalizedText]> = [
  ['cooling-off', { 'zh-CN': '冷静期', en: 'Cooling-off' }],
  ['awaiting-review', { 'zh-CN': '待审核', en: 'Awaiting review' }],
  ['approved', { 'zh-CN': '已批准', en: 'Approved' }],
  ['deleting', { 'zh-CN': '删除中', en: 'Deleting' }],
  ['completed', { 'zh-CN': '已完成', en: 'Done' }],
]
const CLOSED: Partial<Record<CancellationStage, LocalizedText>> = {
  rejected: { 'zh-CN': '未通过', en: 'Rejected' },
  withdrawn: { 'zh-CN': '已撤销', en: 'Withdrawn' },
}

const periodOf = (retention: string, lang: Lang) => localize(PRIVACY_MANIFEST.retentionClasses.find((r) => r.id === retention)?.period ?? { 'zh-CN': '', en: '' }, lang)

type Load = { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; status?: CancellationView; preview?: CancellationPreview }

/** 我的 → 注销账号: what goes and what stays, the cooling-off, then the request's progress and certificate. */
export default function CancelPage() {
  const { lang } = usePrivacySession()
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [understood, setUnderstood] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ActionFailure>()

  const refresh = async (showPreview = false) => {
    const st = await account.cancellationStatus()
    if (!st.ok) return setLoad({ kind: 'failed' })
    const open = st.data.cancellation && st.data.cancellation.stage !== 'withdrawn' && !(showPreview && st.data.cancellation.stage === 'rejected')
    if (open) return setLoad({ kind: 'ready', status: st.data.cancellation })
    const pv = await account.cancellationPreview()
    setLoad(pv.ok ? { kind: 'ready', preview: pv.data } : { kind: 'failed' })
  }
  useDidShow(() => void refresh())

  // A year the calendar does not cover yet passes only when ops add it: trying again at once cannot help.
  const failure = (code: ErrorCode, retry: () => void): ActionFailure =>
    code === 'CALENDAR.YEAR_NOT_COVERED' ? { message: localize(T.calendar, lang) } : { message: localize(T.failed, lang), retry }
  const submit = async () => {
    setBusy(true)
    setError(undefined)
    // Asked at submission, from the tap: the user may accept one message telling them the outcome.
    const notify = await requestSubscribeMessage([OUTCOME_TEMPLATE]).then((r) => r[OUTCOME_TEMPLATE] === 'accept', () => false)
    const r = await account.requestCancellation(newRequestId(), notify)
    setBusy(false)
    if (!r.ok) return setError(failure(r.code, () => void submit()))
    setLoad({ kind: 'ready', status: r.data })
  }
  const undo = async (requestId: string) => {
    setBusy(true)
    setError(undefined)
    const r = await account.undoCancellation(requestId)
    setBusy(false)
    if (!r.ok) return setError(failure(r.code, () => void undo(requestId)))
    setUnderstood(false)
    await refresh()
  }
  // WeChat allows one message per acceptance, so the user may ask for the next one at any step.
  const subscribe = async (requestId: string) => {
    const accepted = await requestSubscribeMessage([OUTCOME_TEMPLATE]).then((r) => r[OUTCOME_TEMPLATE] === 'accept', () => false)
    if (!accepted) return
    const r = await account.subscribeCancellation(requestId)
    if (!r.ok) return setError(failure(r.code, () => void subscribe(requestId)))
    setLoad({ kind: 'ready', status: r.data })
    void Taro.showToast({ title: localize(T.subscribed, lang), icon: 'none' })
  }
  const copy = async (id: string) => {
    await setClipboardData(id).then(
      () => Taro.showToast({ title: localize(T.copied, lang), icon: 'none' }),
      () => setError({ message: localize(T.failed, lang), retry: () => void copy(id) }),
    )
  }

  const status = (c: CancellationView) => {
    const at = STAGES.findIndex(([s]) => s === c.stage)
    const due = c.workingDaysLeft === undefined ? fill(localize(T.dueNoCount, lang), { date: c.dueAt }) : c.workingDaysLeft < 0 ? fill(localize(T.overdue, lang), { date: c.dueAt }) : fill(localize(T.due, lang), { date: c.dueAt, n: c.workingDaysLeft })
    return (
      <View className='cancel__card' id='cancel-status'>
        <View className='cancel__title'>{localize(T.status, lang)}</View>
        <View className='cancel__steps'>
          {CLOSED[c.stage] ? (
            <Text className='cancel__step cancel__step--on' id='cancel-stage'>
              {localize(CLOSED[c.stage]!, lang)}
            </Text>
          ) : (
            STAGES.map(([s, words], i) => (
              <Text key={s} className={i === at ? 'cancel__step cancel__step--on' : 'cancel__step'} id={i === at ? 'cancel-stage' : undefined}>
                {localize(words, lang)}
              </Text>
            ))
          )}
        </View>
        {c.stage !== 'completed' && c.stage !== 'rejected' && <View className='cancel__line' id='cancel-due'>{due}</View>}
        {c.stage === 'cooling-off' && <View className='cancel__line'>{fill(localize(T.coolingUntil, lang), { time: formatShanghai(c.coolingOffEndsAt) })}</View>}
        {c.notify && c.stage !== 'rejected' && <View className='cancel__line'>{localize(T.notifyOn, lang)}</View>}
        {c.stage === 'rejected' && (
          <View className='cancel__line' id='cancel-reason'>
            {fill(localize(T.rejected, lang), { reason: c.reason ?? '' })}
          </View>
        )}
        {c.certificateId && (
          <View>
            <View className='cancel__line'>{localize(T.certificate, lang)}</View>
            <View className='cancel__code' id='cancel-certificate'>
              {c.certificateId}
            </View>
            <Btn id='cancel-copy-certificate' kind='plain' onTap={() => void copy(c.certificateId!)}>
              {localize(T.copy, lang)}
            </Btn>
          </View>
        )}
        {!CLOSED[c.stage] && c.stage !== 'completed' && (
          <Btn id='cancel-subscribe' kind='plain' block onTap={() => void subscribe(c.requestId)}>
            {localize(T.subscribe, lang)}
          </Btn>
        )}
        {c.stage === 'cooling-off' && (
          <Btn id='cancel-undo' kind='primary' block busy={busy} onTap={() => void undo(c.requestId)}>
            {localize(T.undo, lang)}
          </Btn>
        )}
        {c.stage === 'rejected' && (
          <Btn id='cancel-again' kind='plain' block onTap={() => void refresh(true)}>
            {localize(T.again, lang)}
          </Btn>
        )}
      </View>
    )
  }

  const preview = (p: CancellationPreview) => (
    <View id='cancel-preview'>
      <View className='cancel__card'>
        <View className='cancel__line'>{localize(T.intro, lang)}</View>
      </View>
      <View className='cancel__card' id='cancel-deleted'>
        <View className='cancel__title'>{localize(T.deleted, lang)}</View>
        {p.deleted.length === 0 && <View className='cancel__line'>{localize(T.nothing, lang)}</View>}
        {p.deleted.map((c) => (
          <View key={c.category} className='cancel__item'>
            <Text className='cancel__name'>{categoryName(c.category, lang)}</Text>
            <Text className='cancel__muted'>{fill(localize(T.count, lang), { n: c.count })}</Text>
          </View>
        ))}
      </View>
      <View className='cancel__card' id='cancel-retained'>
        <View className='cancel__title'>{localize(T.retained, lang)}</View>
        {p.retained.length === 0 && <View className='cancel__line'>{localize(T.nothing, lang)}</View>}
        {p.retained.map((c) => (
          <View key={c.category} className='cancel__item'>
            <Text className='cancel__name'>{categoryName(c.category, lang)}</Text>
            <Text className='cancel__muted'>{periodOf(c.retention, lang)}</Text>
          </View>
        ))}
      </View>
      <View className='cancel__card' id='cancel-lose'>
        <View className='cancel__title'>{localize(T.lose, lang)}</View>
        <View className='cancel__line'>{localize(T.loseItems, lang)}</View>
        <View className='cancel__line'>{fill(localize(T.cooling, lang), { days: p.coolingOffDays })}</View>
        <View id='cancel-understand' className={understood ? 'check check--on' : 'check'} {...a11yProps('checkbox', { checked: understood })} onClick={() => setUnderstood(!understood)}>
          <Text className='check__box'>{understood ? '✓' : ''}</Text>
          <Text>{localize(T.understand, lang)}</Text>
        </View>
        <Btn id='cancel-submit' kind='primary' className='cancel__danger' block disabled={!understood} busy={busy} onTap={() => void submit()}>
          {localize(T.submit, lang)}
        </Btn>
      </View>
    </View>
  )

  return (
    <View className='cancel' id='cancel-page'>
      <PageHeader title={T.title} right={<LangSwitch />} />
      <View className='cancel__body'>
        {load.kind === 'loading' && <Loading id='cancel-loading' lang={lang} />}
        {load.kind === 'failed' && <LoadError id='cancel-load-error' lang={lang} onRetry={() => void refresh()} />}
        {load.kind === 'ready' && load.status && status(load.status)}
        {load.kind === 'ready' && !load.status && load.preview && preview(load.preview)}
        <Btn id='cancel-lookup' kind='link' block onTap={() => void Taro.navigateTo({ url: CERTIFICATE_PAGE })}>
          {localize(T.lookup, lang)} ›
        </Btn>
      </View>
      {error && <ActionAlert id='cancel-error' lang={lang} failure={error} onClose={() => setError(undefined)} />}
    </View>
  )
}
