import type { LocalizedText } from '../policy/localized'

/**
 * Server times are UTC ISO strings; people read them in China's time. China keeps UTC+8 all year
 * (no daylight saving since 1991), so a fixed shift is exact for Asia/Shanghai and needs no Intl
 * time-zone data, which older WeChat clients lack.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

export const SHANGHAI_ZONE: LocalizedText = { 'zh-CN': '北京时间', en: 'China time (UTC+8)' }

/** `2026-11-30T10:46:25.123Z` → `2026-11-30 18:46` (or `18:46:25` with seconds). Invalid input → `''`. */
export function formatShanghai(iso: string, opts: { seconds?: boolean } = {}): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  const local = new Date(ms + SHANGHAI_OFFSET_MS).toISOString()
  return `${local.slice(0, 10)} ${local.slice(11, opts.seconds ? 19 : 16)}`
}
