import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ActionAlert, type ActionFailure } from '@/components/action-alert'
import { Btn } from '@/components/button'
import { ConsentSheet } from '@/components/consent-sheet'
import { useInView } from '@/components/in-view'
import { LangSwitch } from '@/components/lang-switch'
import { LoadError, Loading } from '@/components/load-error'
import { PageHeader } from '@/components/page-header'
import { Sheet } from '@/components/sheet'
import { PRIVACY_MANIFEST } from '@/content/privacy-manifest'
import { regionLabel } from '@/content/regions'
import { CORRECTABLE_BY_REQUEST, type CategoryView, type ContactView, type ExportView, type InventoryView, type RecordView, type RequestView } from '@/contracts/personal'
import { formatShanghai } from '@/domain/common/local-time'
import type { ErrorCode } from '@/domain/common/errors'
import { maskedAddressIn } from '@/domain/personal/masking'
import type { ContactFieldErrors, ContactInput } from '@/domain/personal/personal-schemas'
import { type Lang, type LocalizedText, localize } from '@/domain/policy/localized'
import { deliverArchive } from '@/flows/export-file'
import { newRequestId, usePrivacySession } from '@/flows/privacy-session'
import { setClipboardData } from '@/platform'
import { exportCopy } from '@/services/export'
import { personal } from '@/services/personal'
import { ContactForm } from '../../components/contact-form'
import { DeletionForm } from '../../components/deletion-form'
import { ProfileSection } from '../../components/profile-section'
import { CHANGE_LABELS, DELETION_TRIGGER_LABELS, FIELD_LABELS, REQUEST_TYPE_LABELS, STATUS_LABELS } from '../../texts'
import '../../personal.scss'

