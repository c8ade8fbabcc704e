import type { Lang } from './localized'

/**
 * Punctuation that differs between the languages: Chinese text takes full-width marks (「」，：、),
 * English text ASCII ones only, so an English screen never shows a stray "：" or "，".
 */

/** A name set off in running text: 「个性化门店推荐」 or "Personalised store recommendations". */
export function quoted(name: string, lang: Lang): string {
  return lang === 'en' ? `"${name}"` : `「${name}」`
}

/** A label before its value: "目的：" or "Purpose: ". */
export function labelled(label: string, lang: Lang): string {
  return lang === 'en' ? `${label}: ` : `${label}：`
}

/** "a、b和c" or "a, b and c". */
export function joinAnd(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('')
  const head = items.slice(0, -1).join(lang === 'en' ? ', ' : '、')
  return `${head}${lang === 'en' ? ' and ' : '和'}${items[items.length - 1]}`
}

/** "a（b）" or "a (b)". */
export function parenthesised(text: string, inner: string, lang: Lang): string {
  return lang === 'en' ? `${text} (${inner})` : `${text}（${inner}）`
}

/** A text without its closing full stop, to be continued in a longer sentence. */
export function clause(text: string): string {
  return text.trim().replace(/[。．.！!？?；;，,]+$/u, '')
}

/** Words we never lower-case mid-sentence although only their first letter is a capital. */
const PROPER = new Set(['Tencent', 'Example', 'Shanghai', 'China', 'Me', 'Nearby'])

/**
 * An English phrase continued mid-sentence: "Order details" → "order details", "To find …" → "to find …".
 * Leaves words such as "WeChat", "ID" or "OpenID" (more capitals than the first) and known proper nouns alone.
 */
export function midSentence(text: string): string {
  const first = /^[A-Z][a-z’']*/.exec(text)?.[0]
  if (!first || PROPER.has(first) || /^[A-Z][a-z’']*[A-Z]/.test(text.split(/\s/)[0] ?? '')) return text
  return text[0]!.toLowerCase() + text.slice(1)
}
