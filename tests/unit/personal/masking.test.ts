import { REGION_BY_CODE } from '../../../src/content/regions'
import { FULLY_MASKED, maskAddress, maskedAddressIn, maskId, maskMobile, maskName } from '../../../src/domain/personal/masking'

/** Values that are not what the function expects, as they might come out of a bad row. */
const JUNK: unknown[] = [undefined, null, '', '   ', 42, {}, [], true, Symbol('x'), () => 'x']

describe('mobile numbers', () => {
  it('keeps the first three and last four digits', () => {
    expect(maskMobile('13812345678')).toBe('138****5678')
    expect(maskMobile('19912345678')).toBe('199****5678')
    expect(maskMobile(' 13812345678 ')).toBe('138****5678')
  })
  it.each(['12345678901', '+8613812345678', '1381234567', '138123456789', '138-1234-5678', '１３８１２３４５６７８', 'abc'])(
    'masks %p entirely, leaking none of it',
    (bad) => {
      const shown = maskMobile(bad)
      expect(shown).toBe(FULLY_MASKED)
      expect(shown).not.toMatch(/[^*]/)
    },
  )
  it('never throws on junk', () => {
    for (const v of JUNK) expect(maskMobile(v as string)).toBe(FULLY_MASKED)
  })
})

describe('names', () => {
  it('shows the first character and one star per further character', () => {
    expect(maskName('张三')).toBe('张*')
    expect(maskName('欧阳娜娜')).toBe('欧***')
    expect(maskName('Li Lei')).toBe('L*****')
    expect(maskName('  王小明 ')).toBe('王**')
  })
  it('counts code points, so an astral character is neither split nor counted twice', () => {
    expect(maskName('𠮷野家')).toBe('𠮷**')
    expect(maskName('阿😀')).toBe('阿*')
    expect(maskName('😀阿')).toBe('😀*')
  })
  it('masks a one-character name entirely', () => {
    expect(maskName('张')).toBe('*')
    expect(maskName('😀')).toBe('*')
  })
  it('masks junk and names with control characters entirely', () => {
    for (const v of JUNK) expect(maskName(v as string)).toBe(FULLY_MASKED)
    for (const bad of ['张\n三', '张\u0000三', 'Li\u202ELei']) {
      expect(maskName(bad)).toBe(FULLY_MASKED)
    }
  })
  it('never returns the rest of the name', () => {
    for (const n of ['张三', '欧阳娜娜', 'Li Lei', 'Zhang Wei Long Name']) {
      const shown = maskName(n)
      expect(shown).not.toBe(n)
      expect(shown.slice(1)).toMatch(/^\*+$/)
    }
  })
})

describe('addresses', () => {
  const contact = { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '世纪大道 100 号 8 楼' }
  it('shows the region down to the district and hides the street line', () => {
    expect(maskAddress(contact)).toBe('上海市 浦东新区 ****')
    expect(maskAddress({ regionId: '330106' })).toBe('浙江省 杭州市 西湖区 ****')
    expect(maskAddress({ regionId: '440305' })).toBe('广东省 深圳市 南山区 ****')
    expect(maskAddress(contact, 'en')).toBe('****, Pudong New Area, Shanghai')
    expect(maskAddress(contact)).not.toContain('世纪大道')
  })
  it('says a masked address the functions sent in the reader’s language, and leaves anything else alone', () => {
    for (const region of REGION_BY_CODE.values()) {
      if (region.level !== 'district') continue
      const sent = maskAddress({ regionId: region.code })
      expect(maskedAddressIn(sent, 'en')).toBe(maskAddress({ regionId: region.code }, 'en'))
      expect(maskedAddressIn(sent, 'zh-CN')).toBe(sent)
    }
    expect(maskedAddressIn('上海市 浦东新区 ****', 'en')).toBe('****, Pudong New Area, Shanghai')
    for (const other of [FULLY_MASKED, '上海市 浦东新区 世纪大道 100 号', '火星 ****', '']) expect(maskedAddressIn(other, 'en')).toBe(other)
  })
  it('does not let the street line length through', () => {
    expect(maskAddress({ ...contact, addressLine: 'x'.repeat(100) })).toBe(maskAddress(contact))
  })
  it('masks an unknown or too coarse region entirely', () => {
    for (const regionId of ['999999', '310000', '310100', '', 310115, null, '310115 ', '<script>']) {
      expect(maskAddress({ ...contact, regionId })).toBe(FULLY_MASKED)
    }
    for (const v of JUNK) expect(maskAddress(v as never)).toBe(FULLY_MASKED)
  })
})

describe('identifiers', () => {
  it('re-exports the common maskId unchanged', () => {
    expect(maskId('o_test_user_2')).toBe('o_*********_2')
    expect(maskId('abcd')).toBe('****')
  })
})