const T = {
  title: { 'zh-CN': '个人信息', en: 'My information' },
  intro: { 'zh-CN': '这里列出我们保存的关于你的全部个人信息。默认脱敏显示，点「显示」可查看你自己的完整内容。', en: 'Everything we hold about you is listed here, masked by default. Tap Show to see your own full values.' },
  why: { 'zh-CN': '用途', en: 'Why' },
  until: { 'zh-CN': '保存期限', en: 'Kept' },
  shared: { 'zh-CN': '提供给', en: 'Shared with' },
  notShared: { 'zh-CN': '不提供给第三方', en: 'Not shared with third parties' },
  last: { 'zh-CN': '最近收集', en: 'Last collected' },
  show: { 'zh-CN': '显示', en: 'Show' },
  hide: { 'zh-CN': '隐藏', en: 'Hide' },
  edit: { 'zh-CN': '修改', en: 'Edit' },
  remove: { 'zh-CN': '删除', en: 'Delete' },
  makeDefault: { 'zh-CN': '设为默认', en: 'Make default' },
  isDefault: { 'zh-CN': '默认', en: 'Default' },
  add: { 'zh-CN': '新增收货信息', en: 'Add a delivery contact' },
  noContacts: { 'zh-CN': '还没有收货信息。', en: 'No delivery contacts yet.' },
  copy: { 'zh-CN': '复制本项', en: 'Copy this section' },
  copied: { 'zh-CN': '已复制', en: 'Copied' },
  correct: { 'zh-CN': '申请更正', en: 'Ask for a correction' },
  correctTitle: { 'zh-CN': '申请更正', en: 'Ask for a correction' },
  correctHint: { 'zh-CN': '这类信息需要我们核实后更正。请说明哪里不对，我们会在 15 个工作日内答复。', en: 'We check this kind of information before correcting it. Tell us what is wrong; we answer within 15 working days.' },
  reasonPh: { 'zh-CN': '例如：某笔订单的金额记录有误（至少 5 个字）', en: 'E.g. an order amount is wrong (at least 5 characters)' },
  submit: { 'zh-CN': '提交', en: 'Submit' },
  reasonShort: { 'zh-CN': '请至少写 5 个字，最多 200 个字。', en: 'Please write 5 to 200 characters.' },
  requests: { 'zh-CN': '我的请求', en: 'My requests' },
  noRequests: { 'zh-CN': '还没有提交过请求。', en: 'No requests yet.' },
  due: { 'zh-CN': '办理期限', en: 'Due by' },
  outcome: { 'zh-CN': '处理结果', en: 'Outcome' },
  rejectedWhy: { 'zh-CN': '未通过的原因', en: 'Why it was rejected' },
  deletion: { 'zh-CN': '申请删除个人信息', en: 'Ask us to delete information' },
  deletionSent: { 'zh-CN': '删除申请已提交，我们会在办理期限内处理。', en: 'Your deletion request is in; we handle it by the due date.' },
  failed: { 'zh-CN': '操作未完成，请检查网络后重试。', en: 'Not done. Check your connection and try again.' },
  calendar: { 'zh-CN': '办理期限暂时无法计算（工作日日历待更新），请稍后再提交。', en: 'We cannot work out the deadline yet (the working-day calendar is being updated). Please try again later.' },
  limit: { 'zh-CN': '最多保存 10 条收货信息，请先删除不用的。', en: 'You can keep at most 10 delivery contacts; delete one first.' },
  agreeFirst: { 'zh-CN': '请先同意隐私政策。', en: 'Please agree to the privacy policy first.' },
  newPolicyFirst: { 'zh-CN': '设置昵称和头像需要先同意最新版隐私政策。', en: 'Agree to the latest privacy policy first to set a nickname or avatar.' },
  avatarInvalid: { 'zh-CN': '这张图片无法用作头像，请换一张照片。', en: 'This picture cannot be used as an avatar; please choose another photo.' },
  exportTitle: { 'zh-CN': '导出信息副本', en: 'Export a copy' },
  exportHint: {
    'zh-CN': '生成一个压缩包：全部个人信息（JSON 与可读网页）、每条同意记录的凭证。副本保存 7 天后自动删除；下载链接 10 分钟内有效。离开本页不影响生成。',
    en: 'Makes a zip: all your information (JSON and a readable page) and a receipt for every consent record. The copy is deleted after 7 days; a download link works for 10 minutes. You can leave this page while it is made.',
  },
  exportStart: { 'zh-CN': '生成副本', en: 'Make a copy' },
  exportAgain: { 'zh-CN': '重新生成', en: 'Make a new copy' },
  exportBuilding: { 'zh-CN': '正在生成副本…', en: 'Making your copy…' },
  exportReady: { 'zh-CN': '副本已生成，{size}，保存至 {until}。', en: 'Your copy is ready ({size}), kept until {until}.' },
  exportExpired: { 'zh-CN': '上次的副本已过期删除。', en: 'The last copy has expired and was deleted.' },
  exportFailed: { 'zh-CN': '副本生成失败，已转人工处理；你也可以重新生成。', en: 'The copy could not be made and was passed to our staff; you can also try again.' },
  exportHash: { 'zh-CN': '文件校验值（SHA-256）', en: 'File check value (SHA-256)' },
  exportDownload: { 'zh-CN': process.env.TARO_ENV === 'h5' ? '下载副本' : '发送到聊天（如文件传输助手）', en: process.env.TARO_ENV === 'h5' ? 'Download the copy' : 'Send to a chat (e.g. File Transfer)' },
}

const categoryOf = (id: string) => PRIVACY_MANIFEST.dataCategories.find((c) => c.id === id)
const purposeOf = (id: string) => PRIVACY_MANIFEST.purposes.find((p) => p.id === id)
const retentionOf = (id: string) => PRIVACY_MANIFEST.retentionClasses.find((r) => r.id === id)

/** A coded failure in words; field codes go next to their field instead. */
function failureText(code: ErrorCode, lang: Lang): string {
  const by: Partial<Record<ErrorCode, LocalizedText>> = {
    'CALENDAR.YEAR_NOT_COVERED': T.calendar,
    'PERSONAL.CONTACT_LIMIT': T.limit,
    'CONSENT.REQUIRED': T.agreeFirst,
    'CONSENT.NOT_DECLARED': T.newPolicyFirst,
    'PERSONAL.AVATAR_INVALID': T.avatarInvalid,
  }
  return localize(by[code] ?? T.failed, lang)
}

