import { EXPORT_FILES, EXPORT_SCHEMA_VERSION, type ExportArchive, type ExportCategory, type ExportField, type ExportRecord } from '../../contracts/export-archive'
import type { ExportView } from '../../contracts/personal'
import { regionLabel } from '../../content/regions'
import { storeName } from '../../content/stores'
import { formatShanghai } from '../common/local-time'
import { DECISION_LABELS, METHOD_LABELS } from '../consent/consent-labels'
import type { ConsentEvent } from '../consent/consent-event'
import { formatFen, itemsSummary, type Order, type OrderLine, type OrderStatus } from '../orders/order'
import type { ConsentReceipt } from '../consent/consent-receipt'
import type { PrivacyManifest } from '../policy/manifest-schema'
import type { DeletionTrigger, RequestActor, RequestEvent, RequestHistoryEntry, RequestStatus, RequestType } from '../requests/rights-request'
import { CERTIFICATION_ITEMS, type CertificationCategory, type HeldCategory, type HeldCertification, type HeldData, type HeldExport, type HeldRequest, heldCategories } from './held-data'

/**
 * The export archive ("copy my data", PIPL Art. 45): held data in, zip bytes out. Pure: the time,
 * the manifest and the receipts come in; nothing here reads a clock or storage.
 */

const DAY_MS = 24 * 60 * 60 * 1000
/** How often the purge runs: the `purgeExports` timer of cloudfunctions/personal/config.json. */
export const EXPORT_PURGE_INTERVAL_MS = 10 * 60 * 1000
/**
 * A build still `processing` after this long has died: CloudBase stops a function after at most
 * 900 s, so no live invocation can still be working on it.
 */
export const EXPORT_BUILD_STALE_MS = 15 * 60 * 1000

/** Days an archive is kept: the manifest's `exports` retention class. */
export function exportRetentionDays(manifest: PrivacyManifest): number {
  const days = manifest.retentionClasses.find((r) => r.id === 'exports')?.maxDays
  if (days === undefined) throw new Error('the manifest has no `exports` retention period')
  return days
}

export function exportExpiresAt(createdAt: Date, manifest: PrivacyManifest): Date {
  return new Date(createdAt.getTime() + exportRetentionDays(manifest) * DAY_MS)
}

/**
 * Archives past either bound go now: by the expiry stored with them, or by the manifest's current
 * period (should it shrink). One purge interval early, so none is still there when the next run comes.
 */
export function exportPurgeCutoffs(now: Date, manifest: PrivacyManifest): { expiresBefore: Date; createdBefore: Date } {
  const expiresBefore = new Date(now.getTime() + EXPORT_PURGE_INTERVAL_MS)
  return { expiresBefore, createdBefore: new Date(expiresBefore.getTime() - exportRetentionDays(manifest) * DAY_MS) }
}

/** Builds last updated before this (ISO, comparable as a string with `updatedAt`) have died. */
export function staleBuildBefore(now: Date): string {
  return new Date(now.getTime() - EXPORT_BUILD_STALE_MS).toISOString()
}

/** The owner's view of one export request and its archive (`undefined` once the archive is deleted). */
export function exportViewOf(request: HeldRequest, archive: HeldExport | undefined, now: Date): ExportView {
  const base = { requestId: request.id, createdAt: request.createdAt }
  if (archive) {
    if (Date.parse(archive.expiresAt) <= now.getTime()) return { ...base, status: 'expired', sha256: archive.sha256, expiredAt: archive.expiresAt }
    return { ...base, status: 'ready', expiresAt: archive.expiresAt, sha256: archive.sha256, size: archive.size }
  }
  if (request.status === 'completed') return { ...base, status: 'expired', sha256: request.outcome ?? '', ...(request.archiveExpiredAt ? { expiredAt: request.archiveExpiredAt } : {}) }
  return { ...base, status: request.status === 'submitted' || request.status === 'processing' ? 'building' : 'failed' }
}

// ── data.json

const field = (key: string, value: ExportField['value'] | undefined): ExportField[] => (value === undefined ? [] : [{ key, value }])

