import { isDistrictCode, REGION_BY_CODE, regionLabel } from '../../content/regions'
import { FULLY_MASKED, maskId, stars } from '../common/mask'
import type { Lang } from '../policy/localized'
import { hasForbiddenChars, MAINLAND_MOBILE } from './personal-schemas'

/**
 * Masking for what the personal centre shows of a user's own data. Every function takes whatever
 * is stored, never throws, and never hands back its input unmasked: a value it cannot mask safely
 * shows as `FULLY_MASKED`.
 */

export { FULLY_MASKED, maskId }

/** `13812345678` → `138****5678`; anything that is not a mainland mobile number → `****`. */
export function maskMobile(mobile: string | null | undefined): string {
  if (typeof mobile !== 'string') return FULLY_MASKED
  const m = mobile.trim()
  return MAINLAND_MOBILE.test(m) ? `${m.slice(0, 3)}****${m.slice(-4)}` : FULLY_MASKED
}

/**
 * The first character, then one star per further character (code points, so an emoji is one):
 * `张三` → `张*`, `欧阳娜娜` → `欧***`, `Li Lei` → `L*****`. A one-character name is all stars; an
 * empty name or one with control characters → `****`.
 */
export function maskName(name: string | null | undefined): string {
  if (typeof name !== 'string') return FULLY_MASKED
  const chars = Array.from(name.trim())
  if (chars.length === 0 || hasForbiddenChars(name)) return FULLY_MASKED
  if (chars.length === 1) return stars(1)
  return `${chars[0]}${stars(chars.length - 1)}`
}

/** A contact as stored or entered; only `regionId` is read, the street line never is. */
export interface MaskableContact {
  readonly regionId?: unknown
  readonly addressLine?: unknown
}

/**
 * A contact address down to its district, the street line hidden: `上海市 浦东新区 ****`,
 * `浙江省 杭州市 西湖区 ****`, or in English `****, Pudong New Area, Shanghai`. A contact whose
 * region is not a known district → `****`.
 */
export function maskAddress(contact: MaskableContact | null | undefined, lang: Lang = 'zh-CN'): string {
  const regionId: unknown = typeof contact === 'object' && contact !== null ? contact.regionId : undefined
  const label = isDistrictCode(regionId) ? regionLabel(regionId, lang) : undefined
  if (label === undefined) return FULLY_MASKED
  return lang === 'en' ? `${FULLY_MASKED}, ${label}` : `${label} ${FULLY_MASKED}`
}

let districtsByLabel: Map<string, string> | undefined

/**
 * A masked address as the functions send it (`maskAddress` in Chinese) said in `lang`: its only words are
 * the district's Chinese label, found here by that label. Anything else, a full address included, is
 * returned as it is.
 */
export function maskedAddressIn(masked: string, lang: Lang): string {
  if (lang === 'zh-CN' || !masked.endsWith(` ${FULLY_MASKED}`)) return masked
  districtsByLabel ??= new Map([...REGION_BY_CODE.values()].filter((r) => r.level === 'district').map((r) => [maskAddress({ regionId: r.code }), r.code]))
  const code = districtsByLabel.get(masked)
  return code === undefined ? masked : maskAddress({ regionId: code }, lang)
}
