import { Text, Textarea, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { Btn } from '@/components/button'
import { ConsentSheet } from '@/components/consent-sheet'
import { LangSwitch } from '@/components/lang-switch'
import { LoadError, Loading } from '@/components/load-error'
import { PageHeader } from '@/components/page-header'
import { PRIVACY_MANIFEST } from '@/content/privacy-manifest'
import type { RequestView } from '@/contracts/personal'
import type { ErrorCode } from '@/domain/common/errors'
import { type LocalizedText, localize } from '@/domain/policy/localized'
import { CONTACT_KINDS, type ContactKind, MESSAGE_MAX, validateMessage } from '@/domain/requests/request-input'
import { askForAgreement, newRequestId, usePrivacySession } from '@/flows/privacy-session'
import { personal } from '@/services/personal'
import { dateWords, REQUEST_TYPE_LABELS, STATUS_LABELS, timeWords } from '../../texts'
import '../../personal.scss'

const T = {
  title: { 'zh-CN': '联系我们', en: 'Contact us' },
  intro: {
    'zh-CN': '对我们处理你的个人信息有疑问或投诉，可以在这里留言。我们自收到之日起 15 个工作日内答复，答复显示在本页。',
    en: 'If you have a question or complaint about how we handle your personal information, write to us here. We answer within 15 working days of receiving it, and the answer appears on this page.',
  },
  reach: { 'zh-CN': '联系方式', en: 'How to reach us' },
  controller: { 'zh-CN': '个人信息处理者', en: 'Controller' },
  officer: { 'zh-CN': '个人信息保护负责人', en: 'Personal information protection officer' },
  email: { 'zh-CN': '邮箱', en: 'Email' },
  write: { 'zh-CN': '在线留言', en: 'Write to us' },
  kind: { 'zh-CN': '类型', en: 'Kind' },
  message: { 'zh-CN': '内容', en: 'Message' },
  placeholder: { 'zh-CN': '请写下你的问题或投诉（5–500 个字）', en: 'Your question or complaint (5–500 characters)' },
  send: { 'zh-CN': '提交', en: 'Send' },
  sent: { 'zh-CN': '已收到你的留言，我们会在答复期限内回复。', en: 'We have received your message and will answer by the due date.' },
  agreeFirst: { 'zh-CN': '在线留言需要先同意隐私政策（留言会与你的微信账号关联）；你也可以直接发送邮件。', en: 'To write to us in the app, agree to the privacy policy first (the message is linked to your WeChat account); you can also email us.' },
  agree: { 'zh-CN': '同意隐私政策', en: 'Agree to the privacy policy' },
  mine: { 'zh-CN': '我的留言', en: 'My messages' },
  none: { 'zh-CN': '还没有留言。', en: 'No messages yet.' },
  received: { 'zh-CN': '收到时间', en: 'Received' },
  due: { 'zh-CN': '答复期限', en: 'Answer due by' },
  answer: { 'zh-CN': '我们的答复', en: 'Our answer' },
  refused: { 'zh-CN': '未受理的原因', en: 'Why we did not take it up' },
  waiting: { 'zh-CN': '尚未答复', en: 'Not answered yet' },
  failed: { 'zh-CN': '提交未完成，请检查网络后重试。', en: 'Not sent. Check your connection and try again.' },
  calendar: { 'zh-CN': '答复期限暂时无法计算（工作日日历待更新），请稍后再提交，或发送邮件。', en: 'We cannot work out the due date yet (the working-day calendar is being updated). Please try later, or email us.' },
  consent: { 'zh-CN': '请先同意隐私政策。', en: 'Please agree to the privacy policy first.' },
  count: { 'zh-CN': '{n}/{max} 字', en: '{n}/{max} characters' },
}

const KIND_LABELS: Record<ContactKind, LocalizedText> = {
  question: { 'zh-CN': '咨询', en: 'Question' },
  complaint: { 'zh-CN': '投诉', en: 'Complaint' },
}

/** The officer's address from the manifest's contacts (PIPL Art. 52), if the manifest in force names one. */
function officerEmail(): string | undefined {
  const contacts = (PRIVACY_MANIFEST as unknown as { contacts?: Array<{ id?: string; email?: string }> }).contacts
  return contacts?.find((c) => c.id === 'pi-officer')?.email
}

const isMessage = (r: RequestView) => (CONTACT_KINDS as readonly string[]).includes(r.type)

type Load = { kind: 'loading' } | { kind: 'ready'; messages: RequestView[] } | { kind: 'failed' }
/** The form; `crid` stays the same until a send succeeds, so a retried send is stored once. */
type Form = { kind: ContactKind; message: string; crid: string; busy: boolean; fieldError?: string; failure?: LocalizedText; sent?: boolean }

/** 我的 → 联系我们: the controller's and officer's addresses, a question or complaint form, and the answers. */
export default function ContactPage() {
  const s = usePrivacySession()
  const lang = s.lang
  const agreed = s.phase === 'agreed'
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [form, setForm] = useState<Form>({ kind: 'question', message: '', crid: newRequestId(), busy: false })
  const officer = officerEmail() ?? PRIVACY_MANIFEST.controller.email

  const refresh = async () => {
    setLoad((prev) => (prev.kind === 'failed' ? { kind: 'loading' } : prev))
    const r = await personal.requests()
    // Newest first, whatever order the list came in.
    if (r.ok) setLoad({ kind: 'ready', messages: r.data.requests.filter(isMessage).sort((a, b) => b.createdAt.localeCompare(a.createdAt)) })
    else setLoad((prev) => (prev.kind === 'ready' ? prev : { kind: 'failed' }))
  }
  // Read on every return to the page, and once the session knows the user agreed (after a reload it starts unknown).
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current && agreed) void refresh()
    shown.current = true
  })
  useEffect(() => {
    if (agreed) void refresh()
  }, [agreed])

  const failureOf = (code: ErrorCode): LocalizedText => (code === 'CALENDAR.YEAR_NOT_COVERED' ? T.calendar : code === 'CONSENT.REQUIRED' ? T.consent : T.failed)
  const send = async () => {
    const checked = validateMessage(form.message)
    if (!checked.ok) return setForm({ ...form, fieldError: localize(checked.error.message, lang), failure: undefined, sent: false })
    setForm({ ...form, busy: true, fieldError: undefined, failure: undefined, sent: false })
    const r = await personal.sendMessage(form.crid, form.kind, checked.value)
    if (!r.ok) {
      // The server's words for the field are Chinese; show the same rule in the reader's language.
      if (r.code === 'REQUEST.MESSAGE_INVALID') return setForm({ ...form, busy: false, fieldError: lang === 'en' ? localize(T.placeholder, lang) : r.message })
      return setForm({ ...form, busy: false, failure: failureOf(r.code) })
    }
    setForm({ kind: form.kind, message: '', crid: newRequestId(), busy: false, sent: true })
    await refresh()
  }

  const n = Array.from(form.message.trim()).length
  return (
    <View className='info' id='contact-page'>
      <PageHeader title={T.title} right={<LangSwitch />} />
      <View className='info__body'>
        <View className='info__intro'>{localize(T.intro, lang)}</View>

        <View className='info-card' id='contact-addresses'>
          <View className='info-card__head'>
            <Text className='info-card__title'>{localize(T.reach, lang)}</Text>
          </View>
          <View className='info-card__line'>
            {localize(T.controller, lang)}
            {lang === 'en' ? ': ' : '：'}
            {localize(PRIVACY_MANIFEST.controller.name, lang)}
          </View>
          <View className='info-card__line' id='contact-controller-email'>
            {localize(T.email, lang)}
            {lang === 'en' ? ': ' : '：'}
            {PRIVACY_MANIFEST.controller.email}
          </View>
          <View className='info-card__line' id='contact-officer-email'>
            {localize(T.officer, lang)}
            {lang === 'en' ? ': ' : '：'}
            {officer}
          </View>
        </View>

        <View className='info-card' id='contact-form'>
          <View className='info-card__head'>
            <Text className='info-card__title'>{localize(T.write, lang)}</Text>
          </View>
          {!agreed ? (
            <View>
              <View className='info-card__line'>{localize(T.agreeFirst, lang)}</View>
              <Btn id='contact-agree' kind='link' onTap={askForAgreement}>
                {localize(T.agree, lang)} ›
              </Btn>
            </View>
          ) : (
            <View>
              <Text className='form__label'>{localize(T.kind, lang)}</Text>
              <View className='form__chips' {...{ role: 'radiogroup', 'aria-label': localize(T.kind, lang) }}>
                {CONTACT_KINDS.map((k) => (
                  <Btn key={k} id={`contact-kind-${k}`} kind='plain' pressed={form.kind === k} className={form.kind === k ? 'chip chip--on' : 'chip'} onTap={() => setForm({ ...form, kind: k })}>
                    {localize(KIND_LABELS[k], lang)}
                  </Btn>
                ))}
              </View>
              <View className='form__field'>
                <Text className='form__label'>{localize(T.message, lang)}</Text>
                <Textarea
                  id='contact-message'
                  className='form__textarea'
                  value={form.message}
                  maxlength={MESSAGE_MAX + 20}
                  placeholder={localize(T.placeholder, lang)}
                  onInput={(e) => setForm({ ...form, message: e.detail.value, fieldError: undefined, sent: false })}
                />
                <View className='record__meta'>
                  <Text />
                  <Text id='contact-count'>{localize(T.count, lang).replace('{n}', String(n)).replace('{max}', String(MESSAGE_MAX))}</Text>
                </View>
                {form.fieldError && (
                  <View className='form__error' id='contact-message-error' {...{ role: 'alert' }}>
                    {form.fieldError}
                  </View>
                )}
              </View>
              {form.failure && <LoadError id='contact-send-error' lang={lang} message={form.failure} busy={form.busy} onRetry={() => void send()} />}
              {form.sent && (
                <View className='info-card__line record__tag' id='contact-sent' {...{ role: 'status' }}>
                  {localize(T.sent, lang)}
                </View>
              )}
              <Btn id='contact-send' kind='primary' block busy={form.busy} onTap={() => void send()}>
                {localize(T.send, lang)}
              </Btn>
            </View>
          )}
        </View>

        {agreed && (
          <View className='info-card' id='contact-messages'>
            <View className='info-card__head'>
              <Text className='info-card__title'>{localize(T.mine, lang)}</Text>
            </View>
            {load.kind === 'loading' && <Loading id='contact-loading' lang={lang} />}
            {load.kind === 'failed' && <LoadError id='contact-error' lang={lang} onRetry={() => void refresh()} />}
            {load.kind === 'ready' && load.messages.length === 0 && <View className='info-card__line'>{localize(T.none, lang)}</View>}
            {load.kind === 'ready' &&
              load.messages.map((m) => (
                <View key={m.id} className='record' id={`message-${m.id}`}>
                  <View className='record__field'>
                    <Text className='record__label'>{localize(REQUEST_TYPE_LABELS[m.type] ?? KIND_LABELS.question, lang)}</Text>
                    <Text className='record__value' id={`message-${m.id}-status`}>
                      {localize(STATUS_LABELS[m.status] ?? STATUS_LABELS.submitted!, lang)}
                    </Text>
                  </View>
                  {m.detail && (
                    <View className='info-card__line message__text' id={`message-${m.id}-text`}>
                      {m.detail}
                    </View>
                  )}
                  <View className='record__meta'>
                    <Text>
                      {localize(T.received, lang)} {timeWords(m.createdAt, lang)}
                    </Text>
                  </View>
                  <View className='record__meta'>
                    <Text id={`message-${m.id}-due`}>
                      {localize(T.due, lang)} {dateWords(m.dueAt, lang)}
                    </Text>
                  </View>
                  {m.status === 'completed' && m.outcome && (
                    <View className='message__answer' id={`message-${m.id}-answer`}>
                      <Text className='record__label'>{localize(T.answer, lang)}</Text>
                      <View className='info-card__line'>{m.outcome}</View>
                    </View>
                  )}
                  {m.status === 'rejected' && m.reason && (
                    <View className='message__answer' id={`message-${m.id}-reason`}>
                      <Text className='record__label'>{localize(T.refused, lang)}</Text>
                      <View className='info-card__line'>{m.reason}</View>
                    </View>
                  )}
                  {m.status !== 'completed' && m.status !== 'rejected' && <View className='record__meta'>{localize(T.waiting, lang)}</View>}
                </View>
              ))}
          </View>
        )}
      </View>
      <ConsentSheet />
    </View>
  )
}
