import { findRegion, isDistrictCode, REGION_BY_CODE, REGIONS, regionLabel } from '../../../src/content/regions'

describe('the region list', () => {
  it('uses six-digit GB/T 2260 codes, each under its parent', () => {
    for (const p of REGIONS) {
      expect(p.code).toMatch(/^\d{2}0000$/)
      for (const c of p.cities) {
        expect(c.code).toMatch(/^\d{4}00$/)
        expect(c.code.slice(0, 2)).toBe(p.code.slice(0, 2))
        expect(c.districts.length).toBeGreaterThan(0)
        for (const d of c.districts) {
          expect(d.code).toMatch(/^\d{6}$/)
          expect(d.code.slice(-2)).not.toBe('00')
          expect(d.code.slice(0, 4)).toBe(c.code.slice(0, 4))
        }
      }
    }
  })
  it('names every region in Chinese and English', () => {
    for (const entry of REGION_BY_CODE.values()) {
      expect(entry.name['zh-CN']).toMatch(/^[\u4e00-\u9fff]+$/)
      expect(entry.name.en).toMatch(/^[A-Za-z' ]+$/)
    }
  })
  it('holds the places the app needs, with their real codes', () => {
    const expected: Record<string, string> = {
      '310115': '浦东新区',
      '310104': '徐汇区',
      '310106': '静安区',
      '330106': '西湖区',
      '110105': '朝阳区',
      '110108': '海淀区',
      '440304': '福田区',
      '440305': '南山区',
    }
    for (const [code, name] of Object.entries(expected)) expect(findRegion(code)?.name['zh-CN']).toBe(name)
    expect(findRegion('330100')?.name['zh-CN']).toBe('杭州市')
    expect(findRegion('440300')?.name['zh-CN']).toBe('深圳市')
  })
})

describe('region lookup', () => {
  it('finds a district with its path from the province down', () => {
    const d = findRegion('330106')
    expect(d?.level).toBe('district')
    expect(d?.path.map((n) => n.code)).toEqual(['330000', '330100', '330106'])
    expect(findRegion('330000')?.level).toBe('province')
    expect(findRegion('330100')?.level).toBe('city')
  })
  it('finds nothing for unknown codes and non-strings', () => {
    for (const code of ['000000', '31011', '3101150', ' 310115', '', undefined, null, 310115, {}]) {
      expect(findRegion(code)).toBeUndefined()
      expect(isDistrictCode(code)).toBe(false)
    }
  })
  it('accepts only districts as a contact region', () => {
    expect(isDistrictCode('310115')).toBe(true)
    expect(isDistrictCode('310100')).toBe(false)
    expect(isDistrictCode('310000')).toBe(false)
  })
  it('labels a region, saying a municipality once', () => {
    expect(regionLabel('310115')).toBe('上海市 浦东新区')
    expect(regionLabel('110108')).toBe('北京市 海淀区')
    expect(regionLabel('330106')).toBe('浙江省 杭州市 西湖区')
    expect(regionLabel('330106', 'en')).toBe('Xihu District, Hangzhou, Zhejiang')
    expect(regionLabel('310106', 'en')).toBe("Jing'an District, Shanghai")
    expect(regionLabel('999999')).toBeUndefined()
  })
})
