import { PRIVACY_MANIFEST } from '@/content/privacy-manifest'
import { type Lang, localize } from '@/domain/policy/localized'

/** `{name}` placeholders in a localized sentence, filled in. */
export const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))

/** A manifest category's name in words, never its id. */
export const categoryName = (id: string, lang: Lang) => localize(PRIVACY_MANIFEST.dataCategories.find((c) => c.id === id)?.name ?? { 'zh-CN': id, en: id }, lang)
