import { ScrollView, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Btn } from '@/components/button'
import { LangSwitch } from '@/components/lang-switch'
import { PageHeader } from '@/components/page-header'
import { POLICY_VERSIONS } from '@/content/policies'
import { localize } from '@/domain/policy/localized'
import type { PolicyBlock } from '@/domain/policy/policy-schema'
import { renderTable } from '@/domain/policy/policy-tables'
import type { PolicyContent } from '@/domain/policy/policy-schema'
import { usePrivacySession } from '@/flows/privacy-session'
import { CONTACT_PAGE } from '@/routes'
import '../../privacy.scss'

const T = {
  version: { 'zh-CN': '版本', en: 'Version' },
  effective: { 'zh-CN': '生效日期', en: 'Effective' },
  toc: { 'zh-CN': '目录', en: 'Contents' },
  history: { 'zh-CN': '历史版本', en: 'Earlier versions' },
  current: { 'zh-CN': '（当前）', en: ' (current)' },
  unpublished: { 'zh-CN': '该版本尚未发布', en: 'This version is not published' },
  page: { 'zh-CN': '隐私政策', en: 'Privacy policy' },
  contactLink: { 'zh-CN': '前往「联系我们」留言', en: 'Write to us under Contact us' },
}


function Block({ block, content, lang }: { block: PolicyBlock; content: PolicyContent; lang: 'zh-CN' | 'en' }) {
  if (block.kind === 'paragraph') return <View className={block.emphasis ? 'policy__p policy__p--em' : 'policy__p'}>{localize(block.text, lang)}</View>
  if (block.kind === 'list') {
    return (
      <View className={block.emphasis ? 'policy__list policy__p--em' : 'policy__list'}>
        {block.items.map((item, i) => (
          <View key={i} className='policy__li'>
            · {localize(item, lang)}
          </View>
        ))}
      </View>
    )
  }
  const table = renderTable(content.manifest, block, lang)
  return (
    <View className='table'>
      <View className='table__caption'>{table.caption}</View>
      {table.rows.length === 0 && <View className='table__empty'>{table.empty}</View>}
      {table.rows.map((row) => (
        <View key={row.key} className='table__row'>
          {row.cells.map((cell, i) => (
            <View key={i} className={cell.emphasis ? 'table__cell table__cell--em' : 'table__cell'}>
              <Text className='table__col'>{table.labels[i]}</Text>
              {cell.text}
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}

/**
 * The full policy, rendered from its structured content: contents, sensitive items in bold, both
 * languages, its version and effective date, and every published version (`?version=` opens one).
 */
export default function PolicyPage() {
  const s = usePrivacySession()
  const lang = s.lang
  const router = useRouter()
  const published = s.catalogue?.versions ?? []
  const latestVersion = s.catalogue?.latest.version ?? POLICY_VERSIONS[POLICY_VERSIONS.length - 1]!.version
  const [version, setVersion] = useState(router.params.version ?? latestVersion)
  const [anchor, setAnchor] = useState('')
  const content = POLICY_VERSIONS.find((p) => p.version === version)
  const isPublished = published.length === 0 || published.some((p) => p.version === version)

  if (!content || !isPublished) {
    return (
      <View className='policy'>
        <PageHeader title={T.page} right={<LangSwitch />} />
        <View className='policy__body'>{localize(T.unpublished, lang)}</View>
      </View>
    )
  }
  return (
    <ScrollView className='policy' scrollY scrollIntoView={anchor} id='policy-page'>
      <PageHeader title={T.page} right={<LangSwitch />} />
      <View className='policy__body'>
        <View className='policy__title' id='policy-title'>
          {localize(content.title, lang)}
        </View>
        <View className='policy__meta' id='policy-meta'>
          {localize(T.version, lang)} {content.version} · {localize(T.effective, lang)} {content.effectiveDate}
        </View>
        <View className='policy__toc' id='policy-toc'>
          <View className='policy__h2'>{localize(T.toc, lang)}</View>
          {content.sections.map((sec, i) => (
            <Btn key={sec.id} kind='link' block className='policy__toc-item' id={`toc-${sec.id}`} onTap={() => setAnchor(`sec-${sec.id}`)}>
              {i + 1}. {localize(sec.title, lang)}
            </Btn>
          ))}
        </View>
        {content.sections.map((sec, i) => (
          <View key={sec.id} id={`sec-${sec.id}`} className='policy__section'>
            <View className='policy__h2'>
              {i + 1}. {localize(sec.title, lang)}
            </View>
            {sec.blocks.map((b, j) => (
              <Block key={j} block={b} content={content} lang={lang} />
            ))}
            {sec.id === 'contact' && (
              <Btn id='policy-contact-link' kind='link' onTap={() => void Taro.navigateTo({ url: CONTACT_PAGE })}>
                {localize(T.contactLink, lang)} ›
              </Btn>
            )}
          </View>
        ))}
        <View className='policy__section' id='policy-versions'>
          <View className='policy__h2'>{localize(T.history, lang)}</View>
          {(published.length ? published.map((p) => p.version) : POLICY_VERSIONS.map((p) => p.version)).map((v) => (
            <Btn key={v} id={`version-${v}`} kind='link' block pressed={v === version} className={v === version ? 'policy__version policy__version--on' : 'policy__version'} onTap={() => setVersion(v)}>
              {v}
              {v === latestVersion ? localize(T.current, lang) : ''}
            </Btn>
          ))}
        </View>
      </View>
    </ScrollView>
  )
}
