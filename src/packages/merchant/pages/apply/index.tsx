import { Image, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { Btn } from '@/components/button'
import { ConsentSheet } from '@/components/consent-sheet'
import { useInView } from '@/components/in-view'
import { LangSwitch } from '@/components/lang-switch'
import { LoadError, Loading } from '@/components/load-error'
import { PageHeader } from '@/components/page-header'
import { Sheet } from '@/components/sheet'
import { STORES } from '@/content/stores'
import type { ApplicationView } from '@/contracts/certification'
import { AWAITING_OPS, EDITABLE, HOLDS_DATA } from '@/domain/certification/application'
import {
  CERT_TEXT_FIELDS,
  type CertFieldErrors,
  type CertificationFields,
  type CertTextField,
  PHOTO_EDGE_PX,
  PHOTO_MAX_BYTES,
  PHOTO_SLOTS,
  type PhotoSlot,
  validateCertification,
  WATERMARKED_SLOTS,
} from '@/domain/certification/certification-form'
import { isGranted } from '@/domain/consent/consent-state'
import type { ErrorCode } from '@/domain/common/errors'
import { formatShanghai } from '@/domain/common/local-time'
import { localize } from '@/domain/policy/localized'
import { askForAgreement, getPrivacySession, newRequestId, usePrivacySession } from '@/flows/privacy-session'
import { certPhotoJpeg, chooseMedia, PlatformError } from '@/platform'
import { CERT_CONSENT_PAGE } from '@/routes'
import { certification } from '@/services/certification'
import { APPLY_T as T, CERT_TARGET, dateWords, FIELD_LABELS, FIELD_PLACEHOLDERS, failureText, fill, PHOTO_LABELS, PHOTO_MISSING, STATUS_WORDS, WATERMARK_TEXT } from '../../texts'
import '../../merchant.scss'

type Load = { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; app?: ApplicationView }
type Values = Record<CertTextField, string>
type Notice = { text: string; retry?: () => void }

const EMPTY: Values = { legalName: '', mobile: '', idNumber: '', uscc: '', storeName: '', storeAddress: '' }
/** Saved values come back masked; these two come back as entered, so the form shows them in place. */
const PLAIN: readonly CertTextField[] = ['storeName', 'storeAddress']
const FIELD_BY_CODE: Partial<Record<ErrorCode, CertTextField>> = {
  'CERT.NAME_INVALID': 'legalName',
  'CERT.MOBILE_INVALID': 'mobile',
  'CERT.ID_NUMBER_INVALID': 'idNumber',
  'CERT.USCC_INVALID': 'uscc',
  'CERT.STORE_INVALID': 'storeName',
}
const INPUT_TYPE: Partial<Record<CertTextField, 'number' | 'idcard'>> = { mobile: 'number', idNumber: 'idcard' }
const MAX_LENGTH: Record<CertTextField, number> = { legalName: 30, mobile: 11, idNumber: 18, uscc: 18, storeName: 40, storeAddress: 100 }

/** The form top to bottom (the store card's catalogue choice before its two fields), to find the first error. */
const FORM_ORDER: ReadonlyArray<keyof CertFieldErrors> = [...CERT_TEXT_FIELDS.filter((f) => !PLAIN.includes(f)), 'storeId', ...PLAIN]

/** Where the first error of a refused submission is: a field with its label, else a photo, else the notice by the submit button. */
function firstErrorId(errs: CertFieldErrors, photos: readonly PhotoSlot[]): string {
  const field = FORM_ORDER.find((f) => errs[f])
  if (field) return field === 'storeId' ? 'cert-storeId-error' : `cert-${field}-field`
  return photos[0] ? `cert-${photos[0]}-row` : 'cert-notice'
}

/** Today in Shanghai, `YYYY-MM-DD`: the ID's birth-date check and the watermark's date. */
const shanghaiToday = () => formatShanghai(new Date().toISOString()).slice(0, 10)

/**
 * 我的 → 商家认证: the application in whatever state it is. Fields are write-only: what was saved
 * comes back masked and is shown as a hint; a field is saved as a draft when it loses focus, so
 * leaving the page loses nothing. Photos are scaled (ID photos watermarked) on the phone first.
 */
export default function CertApplyPage() {
  const s = usePrivacySession()
  const lang = s.lang
  const agreed = s.phase === 'agreed'
  const granted = isGranted(s.consents, CERT_TARGET)
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [retrying, setRetrying] = useState(false)
  const [starting, setStarting] = useState(false)
  const [values, setValues] = useState<Values>(EMPTY)
  const [storeId, setStoreId] = useState<string>()
  const [errors, setErrors] = useState<CertFieldErrors>({})
  const [photoErrors, setPhotoErrors] = useState<Partial<Record<PhotoSlot, string>>>({})
  const [draft, setDraft] = useState<'idle' | 'saving' | 'saved'>('idle')
  const [busy, setBusy] = useState<string>()
  const [notice, setNotice] = useState<Notice>()
  const [done, setDone] = useState(false)
  const [withdrawing, setWithdrawing] = useState(false)
  const [catalogue, setCatalogue] = useState(false)
  /** After a refused submission: the first error, scrolled to once it is on screen (errors above push the button down). */
  const [reveal, setReveal] = useState<{ id: string }>()
  useInView(reveal?.id ?? '', reveal)
  /** What each field last saved as (normalized), so an unchanged field is not sent again. */
  const sent = useRef<Partial<Values>>({})
  const appRef = useRef<ApplicationView>()
  const valuesRef = useRef(values)
  valuesRef.current = values

  const show = (app: ApplicationView | undefined) => {
    appRef.current = app
    setLoad({ kind: 'ready', app })
    if (!app) return
    // The store's name and address are not personal: shown as saved, unless the user is typing there.
    const plain: Partial<Values> = {}
    for (const f of PLAIN) {
      const saved = app.fields[f]
      if (saved && !app.missing.includes(f) && valuesRef.current[f] === '') {
        plain[f] = saved
        sent.current[f] = saved
      }
    }
    if (Object.keys(plain).length) setValues((v) => ({ ...v, ...plain }))
    if (app.storeId) setStoreId((id) => id ?? app.storeId)
  }

  const refresh = async () => {
    const now = getPrivacySession()
    if (now.phase !== 'agreed' || !isGranted(now.consents, CERT_TARGET)) return
    setRetrying(true)
    const r = await certification.status()
    setRetrying(false)
    if (r.ok) return show(r.data.application)
    setLoad((prev) => (prev.kind === 'ready' ? prev : { kind: 'failed' }))
  }
  useEffect(() => void refresh(), [agreed, granted])
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void refresh()
    shown.current = true
  })

  /** Each typed field on its own: its clean value, or its error (a draft may leave fields empty). */
  const checkTyped = (only?: CertTextField) => {
    const today = shanghaiToday()
    const value: CertificationFields = {}
    const errs: CertFieldErrors = {}
    for (const f of only ? [only] : CERT_TEXT_FIELDS) {
      if (values[f].trim() === '') continue
      const v = validateCertification({ [f]: values[f] }, { complete: false, today })
      if (v.ok) value[f] = v.value[f]
      else errs[f] = v.fieldErrors[f]
    }
    return { value, errs }
  }

  /** A coded refusal next to its field: the local rule's words when it explains it, else a plain sentence. */
  const fieldError = (code: ErrorCode): CertFieldErrors | undefined => {
    let field = FIELD_BY_CODE[code]
    if (!field) return undefined
    if (code === 'CERT.STORE_INVALID') field = checkTyped('storeAddress').errs.storeAddress ? 'storeAddress' : 'storeName'
    const local = checkTyped(field).errs[field]
    const label = localize(FIELD_LABELS[field], 'zh-CN')
    return { [field]: local ?? { code, message: { 'zh-CN': fill(T.serverInvalid['zh-CN'], { label }), en: fill(T.serverInvalid.en!, { label: FIELD_LABELS[field].en! }) } } }
  }

  const failed = (code: ErrorCode, retry?: () => void) => {
    const byField = fieldError(code)
    if (byField) return setErrors((e) => ({ ...e, ...byField }))
    if (code === 'CONSENT.REQUIRED' || code === 'CERT.ILLEGAL_TRANSITION') void refresh()
    setNotice({ text: failureText(code, lang), retry })
  }

  const saveDraft = async (fields: CertificationFields) => {
    const keys = Object.keys(fields) as CertTextField[]
    setDraft('saving')
    setNotice(undefined)
    const r = await certification.saveDraft(newRequestId(), fields)
    if (!r.ok) {
      setDraft('idle')
      failed(r.code, () => void saveDraft(fields))
      return false
    }
    for (const k of keys) if (k in EMPTY) sent.current[k] = fields[k]!
    setDraft('saved')
    show(r.data.application)
    return true
  }

  const onBlur = (f: CertTextField) => {
    const { value, errs } = checkTyped(f)
    if (errs[f]) return setErrors((e) => ({ ...e, [f]: errs[f] }))
    const v = value[f]
    if (v === undefined || sent.current[f] === v) return
    void saveDraft({ [f]: v, ...(PLAIN.includes(f) && storeId ? { storeId } : {}) })
  }
  const onInput = (f: CertTextField, text: string) => {
    setValues((v) => ({ ...v, [f]: text }))
    setErrors(({ [f]: _gone, ...rest }) => rest)
    if (draft === 'saved') setDraft('idle')
    // Typing over a catalogue store makes it a store of one's own.
    if (PLAIN.includes(f) && storeId) setStoreId(undefined)
  }
  const saveAll = async () => {
    const { value, errs } = checkTyped()
    setErrors(errs)
    const changed = Object.fromEntries(Object.entries(value).filter(([k, v]) => sent.current[k as CertTextField] !== v)) as CertificationFields
    if (storeId) changed.storeId = storeId
    setBusy('draft')
    await saveDraft(changed)
    setBusy(undefined)
  }
  const pickStore = async (id: string) => {
    const store = STORES.find((x) => x.id === id)!
    setCatalogue(false)
    setValues((v) => ({ ...v, storeName: store.name, storeAddress: store.address }))
    setErrors(({ storeName: _a, storeAddress: _b, storeId: _c, ...rest }) => rest)
    setStoreId(id)
    await saveDraft({ storeName: store.name, storeAddress: store.address, storeId: id })
  }

  const pickPhoto = async (slot: PhotoSlot) => {
    setBusy(`photo-${slot}`)
    setPhotoErrors(({ [slot]: _gone, ...rest }) => rest)
    setNotice(undefined)
    let image: string
    try {
      const [file] = await chooseMedia({ count: 1, sourceType: ['album', 'camera'] })
      if (!file) return setBusy(undefined)
      const watermark = WATERMARKED_SLOTS.includes(slot) ? `${WATERMARK_TEXT} ${shanghaiToday()}` : undefined
      image = await certPhotoJpeg(file, { edge: PHOTO_EDGE_PX, maxBytes: PHOTO_MAX_BYTES, watermark })
    } catch (err) {
      setBusy(undefined)
      // Closing the album is a choice, not a failure.
      if (err instanceof PlatformError && err.code === 'PLATFORM.USER_CANCELLED') return
      return setPhotoErrors((e) => ({ ...e, [slot]: localize(T.photoInvalid, lang) }))
    }
    // A photo belongs to an application: the first draft save creates it.
    const app = appRef.current
    if ((!app || !EDITABLE.includes(app.status)) && !(await saveDraft({}))) return setBusy(undefined)
    const r = await certification.setPhoto(newRequestId(), slot, image)
    setBusy(undefined)
    if (r.ok) {
      setDraft('saved')
      return show(r.data.application)
    }
    if (r.code === 'CERT.PHOTO_INVALID') return setPhotoErrors((e) => ({ ...e, [slot]: localize(T.photoInvalid, lang) }))
    if (r.code === 'CONSENT.REQUIRED' || r.code === 'CERT.ILLEGAL_TRANSITION') return failed(r.code)
    setPhotoErrors((e) => ({ ...e, [slot]: localize(T.photoFailed, lang) }))
  }

  const submit = async () => {
    setNotice(undefined)
    const app = appRef.current
    const holds = app && EDITABLE.includes(app.status)
    // A field saved earlier counts as given: the server says what a submission still needs.
    const saved = (f: string) => Boolean(holds && !app.missing.includes(f as CertTextField))
    const full = validateCertification({ ...values, ...(storeId ? { storeId } : {}) }, { complete: true, today: shanghaiToday() })
    const errs: CertFieldErrors = {}
    if (!full.ok) {
      for (const [f, e] of Object.entries(full.fieldErrors) as Array<[keyof CertFieldErrors, CertFieldErrors[keyof CertFieldErrors]]>) {
        if (f !== 'storeId' && values[f].trim() === '' && saved(f)) continue
        errs[f] = e
      }
    }
    const missingPhotos = PHOTO_SLOTS.filter((slot) => !holds || app.missing.includes(slot) || !app.photos[slot])
    setErrors(errs)
    setPhotoErrors(Object.fromEntries(missingPhotos.map((slot) => [slot, localize(PHOTO_MISSING[slot], lang)])))
    if (Object.keys(errs).length > 0 || missingPhotos.length > 0) {
      setNotice({ text: localize(T.fixErrors, lang) })
      return setReveal({ id: firstErrorId(errs, missingPhotos) })
    }
    const { value } = checkTyped()
    setBusy('submit')
    const r = await certification.submit(newRequestId(), { ...value, ...(storeId ? { storeId } : {}) })
    setBusy(undefined)
    if (!r.ok) {
      if (r.code === 'CERT.INCOMPLETE') {
        await refresh()
        setNotice({ text: localize(T.fixErrors, lang) })
      } else failed(r.code, () => void submit())
      return setReveal({ id: firstErrorId(fieldError(r.code) ?? {}, []) })
    }
    setValues(EMPTY)
    sent.current = {}
    setStarting(false)
    setDraft('idle')
    show(r.data.application)
  }

  const withdraw = async () => {
    setBusy('withdraw')
    const r = await certification.withdraw(newRequestId())
    setBusy(undefined)
    setWithdrawing(false)
    if (!r.ok) return failed(r.code, () => void withdraw())
    setValues(EMPTY)
    setStoreId(undefined)
    sent.current = {}
    setErrors({})
    setPhotoErrors({})
    setStarting(false)
    setDraft('idle')
    setDone(true)
    show(r.data.application)
  }

  const thumbs = (app: ApplicationView) => (
    <View className='cert-thumbs'>
      {PHOTO_SLOTS.filter((slot) => app.photos[slot]).map((slot) => (
        <View key={slot} className='cert-thumbs__item'>
          <Image id={`cert-thumb-${slot}`} className='cert-photo__thumb' src={app.photos[slot]!.thumbnailUrl} mode='aspectFill' ariaLabel={localize(PHOTO_LABELS[slot], lang)} />
          <Text>{localize(PHOTO_LABELS[slot], lang)}</Text>
        </View>
      ))}
    </View>
  )
  const maskedData = (app: ApplicationView) => (
    <View className='cert__card' id='cert-data'>
      <View className='cert__title'>{localize(T.data, lang)}</View>
      {CERT_TEXT_FIELDS.filter((f) => app.fields[f]).map((f) => (
        <View key={f} className='cert-row'>
          <Text className='cert-row__label'>{localize(FIELD_LABELS[f], lang)}</Text>
          <Text className='cert-row__value' id={`cert-value-${f}`}>
            {app.fields[f]}
          </Text>
        </View>
      ))}
      {thumbs(app)}
    </View>
  )
  const withdrawButton = (
    <Btn id='cert-withdraw' kind='plain' block className='cert__danger' onTap={() => setWithdrawing(true)}>
      {localize(T.withdraw, lang)}
    </Btn>
  )

  const statusCard = (app: ApplicationView) => {
    const left = app.workingDaysLeft
    return (
      <View>
        <View className='cert__card' id='cert-status'>
          <View className='cert__title' id='cert-status-words'>
            {localize(STATUS_WORDS[app.status], lang)}
          </View>
          {app.submittedAt && (
            <View className='cert-row'>
              <Text className='cert-row__label'>{localize(T.submittedAt, lang)}</Text>
              <Text className='cert-row__value' id='cert-submitted-at'>
                {formatShanghai(app.submittedAt)} {localize(T.zone, lang)}
              </Text>
            </View>
          )}
          {app.status === 'approved' && app.decidedAt && (
            <View className='cert-row'>
              <Text className='cert-row__label'>{localize(T.decidedAt, lang)}</Text>
              <Text className='cert-row__value' id='cert-decided-at'>
                {formatShanghai(app.decidedAt)} {localize(T.zone, lang)}
              </Text>
            </View>
          )}
          {AWAITING_OPS.includes(app.status) && app.dueAt && (
            <View className='cert__line' id='cert-due'>
              {fill(localize(T.due, lang), { date: dateWords(app.dueAt, lang) })}
              {typeof left === 'number' && (left < 0 ? localize(T.overdue, lang) : fill(localize(T.daysLeft, lang), { n: left }))}
            </View>
          )}
        </View>
        {maskedData(app)}
        {withdrawButton}
      </View>
    )
  }

  const field = (f: CertTextField, app: ApplicationView | undefined) => {
    const saved = app && EDITABLE.includes(app.status) && !app.missing.includes(f) ? app.fields[f] : undefined
    const error = errors[f]
    return (
      <View key={f} className='cert-field' id={`cert-${f}-field`}>
        <Text className='cert-field__label'>{localize(FIELD_LABELS[f], lang)}</Text>
        <Input
          id={`cert-${f}`}
          className={error ? 'cert-field__input cert-field__input--bad' : 'cert-field__input'}
          type={INPUT_TYPE[f] ?? 'text'}
          value={values[f]}
          maxlength={MAX_LENGTH[f] + 10}
          placeholder={localize(FIELD_PLACEHOLDERS[f], lang)}
          onInput={(e) => onInput(f, e.detail.value)}
          onBlur={() => onBlur(f)}
        />
        {saved && !PLAIN.includes(f) && values[f] === '' && (
          <View className='cert-field__hint' id={`cert-${f}-saved`}>
            {fill(localize(T.savedHint, lang), { value: saved })}
          </View>
        )}
        {error && (
          <View className='cert-field__error' id={`cert-${f}-error`} {...{ role: 'alert' }}>
            {localize(error.message, lang)}
          </View>
        )}
      </View>
    )
  }

  const form = (app: ApplicationView | undefined) => {
    const editable = app && EDITABLE.includes(app.status) ? app : undefined
    const store = storeId ? STORES.find((x) => x.id === storeId) : undefined
    return (
      <View id='cert-form'>
        {app?.status === 'rejected' && (
          <View className='cert__card'>
            <View className='cert__error' id='cert-reason'>
              {fill(localize(T.rejectedReason, lang), { reason: app.reason ?? '' })}
            </View>
            {app.purgeOn && <View className='cert__line'>{fill(localize(T.rejectedPurge, lang), { date: dateWords(app.purgeOn, lang) })}</View>}
          </View>
        )}
        <View className='cert__card'>
          <View className='cert__line'>{localize(T.draftNote, lang)}</View>
          {CERT_TEXT_FIELDS.filter((f) => !PLAIN.includes(f)).map((f) => field(f, editable))}
        </View>
        <View className='cert__card'>
          <Btn id='cert-store-catalogue' kind='plain' block onTap={() => setCatalogue(true)}>
            {localize(T.catalogue, lang)}
          </Btn>
          {store && (
            <View className='cert__line' id='cert-store-picked'>
              {fill(localize(T.fromCatalogue, lang), { name: store.name })}
            </View>
          )}
          {errors.storeId && (
            <View className='cert-field__error' id='cert-storeId-error' {...{ role: 'alert' }}>
              {localize(errors.storeId.message, lang)}
            </View>
          )}
          <View style={{ height: '12px' }} />
          {PLAIN.map((f) => field(f, editable))}
        </View>
        <View className='cert__card' id='cert-photos'>
          <View className='cert__title'>{localize(T.photos, lang)}</View>
          <View className='cert__line'>{localize(T.photoNote, lang)}</View>
          {PHOTO_SLOTS.map((slot) => {
            const photo = editable?.photos[slot]
            return (
              <View key={slot} className='cert-photo' id={`cert-${slot}-row`}>
                {photo ? (
                  <Image id={`cert-thumb-${slot}`} className='cert-photo__thumb' src={photo.thumbnailUrl} mode='aspectFill' ariaLabel={localize(PHOTO_LABELS[slot], lang)} />
                ) : (
                  <View className='cert-photo__empty' />
                )}
                <View className='cert-photo__main'>
                  <View className='cert-photo__name'>{localize(PHOTO_LABELS[slot], lang)}</View>
                  {busy === `photo-${slot}` && <View className='cert__muted'>{localize(T.uploading, lang)}</View>}
                  <Btn id={`cert-photo-${slot}`} kind='plain' busy={busy === `photo-${slot}`} disabled={busy !== undefined && busy.startsWith('photo-')} onTap={() => void pickPhoto(slot)}>
                    {localize(photo ? T.replace : T.pick, lang)}
                  </Btn>
                  {photoErrors[slot] && (
                    <View className='cert-field__error' id={`cert-${slot}-error`} {...{ role: 'alert' }}>
                      {photoErrors[slot]}
                    </View>
                  )}
                </View>
              </View>
            )
          })}
        </View>
        <View className='cert__actions'>
          {noticeView}
          <View className='cert__saved' id='cert-draft-state' {...{ role: 'status' }}>
            {draft === 'saving' ? localize(T.draftSaving, lang) : draft === 'saved' ? localize(T.draftSaved, lang) : ''}
          </View>
          <Btn id='cert-submit' kind='primary' block busy={busy === 'submit'} disabled={busy !== undefined && busy !== 'submit'} onTap={() => void submit()}>
            {localize(busy === 'submit' ? T.submitting : T.submit, lang)}
          </Btn>
          <Btn id='cert-save-draft' kind='plain' block busy={busy === 'draft'} onTap={() => void saveAll()}>
            {localize(T.saveDraft, lang)}
          </Btn>
          {app && HOLDS_DATA.includes(app.status) && withdrawButton}
        </View>
      </View>
    )
  }

  const noticeView = notice && (
    <View className='cert__error' id='cert-notice' {...{ role: 'alert' }}>
      <View>{notice.text}</View>
      {notice.retry && (
        <Btn id='cert-notice-retry' kind='plain' onTap={() => notice.retry!()}>
          {localize(T.retry, lang)}
        </Btn>
      )}
    </View>
  )
  const current = load.kind === 'ready' ? load.app : undefined
  // Messages about the form sit by its submit button, where the user is when they happen.
  const formShown = agreed && granted && load.kind === 'ready' && (current ? EDITABLE.includes(current.status) || (starting && current.status === 'withdrawn') : starting)

  const body = () => {
    if (s.phase === 'loading') return <Loading id='cert-loading' lang={lang} />
    if (!agreed) {
      return (
        <View className='cert__notice' id='cert-policy-first'>
          <View>{localize(T.policyFirst, lang)}</View>
          <Btn id='cert-policy-agree' kind='link' onTap={askForAgreement}>
            {localize(T.policyAgree, lang)} ›
          </Btn>
        </View>
      )
    }
    if (!granted) {
      return (
        <View className='cert__notice' id='cert-need-consent'>
          <View>{localize(T.needConsent, lang)}</View>
          <Btn id='cert-to-consent' kind='primary' block onTap={() => void Taro.redirectTo({ url: CERT_CONSENT_PAGE })}>
            {localize(T.toConsent, lang)}
          </Btn>
        </View>
      )
    }
    if (load.kind === 'loading') return <Loading id='cert-loading' lang={lang} />
    if (load.kind === 'failed') return <LoadError id='cert-load-error' lang={lang} busy={retrying} onRetry={() => void refresh()} />
    const app = load.app
    if (app && (AWAITING_OPS.includes(app.status) || app.status === 'approved')) return statusCard(app)
    if (app && EDITABLE.includes(app.status)) return form(app)
    if (starting) return form(undefined)
    return (
      <View className='cert__card' id='cert-intro'>
        <View className='cert__title'>{localize(T.title, lang)}</View>
        {app?.status === 'withdrawn' && <View className='cert__line'>{localize(T.introWithdrawn, lang)}</View>}
        <View className='cert__line'>{localize(T.intro, lang)}</View>
        <View className='cert__actions'>
          <Btn id='cert-start' kind='primary' block onTap={() => setStarting(true)}>
            {localize(T.start, lang)}
          </Btn>
        </View>
      </View>
    )
  }

  return (
    <View className='cert' id='cert-apply-page'>
      <PageHeader title={T.title} right={<LangSwitch />} />
      <View className='cert__body'>
        {done && (
          <View className='cert__notice' id='cert-withdrawn' {...{ role: 'status' }}>
            {localize(T.withdrawDone, lang)}
          </View>
        )}
        {!formShown && noticeView}
        {body()}
      </View>
      {withdrawing && (
        <Sheet
          id='cert-withdraw-sheet'
          lang={lang}
          title={localize(T.withdrawTitle, lang)}
          onClose={() => setWithdrawing(false)}
          footer={
            <>
              <Btn id='cert-withdraw-confirm' kind='danger' block busy={busy === 'withdraw'} onTap={() => void withdraw()}>
                {localize(T.withdrawConfirm, lang)}
              </Btn>
              <Btn id='cert-withdraw-cancel' kind='plain' block onTap={() => setWithdrawing(false)}>
                {localize(T.withdrawCancel, lang)}
              </Btn>
            </>
          }
        >
          <View className='cert__line'>{localize(T.withdrawExplain, lang)}</View>
        </Sheet>
      )}
      {catalogue && (
        <Sheet id='cert-catalogue' lang={lang} title={localize(T.catalogueTitle, lang)} onClose={() => setCatalogue(false)}>
          {STORES.map((store) => (
            <View key={store.id} className='cert-store'>
              <Btn id={`cert-store-${store.id}`} kind='link' block className='cert-store__btn' onTap={() => void pickStore(store.id)}>
                <Text className='cert-store__name'>{store.name}</Text>
                <Text className='cert-store__address'>{store.address}</Text>
              </Btn>
            </View>
          ))}
        </Sheet>
      )}
      <ConsentSheet />
    </View>
  )
}
