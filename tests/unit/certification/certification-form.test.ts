import {
  CERT_TEXT_FIELDS,
  type CertFieldErrors,
  type CertTextField,
  LEGAL_NAME_MAX,
  maskIdNumber,
  maskUscc,
  STORE_ADDRESS_MAX,
  STORE_ADDRESS_MIN,
  STORE_NAME_MAX,
  validateCertification,
} from '../../../src/domain/certification/certification-form'
import { idCheckChar, usccCheckChar } from '../../../src/domain/certification/id-checks'
import { STORES } from '../../../src/content/stores'

/** Fictional applicant and store. */
const TODAY = '2026-03-15'
const ID = `31011519900307123${idCheckChar('31011519900307123')}`
const USCC = `91310115MA1K00001${usccCheckChar('91310115MA1K00001')}`
const GOOD = {
  legalName: '张示例',
  mobile: '13812345678',
  idNumber: ID,
  uscc: USCC,
  storeName: '示例便利店',
  storeAddress: '上海市浦东新区演示街 8 号',
} as const

const complete = (input: unknown) => validateCertification(input, { complete: true, today: TODAY })
const draft = (input: unknown) => validateCertification(input, { complete: false, today: TODAY })

/** The errors of a refused validation; fails the test when it was accepted. */
function errorsOf(result: ReturnType<typeof validateCertification>): CertFieldErrors {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`)
  return result.fieldErrors
}

const CODE: Record<CertTextField, string> = {
  legalName: 'CERT.NAME_INVALID',
  mobile: 'CERT.MOBILE_INVALID',
  idNumber: 'CERT.ID_NUMBER_INVALID',
  uscc: 'CERT.USCC_INVALID',
  storeName: 'CERT.STORE_INVALID',
  storeAddress: 'CERT.STORE_INVALID',
}

/** Both languages say something, and the Chinese message is Chinese. */
function expectBilingual(message: { 'zh-CN': string; en: string } | undefined): void {
  expect(message).toBeDefined()
  expect(message!['zh-CN'].trim()).not.toBe('')
  expect(message!.en.trim()).not.toBe('')
  expect(message!['zh-CN']).toMatch(/\p{Script=Han}/u)
  expect(message!.en).toMatch(/[A-Za-z]/)
  expect(message!['zh-CN']).not.toBe(message!.en)
}

describe('a complete submission', () => {
  it('accepts every field valid and returns them', () => {
    expect(complete(GOOD)).toEqual({ ok: true, value: { ...GOOD } })
  })

  it('accepts a catalogue storeId', () => {
    const storeId = STORES[0]!.id
    expect(complete({ ...GOOD, storeId })).toEqual({ ok: true, value: { ...GOOD, storeId } })
  })

  it.each(CERT_TEXT_FIELDS)('refuses a missing %s with its code and a "required" message', (field) => {
    const input: Record<string, unknown> = { ...GOOD }
    delete input[field]
    const errors = errorsOf(complete(input))
    expect(Object.keys(errors)).toEqual([field])
    expect(errors[field]!.code).toBe(CODE[field])
    expectBilingual(errors[field]!.message)
  })

  it.each(CERT_TEXT_FIELDS)('refuses a blank %s (spaces only)', (field) => {
    const errors = errorsOf(complete({ ...GOOD, [field]: '   ' }))
    expect(Object.keys(errors)).toEqual([field])
    expect(errors[field]!.code).toBe(CODE[field])
  })

  it('refuses an empty form with one error per text field', () => {
    const errors = errorsOf(complete({}))
    expect(Object.keys(errors).sort()).toEqual([...CERT_TEXT_FIELDS].sort())
    for (const field of CERT_TEXT_FIELDS) {
      expect(errors[field]!.code).toBe(CODE[field])
      expectBilingual(errors[field]!.message)
    }
  })
})

describe('a draft', () => {
  it('accepts an empty form', () => {
    expect(draft({})).toEqual({ ok: true, value: {} })
  })

  it.each(CERT_TEXT_FIELDS)('accepts %s alone', (field) => {
    expect(draft({ [field]: GOOD[field] })).toEqual({ ok: true, value: { [field]: GOOD[field] } })
  })

  it('drops empty and blank fields instead of storing them', () => {
    expect(draft({ legalName: '', mobile: '   ', idNumber: ID })).toEqual({ ok: true, value: { idNumber: ID } })
  })

  it.each(CERT_TEXT_FIELDS)('still refuses a present, wrong %s', (field) => {
    const bad: Record<CertTextField, string> = {
      legalName: '12345',
      mobile: '12345',
      idNumber: `${ID.slice(0, 17)}${ID[17] === '0' ? '1' : '0'}`,
      uscc: `${USCC.slice(0, 17)}${USCC[17] === '0' ? '1' : '0'}`,
      storeName: '示例\n便利店',
      storeAddress: '上海',
    }
    const errors = errorsOf(draft({ [field]: bad[field] }))
    expect(Object.keys(errors)).toEqual([field])
    expect(errors[field]!.code).toBe(CODE[field])
    expectBilingual(errors[field]!.message)
  })
})

describe('each field', () => {
  /** [field, value, accepted?] */
  it.each<[CertTextField, string, boolean]>([
    ['legalName', '李', true],
    ['legalName', 'A'.repeat(LEGAL_NAME_MAX), true],
    ['legalName', 'A'.repeat(LEGAL_NAME_MAX + 1), false],
    ['legalName', '𠀀'.repeat(LEGAL_NAME_MAX), true], // astral characters count once each
    ['legalName', '12345', false],
    ['legalName', '１２３', false], // full-width digits are still only digits
    ['legalName', '张\n三', false],
    ['legalName', '张\u202E三', false],
    ['legalName', 'Zhang San 2', true],
    ['mobile', '13812345678', true],
    ['mobile', '19912345678', true],
    ['mobile', '12812345678', false],
    ['mobile', '1381234567', false],
    ['mobile', '138123456789', false],
    ['mobile', '+8613812345678', false],
    ['mobile', '138-1234-5678', false],
    ['idNumber', '11010519491231002X', true],
    ['idNumber', '110105491231002', false],
    ['idNumber', `${ID.slice(0, 10)}1301${ID.slice(14)}`, false],
    ['uscc', USCC, true],
    ['uscc', USCC.slice(0, 17), false],
    ['uscc', `${USCC.slice(0, 10)}O${USCC.slice(11)}`, false],
    ['storeName', '店', true],
    ['storeName', '店'.repeat(STORE_NAME_MAX), true],
    ['storeName', '店'.repeat(STORE_NAME_MAX + 1), false],
    ['storeName', '示例\t便利店', false],
    ['storeAddress', '路'.repeat(STORE_ADDRESS_MIN), true],
    ['storeAddress', '路'.repeat(STORE_ADDRESS_MIN - 1), false],
    ['storeAddress', '路'.repeat(STORE_ADDRESS_MAX), true],
    ['storeAddress', '路'.repeat(STORE_ADDRESS_MAX + 1), false],
    ['storeAddress', '上海市\r\n示例路 1 号', false],
  ])('%s = %p → accepted: %p', (field, value, accepted) => {
    const result = complete({ ...GOOD, [field]: value })
    if (accepted) {
      expect(result.ok).toBe(true)
    } else {
      const errors = errorsOf(result)
      expect(Object.keys(errors)).toEqual([field])
      expect(errors[field]!.code).toBe(CODE[field])
      expectBilingual(errors[field]!.message)
    }
  })

  it('tells the ID number problems apart in its messages', () => {
    const format = errorsOf(draft({ idNumber: '110105491231002' })).idNumber!.message.en
    const date = errorsOf(draft({ idNumber: `11010519491331002${idCheckChar('11010519491331002')}` })).idNumber!.message.en
    const check = errorsOf(draft({ idNumber: '110105194912310020' })).idNumber!.message.en
    expect(new Set([format, date, check]).size).toBe(3)
  })

  it('passes today through to the birth-date check', () => {
    const bornTomorrow = `11010520260316123${idCheckChar('11010520260316123')}`
    expect(errorsOf(validateCertification({ idNumber: bornTomorrow }, { complete: false, today: TODAY })).idNumber!.code).toBe('CERT.ID_NUMBER_INVALID')
    expect(validateCertification({ idNumber: bornTomorrow }, { complete: false, today: '2026-03-16' }).ok).toBe(true)
  })
})

describe('trimming and normalising', () => {
  it('trims every text field', () => {
    const padded = Object.fromEntries(Object.entries(GOOD).map(([k, v]) => [k, `  ${v}\t `]))
    expect(complete(padded)).toEqual({ ok: true, value: { ...GOOD } })
  })

  it('upper-cases a trailing x of the ID number', () => {
    expect(draft({ idNumber: ' 11010519491231002x ' })).toEqual({ ok: true, value: { idNumber: '11010519491231002X' } })
  })

  it('upper-cases the credit code', () => {
    expect(draft({ uscc: USCC.toLowerCase() })).toEqual({ ok: true, value: { uscc: USCC } })
  })

  it('keeps inner spaces of a name and an address', () => {
    const result = draft({ legalName: ' Zhang  San ', storeAddress: ' 上海市 示例路 1 号 ' })
    expect(result).toEqual({ ok: true, value: { legalName: 'Zhang  San', storeAddress: '上海市 示例路 1 号' } })
  })
})

describe('type confusion', () => {
  const JUNK: unknown[] = [42, 0, true, false, null, [], ['13812345678'], {}, { value: '13812345678' }, () => 'x', Symbol('x'), 10n]

  it.each(CERT_TEXT_FIELDS)('refuses every non-string %s without throwing, even in a draft', (field) => {
    for (const junk of JUNK) {
      let result: ReturnType<typeof validateCertification> | undefined
      expect(() => {
        result = draft({ ...GOOD, [field]: junk })
      }).not.toThrow()
      const errors = errorsOf(result!)
      expect(Object.keys(errors)).toEqual([field])
      expect(errors[field]!.code).toBe(CODE[field])
      expectBilingual(errors[field]!.message)
    }
  })

  it('refuses a number that looks like a valid mobile', () => {
    expect(errorsOf(complete({ ...GOOD, mobile: 13812345678 })).mobile!.code).toBe('CERT.MOBILE_INVALID')
  })

  // Each case wrapped in a one-element row: it.each spreads a bare array into arguments.
  it.each<[unknown]>([[undefined], [null], [42], ['form'], [[]], [[GOOD]], [() => GOOD]])('treats a whole input of %p as an empty form', (input) => {
    expect(() => complete(input)).not.toThrow()
    expect(Object.keys(errorsOf(complete(input))).sort()).toEqual([...CERT_TEXT_FIELDS].sort())
    expect(draft(input)).toEqual({ ok: true, value: {} })
  })

  it('ignores fields it does not know', () => {
    expect(complete({ ...GOOD, isAdmin: true, status: 'approved' })).toEqual({ ok: true, value: { ...GOOD } })
  })
})

describe('storeId', () => {
  it.each(STORES.map((s) => s.id))('accepts the catalogue id %s', (storeId) => {
    expect(draft({ storeId })).toEqual({ ok: true, value: { storeId } })
  })

  it.each(['sh-nowhere', 'SH-JINGAN', ' sh-jingan', '__proto__', 'toString'])('refuses %p, which is not a catalogue id', (storeId) => {
    const errors = errorsOf(draft({ storeId }))
    expect(Object.keys(errors)).toEqual(['storeId'])
    expect(errors.storeId!.code).toBe('CERT.STORE_INVALID')
    expectBilingual(errors.storeId!.message)
  })

  it.each<[unknown]>([[42], [null], [true], [[STORES[0]!.id]], [{ id: STORES[0]!.id }]])('refuses a non-string storeId %p without throwing', (storeId) => {
    expect(errorsOf(draft({ storeId })).storeId!.code).toBe('CERT.STORE_INVALID')
  })

  it('treats an empty storeId as none picked', () => {
    expect(draft({ storeId: '' })).toEqual({ ok: true, value: {} })
    expect(complete({ ...GOOD, storeId: '' })).toEqual({ ok: true, value: { ...GOOD } })
  })

  it('reports a bad storeId beside other field errors', () => {
    const errors = errorsOf(complete({ ...GOOD, mobile: '123', storeId: 'sh-nowhere' }))
    expect(Object.keys(errors).sort()).toEqual(['mobile', 'storeId'])
  })
})

describe('maskIdNumber', () => {
  it('shows the region and the last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X')
    expect(maskIdNumber(ID)).toBe(`310***********${ID.slice(-4)}`)
  })

  it('keeps the length of the number', () => {
    expect(maskIdNumber(ID)).toHaveLength(18)
  })

  it('hides the birth date', () => {
    expect(maskIdNumber('11010519491231002X')).not.toContain('1949')
    expect(maskIdNumber('11010519491231002X')).not.toContain('1231')
  })

  it.each<[unknown]>([[undefined], [''], ['110105491231002'], ['11010519491231002'], ['11010519491231002X1'], [42], [null], [{}], [[]], [{ length: 18 }]])('gives **** for %p', (bad) => {
    expect(maskIdNumber(bad as string | undefined)).toBe('****')
  })
})

describe('maskUscc', () => {
  it('shows the first four and the last four', () => {
    expect(maskUscc(USCC)).toBe(`${USCC.slice(0, 4)}**********${USCC.slice(-4)}`)
    expect(maskUscc('91310115MA1K000016')).toBe('9131**********0016')
  })

  it('keeps the length of the code', () => {
    expect(maskUscc(USCC)).toHaveLength(18)
  })

  it.each<[unknown]>([[undefined], [''], [USCC.slice(0, 17)], [`${USCC}0`], [42], [null], [{}], [[]], [{ length: 18 }]])('gives **** for %p', (bad) => {
    expect(maskUscc(bad as string | undefined)).toBe('****')
  })
})