function recordsOf(held: HeldData, category: HeldCategory, now: string): ExportRecord[] {
  switch (category) {
    case 'wechat-openid': {
      const p = held.profile!
      return [{ id: 'account', collectedAt: p.firstSeenAt, fields: [...field('openid', p.openid), ...field('appid', p.appid), ...field('firstSeenAt', p.firstSeenAt)] }]
    }
    case 'profile': {
      const { nickname, avatar } = held.profile!
      return [
        ...(nickname ? [{ id: 'nickname', collectedAt: nickname.setAt, fields: [...field('nickname', nickname.value), ...field('setAt', nickname.setAt)] }] : []),
        ...(avatar
          ? [{ id: 'avatar', collectedAt: avatar.updatedAt, fields: [...field('file', EXPORT_FILES.avatar), ...field('sha256', avatar.sha256), ...field('size', avatar.size), ...field('updatedAt', avatar.updatedAt)] }]
          : []),
      ]
    }
    case 'order-records':
      return held.orders.map(orderRecord)
    case 'delivery-contact':
      return held.contacts.map((c) => {
        const region = regionLabel(c.regionId)
        return {
          id: c.id,
          collectedAt: c.createdAt,
          fields: [
            ...field('name', c.name),
            ...field('mobile', c.mobile),
            ...field('address', region ? `${region} ${c.addressLine}` : c.addressLine),
            ...field('regionId', c.regionId),
            ...field('region', region),
            ...field('addressLine', c.addressLine),
            ...field('isDefault', c.isDefault),
            ...field('createdAt', c.createdAt),
            ...field('updatedAt', c.updatedAt),
          ],
        }
      })
    case 'consent-records': {
      const c = held.consent!
      const events = c.events ?? []
      const chain: ExportRecord = {
        id: 'chain',
        collectedAt: c.updatedAt ?? events.at(-1)?.serverTime ?? now,
        fields: [...field('events', c.seq), ...field('subject', c.subject), ...field('headHash', c.hash)],
      }
      return [chain, ...events.map(eventRecord)]
    }
    case 'rights-requests':
      return [...held.requests.map(requestRecord), ...held.corrections.map((f) => ({ id: f.id, collectedAt: f.at, fields: [...field('correction', `${f.category}:${f.action}`), ...field('fields', f.fields), ...field('category', f.category), ...field('recordId', f.recordId), ...field('action', f.action), ...field('at', f.at)] }))]
    case 'data-export':
      return held.exports.map((e) => ({ id: e.requestId, collectedAt: e.createdAt, fields: [...field('sha256', e.sha256), ...field('size', e.size), ...field('createdAt', e.createdAt), ...field('expiresAt', e.expiresAt)] }))
    case 'legal-person-name':
    case 'legal-person-mobile':
    case 'id-number':
    case 'id-card-images':
    case 'business-licence':
      return certificationRecords(held.certification!, category)
  }
}

/**
 * Certification data in the copy: masked, as everywhere outside the function (a copy is easily forwarded;
 * the merchant holds the documents themselves), and the photos described, not copied: ID-card images are
 * not multiplied into archives that outlive the application.
 */
function certificationRecords(c: HeldCertification, category: CertificationCategory): ExportRecord[] {
  const one = (key: 'legalName' | 'mobile' | 'idNumber' | 'uscc'): ExportRecord[] => (c.masked[key] ? [{ id: key, collectedAt: c.updatedAt, fields: [...field(key, c.masked[key]), ...field('status', c.status)] }] : [])
  const photo = (slot: 'idFront' | 'idBack' | 'licence'): ExportRecord[] => {
    const p = c.photos[slot]
    return p ? [{ id: slot, collectedAt: p.uploadedAt, fields: [...field(slot, `${Math.ceil(p.bytes / 1024)} KB`), ...field('uploadedAt', p.uploadedAt)] }] : []
  }
  const { values, photos } = CERTIFICATION_ITEMS[category]
  // The store's name and address go with the licence they are registered under.
  const store = category === 'business-licence' && c.store.storeName ? [{ id: 'store', collectedAt: c.updatedAt, fields: [...field('storeName', c.store.storeName), ...field('storeAddress', c.store.storeAddress)] }] : []
  return [...photos.flatMap(photo), ...values.flatMap(one), ...store]
}

