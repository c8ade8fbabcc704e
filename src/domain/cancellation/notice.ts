import type { CancellationStage } from './cancellation'

/**
 * The subscribe message a user who accepted it gets when their cancellation changes status. Template
 * keywords (README, "Subscribe message"): `phrase1` the status (≤ 5 Chinese characters), `thing2` a note
 * (≤ 20 characters), `time3` when it changed, in China time. Pure: the change and the time come in.
 */

/** The id the mini-program asks the user to accept (`src/packages/account/pages/cancel`); fictional. */
export const DEFAULT_CANCELLATION_TEMPLATE_ID = 'tmpl_cancellation_outcome_example'
/** Tapping the message opens the cancellation page, which shows the request and, once done, the certificate. */
export const CANCELLATION_NOTICE_PAGE = 'packages/account/pages/cancel/index'
/** WeChat's limit for a `thing` keyword's value, in characters. */
export const THING_MAX = 20

const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,128}$/
const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'] as const
export type MiniprogramState = (typeof MINIPROGRAM_STATES)[number]

/** Every status change the user hears about: the stages they see, less `deleting` (a step of `approved`). */
export type CancellationNotice =
  | { stage: 'cooling-off'; coolingOffEndsAt: string }
  | { stage: 'awaiting-review' }
  | { stage: 'approved' }
  | { stage: 'completed'; certificateId: string }
  | { stage: 'rejected'; reason: string }
  | { stage: 'withdrawn' }

export type NoticeData = Record<'phrase1' | 'thing2' | 'time3', { value: string }>

const STATUS: Record<Exclude<CancellationStage, 'deleting'>, string> = {
  'cooling-off': '冷静期中',
  'awaiting-review': '待审核',
  approved: '已通过',
  completed: '已注销',
  rejected: '未通过',
  withdrawn: '已撤销',
}

/** The template's data for one change at `at`. */
export function noticeData(notice: CancellationNotice, at: Date): NoticeData {
  return { phrase1: { value: STATUS[notice.stage] }, thing2: { value: thing(noteOf(notice)) }, time3: { value: wechatTime(at) } }
}

function noteOf(notice: CancellationNotice): string {
  switch (notice.stage) {
    case 'cooling-off':
      return `${wechatTime(new Date(notice.coolingOffEndsAt)).replace(/^\d+年/, '')}前可撤销`
    case 'awaiting-review':
      return '冷静期已结束，等待审核'
    case 'approved':
      return '审核通过，正在删除数据'
    case 'completed':
      // The certificate id is 20 characters: exactly what a `thing` holds.
      return notice.certificateId
    case 'rejected':
      return notice.reason
    case 'withdrawn':
      return '注销申请已撤销，账号照常使用'
  }
}

/**
 * A `thing` value: no control characters (WeChat refuses them), at most 20 characters, a longer text
 * cut to 19 and an ellipsis, so the user sees it was cut.
 */
export function thing(text: string): string {
  const chars = Array.from(text.replace(/[\p{Cc}\s]+/gu, ' ').trim())
  if (chars.length === 0) return '详见注销进度'
  return chars.length <= THING_MAX ? chars.join('') : `${chars.slice(0, THING_MAX - 1).join('')}…`
}

/** China time as a `time` keyword takes it: `2026年3月1日 15:01` (UTC+8 all year, no daylight saving). */
export function wechatTime(at: Date): string {
  const local = new Date(at.getTime() + 8 * 60 * 60 * 1000)
  const hh = String(local.getUTCHours()).padStart(2, '0')
  const mm = String(local.getUTCMinutes()).padStart(2, '0')
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${hh}:${mm}`
}

/** The template id from the function's environment (`CANCELLATION_TEMPLATE_ID`). */
export function cancellationTemplateId(raw: string | undefined): string {
  if (raw === undefined || raw.trim() === '') return DEFAULT_CANCELLATION_TEMPLATE_ID
  if (!TEMPLATE_ID.test(raw)) throw new Error('CANCELLATION_TEMPLATE_ID must be a subscribe template id (letters, digits, _ and -)')
  return raw
}

/** Which version of the mini-program the message opens (`SUBSCRIBE_MINIPROGRAM_STATE`); WeChat's default is the released one. */
export function miniprogramState(raw: string | undefined): MiniprogramState {
  if (raw === undefined || raw.trim() === '') return 'formal'
  if (!(MINIPROGRAM_STATES as readonly string[]).includes(raw)) throw new Error('SUBSCRIBE_MINIPROGRAM_STATE must be developer, trial or formal')
  return raw as MiniprogramState
}
