import { idCheckChar, idNumberProblem, normalizeIdNumber, usccCheckChar, usccProblem } from '../../../src/domain/certification/id-checks'
import { validateCertification } from '../../../src/domain/certification/certification-form'

/** All numbers and codes below are fictional, apart from the example printed in GB 11643 itself. */
const TODAY = '2026-03-15'
const ID_CHARS = '0123456789X'
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/** A full ID number: the 17 digits and the check character GB 11643 gives them. */
const id = (first17: string) => `${first17}${idCheckChar(first17)}`
/** A full credit code: the 17 characters and the check character GB 32100 gives them. */
const uscc = (first17: string) => `${first17}${usccCheckChar(first17)}`

describe('GB 11643 check character', () => {
  // Expected values computed by hand (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 → 1 0 X 9 8 7 6 5 4 3 2),
  // not by the function under test.
  it.each([
    ['11010519491231002', 'X'],
    ['31011519900307123', '9'],
    ['44030420000229456', '8'],
    ['33010619851111007', '3'],
    ['52010219990101888', '3'],
    ['11010119000101001', '4'],
    ['98765419871028456', '5'],
    ['23456720121231789', '0'],
  ])('gives %s the check character %s', (first17, check) => {
    expect(idCheckChar(first17)).toBe(check)
  })
})

describe('resident ID numbers', () => {
  it('accepts the example published in GB 11643', () => {
    expect(idNumberProblem('11010519491231002X', TODAY)).toBeUndefined()
  })

  it.each(['31011519900307123', '33010619851111007', '52010219990101888', '11010119000101001', '44030420000229456', '98765419871028456', '23456720121231789'])(
    'accepts %s with its computed check character',
    (first17) => {
      expect(idNumberProblem(id(first17), TODAY)).toBeUndefined()
    },
  )

  describe('normalizeIdNumber', () => {
    it.each([
      ['11010519491231002x', '11010519491231002X'],
      ['  11010519491231002x ', '11010519491231002X'],
      ['11010519491231002X', '11010519491231002X'],
      ['310115199003071239', '310115199003071239'],
    ])('turns %p into %p', (raw, normal) => {
      expect(normalizeIdNumber(raw)).toBe(normal)
    })
    it('makes a lowercase x acceptable, which is refused as typed', () => {
      expect(idNumberProblem('11010519491231002x', TODAY)).toBe('format')
      expect(idNumberProblem(normalizeIdNumber('11010519491231002x'), TODAY)).toBeUndefined()
    })
  })

  describe('every wrong check character is refused', () => {
    const first17 = '31011519900307123'
    const right = idCheckChar(first17)
    const wrong = [...ID_CHARS].filter((c) => c !== right)
    it('leaves ten wrong characters to try', () => {
      expect(wrong).toHaveLength(10)
    })
    it.each(wrong)('refuses check character %s', (c) => {
      expect(idNumberProblem(`${first17}${c}`, TODAY)).toBe('check_digit')
    })
    it.each([...ID_CHARS].filter((c) => c !== 'X'))('refuses the published example with %s in place of X', (c) => {
      expect(idNumberProblem(`11010519491231002${c}`, TODAY)).toBe('check_digit')
    })
  })

  describe('birth dates', () => {
    it.each([
      ['Feb 29 in a leap year (2000)', '440304', '20000229', undefined],
      ['Feb 29 in a leap year (2024)', '440304', '20240229', undefined],
      ['Feb 29 in a non-leap year (2023)', '440304', '20230229', 'birth_date'],
      ['Feb 29 in 1900 (divisible by 100, not a leap year)', '440304', '19000229', 'birth_date'],
      ['Feb 30', '440304', '20000230', 'birth_date'],
      ['Apr 31', '440304', '19990431', 'birth_date'],
      ['month 13', '110105', '19901301', 'birth_date'],
      ['month 00', '110105', '19900001', 'birth_date'],
      ['day 00', '110105', '19900100', 'birth_date'],
      ['day 32', '110105', '19900132', 'birth_date'],
      ['year 1899', '110105', '18991231', 'birth_date'],
      ['year 1900, the first allowed', '110105', '19000101', undefined],
      ['the day after today', '110105', '20260316', 'birth_date'],
      ['next year', '110105', '20270101', 'birth_date'],
      ['exactly today', '110105', '20260315', undefined],
      ['the day before today', '110105', '20260314', undefined],
    ])('%s', (_label, region, birth, problem) => {
      // A correct check character, so only the date can be at fault.
      expect(idNumberProblem(id(`${region}${birth}123`), TODAY)).toBe(problem)
    })

    it('judges a date against the today it is given, not the clock', () => {
      const born = id('11010520300101123')
      expect(idNumberProblem(born, TODAY)).toBe('birth_date')
      expect(idNumberProblem(born, '2030-01-01')).toBeUndefined()
    })

    it('reports the date before the check character', () => {
      const first17 = '11010519901301123'
      const wrong = [...ID_CHARS].find((c) => c !== idCheckChar(first17))!
      expect(idNumberProblem(`${first17}${wrong}`, TODAY)).toBe('birth_date')
    })
  })

  describe('shape', () => {
    it.each([
      ['15 digits (a pre-1999 card)', '110105491231002'],
      ['17 digits', '11010519491231002'],
      ['19 characters', '11010519491231002X1'],
      ['leading 0', id('01010519491231002')],
      ['a letter inside', '1101051949A231002X'],
      ['X not at the end', '1101051949123100X2'],
      ['a lowercase x', '11010519491231002x'],
      ['a space inside', '110105 9491231002X'],
      ['surrounding spaces (not normalised)', ' 11010519491231002X '],
      ['full-width digits', '１１０１０５１９４９１２３１００２Ｘ'],
      ['the empty string', ''],
      ['hyphens', '110105-19491231-002X'],
    ])('refuses %s', (_label, value) => {
      expect(idNumberProblem(value, TODAY)).toBe('format')
    })
  })
})

