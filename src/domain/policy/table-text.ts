import type { LocalizedText } from './localized'
import type { LegalBasis } from './manifest-schema'

/**
 * Every word the tables add to the manifest's own text. Exported so a test can show that a label is covered
 * by the content hash (policy-hash.ts): from 2026.3 on, the rendered tables are part of what is hashed.
 */
export const TABLE_TEXT = {
  collectionCaption: { 'zh-CN': '我们收集的个人信息', en: 'Personal information we collect' },
  consumer: { 'zh-CN': '消费者', en: 'Consumers' },
  merchant: { 'zh-CN': '商家', en: 'Merchants' },
  function: { 'zh-CN': '功能', en: 'Function' },
  kind: { 'zh-CN': '类型', en: 'Type' },
  basic: { 'zh-CN': '基本功能', en: 'Basic function' },
  extended: { 'zh-CN': '扩展功能', en: 'Extended function' },
  information: { 'zh-CN': '个人信息', en: 'Personal information' },
  permission: { 'zh-CN': '权限或接口', en: 'Permission or API' },
  ifRefused: { 'zh-CN': '拒绝的影响', en: 'If you refuse' },
  sensitive: { 'zh-CN': '（敏感）', en: ' (sensitive)' },
  noPermission: { 'zh-CN': '无需授权', en: 'No permission needed' },
  openid: { 'zh-CN': '微信 OpenID（由微信平台提供，无需授权）', en: 'WeChat OpenID (provided by WeChat, no prompt)' },
  nothingCollected: { 'zh-CN': '不收集个人信息', en: 'No personal information collected' },
  permissionsCaption: { 'zh-CN': '设备权限与微信隐私接口', en: 'Device permissions and WeChat privacy APIs' },
  infoType: { 'zh-CN': '微信信息类型', en: 'WeChat information type' },
  whenAsked: { 'zh-CN': '何时询问及用途', en: 'When we ask, and why' },
  purpose: { 'zh-CN': '目的', en: 'Purpose' },
  retentionCaption: { 'zh-CN': '保存期限', en: 'How long we keep it' },
  period: { 'zh-CN': '保存期限', en: 'Retention' },
  dataClass: { 'zh-CN': '数据类别', en: 'Data class' },
  sdksCaption: { 'zh-CN': '第三方 SDK', en: 'Third-party SDKs' },
  sdkName: { 'zh-CN': '名称', en: 'Name' },
  provider: { 'zh-CN': '提供方', en: 'Provider' },
  link: { 'zh-CN': '隐私政策', en: 'Privacy policy' },
  fictional: { 'zh-CN': '（示例，虚构）', en: ' (sample, fictional)' },
  noSdks: { 'zh-CN': '我们目前没有接入任何第三方 SDK。', en: 'We do not embed any third-party SDK at present.' },
  processorsCaption: { 'zh-CN': '受托处理方', en: 'Processors acting for us' },
  service: { 'zh-CN': '服务内容', en: 'Service' },
  noProcessors: { 'zh-CN': '我们没有委托其他方处理个人信息。', en: 'No one processes personal information on our behalf.' },
  empty: { 'zh-CN': '无', en: 'None' },
  contactCaption: { 'zh-CN': '联系方式', en: 'Contact details' },
  item: { 'zh-CN': '项目', en: 'Item' },
  detail: { 'zh-CN': '内容', en: 'Details' },
  operator: { 'zh-CN': '运营者', en: 'Operator' },
  email: { 'zh-CN': '电子邮箱', en: 'Email' },
  address: { 'zh-CN': '地址', en: 'Address' },
  // Edition 2 (2026.3): legal basis, recipients (PIPL Art. 23) and further contacts (Art. 52).
  legalBasis: { 'zh-CN': '处理依据', en: 'Legal basis' },
  sharingCaption: { 'zh-CN': '接收你个人信息的第三方', en: 'Who receives your personal information' },
  recipient: { 'zh-CN': '接收方', en: 'Recipient' },
  contact: { 'zh-CN': '联系方式', en: 'Contact' },
  method: { 'zh-CN': '方式', en: 'Method' },
  noSharing: { 'zh-CN': '我们不向他人提供你的个人信息。', en: 'We do not provide your personal information to anyone.' },
  'entrusted-processing': { 'zh-CN': '委托处理', en: 'Entrusted processing' },
  provision: { 'zh-CN': '向其提供', en: 'Provided to the recipient' },
  entrustedBasis: {
    'zh-CN': '受托处理（《个人信息保护法》第二十一条），依据与各目的的处理依据相同',
    en: 'Processing on our behalf (PIPL Art. 21), on the same legal basis as each purpose',
  },
} satisfies Record<string, LocalizedText>
/** A purpose's legal basis in words (PIPL Art. 13), for the collection and sharing tables from edition 2. */
export const LEGAL_BASIS_TEXT: Record<LegalBasis, LocalizedText> = {
  consent: { 'zh-CN': '你的同意', en: 'Your consent' },
  'separate-consent': { 'zh-CN': '你的单独同意', en: 'Your separate consent' },
  contract: { 'zh-CN': '为订立、履行你作为一方的合同所必需', en: 'Necessary for a contract you are party to' },
  'legal-obligation': { 'zh-CN': '为履行法定义务所必需', en: 'Necessary to meet a legal obligation' },
}