/** The inventory's fields (`store`, `items`, `total`, `name`, `mobile`, `address`) whole, then the order as stored. */
function orderRecord(o: Order): ExportRecord {
  const d = o.deliverTo
  const region = regionLabel(d.regionId)
  return {
    id: o.id,
    collectedAt: o.placedAt,
    fields: [
      ...field('store', storeName(o.storeId)),
      ...field('items', itemsSummary(o.lines)),
      ...field('total', formatFen(o.totalFen)),
      ...field('name', d.name),
      ...field('mobile', d.mobile),
      ...field('address', region ? `${region} ${d.addressLine}` : d.addressLine),
      ...field('storeId', o.storeId),
      ...field('lines', o.lines.map((l) => ({ productId: l.productId, name: { 'zh-CN': l.name['zh-CN'], en: l.name.en }, quantity: l.quantity, unitPriceFen: l.unitPriceFen }))),
      ...field('totalFen', o.totalFen),
      ...field('orderStatus', o.status),
      ...field('placedAt', o.placedAt),
      ...field('regionId', d.regionId),
      ...field('region', region),
      ...field('addressLine', d.addressLine),
    ],
  }
}

function eventRecord(e: ConsentEvent): ExportRecord {
  return {
    id: e.eventId,
    collectedAt: e.serverTime,
    fields: [
      ...field('seq', e.seq),
      ...field('decision', e.decision),
      ...field('target', `${e.target.kind}:${e.target.id}`),
      ...field('policyVersion', e.policy.version),
      ...field('policyHash', e.policy.hash),
      ...field('method', e.method),
      ...field('page', e.page),
      ...field('platform', e.client.platform),
      ...field('appVersion', e.client.appVersion),
      ...field('language', e.language),
      ...field('clientRequestId', e.clientRequestId),
      ...field('subject', e.subject),
      ...field('prevHash', e.prevHash),
      ...field('hash', e.hash),
      ...field('receipt', EXPORT_FILES.receipt(e.eventId)),
    ],
  }
}

function requestRecord(r: HeldRequest): ExportRecord {
  return {
    id: r.id,
    collectedAt: r.createdAt,
    fields: [
      ...field('requestType', r.type),
      ...field('status', r.status),
      ...field('dueAt', r.dueAt),
      ...field('createdAt', r.createdAt),
      ...field('updatedAt', r.updatedAt),
      ...field('category', r.category),
      ...field('detail', r.detail),
      ...field('trigger', r.trigger),
      ...field('categories', r.categories),
      ...field('outcome', r.outcome),
      ...field('reason', r.reason),
      ...field('archiveExpiredAt', r.archiveExpiredAt),
      ...field('history', r.history),
    ],
  }
}

/**
 * `data.json`: every category `held` has records in (the inventory's list), unmasked, labelled from
 * `manifest`. `held.consent.events` should hold the whole chain: the export lists every event.
 */
export function exportArchiveData(held: HeldData, manifest: PrivacyManifest, generatedAt: Date): ExportArchive {
  const categories = heldCategories(held).map((id): ExportCategory => {
    const c = manifest.dataCategories.find((x) => x.id === id)
    const retention = manifest.retentionClasses.find((r) => r.id === c?.retention)
    if (!c || !retention) throw new Error(`the manifest does not declare ${id} and its retention`)
    const records = recordsOf(held, id, generatedAt.toISOString())
    return {
      category: id,
      name: c.name,
      purposes: manifest.purposes.filter((p) => p.dataCategories.includes(id)).map((p) => ({ id: p.id, name: p.name })),
      retention: { id: retention.id, period: retention.period },
      count: records.length,
      records,
    }
  })
  return { schemaVersion: EXPORT_SCHEMA_VERSION, generatedAt: generatedAt.toISOString(), categories }
}

// ── index.html

