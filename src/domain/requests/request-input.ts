import { DomainError, type ErrorCode } from '../common/errors'
import { codePointLength, hasForbiddenChars, type BilingualText, type FieldError } from '../personal/personal-schemas'

/**
 * What a user writes into a rights request: a message to us (隐私中心 → 联系我们) and the note on a
 * deletion request. Shared by the `personal` function (the authority) and the pages (to show the same
 * error next to the field before sending). Lengths count Unicode code points, as people count.
 */

/** What a user may send from 联系我们; each kind is its own request type. */
export const CONTACT_KINDS = ['question', 'complaint'] as const
export type ContactKind = (typeof CONTACT_KINDS)[number]

export const MESSAGE_MIN = 5
export const MESSAGE_MAX = 500
/** The optional note on a deletion request, like other one-line text fields. */
export const DELETION_DETAIL_MAX = 200

export type TextValidation = { ok: true; value: string } | { ok: false; error: FieldError }

const fail = (code: ErrorCode, zh: string, en: string): TextValidation => ({ ok: false, error: { code, message: { 'zh-CN': zh, en } } })

const MESSAGE_WORDS: Record<'required' | 'short' | 'long' | 'control', BilingualText> = {
  required: { 'zh-CN': '请写下你的问题或投诉内容', en: 'Write your question or complaint' },
  short: { 'zh-CN': `内容至少 ${MESSAGE_MIN} 个字`, en: `Write at least ${MESSAGE_MIN} characters` },
  long: { 'zh-CN': `内容最多 ${MESSAGE_MAX} 个字`, en: `Write at most ${MESSAGE_MAX} characters` },
  control: { 'zh-CN': '内容不能包含控制字符', en: 'The message cannot contain control characters' },
}

/**
 * A message as entered → trimmed, 5–500 characters. Line breaks (`\n`) are allowed, since it is
 * written in a multi-line box; every other control, bidi-control or separator character is refused.
 * Never throws; anything but a string is "required".
 */
export function validateMessage(input: unknown): TextValidation {
  const code: ErrorCode = 'REQUEST.MESSAGE_INVALID'
  const w = MESSAGE_WORDS
  if (typeof input !== 'string') return fail(code, w.required['zh-CN'], w.required.en)
  const value = input.trim()
  if (value.length === 0) return fail(code, w.required['zh-CN'], w.required.en)
  if (hasForbiddenChars(value.replace(/\n/g, ''))) return fail(code, w.control['zh-CN'], w.control.en)
  const n = codePointLength(value)
  if (n < MESSAGE_MIN) return fail(code, w.short['zh-CN'], w.short.en)
  if (n > MESSAGE_MAX) return fail(code, w.long['zh-CN'], w.long.en)
  return { ok: true, value }
}

/**
 * The note on a deletion request → trimmed, at most 200 characters on one line; blank or absent
 * means no note (`value: ''`). Never throws.
 */
export function validateDeletionDetail(input: unknown): TextValidation {
  const code: ErrorCode = 'REQUEST.DETAIL_INVALID'
  if (input === undefined) return { ok: true, value: '' }
  if (typeof input !== 'string') return fail(code, '补充说明的格式无效', 'The note is not valid')
  const value = input.trim()
  if (hasForbiddenChars(value)) return fail(code, '补充说明不能包含换行或控制字符', 'The note cannot contain line breaks or control characters')
  if (codePointLength(value) > DELETION_DETAIL_MAX) return fail(code, `补充说明最多 ${DELETION_DETAIL_MAX} 个字`, `The note can be at most ${DELETION_DETAIL_MAX} characters`)
  return { ok: true, value }
}

/** For the cloud function: a refused text as a coded `DomainError` with its Chinese words. */
export function textError(result: TextValidation & { ok: false }): DomainError {
  return new DomainError(result.error.code, result.error.message['zh-CN'])
}
