import type { PolicyContent, PolicySection } from '../../domain/policy/policy-schema'
import { MANIFEST_2026_2 } from '../privacy-manifest'
import { para, section } from './blocks'
import { POLICY_2026_1 } from './policy-2026-1'
import { SUMMARY_2026_2 } from './summaries'

const functions = section('functions', '基本功能与扩展功能', 'Basic and extended functions', [
  para(
    '基本功能是示例商城提供服务所必需的功能：账号识别、下单与售后、商家认证（仅限商家）、处理你的请求、同意记录和服务安全。扩展功能是可选的：附近门店、保存海报和个性化门店推荐。',
    'Basic functions are those the mall cannot work without: account identity, orders and after-sales, merchant certification (merchants only), handling your requests, consent records and service security. Extended functions are optional: nearby stores, saving posters and personalised store recommendations.',
  ),
  para(
    '你可以拒绝或随时关闭任何扩展功能，基本功能不受影响；不同意本政策也不会妨碍你浏览商品和门店。',
    'You may refuse or turn off any extended function at any time without losing the basic functions; declining this policy does not stop you browsing products and stores.',
    true,
  ),
])

const recommendations = section('recommendations', '个性化门店推荐', 'Personalised store recommendations', [
  para(
    '自 2026.2 版起，我们提供“为你推荐”：经你同意后，我们根据你的订单记录推断你常去的门店和偏好的品类（偏好标签），在首页优先展示你可能喜欢的门店。',
    'From version 2026.2 we offer "Recommended for you": with your consent, we infer the stores you often buy from and the categories you prefer (preference tags) from your order history, and show stores you may like first on the home page.',
  ),
  para(
    '这是扩展功能，默认关闭。你可以不开启，或随时在「权限与同意」中关闭；关闭后首页不再基于你的个人特征展示，偏好标签在 7 天内删除，下单和其他功能不受影响。',
    'This is an extended function and is off by default. You can leave it off, or turn it off at any time under Permissions & consent; the home page then stops using your personal traits, your preference tags are deleted within 7 days, and ordering and everything else is unaffected.',
    true,
  ),
  para(
    '推荐只影响门店的展示顺序，不影响价格或其他交易条件。',
    'Recommendations change only the order in which stores are shown, never prices or other terms of trade.',
  ),
])

function revise(sections: readonly PolicySection[]): PolicySection[] {
  return sections.flatMap((s) => (s.id === 'functions' ? [functions, recommendations] : [s]))
}

/**
 * 示例商城隐私政策 2026.2 — a major version: adds the personalised-recommendations purpose and the
 * preference-tags category, so users who agreed to 2026.1 are asked again, seeing only these changes.
 */
export const POLICY_2026_2: PolicyContent = {
  ...POLICY_2026_1,
  version: '2026.2',
  effectiveDate: '2026-12-01',
  summary: SUMMARY_2026_2,
  sections: revise(POLICY_2026_1.sections),
  manifest: MANIFEST_2026_2,
}