/** Field names in words; a key missing here shows as itself. */
const FIELD_LABELS: Record<string, string> = {
  openid: '微信 OpenID',
  appid: '小程序 AppID',
  firstSeenAt: '首次使用时间',
  nickname: '昵称',
  setAt: '设置时间',
  file: '文件（在本压缩包中）',
  name: '姓名',
  mobile: '手机号码',
  address: '收货地址',
  regionId: '地区代码',
  region: '地区',
  addressLine: '详细地址',
  isDefault: '默认地址',
  createdAt: '创建时间',
  updatedAt: '更新时间',
  position: '位置（纬度, 经度）',
  latitude: '纬度',
  longitude: '经度',
  events: '记录条数',
  subject: '假名标识',
  headHash: '最新记录哈希',
  seq: '序号',
  decision: '决定',
  target: '事项',
  policyVersion: '政策版本',
  policyHash: '政策哈希',
  method: '方式',
  page: '页面',
  platform: '客户端',
  appVersion: '客户端版本',
  language: '语言',
  clientRequestId: '请求编号',
  prevHash: '前一条记录哈希',
  hash: '记录哈希',
  receipt: '同意回执文件',
  requestType: '请求类型',
  status: '状态',
  dueAt: '答复期限',
  category: '信息类别',
  detail: '请求内容',
  trigger: '删除理由',
  categories: '要求删除的信息类别',
  outcome: '处理结果',
  reason: '理由',
  archiveExpiredAt: '副本删除时间',
  history: '处理记录',
  correction: '更正',
  fields: '涉及字段',
  legalName: '法定代表人姓名（已脱敏）',
  idNumber: '身份证号码（已脱敏）',
  uscc: '统一社会信用代码（已脱敏）',
  idFront: '身份证人像面照片',
  idBack: '身份证国徽面照片',
  licence: '营业执照照片',
  uploadedAt: '上传时间',
  storeName: '门店名称',
  storeAddress: '门店地址',
  recordId: '记录编号',
  action: '操作',
  at: '时间',
  sha256: 'SHA-256 校验值',
  size: '大小（字节）',
  expiresAt: '到期删除时间',
  store: '门店',
  items: '商品',
  total: '金额',
  storeId: '门店编号',
  lines: '商品明细',
  totalFen: '金额（分）',
  orderStatus: '订单状态',
  placedAt: '下单时间',
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text for HTML element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!)
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

const REQUEST_TYPE_WORDS: Record<RequestType, string> = { access: '查阅', correction: '更正', export: '复制', deletion: '删除', cancellation: '注销账号', question: '咨询', complaint: '投诉' }
const STATUS_WORDS: Record<RequestStatus, string> = {
  submitted: '已提交',
  'cooling-off': '冷静期中',
  'awaiting-review': '待人工处理',
  processing: '处理中',
  completed: '已完成',
  rejected: '已拒绝',
  withdrawn: '已撤回',
}
const EVENT_WORDS: Record<RequestEvent, string> = {
  'start-cooling-off': '进入冷静期',
  'cooling-off-ended': '冷静期结束',
  undo: '撤回',
  accept: '受理',
  reject: '拒绝',
  complete: '办结',
  fail: '处理失败',
}
const ACTOR_WORDS: Record<RequestActor, string> = { user: '你', ops: '运营人员', system: '系统' }
const TRIGGER_WORDS: Record<DeletionTrigger, string> = { 'purpose-achieved': '处理目的已实现或不再必要', 'service-stopped': '停止提供产品或服务，或保存期限已届满', 'consent-withdrawn': '撤回同意', unlawful: '违法或违约处理', other: '其他' }
const ORDER_STATUS_WORDS: Record<OrderStatus, string> = { placed: '已下单' }

/** Words for a wire value, the value itself kept in brackets so it can be matched with data.json. */
function worded(words: Record<string, string>, value: string): string {
  return Object.prototype.hasOwnProperty.call(words, value) ? `${words[value]}（${value}）` : value
}

const chinaTime = (iso: string) => `${formatShanghai(iso, { seconds: true })}（北京时间）`

function historyLine(h: RequestHistoryEntry): string {
  return `${chinaTime(h.at)} ${EVENT_WORDS[h.event] ?? h.event}：${STATUS_WORDS[h.from] ?? h.from} → ${STATUS_WORDS[h.to] ?? h.to}（${ACTOR_WORDS[h.by] ?? h.by}）${h.reason ? `，理由：${h.reason}` : ''}`
}

function shown(key: string, value: ExportField['value']): string {
  if (typeof value === 'string') {
    if (ISO_INSTANT.test(value)) return chinaTime(value)
    if (key === 'decision') return worded(Object.fromEntries(Object.entries(DECISION_LABELS).map(([k, v]) => [k, v['zh-CN']])), value)
    if (key === 'method') return worded(Object.fromEntries(Object.entries(METHOD_LABELS).map(([k, v]) => [k, v['zh-CN']])), value)
    if (key === 'requestType') return worded(REQUEST_TYPE_WORDS, value)
    if (key === 'trigger') return worded(TRIGGER_WORDS, value)
    if (key === 'status') return worded(STATUS_WORDS, value)
    if (key === 'orderStatus') return worded(ORDER_STATUS_WORDS, value)
    return value
  }
  if (key === 'history' && Array.isArray(value)) return value.length ? (value as unknown as RequestHistoryEntry[]).map(historyLine).join('\n') : '（无）'
  if (key === 'lines' && Array.isArray(value)) return (value as unknown as OrderLine[]).map((l) => `${l.name['zh-CN']} × ${l.quantity}，单价 ${formatFen(l.unitPriceFen)}`).join('\n')
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('、')
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'number' || value === null) return String(value)
  return JSON.stringify(value, null, 1)
}