const FIELD_BY_CODE: Partial<Record<ErrorCode, keyof ContactInput>> = {
  'PERSONAL.NAME_INVALID': 'name',
  'PERSONAL.MOBILE_INVALID': 'mobile',
  'PERSONAL.REGION_UNKNOWN': 'regionId',
  'PERSONAL.ADDRESS_INVALID': 'addressLine',
}

/** A stored value in words: request types and states, correction notes, times. */
function valueText(key: string, value: string, lang: Lang): string {
  if (key === 'requestType') return localize(REQUEST_TYPE_LABELS[value] ?? { 'zh-CN': value, en: value }, lang)
  if (key === 'status') return localize(STATUS_LABELS[value] ?? { 'zh-CN': value, en: value }, lang)
  if (key === 'correction') {
    const [category, action] = value.split(':')
    return `${localize(categoryOf(category ?? '')?.name ?? { 'zh-CN': '', en: '' }, lang)} · ${localize(CHANGE_LABELS[action ?? ''] ?? { 'zh-CN': '', en: '' }, lang)}`
  }
  if (key === 'fields') return value.split(',').map((f) => localize(FIELD_LABELS[f] ?? FIELD_LABELS.address!, lang)).join(lang === 'en' ? ', ' : '、')
  if (key === 'address') return maskedAddressIn(value, lang)
  if (key === 'size') return `${Math.max(1, Math.ceil(Number(value) / 1024))} KB`
  if (key === 'expiresAt') return formatShanghai(value)
  return value
}

function revealedFields(c: ContactView, lang: Lang): Array<{ key: string; value: string }> {
  return [
    { key: 'name', value: c.name },
    { key: 'mobile', value: c.mobile },
    { key: 'address', value: `${regionLabel(c.regionId, lang) ?? ''} ${c.addressLine}` },
  ]
}

type Load = { kind: 'loading' } | { kind: 'ready'; view: InventoryView; requests: RequestView[] } | { kind: 'failed' }
type Form = { contact?: ContactView; busy: boolean; errors: ContactFieldErrors; general?: string }
type Exporting = { kind: 'idle' } | { kind: 'starting' } | { kind: 'view'; view: ExportView } | { kind: 'failed'; message: string }
type Correction = { category: (typeof CORRECTABLE_BY_REQUEST)[number]; reason: string; busy: boolean; error?: string }

