/** Page URLs for navigateTo; the privacy pages live in a sub-package so the main package stays small. */
export const HOME_PAGE = '/pages/index/index'
export const ME_PAGE = '/pages/me/index'
export const POLICY_PAGE = '/packages/privacy/pages/policy/index'
export const PERMISSIONS_PAGE = '/packages/privacy/pages/permissions/index'
export const ALBUM_PAGE = '/packages/privacy/pages/album/index'