function recordHtml(r: ExportRecord): string {
  const rows = r.fields.map((f) => `<tr><th scope="row">${escapeHtml(FIELD_LABELS[f.key] ?? f.key)}</th><td>${escapeHtml(shown(f.key, f.value))}</td></tr>`)
  return `<table><caption>${escapeHtml(r.id)} · ${escapeHtml(shown('collectedAt', r.collectedAt))}</caption><tbody>${rows.join('')}</tbody></table>`
}

function categoryHtml(c: ExportCategory): string {
  return [
    `<section id="${escapeHtml(c.category)}">`,
    `<h2>${escapeHtml(c.name['zh-CN'])}</h2>`,
    '<dl>',
    `<dt>处理目的</dt><dd>${escapeHtml(c.purposes.map((p) => p.name['zh-CN']).join('、'))}</dd>`,
    `<dt>保存期限</dt><dd>${escapeHtml(c.retention.period['zh-CN'])}</dd>`,
    `<dt>记录数</dt><dd>${c.count}</dd>`,
    '</dl>',
    ...c.records.map(recordHtml),
    '</section>',
  ].join('\n')
}

const STYLE = [
  'body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:56rem;padding:1rem;line-height:1.5;color:#1a1a1a}',
  'table{border-collapse:collapse;width:100%;margin:.75rem 0}caption{text-align:left;font-weight:600;padding:.25rem 0}',
  'th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top;word-break:break-all;white-space:pre-wrap}th{width:11rem;background:#f2f2f2;font-weight:500}',
  'dt{font-weight:600}dd{margin:0 0 .5rem 0}',
].join('\n')

/**
 * `index.html`: the archive in Chinese for people, self-contained (no scripts, styles inline, and a
 * CSP that forbids fetching anything), every value escaped.
 */
export function renderExportHtml(archive: ExportArchive, manifest: PrivacyManifest): string {
  const app = manifest.controller.appName['zh-CN']
  const title = `${app} · 你的个人信息副本`
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>生成时间：${escapeHtml(shown('generatedAt', archive.generatedAt))}。个人信息处理者：${escapeHtml(manifest.controller.name['zh-CN'])}（${escapeHtml(manifest.controller.email)}）。</p>`,
    `<p>同一份信息的机器可读版本在 ${EXPORT_FILES.data}；每条同意记录的回执在 receipts 文件夹中。本副本生成后保存 ${exportRetentionDays(manifest)} 天，期满自动删除。</p>`,
    '<nav><ul>',
    ...archive.categories.map((c) => `<li><a href="#${escapeHtml(c.category)}">${escapeHtml(c.name['zh-CN'])}（${c.count}）</a></li>`),
    '</ul></nav>',
    ...archive.categories.map(categoryHtml),
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

// ── the archive's files (zip.ts writes them into one zip)

export interface ArchiveFile {
  name: string
  /** UTF-8 text, deflated; or a file's bytes, stored as they are (a JPEG does not deflate). */
  content: string | Uint8Array
}

/**
 * The archive's files, one at a time: `data.json`, `index.html`, then one receipt per consent event,
 * each made only when the zip asks for it, so a long chain's receipts are never all in memory.
 */
export function* exportFiles(
  archive: ExportArchive,
  manifest: PrivacyManifest,
  events: readonly ConsentEvent[],
  receiptOf: (event: ConsentEvent) => ConsentReceipt,
  userFiles: readonly ArchiveFile[] = [],
): Generator<ArchiveFile> {
  yield { name: EXPORT_FILES.data, content: `${JSON.stringify(archive, null, 2)}\n` }
  yield { name: EXPORT_FILES.html, content: renderExportHtml(archive, manifest) }
  for (const event of events) yield { name: EXPORT_FILES.receipt(event.eventId), content: `${JSON.stringify(receiptOf(event), null, 2)}\n` }
  yield* userFiles
}
