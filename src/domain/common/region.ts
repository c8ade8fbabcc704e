/**
 * Mainland-China CloudBase regions. PIPL Arts. 38–40 (cross-border transfer) are avoided by
 * never running outside these; rule 10 of DESIGN.md.
 */
export const MAINLAND_REGIONS = ['ap-shanghai', 'ap-guangzhou', 'ap-beijing', 'ap-nanjing', 'ap-chengdu', 'ap-chongqing'] as const

export function isMainlandRegion(region: string | undefined): boolean {
  return region !== undefined && (MAINLAND_REGIONS as readonly string[]).includes(region)
}
