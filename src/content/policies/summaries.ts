import type { LocalizedText } from '../../domain/policy/localized'

/**
 * Each version's key points, apart from its full text: the consent sheet in the main package shows
 * them, while the sections load with the policy page's sub-package. The policy files use these same
 * values, so the published content (and its hash) is unchanged.
 */
export const SUMMARY_2026_1: LocalizedText[] = [
  {
    'zh-CN': '登录只需要你的微信 OpenID；浏览商品和门店、阅读本政策不需要任何个人信息。',
    en: 'Signing in needs only your WeChat OpenID; browsing products and stores and reading this policy need no personal information at all.',
  },
  {
    'zh-CN': '位置、相册等权限只在你使用相关功能时询问，并先说明用途；拒绝不影响其他功能。',
    en: 'We ask for location, album and similar permissions only when you use a function that needs them, and say why first; refusing does not affect anything else.',
  },
  {
    'zh-CN': '商家认证涉及身份证号码和身份证照片等敏感个人信息，会单独征得你的同意，加密保存并脱敏显示。',
    en: 'Merchant certification involves sensitive information such as the ID number and ID card photos; we ask for it separately, store it encrypted and show it masked.',
  },
  {
    'zh-CN': '信息存储在中国境内。你可以在「我的 → 隐私中心」查阅、更正、复制、撤回同意和注销账号，人工处理在 15 个工作日内完成。',
    en: 'Data is stored in mainland China. Under Me → Privacy centre you can view, correct, copy, withdraw consent and cancel your account; manual steps finish within 15 working days.',
  },
]

export const SUMMARY_2026_2: LocalizedText[] = [
  ...SUMMARY_2026_1,
  {
    'zh-CN': '新增“个性化门店推荐”：仅在你同意后根据订单记录推荐门店，默认关闭，可随时关闭。',
    en: 'New: personalised store recommendations based on your orders, only with your consent; off by default and can be turned off at any time.',
  },
]

/** 2026.3 restates the key points where the audit of issue 12 changed them (refusals, deletion, the position). */
export const SUMMARY_2026_3: LocalizedText[] = [
  {
    'zh-CN': '登录只需要你的微信 OpenID；浏览商品和门店、阅读本政策不需要你提供任何个人信息。选择「暂不同意」时，我们只以假名记录这次拒绝，从未同意过的，30 天后删除。',
    en: 'Signing in needs only your WeChat OpenID; browsing products and stores and reading this policy need nothing from you. If you choose "Not now", we record only that refusal, under a pseudonym, and delete it after 30 days if you have never agreed.',
  },
  {
    'zh-CN': '位置、相册等权限只在你使用相关功能时询问，并先说明用途；拒绝不影响其他功能。位置只用于本次查询，不保存在我们的服务器上。',
    en: 'We ask for location, album and similar permissions only when you use a function that needs them, and say why first; refusing does not affect anything else. Your position is used for the current search only and is not stored on our servers.',
  },
  SUMMARY_2026_1[2],
  {
    'zh-CN': '信息存储在中国境内。你可以在「我的 → 隐私中心」查阅、更正、复制、删除、撤回同意和注销账号，请求自收到之日起 15 个工作日内答复或办结。',
    en: 'Data is stored in mainland China. Under Me → Privacy centre you can view, correct, copy, delete, withdraw consent and cancel your account; we answer or complete requests within 15 working days from receipt.',
  },
  SUMMARY_2026_2[4],
  {
    'zh-CN': '新增可选的昵称与头像：只在个人中心向你本人显示；头像私有存储在中国境内，更换时旧图片立即删除。',
    en: 'New: an optional nickname and avatar, shown only to you in the personal centre; the avatar is stored privately in mainland China, and the old picture is deleted as soon as you replace it.',
  },
]

export const POLICY_SUMMARIES: Readonly<Record<string, LocalizedText[]>> = { '2026.1': SUMMARY_2026_1, '2026.2': SUMMARY_2026_2, '2026.3': SUMMARY_2026_3 }
