import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { Btn } from '@/components/button'
import { LoadError } from '@/components/load-error'
import { Sheet } from '@/components/sheet'
import { PRIVACY_MANIFEST } from '@/content/privacy-manifest'
import type { ErrorCode } from '@/domain/common/errors'
import { type Lang, type LocalizedText, localize } from '@/domain/policy/localized'
import { DELETION_DETAIL_MAX, validateDeletionDetail } from '@/domain/requests/request-input'
import { DELETION_TRIGGERS, type DeletionTrigger } from '@/domain/requests/rights-request'
import { newRequestId } from '@/flows/privacy-session'
import { personal } from '@/services/personal'
import { DELETION_TRIGGER_LABELS } from '../texts'

const T = {
  title: { 'zh-CN': '申请删除个人信息', en: 'Ask us to delete information' },
  hint: {
    'zh-CN': '符合以下情形之一时，你可以要求我们删除你的个人信息。我们会在 15 个工作日内处理并在「我的请求」中告诉你结果；法律要求保存的信息（如交易记录）会在期满后删除。',
    en: 'You can ask us to delete your personal information in any of the cases below. We handle it within 15 working days and show the result under My requests; what the law requires us to keep (such as transaction records) is deleted when that period ends.',
  },
  trigger: { 'zh-CN': '删除理由', en: 'Reason' },
  triggerMissing: { 'zh-CN': '请选择删除理由', en: 'Choose a reason' },
  categories: { 'zh-CN': '要删除的信息（可多选；不选表示可以删除的全部信息）', en: 'What to delete (any number; none means everything that may be deleted)' },
  detail: { 'zh-CN': '补充说明（选填，最多 200 个字）', en: 'Note (optional, up to 200 characters)' },
  submit: { 'zh-CN': '提交删除申请', en: 'Send the request' },
}

interface Props {
  lang: Lang
  /** The categories held now, offered as choices. */
  held: readonly string[]
  failureText: (code: ErrorCode) => string
  onDone: () => void
  onClose: () => void
}

/** 个人信息 → 申请删除: the legal trigger, optionally the categories and a note; a retried send is stored once. */
export function DeletionForm({ lang, held, failureText, onDone, onClose }: Props) {
  const [trigger, setTrigger] = useState<DeletionTrigger>()
  const [chosen, setChosen] = useState<string[]>([])
  const [detail, setDetail] = useState('')
  const [crid] = useState(newRequestId)
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<{ trigger?: string; detail?: string; general?: LocalizedText }>({})
  /** The field in error, scrolled to: the submit button is pinned below, out of sight of the fields. */
  const [reveal, setReveal] = useState<{ id: string }>()

  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]))
  const submit = async () => {
    const note = validateDeletionDetail(detail)
    const next = { trigger: trigger ? undefined : localize(T.triggerMissing, lang), detail: note.ok ? undefined : localize(note.error.message, lang) }
    if (!trigger || !note.ok) {
      setErrors(next)
      return setReveal({ id: trigger ? 'deletion-detail-field' : 'deletion-trigger-field' })
    }
    setBusy(true)
    setErrors({})
    const r = await personal.requestDeletion(crid, trigger, note.value, chosen)
    setBusy(false)
    if (!r.ok) {
      if (r.code === 'REQUEST.DETAIL_INVALID') {
        setErrors({ detail: r.message })
        return setReveal({ id: 'deletion-detail-field' })
      }
      const words = failureText(r.code)
      return setErrors({ general: { 'zh-CN': words, en: words } })
    }
    onDone()
  }

  const offered = PRIVACY_MANIFEST.dataCategories.filter((c) => held.includes(c.id))
  return (
    <Sheet
      id='deletion-form'
      lang={lang}
      title={localize(T.title, lang)}
      onClose={onClose}
      reveal={reveal}
      footer={
        <>
          {errors.general && <LoadError id='deletion-error' lang={lang} message={errors.general} busy={busy} onRetry={() => void submit()} />}
          <Btn id='deletion-submit' kind='primary' block busy={busy} onTap={() => void submit()}>
            {localize(T.submit, lang)}
          </Btn>
        </>
      }
    >
      <View className='info-card__line'>{localize(T.hint, lang)}</View>
      <View className='form__field' id='deletion-trigger-field'>
        <Text className='form__label'>{localize(T.trigger, lang)}</Text>
        <View className='form__chips' {...{ role: 'radiogroup', 'aria-label': localize(T.trigger, lang) }}>
          {DELETION_TRIGGERS.map((t) => (
            <Btn key={t} id={`deletion-trigger-${t}`} kind='plain' pressed={trigger === t} className={trigger === t ? 'chip chip--on' : 'chip'} onTap={() => setTrigger(t)}>
              {localize(DELETION_TRIGGER_LABELS[t], lang)}
            </Btn>
          ))}
        </View>
        {errors.trigger && (
          <View className='form__error' id='deletion-trigger-error' {...{ role: 'alert' }}>
            {errors.trigger}
          </View>
        )}
      </View>
      {offered.length > 0 && (
        <View className='form__field'>
          <Text className='form__label'>{localize(T.categories, lang)}</Text>
          <View className='form__chips'>
            {offered.map((c) => (
              <Btn key={c.id} id={`deletion-category-${c.id}`} kind='plain' pressed={chosen.includes(c.id)} className={chosen.includes(c.id) ? 'chip chip--on' : 'chip'} onTap={() => toggle(c.id)}>
                {localize(c.name, lang)}
              </Btn>
            ))}
          </View>
        </View>
      )}
      <View className='form__field' id='deletion-detail-field'>
        <Text className='form__label'>{localize(T.detail, lang)}</Text>
        <Textarea id='deletion-detail' className='form__textarea' value={detail} maxlength={DELETION_DETAIL_MAX + 20} onInput={(e) => setDetail(e.detail.value)} />
        {errors.detail && (
          <View className='form__error' id='deletion-detail-error' {...{ role: 'alert' }}>
            {errors.detail}
          </View>
        )}
      </View>
    </Sheet>
  )
}
