import { z } from 'zod/mini'
import { lazySchema } from '../common/lazy-schema'
import { isDistrictCode } from '../../content/regions'
import { DomainError, type ErrorCode } from '../common/errors'
import type { Lang } from '../policy/localized'
import { type BilingualText, codePointLength, type FieldError, hasForbiddenChars, MAINLAND_MOBILE } from '../common/text-rules'

export { type BilingualText, codePointLength, type FieldError, hasForbiddenChars, MAINLAND_MOBILE }

/**
 * What a user may enter about themselves in the personal centre: a nickname and up to
 * `MAX_CONTACTS` contact addresses. Shared by the cloud function (the authority) and the UI (to show
 * the same field errors before sending). Lengths count Unicode code points, so an emoji is one
 * character, as people count it, whatever its UTF-16 length.
 */

export const MAX_CONTACTS = 10
export const NICKNAME_MAX = 20
export const CONTACT_NAME_MAX = 20
export const ADDRESS_LINE_MIN = 5
export const ADDRESS_LINE_MAX = 100

const DIGITS_ONLY = /^[\p{Nd}\s]+$/u


/** Why a field was refused; each field maps the reasons it can fail for to words. */
type Reason = 'required' | 'control' | 'too_short' | 'too_long' | 'digits_only' | 'format' | 'unknown' | 'type'

const rule = (fn: (s: string) => boolean, reason: Reason) => z.refine<string>(fn, { error: reason, abort: true })
const required = rule((s) => s.length > 0, 'required')
const noForbiddenChars = rule((s) => !hasForbiddenChars(s), 'control')
const atMost = (max: number) => rule((s) => codePointLength(s) <= max, 'too_long')
const atLeast = (min: number) => rule((s) => codePointLength(s) >= min, 'too_short')

/** A nickname: trimmed, 1–20 characters, on one line. */
export const nicknameSchema = lazySchema(() => z.string().check(z.trim(), required, noForbiddenChars, atMost(NICKNAME_MAX)))

/** A mainland mobile number (surrounding spaces are dropped; nothing else is rewritten). */
export const mobileSchema = lazySchema(() => z.string().check(z.trim(), z.regex(MAINLAND_MOBILE, { error: 'format', abort: true })))

/** A contact's name: trimmed, 1–20 characters, on one line, not just digits. */
export const contactNameSchema = lazySchema(() => z.string().check(
  z.trim(),
  required,
  noForbiddenChars,
  atMost(CONTACT_NAME_MAX),
  rule((s) => !DIGITS_ONLY.test(s), 'digits_only'),
))

/** A district code of `src/content/regions.ts` (a province or city is not precise enough). */
export const regionIdSchema = lazySchema(() => z.string().check(rule((s) => isDistrictCode(s), 'unknown')))

/** The street line below the district: trimmed, 5–100 characters, on one line. */
export const addressLineSchema = lazySchema(() => z.string().check(
  z.trim(),
  required,
  noForbiddenChars,
  atLeast(ADDRESS_LINE_MIN),
  atMost(ADDRESS_LINE_MAX),
))

/** One contact address as entered; unknown keys are dropped. */
export const contactInputSchema = lazySchema(() => z.object({
  name: contactNameSchema,
  mobile: mobileSchema,
  regionId: regionIdSchema,
  addressLine: addressLineSchema,
  isDefault: z.optional(z.boolean()),
}))
export type ContactInput = z.infer<typeof contactInputSchema>
export type ContactField = keyof ContactInput

export type ContactFieldErrors = Partial<Record<ContactField, FieldError>>
export type ContactValidation = { ok: true; value: ContactInput } | { ok: false; fieldErrors: ContactFieldErrors }
export type NicknameValidation = { ok: true; value: string } | { ok: false; fieldErrors: { nickname: FieldError } }

interface FieldWords {
  code: ErrorCode
  /** Said when the value is missing, of the wrong type, or for a reason without words of its own. */
  fallback: BilingualText
  reasons: Partial<Record<Reason, BilingualText>>
}

const CONTROL_WORDS = (zh: string, en: string): BilingualText => ({
  'zh-CN': `${zh}不能包含换行或控制字符`,
  en: `${en} cannot contain line breaks or control characters`,
})

const NICKNAME_WORDS: FieldWords = {
  code: 'PERSONAL.NICKNAME_INVALID',
  fallback: { 'zh-CN': '请输入昵称', en: 'Enter a nickname' },
  reasons: {
    control: CONTROL_WORDS('昵称', 'A nickname'),
    too_long: { 'zh-CN': `昵称最多 ${NICKNAME_MAX} 个字符`, en: `A nickname can be at most ${NICKNAME_MAX} characters` },
  },
}