/** 我的 → 个人信息: everything held about the user, masked by default, with view, correct and copy. */
export default function InfoPage() {
  const s = usePrivacySession()
  const lang = s.lang
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [revealed, setRevealed] = useState<Record<string, ContactView>>({})
  const [busy, setBusy] = useState<string>()
  const [notice, setNotice] = useState<ActionFailure>()
  const [form, setForm] = useState<Form>()
  const [correction, setCorrection] = useState<Correction>()
  const [exporting, setExporting] = useState<Exporting>({ kind: 'idle' })
  // Each started copy, once the page around it is read again (its record joins the lists above the card).
  const [exportsStarted, setExportsStarted] = useState(0)
  useInView('export-card', exportsStarted)
  const [deleting, setDeleting] = useState(false)

  const refresh = async () => {
    const [inv, reqs] = await Promise.all([personal.inventory(), personal.requests()])
    setLoad(inv.ok && reqs.ok ? { kind: 'ready', view: inv.data, requests: reqs.data.requests } : (prev) => (prev.kind === 'ready' ? prev : { kind: 'failed' }))
    // Coming back to the page: pick up the latest export, finished or still being made.
    const latest = reqs.ok ? reqs.data.requests.find((r) => r.type === 'export') : undefined
    if (latest) {
      const st = await exportCopy.status(latest.id)
      if (st.ok) setExporting({ kind: 'view', view: st.data })
    }
    return inv.ok && reqs.ok
  }
  useDidShow(() => void refresh())

  // While the archive is being made, ask again every two seconds; the page may be left and reopened.
  const buildingId = exporting.kind === 'view' && exporting.view.status === 'building' ? exporting.view.requestId : undefined
  useEffect(() => {
    if (!buildingId) return
    const timer = setTimeout(() => {
      void exportCopy.status(buildingId).then((st) => st.ok && setExporting({ kind: 'view', view: st.data }))
    }, 2000)
    return () => clearTimeout(timer)
  }, [buildingId, exporting])

  const startExport = async () => {
    setExporting({ kind: 'starting' })
    const r = await exportCopy.request(newRequestId())
    setExporting(r.ok ? { kind: 'view', view: r.data.archive } : { kind: 'failed', message: failureText(r.code, lang) })
    if (!r.ok) return
    await refresh()
    setExportsStarted((n) => n + 1)
  }
  const download = async (requestId: string) => {
    setBusy('export-download')
    const r = await exportCopy.url(requestId)
    try {
      if (!r.ok) throw new Error(r.code)
      await deliverArchive(r.data.url, `my-data-${r.data.sha256.slice(0, 8)}.zip`)
    } catch {
      setNotice({ message: localize(T.failed, lang), retry: () => void download(requestId) })
    }
    setBusy(undefined)
  }

  const reveal = async (id: string) => {
    if (revealed[id]) return setRevealed(({ [id]: _gone, ...rest }) => rest)
    setBusy(`reveal-${id}`)
    const r = await personal.reveal(id)
    setBusy(undefined)
    if (r.ok) setRevealed((m) => ({ ...m, [id]: r.data }))
    else setNotice({ message: failureText(r.code, lang), retry: () => void reveal(id) })
  }
  const openEdit = async (id?: string) => {
    if (!id) return setForm({ busy: false, errors: {} })
    const r = revealed[id] ? { ok: true as const, data: revealed[id]! } : await personal.reveal(id)
    if (r.ok) setForm({ contact: r.data, busy: false, errors: {} })
    else setNotice({ message: failureText(r.code, lang), retry: () => void openEdit(id) })
  }
  const save = async (contact: ContactInput) => {
    if (!form) return
    setForm({ ...form, busy: true, general: undefined })
    const crid = newRequestId()
    const r = form.contact ? await personal.updateContact(crid, form.contact.id, contact) : await personal.addContact(crid, contact)
    if (!r.ok) {
      const field = FIELD_BY_CODE[r.code]
      return setForm({ ...form, busy: false, errors: field ? { [field]: { code: r.code, message: { 'zh-CN': r.message, en: r.message } } } : {}, general: field ? undefined : failureText(r.code, lang) })
    }
    setForm(undefined)
    setRevealed({})
    await refresh()
  }
  const act = async (key: string, run: () => Promise<{ ok: boolean; code?: ErrorCode }>) => {
    setBusy(key)
    setNotice(undefined)
    const r = await run()
    if (!r.ok) setNotice({ message: failureText(r.code!, lang), retry: () => void act(key, run) })
    await refresh()
    setBusy(undefined)
  }
  const copy = async (cat: CategoryView) => {
    setBusy(`copy-${cat.category}`)
    // A copy is for the user to keep: their own full values, not the masked view.
    const full = cat.category === 'delivery-contact' ? await Promise.all(cat.records.map((r) => (revealed[r.id] ? Promise.resolve({ ok: true as const, data: revealed[r.id]! }) : personal.reveal(r.id)))) : []
    const own = cat.category === 'profile' ? await personal.profile() : undefined
    const lines = [localize(categoryOf(cat.category)!.name, lang)]
    cat.records.forEach((rec, i) => {
      const got = full[i]
      const fields = got?.ok ? revealedFields(got.data, lang) : rec.id === 'nickname' && own?.ok && own.data.nickname ? [{ key: 'nickname', value: own.data.nickname }] : rec.fields
      lines.push(fields.map((f) => `${localize(FIELD_LABELS[f.key] ?? { 'zh-CN': f.key, en: f.key }, lang)}${lang === 'en' ? ': ' : '：'}${valueText(f.key, f.value, lang)}`).join(lang === 'en' ? '; ' : '；'))
    })
    try {
      await setClipboardData(lines.join('\n'))
      void Taro.showToast({ title: localize(T.copied, lang), icon: 'none' })
    } catch {
      setNotice({ message: localize(T.failed, lang), retry: () => void copy(cat) })
    }
    setBusy(undefined)
  }
  const submitCorrection = async () => {
    if (!correction) return
    const reason = correction.reason.trim()
    if (reason.length < 5 || reason.length > 200) return setCorrection({ ...correction, error: localize(T.reasonShort, lang) })
    setCorrection({ ...correction, busy: true, error: undefined })
    const r = await personal.requestCorrection(newRequestId(), correction.category, reason)
    if (!r.ok) return setCorrection({ ...correction, busy: false, error: failureText(r.code, lang) })
    setCorrection(undefined)
    await refresh()
  }

  const record = (cat: CategoryView, rec: RecordView) => {
    const open = revealed[rec.id]
    const fields = open ? revealedFields(open, lang) : rec.fields
    return (
      <View key={rec.id} className='record' id={`record-${rec.id}`}>
        {fields.map((f) => (
          <View key={f.key} className='record__field'>
            <Text className='record__label'>{localize(FIELD_LABELS[f.key] ?? { 'zh-CN': f.key, en: f.key }, lang)}</Text>
            <Text className='record__value' id={`value-${rec.id}-${f.key}`}>
              {valueText(f.key, f.value, lang)}
            </Text>
          </View>
        ))}
        <View className='record__meta'>
          {rec.isDefault && <Text className='record__tag'>{localize(T.isDefault, lang)}</Text>}
          <Text>{formatShanghai(rec.collectedAt)}</Text>
        </View>
        {cat.category === 'delivery-contact' && (
          <View className='record__actions'>
            <Btn id={`reveal-${rec.id}`} kind='link' busy={busy === `reveal-${rec.id}`} onTap={() => void reveal(rec.id)}>
              {localize(open ? T.hide : T.show, lang)}
            </Btn>
            <Btn id={`edit-${rec.id}`} kind='link' onTap={() => void openEdit(rec.id)}>
              {localize(T.edit, lang)}
            </Btn>
            {!rec.isDefault && (
              <Btn id={`default-${rec.id}`} kind='link' busy={busy === `default-${rec.id}`} onTap={() => void act(`default-${rec.id}`, () => personal.setDefaultContact(newRequestId(), rec.id))}>
                {localize(T.makeDefault, lang)}
              </Btn>
            )}
            <Btn id={`delete-${rec.id}`} kind='link' className='record__danger' busy={busy === `delete-${rec.id}`} onTap={() => void act(`delete-${rec.id}`, () => personal.deleteContact(newRequestId(), rec.id))}>
              {localize(T.remove, lang)}
            </Btn>
          </View>
        )}
      </View>
    )
  }

  const card = (cat: CategoryView) => {
    const meta = categoryOf(cat.category)
    if (!meta) return null
    const purposes = cat.purposes.flatMap((id) => purposeOf(id) ?? [])
    const recipients = purposes.flatMap((p) => p.recipients ?? [])
    return (
      <View key={cat.category} className='info-card' id={`cat-${cat.category}`}>
        <View className='info-card__head'>
          <Text className='info-card__title'>{localize(meta.name, lang)}</Text>
          <Text className='info-card__count'>{cat.count}</Text>
        </View>
        <View className='info-card__line'>
          {localize(T.why, lang)}
          {lang === 'en' ? ': ' : '：'}
          {purposes.map((p) => localize(p.name, lang)).join(lang === 'en' ? ', ' : '、')}
        </View>
        <View className='info-card__line'>
          {localize(T.until, lang)}
          {lang === 'en' ? ': ' : '：'}
          {localize(retentionOf(cat.retention)?.period ?? { 'zh-CN': '', en: '' }, lang)}
        </View>
        <View className='info-card__line'>
          {recipients.length ? `${localize(T.shared, lang)}${lang === 'en' ? ': ' : '：'}${recipients.map((r) => localize(r, lang)).join(lang === 'en' ? '; ' : '；')}` : localize(T.notShared, lang)}
        </View>
        {cat.category === 'profile' ? (
          <ProfileSection lang={lang} records={cat.records} failureText={(code) => failureText(code, lang)} onChanged={refresh} onNotice={setNotice} />
        ) : (
          cat.records.map((rec) => record(cat, rec))
        )}
        {cat.category === 'delivery-contact' && cat.records.length === 0 && <View className='info-card__line'>{localize(T.noContacts, lang)}</View>}
        <View className='info-card__actions'>
          {cat.category === 'delivery-contact' && cat.records.length < 10 && (
            <Btn id='add-contact' kind='primary' onTap={() => void openEdit()}>
              {localize(T.add, lang)}
            </Btn>
          )}
          {cat.records.length > 0 && (
            <Btn id={`copy-${cat.category}`} kind='plain' busy={busy === `copy-${cat.category}`} onTap={() => void copy(cat)}>
              {localize(T.copy, lang)}
            </Btn>
          )}
          {(CORRECTABLE_BY_REQUEST as readonly string[]).includes(cat.category) && (
            <Btn id={`correct-${cat.category}`} kind='plain' onTap={() => setCorrection({ category: cat.category as Correction['category'], reason: '', busy: false })}>
              {localize(T.correct, lang)}
            </Btn>
          )}
        </View>
      </View>
    )
  }

  const categories = load.kind === 'ready' ? load.view.categories : []
  // The profile and delivery contacts are always listed, so a user with none still finds where to add them.
  const empty = (id: string): CategoryView[] => {
    const meta = categoryOf(id)
    if (!meta || categories.some((c) => c.category === id)) return []
    return [{ category: id, purposes: PRIVACY_MANIFEST.purposes.filter((p) => p.dataCategories.includes(id)).map((p) => p.id), retention: meta.retention, sharedWith: 0, count: 0, records: [] }]
  }
  const withContacts: CategoryView[] = [...categories, ...empty('profile'), ...empty('delivery-contact')]
  return (
    <View className='info' id='info-page'>
      <PageHeader title={T.title} right={<LangSwitch />} />
      <View className='info__body'>
        <View className='info__intro'>{localize(T.intro, lang)}</View>
        {load.kind === 'loading' && <Loading id='info-loading' lang={lang} />}
        {load.kind === 'failed' && <LoadError id='info-error' lang={lang} onRetry={() => void refresh()} />}
        {load.kind === 'ready' && withContacts.map(card)}
        {load.kind === 'ready' && (
          <View className='info-card' id='export-card'>
            <View className='info-card__head'>
              <Text className='info-card__title'>{localize(T.exportTitle, lang)}</Text>
            </View>
            <View className='info-card__line'>{localize(T.exportHint, lang)}</View>
            {exporting.kind === 'view' && exporting.view.status === 'building' && <Loading id='export-building' lang={lang} text={T.exportBuilding} />}
            {exporting.kind === 'view' && exporting.view.status === 'ready' && (
              <View id='export-ready'>
                <View className='info-card__line'>
                  {localize(T.exportReady, lang)
                    .replace('{size}', `${Math.max(1, Math.round(exporting.view.size / 1024))} KB`)
                    .replace('{until}', formatShanghai(exporting.view.expiresAt))}
                </View>
                <View className='info-card__line'>{localize(T.exportHash, lang)}</View>
                <View className='info-card__line export-hash' id='export-sha256'>
                  {exporting.view.sha256}
                </View>
              </View>
            )}
            {exporting.kind === 'view' && exporting.view.status === 'expired' && <View className='info-card__line'>{localize(T.exportExpired, lang)}</View>}
            {exporting.kind === 'view' && exporting.view.status === 'failed' && <View className='info-card__line'>{localize(T.exportFailed, lang)}</View>}
            {exporting.kind === 'failed' && <LoadError id='export-error' lang={lang} message={{ 'zh-CN': exporting.message, en: exporting.message }} onRetry={() => void startExport()} />}
            <View className='info-card__actions'>
              {exporting.kind === 'view' && exporting.view.status === 'ready' && (
                <Btn id='export-download' kind='primary' busy={busy === 'export-download'} onTap={() => void download(exporting.view.requestId)}>
                  {localize(T.exportDownload, lang)}
                </Btn>
              )}
              <Btn
                id='export-start'
                kind={exporting.kind === 'view' && exporting.view.status === 'ready' ? 'plain' : 'primary'}
                busy={exporting.kind === 'starting' || (exporting.kind === 'view' && exporting.view.status === 'building')}
                onTap={() => void startExport()}
              >
                {localize(exporting.kind === 'view' ? T.exportAgain : T.exportStart, lang)}
              </Btn>
            </View>
          </View>
        )}
        {load.kind === 'ready' && (
          <View className='info-card' id='my-requests'>
            <View className='info-card__head'>
              <Text className='info-card__title'>{localize(T.requests, lang)}</Text>
            </View>
            {load.requests.length === 0 && <View className='info-card__line'>{localize(T.noRequests, lang)}</View>}
            <View className='info-card__actions'>
              <Btn id='deletion-open' kind='plain' onTap={() => setDeleting(true)}>
                {localize(T.deletion, lang)}
              </Btn>
            </View>
            {load.requests.map((r) => (
              <View key={r.id} className='record' id={`request-${r.id}`}>
                <View className='record__field'>
                  <Text className='record__label'>{localize(REQUEST_TYPE_LABELS[r.type] ?? T.correct, lang)}</Text>
                  <Text className='record__value'>{localize(STATUS_LABELS[r.status] ?? { 'zh-CN': r.status, en: r.status }, lang)}</Text>
                </View>
                <View className='record__meta'>
                  <Text>
                    {[
                      ...(r.category ? [localize(categoryOf(r.category)?.name ?? { 'zh-CN': '', en: '' }, lang)] : []),
                      ...(r.trigger ? [localize(DELETION_TRIGGER_LABELS[r.trigger as keyof typeof DELETION_TRIGGER_LABELS] ?? { 'zh-CN': '', en: '' }, lang)] : []),
                    ].join(' · ')}
                  </Text>
                  <Text id={`request-${r.id}-due`}>
                    {localize(T.due, lang)} {r.dueAt}
                  </Text>
                </View>
                {r.categories && <View className='record__meta'>{r.categories.map((c) => localize(categoryOf(c)?.name ?? { 'zh-CN': '', en: '' }, lang)).join(lang === 'en' ? ', ' : '、')}</View>}
                {r.status === 'completed' && r.outcome && r.type !== 'export' && (
                  <View className='info-card__line' id={`request-${r.id}-outcome`}>
                    {localize(T.outcome, lang)}
                    {lang === 'en' ? ': ' : '：'}
                    {r.outcome}
                  </View>
                )}
                {r.status === 'rejected' && r.reason && (
                  <View className='info-card__line' id={`request-${r.id}-reason`}>
                    {localize(T.rejectedWhy, lang)}
                    {lang === 'en' ? ': ' : '：'}
                    {r.reason}
                  </View>
                )}
              </View>
            ))}
          </View>
        )}
      </View>
      {form && <ContactForm lang={lang} initial={form.contact} busy={form.busy} serverErrors={form.errors} general={form.general} onSubmit={(c) => void save(c)} onClose={() => setForm(undefined)} />}
      {deleting && load.kind === 'ready' && (
        <DeletionForm
          lang={lang}
          held={load.view.categories.map((c) => c.category)}
          failureText={(code) => failureText(code, lang)}
          onClose={() => setDeleting(false)}
          onDone={() => {
            setDeleting(false)
            void Taro.showToast({ title: localize(T.deletionSent, lang), icon: 'none' })
            void refresh()
          }}
        />
      )}
      {correction && (
        <Sheet
          id='correction-form'
          lang={lang}
          title={localize(T.correctTitle, lang)}
          onClose={() => setCorrection(undefined)}
          // The submit and why it was refused stay in view, under the text being typed.
          footer={
            <>
              {correction.error && (
                <View className='form__error' id='correction-error' {...{ role: 'alert' }}>
                  {correction.error}
                </View>
              )}
              <Btn id='correction-submit' kind='primary' block busy={correction.busy} onTap={() => void submitCorrection()}>
                {localize(T.submit, lang)}
              </Btn>
            </>
          }
        >
          <View className='info-card__line'>{localize(categoryOf(correction.category)!.name, lang)}</View>
          <View className='info-card__line'>{localize(T.correctHint, lang)}</View>
          <Textarea id='correction-reason' className='form__textarea' value={correction.reason} maxlength={200} placeholder={localize(T.reasonPh, lang)} onInput={(e) => setCorrection({ ...correction, reason: e.detail.value })} />
        </Sheet>
      )}
      {notice && <ActionAlert id='info-notice' lang={lang} failure={notice} onClose={() => setNotice(undefined)} />}
      <ConsentSheet />
    </View>
  )
}
