import { DomainError, ERROR_CODES } from '../../../src/domain/common/errors'
import {
  codePointLength,
  contactInputSchema,
  fieldErrorsToDomainError,
  MAX_CONTACTS,
  mobileSchema,
  nicknameSchema,
  validateContact,
  validateNickname,
} from '../../../src/domain/personal/personal-schemas'

const EMOJI = '😀' // one code point, two UTF-16 units
const VALID = { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '世纪大道 100 号' }

function errorsOf(input: unknown) {
  const r = validateContact(input)
  if (r.ok) throw new Error(`expected a refusal for ${JSON.stringify(input)}`)
  return r.fieldErrors
}

describe('nickname', () => {
  it('trims and accepts 1–20 code points', () => {
    expect(validateNickname('  小明  ')).toEqual({ ok: true, value: '小明' })
    expect(validateNickname('a')).toEqual({ ok: true, value: 'a' })
    expect(validateNickname('Li Lei')).toEqual({ ok: true, value: 'Li Lei' })
  })
  it('counts an emoji as one character: 19 and 20 pass, 21 does not', () => {
    const n19 = EMOJI.repeat(19)
    const n20 = EMOJI.repeat(20)
    const n21 = EMOJI.repeat(21)
    expect(n20.length).toBe(40)
    expect(codePointLength(n20)).toBe(20)
    expect(validateNickname(n19).ok).toBe(true)
    expect(validateNickname(n20)).toEqual({ ok: true, value: n20 })
    const r = validateNickname(n21)
    expect(r).toMatchObject({ ok: false, fieldErrors: { nickname: { code: 'PERSONAL.NICKNAME_INVALID' } } })
    if (!r.ok) expect(r.fieldErrors.nickname.message['zh-CN']).toBe('昵称最多 20 个字符')
    expect(validateNickname(`  ${n20}  `).ok).toBe(true)
    expect(validateNickname('a'.repeat(19) + EMOJI).ok).toBe(true)
    expect(validateNickname('a'.repeat(20) + EMOJI).ok).toBe(false)
  })
  it('refuses empty, blank and non-string nicknames', () => {
    for (const bad of ['', '   ', '\n\t', undefined, null, 12, {}]) {
      const r = validateNickname(bad)
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.fieldErrors.nickname.code).toBe('PERSONAL.NICKNAME_INVALID')
        expect(r.fieldErrors.nickname.message).toEqual({ 'zh-CN': '请输入昵称', en: 'Enter a nickname' })
      }
    }
  })
  it('refuses line breaks and control characters inside', () => {
    for (const bad of ['小\n明', '小\r明', 'a\u2028b', 'a\u0000b', 'a\u007fb', 'a\u0085b', 'a\tb', 'a\u202Eb', 'a\uD800b']) {
      const r = validateNickname(bad)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.fieldErrors.nickname.message['zh-CN']).toBe('昵称不能包含换行或控制字符')
    }
  })
  it('keeps emoji sequences joined by zero-width joiners', () => {
    expect(validateNickname('👨‍👩‍👧 家').ok).toBe(true)
  })
  it('is the same rule as the exported schema', () => {
    expect(nicknameSchema.safeParse(' x ').data).toBe('x')
    expect(nicknameSchema.safeParse('').success).toBe(false)
  })
})

describe('mobile', () => {
  it.each([
    ['13812345678', true],
    ['19912345678', true],
    ['12345678901', false],
    ['+8613812345678', false],
    ['8613812345678', false],
    ['1381234567', false],
    ['138123456789', false],
    ['138 1234 5678', false],
    ['１３８１２３４５６７８', false],
    ['', false],
  ])('%p → %p', (mobile, ok) => {
    expect(mobileSchema.safeParse(mobile).success).toBe(ok)
    const r = validateContact({ ...VALID, mobile })
    expect(r.ok).toBe(ok)
    if (!r.ok) {
      expect(Object.keys(r.fieldErrors)).toEqual(['mobile'])
      expect(r.fieldErrors.mobile).toEqual({
        code: 'PERSONAL.MOBILE_INVALID',
        message: { 'zh-CN': '请输入 11 位中国大陆手机号码', en: 'Enter an 11-digit mainland China mobile number' },
      })
    }
  })
  it('drops surrounding spaces', () => {
    expect(mobileSchema.safeParse(' 13812345678 ').data).toBe('13812345678')
  })
})

describe('contact name', () => {
  it('trims and accepts 1–20 code points', () => {
    expect(validateContact({ ...VALID, name: '  欧阳娜娜 ' })).toMatchObject({ ok: true, value: { name: '欧阳娜娜' } })
    expect(validateContact({ ...VALID, name: '李' }).ok).toBe(true)
    expect(validateContact({ ...VALID, name: 'Li Lei' }).ok).toBe(true)
    expect(validateContact({ ...VALID, name: EMOJI.repeat(19) }).ok).toBe(true)
    expect(validateContact({ ...VALID, name: EMOJI.repeat(20) }).ok).toBe(true)
  })
  it('refuses 21 code points', () => {
    expect(errorsOf({ ...VALID, name: EMOJI.repeat(21) }).name).toEqual({
      code: 'PERSONAL.NAME_INVALID',
      message: { 'zh-CN': '姓名最多 20 个字符', en: 'A name can be at most 20 characters' },
    })
  })
  it('refuses empty names, digits-only names and control characters', () => {
    expect(errorsOf({ ...VALID, name: '  ' }).name?.message['zh-CN']).toBe('请输入联系人姓名')
    expect(errorsOf({ ...VALID, name: '13812345678' }).name?.message['zh-CN']).toBe('姓名不能只包含数字')
    expect(errorsOf({ ...VALID, name: '123 456' }).name?.message['zh-CN']).toBe('姓名不能只包含数字')
    expect(errorsOf({ ...VALID, name: '张\n三' }).name?.message['zh-CN']).toBe('姓名不能包含换行或控制字符')
    expect(validateContact({ ...VALID, name: '张三3' }).ok).toBe(true)
  })
})

