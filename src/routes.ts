import Taro from '@tarojs/taro'
import type { LocalizedText } from '@/domain/policy/localized'

/** Page URLs; the privacy pages live in a sub-package so the main package stays small. */
export const HOME_PAGE = '/pages/index/index'
/** A tab page: open it with `Taro.switchTab`, never `navigateTo`. */
export const ME_PAGE = '/pages/me/index'
export const POLICY_PAGE = '/packages/privacy/pages/policy/index'
export const PERMISSIONS_PAGE = '/packages/privacy/pages/permissions/index'
export const ALBUM_PAGE = '/packages/privacy/pages/album/index'
export const PERSONAL_INFO_PAGE = '/packages/personal/pages/info/index'
export const LISTS_PAGE = '/packages/personal/pages/lists/index'
/** 隐私中心 → 联系我们: questions and complaints, with the answers. */
export const CONTACT_PAGE = '/packages/personal/pages/contact/index'
export const STORE_PAGE = '/packages/shop/pages/store/index'
export const CANCEL_PAGE = '/packages/account/pages/cancel/index'
export const CERTIFICATE_PAGE = '/packages/account/pages/certificate/index'
/** Store certification: the separate consent first, then the application. */
export const CERT_CONSENT_PAGE = '/packages/merchant/pages/consent/index'
export const CERT_APPLY_PAGE = '/packages/merchant/pages/apply/index'

/** The tab bar's words, in the order of `tabBar.list` in app.config.ts (which holds the Chinese). */
export const TAB_LABELS: readonly LocalizedText[] = [
  { 'zh-CN': '首页', en: 'Home' },
  { 'zh-CN': '我的', en: 'Me' },
]

/**
 * Opens a tab page from a link inside a page. WeChat requires `switchTab`, which replaces the history
 * entry; in the h5 build that would make the browser's Back leave the app, so there the link pushes an
 * entry (Taro's h5 router still treats the page as a tab) and Back returns to where the user was.
 */
export function openTab(url: string): Promise<unknown> {
  return process.env.TARO_ENV === 'h5' ? Taro.navigateTo({ url }) : Taro.switchTab({ url })
}
