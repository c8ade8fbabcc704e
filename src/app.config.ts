import type { AppConfig } from '@tarojs/taro'
import APP_PRIVACY from './content/app-privacy.json'

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/me/index'],
  // Not needed at launch: loaded when first opened, keeping the main package small.
  subPackages: [
    { root: 'packages/privacy', pages: ['pages/policy/index', 'pages/permissions/index', 'pages/album/index'] },
    { root: 'packages/personal', pages: ['pages/info/index', 'pages/lists/index', 'pages/contact/index'] },
    { root: 'packages/shop', pages: ['pages/store/index'] },
    { root: 'packages/account', pages: ['pages/cancel/index', 'pages/certificate/index'] },
    { root: 'packages/merchant', pages: ['pages/consent/index', 'pages/apply/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: '隐私中心',
    navigationBarTextStyle: 'black',
  },
  // Derived from the privacy manifest (scripts/derive-app-privacy.ts; a test keeps the two equal), so the dialog
  // texts and the declared APIs never drift from the policy, without bundling the manifest into the main package.
  // 首页 / 我的, as users of WeChat shops expect; the words follow TAB_LABELS (English is set at run time).
  tabBar: {
    color: '#646a73',
    selectedColor: '#05803f',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-on.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-on.png' },
    ],
  },
  permission: APP_PRIVACY.permission,
  requiredPrivateInfos: APP_PRIVACY.requiredPrivateInfos as AppConfig['requiredPrivateInfos'],
  lazyCodeLoading: 'requiredComponents',
  // h5 only. Taro's animated page switch hides the previous page on a 350 ms timer that a quick "back"
  // does not cancel, leaving the home page hidden for good; without the animation both steps are immediate.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
})
