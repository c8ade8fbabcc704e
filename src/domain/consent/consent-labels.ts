import type { LocalizedText } from '../policy/localized'
import type { ConsentMethod, Decision } from './consent-event'

/** How each decision was made, in words a user recognises; the wire value stays in the receipt. */
export const METHOD_LABELS: Record<ConsentMethod, LocalizedText> = {
  'agree-button': { 'zh-CN': '在隐私提示中点了“同意”', en: 'Tapped Agree on the privacy notice' },
  'refuse-button': { 'zh-CN': '在隐私提示中点了“暂不同意”', en: 'Tapped Not now on the privacy notice' },
  'purpose-prompt': { 'zh-CN': '在用途说明中点了“继续”', en: 'Tapped Continue on the purpose notice' },
  'permission-dialog': { 'zh-CN': '微信授权弹窗', en: "WeChat's permission dialog" },
  'settings-toggle': { 'zh-CN': '在“权限与同意”页操作', en: 'On the Permissions & consent page' },
  'wechat-settings': { 'zh-CN': '在微信设置页开启', en: "In WeChat's settings page" },
  'platform-push': { 'zh-CN': '微信通知的授权变化', en: 'A change reported by WeChat' },
  'account-cancellation': { 'zh-CN': '注销账号', en: 'Account cancellation' },
}

export const DECISION_LABELS: Record<Decision, LocalizedText> = {
  grant: { 'zh-CN': '同意', en: 'Granted' },
  deny: { 'zh-CN': '拒绝', en: 'Refused' },
  withdraw: { 'zh-CN': '撤回', en: 'Withdrew' },
}
