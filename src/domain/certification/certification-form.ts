import { STORES } from '../../content/stores'
import type { ErrorCode } from '../common/errors'
import { type BilingualText, codePointLength, type FieldError, hasForbiddenChars, MAINLAND_MOBILE } from '../common/text-rules'
import { CERT_TEXT_FIELDS, type CertTextField, type PhotoSlot } from './fields'
import { idNumberProblem, normalizeIdNumber, usccProblem } from './id-checks'

/**
 * What a merchant enters to certify a store. Shared by the form (errors next to each field before
 * sending) and the `certification` function (the authority). A draft may leave fields empty; a
 * submission needs every field valid. Never throws.
 */

export { CERT_TEXT_FIELDS, type CertTextField, PHOTO_SLOTS, type PhotoSlot } from './fields'
/** Photos of the ID card get a visible watermark before they leave the phone. */
export const WATERMARKED_SLOTS: readonly PhotoSlot[] = ['idFront', 'idBack']

export const LEGAL_NAME_MAX = 30
export const STORE_NAME_MAX = 40
export const STORE_ADDRESS_MIN = 5
export const STORE_ADDRESS_MAX = 100

/** The text fields as entered; `storeId` names a catalogue store when the merchant picked one. */
export interface CertificationFields {
  legalName?: string
  mobile?: string
  idNumber?: string
  uscc?: string
  storeName?: string
  storeAddress?: string
  storeId?: string
}
export type CertFieldErrors = Partial<Record<CertTextField | 'storeId', FieldError>>
export type CertValidation = { ok: true; value: CertificationFields } | { ok: false; fieldErrors: CertFieldErrors }

const words = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en })

type Check = (s: string, today: string) => BilingualText | undefined

interface FieldRule {
  code: ErrorCode
  required: BilingualText
  /** Turns what was typed into what is stored (trim, upper-case). */
  normalize: (s: string) => string
  check: Check
}

const oneLine = (max: number, label: BilingualText, min = 1): Check => (s) => {
  if (hasForbiddenChars(s)) return words(`${label['zh-CN']}不能包含换行或控制字符`, `${label.en} cannot contain line breaks or control characters`)
  if (codePointLength(s) < min) return words(`${label['zh-CN']}至少 ${min} 个字符`, `${label.en} needs at least ${min} characters`)
  if (codePointLength(s) > max) return words(`${label['zh-CN']}最多 ${max} 个字符`, `${label.en} can be at most ${max} characters`)
  return undefined
}

const trim = (s: string) => s.trim()
const upper = (s: string) => s.trim().toUpperCase()

const RULES: Record<CertTextField, FieldRule> = {
  legalName: {
    code: 'CERT.NAME_INVALID',
    required: words('请输入法定代表人姓名', "Enter the legal representative's name"),
    normalize: trim,
    check: (s, today) => (/^[\p{Nd}\s]+$/u.test(s) ? words('姓名不能只包含数字', 'A name cannot be only digits') : oneLine(LEGAL_NAME_MAX, words('姓名', 'A name'))(s, today)),
  },
  mobile: {
    code: 'CERT.MOBILE_INVALID',
    required: words('请输入手机号码', 'Enter a mobile number'),
    normalize: trim,
    check: (s) => (MAINLAND_MOBILE.test(s) ? undefined : words('请输入 11 位中国大陆手机号码', 'Enter an 11-digit mainland China mobile number')),
  },
  idNumber: {
    code: 'CERT.ID_NUMBER_INVALID',
    required: words('请输入身份证号码', 'Enter the ID card number'),
    normalize: normalizeIdNumber,
    check: (s, today) => {
      switch (idNumberProblem(s, today)) {
        case 'format':
          return words('身份证号码应为 18 位：17 位数字加 1 位数字或 X', 'An ID number has 18 characters: 17 digits and a digit or X')
        case 'birth_date':
          return words('身份证号码中的出生日期无效', 'The birth date inside the ID number is not a valid date')
        case 'check_digit':
          return words('身份证号码校验位不正确，请核对', 'The check digit of the ID number is wrong; please check it')
        default:
          return undefined
      }
    },
  },
  uscc: {
    code: 'CERT.USCC_INVALID',
    required: words('请输入统一社会信用代码', 'Enter the unified social credit code'),
    normalize: upper,
    check: (s) => {
      switch (usccProblem(s)) {
        case 'format':
          return words('统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）', 'The code has 18 digits or capitals (no I, O, Z, S or V)')
        case 'check_digit':
          return words('统一社会信用代码校验位不正确，请核对', 'The check character of the code is wrong; please check it')
        default:
          return undefined
      }
    },
  },
  storeName: {
    code: 'CERT.STORE_INVALID',
    required: words('请输入门店名称', 'Enter the store name'),
    normalize: trim,
    check: oneLine(STORE_NAME_MAX, words('门店名称', 'A store name')),
  },
  storeAddress: {
    code: 'CERT.STORE_INVALID',
    required: words('请输入门店地址', 'Enter the store address'),
    normalize: trim,
    check: oneLine(STORE_ADDRESS_MAX, words('门店地址', 'A store address'), STORE_ADDRESS_MIN),
  },
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The form as entered → clean fields, or one error per refused field. `complete: false` (a draft)
 * lets fields be empty but still refuses a value that is present and wrong, so a draft never holds
 * something a submission would refuse. `today` is the Shanghai date, for the ID's birth date.
 */
export function validateCertification(input: unknown, opts: { complete: boolean; today: string }): CertValidation {
  const source = isRecord(input) ? input : {}
  const value: CertificationFields = {}
  const fieldErrors: CertFieldErrors = {}
  for (const field of CERT_TEXT_FIELDS) {
    const rule = RULES[field]
    const raw = source[field]
    if (raw !== undefined && typeof raw !== 'string') {
      fieldErrors[field] = { code: rule.code, message: rule.required }
      continue
    }
    const s = rule.normalize(raw ?? '')
    if (s === '') {
      if (opts.complete) fieldErrors[field] = { code: rule.code, message: rule.required }
      continue
    }
    const problem = rule.check(s, opts.today)
    if (problem) fieldErrors[field] = { code: rule.code, message: problem }
    else value[field] = s
  }
  const storeId = source.storeId
  if (storeId !== undefined && storeId !== '') {
    if (typeof storeId === 'string' && STORES.some((s) => s.id === storeId)) value.storeId = storeId
    else fieldErrors.storeId = { code: 'CERT.STORE_INVALID', message: words('请从门店目录中选择门店', 'Choose a store from the catalogue') }
  }
  return Object.keys(fieldErrors).length === 0 ? { ok: true, value } : { ok: false, fieldErrors }
}

/** `11010519491231002X` → `110***********002X`: the region and the last four, as the ID card's own masking rule shows it. */
export function maskIdNumber(id: string | undefined): string {
  if (typeof id !== 'string' || id.length !== 18) return '****'
  return `${id.slice(0, 3)}${'*'.repeat(11)}${id.slice(-4)}`
}

/** The credit code is printed on the licence and public, but shown shortened all the same: `9131**********01XL`. */
export function maskUscc(code: string | undefined): string {
  if (typeof code !== 'string' || code.length !== 18) return '****'
  return `${code.slice(0, 4)}${'*'.repeat(10)}${code.slice(-4)}`
}

/** Limits of one photo as the function accepts it (the device compresses to this). */
export const PHOTO_MAX_BYTES = 500 * 1024
export const PHOTO_EDGE_PX = 1600
export const PHOTO_BASE64_MAX = Math.ceil(PHOTO_MAX_BYTES / 3) * 4
