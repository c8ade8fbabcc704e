import { chineseWorkdayCalendar } from '../../../src/domain/calendar'
import { ERROR_CODES } from '../../../src/domain/common/errors'
import { assertOpsMay } from '../../../src/domain/ops/request-queue'
import { CONTACT_KINDS, MESSAGE_MAX, textError, validateDeletionDetail, validateMessage } from '../../../src/domain/requests/request-input'
import { DELETION_TRIGGERS, REQUEST_TYPES, applyRequestEvent, newRequest } from '../../../src/domain/requests/rights-request'
import { codeOf } from '../../support/domain'

const calendar = chineseWorkdayCalendar()
const T0 = new Date('2026-03-02T02:00:00.000Z')

describe('a message to us (联系我们)', () => {
  it('accepts 5–500 characters, trimmed, counted as people count (an emoji is one), line breaks allowed', () => {
    expect(validateMessage('  你们保存多久？  ')).toEqual({ ok: true, value: '你们保存多久？' })
    expect(validateMessage('😀😀😀😀😀')).toEqual({ ok: true, value: '😀😀😀😀😀' })
    expect(validateMessage('第一行\n第二行')).toEqual({ ok: true, value: '第一行\n第二行' })
    expect(validateMessage('中'.repeat(MESSAGE_MAX)).ok).toBe(true)
  })

  it.each([
    ['empty', ''],
    ['blank', '   \n  '],
    ['four characters', '四个字符'],
    ['501 characters', '中'.repeat(MESSAGE_MAX + 1)],
    ['a NUL', '问题\u0000问题问题'],
    ['a carriage return', '问题\r问题问题'],
    ['a tab', '问题\t问题问题'],
    ['an escape sequence', '问题\u001b[31m问题'],
    ['a bidi override', '\u202e问题问题问题'],
    ['a line separator', '问题\u2028问题问题'],
    ['a number', 12345],
    ['null', null],
    ['an array', ['问题问题问题']],
    ['an operator', { $ne: null }],
  ])('refuses %s with REQUEST.MESSAGE_INVALID and words in both languages', (_name, input) => {
    const r = validateMessage(input)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('REQUEST.MESSAGE_INVALID')
    expect(r.error.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
    expect(r.error.message.en).toMatch(/[a-z]/)
    expect(textError(r).code).toBe('REQUEST.MESSAGE_INVALID')
  })

  it('says which rule was broken', () => {
    const words = (v: unknown) => {
      const r = validateMessage(v)
      return r.ok ? '' : r.error.message['zh-CN']
    }
    expect(words('四个字符')).toContain('至少 5')
    expect(words('中'.repeat(501))).toContain('最多 500')
    expect(words('问题\u0000问题问题')).toContain('控制字符')
  })
})

describe('the note on a deletion request', () => {
  it('is optional, trimmed, up to 200 characters on one line', () => {
    expect(validateDeletionDetail(undefined)).toEqual({ ok: true, value: '' })
    expect(validateDeletionDetail('  ')).toEqual({ ok: true, value: '' })
    expect(validateDeletionDetail(' 不再使用 ')).toEqual({ ok: true, value: '不再使用' })
    expect(validateDeletionDetail('x'.repeat(200)).ok).toBe(true)
    for (const bad of ['x'.repeat(201), '换\n行', '\u202eevil', 42, null, ['a']]) {
      const r = validateDeletionDetail(bad)
      expect(r.ok ? undefined : r.error.code).toBe('REQUEST.DETAIL_INVALID')
    }
  })
})

describe('request types and codes', () => {
  it('appends question and complaint after the original types (wire values are append-only)', () => {
    expect(REQUEST_TYPES).toEqual(['access', 'correction', 'export', 'deletion', 'cancellation', 'question', 'complaint'])
    expect(CONTACT_KINDS.every((k) => (REQUEST_TYPES as readonly string[]).includes(k))).toBe(true)
    expect(ERROR_CODES).toEqual(expect.arrayContaining(['REQUEST.MESSAGE_INVALID', 'REQUEST.DETAIL_INVALID']))
  })

  it('a deletion carries its legal trigger and categories; other types may not', () => {
    for (const trigger of DELETION_TRIGGERS) {
      const r = newRequest({ id: 'req-1', type: 'deletion', now: T0, calendar, trigger, categories: ['profile'] })
      expect(r).toMatchObject({ type: 'deletion', trigger, categories: ['profile'], dueAt: '2026-03-23' })
    }
    expect(codeOf(() => newRequest({ id: 'req-1', type: 'question', now: T0, calendar, trigger: 'unlawful' }))).toBe('COMMON.INVALID_INPUT')
    expect(codeOf(() => newRequest({ id: 'req-1', type: 'deletion', now: T0, calendar, trigger: 'because' as never }))).toBe('COMMON.INVALID_INPUT')
    expect(codeOf(() => newRequest({ id: 'req-1', type: 'deletion', now: T0, calendar, categories: [] }))).toBe('COMMON.INVALID_INPUT')
  })

  it('ops answer a question or complaint: accept, then complete with the answer as the outcome; the trigger survives events', () => {
    const q = newRequest({ id: 'req-q', type: 'complaint', now: T0, calendar, detail: '未经同意发送营销短信' })
    assertOpsMay(q, 'accept')
    const accepted = applyRequestEvent(q, 'accept', { now: T0, by: 'ops' })
    assertOpsMay(accepted, 'complete')
    expect(applyRequestEvent(accepted, 'complete', { now: T0, by: 'ops', outcome: '已停止发送并删除你的手机号' })).toMatchObject({ status: 'completed', outcome: '已停止发送并删除你的手机号', detail: '未经同意发送营销短信' })
    const d = newRequest({ id: 'req-d', type: 'deletion', now: T0, calendar, trigger: 'consent-withdrawn' })
    expect(applyRequestEvent(d, 'reject', { now: T0, by: 'ops', reason: '交易记录依法保存 3 年' })).toMatchObject({ status: 'rejected', trigger: 'consent-withdrawn', reason: '交易记录依法保存 3 年' })
  })
})