describe('region', () => {
  it('accepts a district of the list', () => {
    for (const regionId of ['310115', '310104', '310106', '330106', '110105', '440305']) {
      expect(validateContact({ ...VALID, regionId }).ok).toBe(true)
    }
  })
  it('refuses provinces, cities, unknown codes and non-strings', () => {
    for (const regionId of ['310000', '310100', '330100', '999999', '', ' 310115', 310115, undefined]) {
      expect(errorsOf({ ...VALID, regionId }).regionId).toEqual({
        code: 'PERSONAL.REGION_UNKNOWN',
        message: { 'zh-CN': '请从列表中选择省、市、区', en: 'Choose a province, city and district from the list' },
      })
    }
  })
})

describe('address line', () => {
  it('needs 5 code points after trimming: 4 is too short', () => {
    expect(validateContact({ ...VALID, addressLine: '人民路1' }).ok).toBe(false)
    expect(errorsOf({ ...VALID, addressLine: '  人民路1  ' }).addressLine).toEqual({
      code: 'PERSONAL.ADDRESS_INVALID',
      message: { 'zh-CN': '详细地址至少 5 个字符', en: 'The street address needs at least 5 characters' },
    })
    expect(validateContact({ ...VALID, addressLine: '  人民路1号  ' })).toMatchObject({ ok: true, value: { addressLine: '人民路1号' } })
    expect(validateContact({ ...VALID, addressLine: `${EMOJI.repeat(4)}` }).ok).toBe(false)
    expect(validateContact({ ...VALID, addressLine: `${EMOJI.repeat(5)}` }).ok).toBe(true)
  })
  it('allows at most 100 code points', () => {
    expect(validateContact({ ...VALID, addressLine: EMOJI.repeat(100) }).ok).toBe(true)
    expect(errorsOf({ ...VALID, addressLine: EMOJI.repeat(101) }).addressLine?.message['zh-CN']).toBe('详细地址最多 100 个字符')
  })
  it('refuses empty lines and line breaks', () => {
    expect(errorsOf({ ...VALID, addressLine: '' }).addressLine?.message['zh-CN']).toBe('请输入详细地址')
    expect(errorsOf({ ...VALID, addressLine: '世纪大道\n100 号' }).addressLine?.message['zh-CN']).toBe('详细地址不能包含换行或控制字符')
  })
})

describe('whole contact', () => {
  it('returns the clean value, keeping isDefault and dropping unknown keys', () => {
    expect(validateContact({ ...VALID, isDefault: true, openid: 'o_someone_else' })).toEqual({ ok: true, value: { ...VALID, isDefault: true } })
    const r = validateContact(VALID)
    expect(r).toEqual({ ok: true, value: VALID })
    if (r.ok) expect('isDefault' in r.value).toBe(false)
    expect(contactInputSchema.safeParse(VALID).success).toBe(true)
  })
  it('refuses a non-boolean isDefault', () => {
    expect(errorsOf({ ...VALID, isDefault: 'yes' }).isDefault?.code).toBe('COMMON.INVALID_INPUT')
  })
  it('reports every refused field at once, one error each', () => {
    const errors = errorsOf({ name: '', mobile: '123', regionId: '000000', addressLine: 'abc' })
    expect(Object.keys(errors).sort()).toEqual(['addressLine', 'mobile', 'name', 'regionId'])
    expect(errors.name?.code).toBe('PERSONAL.NAME_INVALID')
    expect(errors.addressLine?.code).toBe('PERSONAL.ADDRESS_INVALID')
  })
  it('treats anything that is not an object as an empty form, without throwing', () => {
    for (const input of [undefined, null, 'x', 42, [VALID]]) {
      expect(Object.keys(errorsOf(input)).sort()).toEqual(['addressLine', 'mobile', 'name', 'regionId'])
    }
  })
  it('gives every message in both languages, with declared codes', () => {
    const errors = errorsOf({ name: '1', mobile: '1', regionId: '1', addressLine: '1', isDefault: 1 })
    for (const e of Object.values(errors)) {
      expect(ERROR_CODES).toContain(e.code)
      expect(e.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
      expect(e.message.en).toMatch(/^[A-Z]/)
    }
  })
  it('caps the number of contacts at ten', () => {
    expect(MAX_CONTACTS).toBe(10)
  })
})

describe('field errors for the cloud function', () => {
  it('turn into a DomainError with the first field’s code and words', () => {
    const errors = errorsOf({ ...VALID, mobile: '1' })
    const e = fieldErrorsToDomainError(errors)
    expect(e).toBeInstanceOf(DomainError)
    expect(e.code).toBe('PERSONAL.MOBILE_INVALID')
    expect(e.message).toBe('请输入 11 位中国大陆手机号码')
    expect(fieldErrorsToDomainError(errors, 'en').message).toBe('Enter an 11-digit mainland China mobile number')
    expect(fieldErrorsToDomainError({}).code).toBe('COMMON.INVALID_INPUT')
  })
})