const CONTACT_WORDS: Record<ContactField, FieldWords> = {
  name: {
    code: 'PERSONAL.NAME_INVALID',
    fallback: { 'zh-CN': '请输入联系人姓名', en: "Enter the contact's name" },
    reasons: {
      control: CONTROL_WORDS('姓名', 'A name'),
      too_long: { 'zh-CN': `姓名最多 ${CONTACT_NAME_MAX} 个字符`, en: `A name can be at most ${CONTACT_NAME_MAX} characters` },
      digits_only: { 'zh-CN': '姓名不能只包含数字', en: 'A name cannot be only digits' },
    },
  },
  mobile: {
    code: 'PERSONAL.MOBILE_INVALID',
    fallback: { 'zh-CN': '请输入 11 位中国大陆手机号码', en: 'Enter an 11-digit mainland China mobile number' },
    reasons: {},
  },
  regionId: {
    code: 'PERSONAL.REGION_UNKNOWN',
    fallback: { 'zh-CN': '请从列表中选择省、市、区', en: 'Choose a province, city and district from the list' },
    reasons: {},
  },
  addressLine: {
    code: 'PERSONAL.ADDRESS_INVALID',
    fallback: { 'zh-CN': '请输入详细地址', en: 'Enter the street address' },
    reasons: {
      control: CONTROL_WORDS('详细地址', 'The street address'),
      too_short: {
        'zh-CN': `详细地址至少 ${ADDRESS_LINE_MIN} 个字符`,
        en: `The street address needs at least ${ADDRESS_LINE_MIN} characters`,
      },
      too_long: {
        'zh-CN': `详细地址最多 ${ADDRESS_LINE_MAX} 个字符`,
        en: `The street address can be at most ${ADDRESS_LINE_MAX} characters`,
      },
    },
  },
  isDefault: {
    code: 'COMMON.INVALID_INPUT',
    fallback: { 'zh-CN': '“设为默认地址”的取值无效', en: 'The "default address" setting is not valid' },
    reasons: {},
  },
}

type FieldResult<T> = { ok: true; value: T } | { ok: false; error: FieldError }

/** Runs one field's schema; the first refusal becomes that field's error. */
function checkField<T>(schema: z.ZodMiniType<T>, value: unknown, words: FieldWords): FieldResult<T> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return { ok: true, value: parsed.data }
  const issue = parsed.error.issues[0]
  const reason = issue?.code === 'custom' || issue?.code === 'invalid_format' ? (issue.message as Reason) : 'type'
  return { ok: false, error: { code: words.code, message: words.reasons[reason] ?? words.fallback } }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A nickname as entered → the trimmed nickname, or the error to show next to the field. */
export function validateNickname(input: unknown): NicknameValidation {
  const result = checkField(nicknameSchema, input, NICKNAME_WORDS)
  return result.ok ? result : { ok: false, fieldErrors: { nickname: result.error } }
}

/**
 * A contact as entered → the clean contact (trimmed, unknown keys dropped), or one error per refused
 * field, each with a stable code and words in both languages. Never throws: anything that is not an
 * object is treated as an empty form.
 */
export function validateContact(input: unknown): ContactValidation {
  const source = isRecord(input) ? input : {}
  const name = checkField(contactNameSchema, source.name, CONTACT_WORDS.name)
  const mobile = checkField(mobileSchema, source.mobile, CONTACT_WORDS.mobile)
  const regionId = checkField(regionIdSchema, source.regionId, CONTACT_WORDS.regionId)
  const addressLine = checkField(addressLineSchema, source.addressLine, CONTACT_WORDS.addressLine)
  const isDefault = checkField(contactInputSchema.shape.isDefault, source.isDefault, CONTACT_WORDS.isDefault)
  if (name.ok && mobile.ok && regionId.ok && addressLine.ok && isDefault.ok) {
    const value: ContactInput = { name: name.value, mobile: mobile.value, regionId: regionId.value, addressLine: addressLine.value }
    if (isDefault.value !== undefined) value.isDefault = isDefault.value
    return { ok: true, value }
  }
  const fieldErrors: ContactFieldErrors = {}
  if (!name.ok) fieldErrors.name = name.error
  if (!mobile.ok) fieldErrors.mobile = mobile.error
  if (!regionId.ok) fieldErrors.regionId = regionId.error
  if (!addressLine.ok) fieldErrors.addressLine = addressLine.error
  if (!isDefault.ok) fieldErrors.isDefault = isDefault.error
  return { ok: false, fieldErrors }
}

/**
 * For the cloud function: the first field error as a `DomainError` (its code, its words in `lang`),
 * so the handler replies `{ ok: false, code, message }` like for any other expected failure.
 */
export function fieldErrorsToDomainError(fieldErrors: Partial<Record<string, FieldError>>, lang: Lang = 'zh-CN'): DomainError {
  const first = Object.values(fieldErrors).find((e): e is FieldError => e !== undefined)
  return first ? new DomainError(first.code, first.message[lang]) : new DomainError('COMMON.INVALID_INPUT', 'invalid input')
}
