import type { LocalizedText } from './localized-schema'

export type { LocalizedText } from './localized-schema'

/** Languages a policy is published in; Simplified Chinese is mandatory (认定方法 §1(4)). */
export const LANGS = ['zh-CN', 'en'] as const
export type Lang = (typeof LANGS)[number]

/** The text in `lang`, falling back to Simplified Chinese, which every text carries. */
export function localize(text: LocalizedText, lang: Lang): string {
  return (lang === 'en' ? text.en : undefined) ?? text['zh-CN']
}
