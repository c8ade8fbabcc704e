import type { Lang } from '../domain/policy/localized'

/**
 * The regions a contact address can be in: a small fixed list, province → city → district. Codes are
 * the GB/T 2260 administrative division codes (the ones WeChat's region picker returns), so they stay
 * stable when a name is translated or reworded. For the municipalities the city level is GB/T 2260's
 * "市辖区" (110100, 310100), named after the city itself as the region picker shows it.
 */
export interface RegionName {
  'zh-CN': string
  en: string
}

export type RegionLevel = 'province' | 'city' | 'district'

export interface District {
  code: string
  name: RegionName
}

export interface City {
  code: string
  name: RegionName
  districts: readonly District[]
}

export interface Province {
  code: string
  name: RegionName
  cities: readonly City[]
}

export const REGIONS: readonly Province[] = [
  {
    code: '110000',
    name: { 'zh-CN': '北京市', en: 'Beijing' },
    cities: [
      {
        code: '110100',
        name: { 'zh-CN': '北京市', en: 'Beijing' },
        districts: [
          { code: '110101', name: { 'zh-CN': '东城区', en: 'Dongcheng District' } },
          { code: '110105', name: { 'zh-CN': '朝阳区', en: 'Chaoyang District' } },
          { code: '110108', name: { 'zh-CN': '海淀区', en: 'Haidian District' } },
        ],
      },
    ],
  },
  {
    code: '310000',
    name: { 'zh-CN': '上海市', en: 'Shanghai' },
    cities: [
      {
        code: '310100',
        name: { 'zh-CN': '上海市', en: 'Shanghai' },
        districts: [
          { code: '310104', name: { 'zh-CN': '徐汇区', en: 'Xuhui District' } },
          { code: '310105', name: { 'zh-CN': '长宁区', en: 'Changning District' } },
          { code: '310106', name: { 'zh-CN': '静安区', en: "Jing'an District" } },
          { code: '310115', name: { 'zh-CN': '浦东新区', en: 'Pudong New Area' } },
        ],
      },
    ],
  },
  {
    code: '330000',
    name: { 'zh-CN': '浙江省', en: 'Zhejiang' },
    cities: [
      {
        code: '330100',
        name: { 'zh-CN': '杭州市', en: 'Hangzhou' },
        districts: [
          { code: '330105', name: { 'zh-CN': '拱墅区', en: 'Gongshu District' } },
          { code: '330106', name: { 'zh-CN': '西湖区', en: 'Xihu District' } },
          { code: '330108', name: { 'zh-CN': '滨江区', en: 'Binjiang District' } },
        ],
      },
    ],
  },
  {
    code: '440000',
    name: { 'zh-CN': '广东省', en: 'Guangdong' },
    cities: [
      {
        code: '440300',
        name: { 'zh-CN': '深圳市', en: 'Shenzhen' },
        districts: [
          { code: '440304', name: { 'zh-CN': '福田区', en: 'Futian District' } },
          { code: '440305', name: { 'zh-CN': '南山区', en: 'Nanshan District' } },
        ],
      },
    ],
  },
]

/** One region found by code, with the regions above it (province first, the region itself last). */
export interface RegionEntry {
  code: string
  level: RegionLevel
  name: RegionName
  /** Province → … → this region; a district's path has three entries. */
  path: readonly { code: string; level: RegionLevel; name: RegionName }[]
}

function buildIndex(): ReadonlyMap<string, RegionEntry> {
  const index = new Map<string, RegionEntry>()
  const add = (entry: RegionEntry) => {
    if (index.has(entry.code)) throw new Error(`duplicate region code ${entry.code}`)
    index.set(entry.code, entry)
  }
  for (const p of REGIONS) {
    const pNode = { code: p.code, level: 'province' as const, name: p.name }
    add({ ...pNode, path: [pNode] })
    for (const c of p.cities) {
      const cNode = { code: c.code, level: 'city' as const, name: c.name }
      add({ ...cNode, path: [pNode, cNode] })
      for (const d of c.districts) {
        const dNode = { code: d.code, level: 'district' as const, name: d.name }
        add({ ...dNode, path: [pNode, cNode, dNode] })
      }
    }
  }
  return index
}

/** Every region of `REGIONS` by its code. */
export const REGION_BY_CODE: ReadonlyMap<string, RegionEntry> = buildIndex()

/** The region with this code, or undefined for anything else (never throws). */
export function findRegion(code: unknown): RegionEntry | undefined {
  return typeof code === 'string' ? REGION_BY_CODE.get(code) : undefined
}

/** Whether `code` names a district of the list: the only level a contact address may point at. */
export function isDistrictCode(code: unknown): code is string {
  return findRegion(code)?.level === 'district'
}

/**
 * A region's name down to itself, e.g. 「上海市 浦东新区」, 「浙江省 杭州市 西湖区」 or, in English,
 * "Pudong New Area, Shanghai". A city named like its province (the municipalities) is said once.
 * Undefined for an unknown code.
 */
export function regionLabel(code: unknown, lang: Lang = 'zh-CN'): string | undefined {
  const entry = findRegion(code)
  if (!entry) return undefined
  const names: string[] = []
  for (const node of entry.path) {
    const name = node.name[lang]
    if (names[names.length - 1] !== name) names.push(name)
  }
  return lang === 'en' ? names.reverse().join(', ') : names.join(' ')
}
