import { Input, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { a11yProps, Btn } from '@/components/button'
import { Sheet } from '@/components/sheet'
import { REGIONS } from '@/content/regions'
import type { ContactView } from '@/contracts/personal'
import { type Lang, localize } from '@/domain/policy/localized'
import { type ContactField, type ContactFieldErrors, type ContactInput, validateContact } from '@/domain/personal/personal-schemas'
import { FIELD_LABELS } from '../texts'

const T = {
  add: { 'zh-CN': '新增收货信息', en: 'New delivery contact' },
  edit: { 'zh-CN': '修改收货信息', en: 'Edit delivery contact' },
  save: { 'zh-CN': '保存', en: 'Save' },
  saving: { 'zh-CN': '正在保存…', en: 'Saving…' },
  makeDefault: { 'zh-CN': '设为默认收货信息', en: 'Use as my default' },
  namePh: { 'zh-CN': '收货人姓名', en: 'Recipient name' },
  mobilePh: { 'zh-CN': '11 位手机号码', en: '11-digit mobile number' },
  addressPh: { 'zh-CN': '街道、门牌号等', en: 'Street and number' },
}

export interface ContactFormProps {
  lang: Lang
  /** The contact to edit, with its unmasked values; absent for a new one. */
  initial?: ContactView
  busy: boolean
  /** A field the server refused (same rules as here, so this is rare) or a general message. */
  serverErrors: ContactFieldErrors
  general?: string
  onSubmit: (contact: ContactInput) => void
  onClose: () => void
}

/** The fields top to bottom: after a refused save the sheet scrolls to the first one in error. */
const ORDER: readonly ContactField[] = ['name', 'mobile', 'regionId', 'addressLine']
const firstInvalid = (errors: ContactFieldErrors) => {
  const field = ORDER.find((f) => errors[f])
  return field && { id: `contact-${field}-field` }
}

/**
 * Add or edit a delivery contact. The same validator the cloud function runs shows errors next to each
 * field, and the sheet scrolls to the first of them: Save is pinned below, often far from that field.
 */
export function ContactForm({ lang, initial, busy, serverErrors, general, onSubmit, onClose }: ContactFormProps) {
  const [name, setName] = useState(initial?.name ?? '')
  const [mobile, setMobile] = useState(initial?.mobile ?? '')
  const [regionId, setRegionId] = useState(initial?.regionId ?? '')
  const [addressLine, setAddressLine] = useState(initial?.addressLine ?? '')
  const [isDefault, setIsDefault] = useState(initial?.isDefault ?? false)
  const [errors, setErrors] = useState<ContactFieldErrors>({})
  const [reveal, setReveal] = useState<{ id: string }>()
  const shown: ContactFieldErrors = { ...serverErrors, ...errors }
  // A field the server refused arrives as a new object after each refused save.
  useEffect(() => setReveal(firstInvalid(serverErrors)), [serverErrors])

  const submit = () => {
    const checked = validateContact({ name, mobile, regionId, addressLine, isDefault })
    if (!checked.ok) {
      setErrors(checked.fieldErrors)
      return setReveal(firstInvalid(checked.fieldErrors))
    }
    setErrors({})
    onSubmit(checked.value)
  }
  const error = (field: ContactField) =>
    shown[field] && (
      <View className='form__error' id={`contact-${field}-error`} {...{ role: 'alert' }}>
        {localize(shown[field]!.message, lang)}
      </View>
    )
  // The field in error is outlined too, as in the certification form, not only named below it.
  const inputClass = (field: ContactField) => (shown[field] ? 'form__input form__input--bad' : 'form__input')
  const label = (field: ContactField) => <Text className='form__label'>{localize(FIELD_LABELS[field]!, lang)}</Text>

  return (
    <Sheet
      id='contact-form'
      lang={lang}
      title={localize(initial ? T.edit : T.add, lang)}
      onClose={onClose}
      reveal={reveal}
      footer={
        <>
          {general && (
            <View className='form__error' id='contact-form-error' {...{ role: 'alert' }}>
              {general}
            </View>
          )}
          <Btn id='contact-save' kind='primary' block busy={busy} onTap={submit}>
            {localize(busy ? T.saving : T.save, lang)}
          </Btn>
        </>
      }
    >
      <View className='form__field' id='contact-name-field'>
        {label('name')}
        <Input id='contact-name' className={inputClass('name')} value={name} maxlength={40} placeholder={localize(T.namePh, lang)} onInput={(e) => setName(e.detail.value)} />
        {error('name')}
      </View>
      <View className='form__field' id='contact-mobile-field'>
        {label('mobile')}
        <Input id='contact-mobile' className={inputClass('mobile')} type='number' value={mobile} maxlength={11} placeholder={localize(T.mobilePh, lang)} onInput={(e) => setMobile(e.detail.value)} />
        {error('mobile')}
      </View>
      <View className='form__field' id='contact-regionId-field'>
        {label('regionId')}
        {REGIONS.flatMap((p) => p.cities).map((city) => (
          <View key={city.code} className='form__region-city'>
            <Text className='form__region-name'>{localize(city.name, lang)}</Text>
            <View className='form__chips'>
              {city.districts.map((d) => (
                <Btn key={d.code} id={`region-${d.code}`} kind='plain' pressed={regionId === d.code} className={regionId === d.code ? 'chip chip--on' : 'chip'} onTap={() => setRegionId(d.code)}>
                  {localize(d.name, lang)}
                </Btn>
              ))}
            </View>
          </View>
        ))}
        {error('regionId')}
      </View>
      <View className='form__field' id='contact-addressLine-field'>
        {label('addressLine')}
        <Input id='contact-address' className={inputClass('addressLine')} value={addressLine} maxlength={100} placeholder={localize(T.addressPh, lang)} onInput={(e) => setAddressLine(e.detail.value)} />
        {error('addressLine')}
      </View>
      <View id='contact-default' className={isDefault ? 'check check--on' : 'check'} {...a11yProps('checkbox', { checked: isDefault })} onClick={() => setIsDefault(!isDefault)}>
        <Text className='check__box'>{isDefault ? '✓' : ''}</Text>
        <Text>{localize(T.makeDefault, lang)}</Text>
      </View>
    </Sheet>
  )
}
