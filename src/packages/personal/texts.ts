import { formatShanghai } from '@/domain/common/local-time'
import type { DeletionTrigger } from '@/domain/requests/rights-request'
import type { Lang, LocalizedText } from '@/domain/policy/localized'

/** Words for the personal centre: field names, request types and states, never raw keys on screen. */
export const FIELD_LABELS: Record<string, LocalizedText> = {
  name: { 'zh-CN': '收货人', en: 'Recipient' },
  store: { 'zh-CN': '门店', en: 'Store' },
  items: { 'zh-CN': '商品', en: 'Items' },
  total: { 'zh-CN': '金额', en: 'Total' },
  mobile: { 'zh-CN': '手机号码', en: 'Mobile' },
  address: { 'zh-CN': '收货地址', en: 'Address' },
  regionId: { 'zh-CN': '所在地区', en: 'Region' },
  addressLine: { 'zh-CN': '详细地址', en: 'Street address' },
  isDefault: { 'zh-CN': '默认地址', en: 'Default address' },
  openid: { 'zh-CN': '账号标识', en: 'Account identifier' },
  nickname: { 'zh-CN': '昵称', en: 'Nickname' },
  avatar: { 'zh-CN': '头像', en: 'Avatar' },
  position: { 'zh-CN': '大致位置', en: 'Approximate position' },
  events: { 'zh-CN': '同意记录条数', en: 'Consent records' },
  requestType: { 'zh-CN': '请求类型', en: 'Request' },
  status: { 'zh-CN': '状态', en: 'Status' },
  dueAt: { 'zh-CN': '办理期限', en: 'Due by' },
  correction: { 'zh-CN': '更正', en: 'Correction' },
  fields: { 'zh-CN': '更正的字段', en: 'Fields changed' },
  legalName: { 'zh-CN': '法定代表人', en: 'Legal representative' },
  idNumber: { 'zh-CN': '身份证号码', en: 'ID number' },
  uscc: { 'zh-CN': '统一社会信用代码', en: 'Credit code' },
  idFront: { 'zh-CN': '身份证人像面', en: 'ID card, photo side' },
  idBack: { 'zh-CN': '身份证国徽面', en: 'ID card, emblem side' },
  licence: { 'zh-CN': '营业执照', en: 'Business licence' },
  // An export copy: the checksum stays whole, so the downloaded file can be checked against it.
  sha256: { 'zh-CN': '文件校验值（SHA-256）', en: 'File check value (SHA-256)' },
  size: { 'zh-CN': '文件大小', en: 'File size' },
  expiresAt: { 'zh-CN': '保留至', en: 'Kept until' },
}

export const REQUEST_TYPE_LABELS: Record<string, LocalizedText> = {
  access: { 'zh-CN': '查阅', en: 'Access' },
  correction: { 'zh-CN': '更正', en: 'Correction' },
  export: { 'zh-CN': '复制', en: 'Copy' },
  deletion: { 'zh-CN': '删除', en: 'Deletion' },
  cancellation: { 'zh-CN': '注销账号', en: 'Account cancellation' },
  question: { 'zh-CN': '咨询', en: 'Question' },
  complaint: { 'zh-CN': '投诉', en: 'Complaint' },
}

/** The legal triggers of a deletion request (PIPL Art. 47), as the user picks them. */
export const DELETION_TRIGGER_LABELS: Record<DeletionTrigger, LocalizedText> = {
  'purpose-achieved': { 'zh-CN': '处理目的已实现、无法实现或不再必要', en: 'The purpose is achieved, cannot be achieved or no longer needs it' },
  'service-stopped': { 'zh-CN': '已停止提供产品或服务，或保存期限已届满', en: 'The service has stopped, or the retention period has ended' },
  'consent-withdrawn': { 'zh-CN': '我已撤回同意', en: 'I have withdrawn my consent' },
  unlawful: { 'zh-CN': '处理违反法律法规或双方约定', en: 'The processing breaks the law or our agreement' },
  other: { 'zh-CN': '其他原因（请在补充说明中写明）', en: 'Another reason (explain in the note)' },
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** A Shanghai civil date (`YYYY-MM-DD`) in words: 2026年12月21日 / 21 Dec 2026. */
export function dateWords(isoDate: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate)
  if (!m) return ''
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return lang === 'en' ? `${d} ${MONTHS[mo - 1]} ${y}` : `${y}年${mo}月${d}日`
}

/** A server instant in Shanghai words: 2026年11月30日 18:46 / 30 Nov 2026, 18:46. */
export function timeWords(iso: string, lang: Lang): string {
  const local = formatShanghai(iso)
  if (!local) return ''
  return `${dateWords(local.slice(0, 10), lang)}${lang === 'en' ? ', ' : ' '}${local.slice(11)}`
}

export const STATUS_LABELS: Record<string, LocalizedText> = {
  submitted: { 'zh-CN': '已提交', en: 'Submitted' },
  'cooling-off': { 'zh-CN': '冷静期', en: 'Cooling-off' },
  'awaiting-review': { 'zh-CN': '待审核', en: 'Awaiting review' },
  processing: { 'zh-CN': '处理中', en: 'In progress' },
  completed: { 'zh-CN': '已完成', en: 'Done' },
  rejected: { 'zh-CN': '未通过', en: 'Rejected' },
  withdrawn: { 'zh-CN': '已撤销', en: 'Withdrawn' },
}

export const CHANGE_LABELS: Record<string, LocalizedText> = {
  add: { 'zh-CN': '新增', en: 'Added' },
  update: { 'zh-CN': '修改', en: 'Changed' },
  delete: { 'zh-CN': '删除', en: 'Deleted' },
  'set-default': { 'zh-CN': '设为默认', en: 'Made default' },
}
