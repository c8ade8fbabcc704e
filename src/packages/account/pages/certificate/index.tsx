import { Input, Text, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { Btn } from '@/components/button'
import { LangSwitch } from '@/components/lang-switch'
import { LoadError, Loading } from '@/components/load-error'
import { PageHeader } from '@/components/page-header'
import type { DeletionCertificate } from '@/domain/cancellation/certificate'
import { formatShanghai } from '@/domain/common/local-time'
import { type LocalizedText, localize } from '@/domain/policy/localized'
import { usePrivacySession } from '@/flows/privacy-session'
import { account } from '@/services/account'
import { categoryName, fill } from '../../texts'
import '../../account.scss'

const T = {
  title: { 'zh-CN': '删除证明', en: 'Deletion certificate' },
  hint: { 'zh-CN': '输入注销时得到的删除证明编号。证明只记录删除了什么、保留了什么，不含任何个人信息。', en: 'Enter the certificate number you got when you cancelled. The certificate records only what was deleted and kept; it holds no personal information.' },
  placeholder: { 'zh-CN': '20 位编号', en: '20-character number' },
  look: { 'zh-CN': '查询', en: 'Look up' },
  notFound: { 'zh-CN': '没有找到这个编号的证明；注销完成后才能查询。', en: 'No certificate has this number; it can be looked up once the cancellation is done.' },
  badId: { 'zh-CN': '编号应为 20 位字母、数字、- 或 _。', en: 'The number is 20 letters, digits, - or _.' },
  requested: { 'zh-CN': '申请时间', en: 'Requested' },
  completed: { 'zh-CN': '完成时间', en: 'Completed' },
  categories: { 'zh-CN': '注销时保存的信息', en: 'Held at cancellation' },
  deletedRows: { 'zh-CN': '已删除的数据记录', en: 'Records deleted' },
  deletedFiles: { 'zh-CN': '已删除的文件', en: 'Files deleted' },
  retained: { 'zh-CN': '依法保留（已去除与你的关联）', en: 'Kept by law (unlinked from you)' },
  until: { 'zh-CN': '至 {date}', en: 'until {date}' },
  chain: { 'zh-CN': '同意记录已匿名化：假名盐值已销毁，记录不再关联到任何人。', en: 'Consent records are anonymised: the pseudonym salt was destroyed, so they link to no one.' },
  hash: { 'zh-CN': '删除前信息清单的校验值（SHA-256）', en: 'Check value of the inventory before deletion (SHA-256)' },
  count: { 'zh-CN': '{n} 条', en: '{n}' },
} satisfies Record<string, LocalizedText>

const ID = /^[A-Za-z0-9_-]{20}$/
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)

type Load = { kind: 'idle' } | { kind: 'loading' } | { kind: 'failed' } | { kind: 'missing' } | { kind: 'ready'; cert: DeletionCertificate }

/** Anyone holding a certificate number can read what a cancellation deleted and kept. */
export default function CertificatePage() {
  const { lang } = usePrivacySession()
  const [id, setId] = useState('')
  const [load, setLoad] = useState<Load>({ kind: 'idle' })
  const [invalid, setInvalid] = useState(false)

  const look = async (certificateId: string) => {
    const trimmed = certificateId.trim()
    if (!ID.test(trimmed)) return setInvalid(true)
    setInvalid(false)
    setLoad({ kind: 'loading' })
    const r = await account.certificate(trimmed)
    setLoad(r.ok ? { kind: 'ready', cert: r.data } : r.code === 'COMMON.NOT_FOUND' ? { kind: 'missing' } : { kind: 'failed' })
  }
  useLoad((params: Record<string, string | undefined>) => {
    if (params.id) {
      setId(params.id)
      void look(params.id)
    }
  })

  const cert = load.kind === 'ready' ? load.cert : undefined
  return (
    <View className='cancel' id='certificate-page'>
      <PageHeader title={T.title} right={<LangSwitch />} />
      <View className='cancel__body'>
        <View className='cancel__card'>
          <View className='cancel__line'>{localize(T.hint, lang)}</View>
          <Input id='certificate-id' className='cancel__input' value={id} maxlength={40} placeholder={localize(T.placeholder, lang)} onInput={(e) => setId(e.detail.value)} />
          {invalid && (
            <View className='cancel__error' id='certificate-id-error' {...{ role: 'alert' }}>
              {localize(T.badId, lang)}
            </View>
          )}
          <Btn id='certificate-look' kind='primary' block busy={load.kind === 'loading'} onTap={() => void look(id)}>
            {localize(T.look, lang)}
          </Btn>
        </View>
        {load.kind === 'loading' && <Loading id='certificate-loading' lang={lang} />}
        {load.kind === 'failed' && <LoadError id='certificate-error' lang={lang} onRetry={() => void look(id)} />}
        {load.kind === 'missing' && (
          <View className='cancel__card cancel__line' id='certificate-missing' {...{ role: 'alert' }}>
            {localize(T.notFound, lang)}
          </View>
        )}
        {cert && (
          <View className='cancel__card' id='certificate'>
            <View className='cancel__code'>{cert.id}</View>
            <View className='cancel__item'>
              <Text className='cancel__name'>{localize(T.requested, lang)}</Text>
              <Text className='cancel__muted'>{formatShanghai(cert.requestedAt)}</Text>
            </View>
            <View className='cancel__item'>
              <Text className='cancel__name'>{localize(T.completed, lang)}</Text>
              <Text className='cancel__muted' id='certificate-completed'>
                {formatShanghai(cert.completedAt)}
              </Text>
            </View>
            <View className='cancel__title'>{localize(T.categories, lang)}</View>
            {cert.categories.map((c) => (
              <View key={c.category} className='cancel__item'>
                <Text className='cancel__name'>{categoryName(c.category, lang)}</Text>
                <Text className='cancel__muted'>{fill(localize(T.count, lang), { n: c.count })}</Text>
              </View>
            ))}
            <View className='cancel__item'>
              <Text className='cancel__name'>{localize(T.deletedRows, lang)}</Text>
              <Text className='cancel__muted'>{total(cert.deleted.rows)}</Text>
            </View>
            <View className='cancel__item'>
              <Text className='cancel__name'>{localize(T.deletedFiles, lang)}</Text>
              <Text className='cancel__muted' id='certificate-files'>
                {total(cert.deleted.files)}
              </Text>
            </View>
            <View className='cancel__title'>{localize(T.retained, lang)}</View>
            {cert.retained.map((r) => (
              <View key={r.collection} className='cancel__item'>
                <Text className='cancel__name'>
                  {categoryName(r.category, lang)} · {fill(localize(T.count, lang), { n: r.count })}
                </Text>
                <Text className='cancel__muted'>{fill(localize(T.until, lang), { date: formatShanghai(r.until).slice(0, 10) })}</Text>
              </View>
            ))}
            {cert.consentChain === 'anonymised' && <View className='cancel__line'>{localize(T.chain, lang)}</View>}
            <View className='cancel__line'>{localize(T.hash, lang)}</View>
            <View className='cancel__line export-hash'>{cert.inventoryHash}</View>
          </View>
        )}
      </View>
    </View>
  )
}