describe('GB 32100 check character', () => {
  // Expected values computed by hand (weights 3^i mod 31 over the 31-character alphabet), not by the function under test.
  it.each([
    ['91310115MA1K00001', '6'],
    ['91330106MA2AB1234', 'G'],
    ['12100000400000000', 'W'],
    ['52110000TE5T00001', 'Q'],
    ['Y9876543ABCDEFGHJ', '6'],
    ['A2345678KLMNPQRTU', 'Q'],
    ['NY999999WXY987654', '8'],
    ['93440300MA5DEF78E', '0'], // a weighted sum that is already a multiple of 31
  ])('gives %s the check character %s', (first17, check) => {
    expect(usccCheckChar(first17)).toBe(check)
  })
})

describe('unified social credit codes', () => {
  const valid = ['91310115MA1K00001', '91330106MA2AB1234', '12100000400000000', '52110000TE5T00001', '93440300MA5DEF780', 'Y1110000XWT000123', 'Y9876543ABCDEFGHJ', 'A2345678KLMNPQRTU', 'NY999999WXY987654', '93440300MA5DEF78E']

  it.each(valid)('accepts %s with its computed check character', (first17) => {
    expect(usccProblem(uscc(first17))).toBeUndefined()
  })

  describe('every wrong check character is refused', () => {
    const first17 = '91310115MA1K00001'
    const right = usccCheckChar(first17)
    const wrong = [...USCC_CHARS].filter((c) => c !== right)
    it('leaves thirty wrong characters to try', () => {
      expect(wrong).toHaveLength(30)
    })
    it.each(wrong)('refuses check character %s', (c) => {
      expect(usccProblem(`${first17}${c}`)).toBe('check_digit')
    })
  })

  describe('forbidden letters', () => {
    const base = uscc('91310115MA1K00001')
    it.each(['I', 'O', 'Z', 'S', 'V'])('refuses %s in the entity part', (letter) => {
      expect(usccProblem(`${base.slice(0, 10)}${letter}${base.slice(11)}`)).toBe('format')
    })
    it.each(['I', 'O', 'Z', 'S', 'V'])('refuses %s as the check character', (letter) => {
      expect(usccProblem(`${base.slice(0, 17)}${letter}`)).toBe('format')
    })
    it.each(['I', 'O', 'Z', 'S', 'V'])('refuses %s as the registration authority', (letter) => {
      expect(usccProblem(`${letter}${base.slice(1)}`)).toBe('format')
    })
  })

  describe('shape', () => {
    const good = uscc('91310115MA1K00001')
    it.each([
      ['17 characters', good.slice(0, 17)],
      ['19 characters', `${good}1`],
      ['a 0 registration authority', uscc('01310115MA1K00001')],
      ['a letter in the division code', uscc('9131A115MA1K00001')],
      ['a space inside', `${good.slice(0, 8)} ${good.slice(9)}`],
      ['the empty string', ''],
      ['punctuation', `${good.slice(0, 17)}-`],
    ])('refuses %s', (_label, value) => {
      expect(usccProblem(value)).toBe('format')
    })
  })

  describe('lowercase', () => {
    const upper = uscc('91330106MA2AB1234')
    const lower = upper.toLowerCase()
    it('is refused by usccProblem as typed', () => {
      expect(lower).not.toBe(upper)
      expect(usccProblem(lower)).toBe('format')
    })
    it('is accepted by the form, which upper-cases it', () => {
      const result = validateCertification({ uscc: lower }, { complete: false, today: TODAY })
      expect(result).toEqual({ ok: true, value: { uscc: upper } })
    })
  })
})
