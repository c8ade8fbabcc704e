import { checkSubscribeMessage } from '../../../emulator/openapi/subscribe-message'
import {
  type CancellationNotice,
  DEFAULT_CANCELLATION_TEMPLATE_ID,
  cancellationTemplateId,
  miniprogramState,
  noticeData,
  thing,
  wechatTime,
} from '../../../src/domain/cancellation/notice'

const AT = new Date('2026-02-28T23:30:00Z')
const NOTICES: CancellationNotice[] = [
  { stage: 'cooling-off', coolingOffEndsAt: '2026-12-31T15:59:00Z' },
  { stage: 'awaiting-review' },
  { stage: 'approved' },
  { stage: 'completed', certificateId: 'Ab3_Cd4-Ef5_Gh6-Ij7_' },
  { stage: 'rejected', reason: '账号存在尚未完成的售后订单，\n请处理完毕后再申请注销' },
  { stage: 'withdrawn' },
]

describe('cancellation notices', () => {
  it.each(NOTICES.map((n) => [n.stage, n]))('%s: WeChat accepts the data (phrase ≤ 5 Chinese characters, thing ≤ 20, a time)', (_stage, notice) => {
    const data = noticeData(notice, AT)
    const pairs = new Map(Object.entries({ touser: 'o_test_user_1', template_id: DEFAULT_CANCELLATION_TEMPLATE_ID, data }).map(([k, v]) => [k, JSON.stringify(v)]))
    expect(checkSubscribeMessage(pairs)).toMatchObject({ ok: true })
    expect(data.time3.value).toBe('2026年3月1日 07:30')
  })

  it('says when the cooling-off ends, in China time, and carries the certificate id whole', () => {
    expect(noticeData(NOTICES[0]!, AT).thing2.value).toBe('12月31日 23:59前可撤销')
    expect(noticeData(NOTICES[3]!, AT).thing2.value).toBe('Ab3_Cd4-Ef5_Gh6-Ij7_')
  })

  it('cuts a long text to 20 characters with an ellipsis, and drops line breaks', () => {
    expect(thing('一二三四五六七八九十一二三四五六七八九十')).toBe('一二三四五六七八九十一二三四五六七八九十')
    expect(thing('一二三四五六七八九十一二三四五六七八九十一')).toBe('一二三四五六七八九十一二三四五六七八九…')
    expect(thing('  第一行\n\t第二行 ')).toBe('第一行 第二行')
    expect(Array.from(thing('😀'.repeat(30)))).toHaveLength(20)
    expect(thing('\n')).toBe('详见注销进度')
  })

  it('formats China time across the date line', () => {
    expect(wechatTime(new Date('2026-12-31T16:05:00Z'))).toBe('2027年1月1日 00:05')
  })

  it('reads the template id and the mini-program version from the environment, refusing malformed ones', () => {
    expect(cancellationTemplateId(undefined)).toBe(DEFAULT_CANCELLATION_TEMPLATE_ID)
    expect(cancellationTemplateId(' ')).toBe(DEFAULT_CANCELLATION_TEMPLATE_ID)
    expect(cancellationTemplateId('Xy7_abc-DEF')).toBe('Xy7_abc-DEF')
    expect(() => cancellationTemplateId('tmpl id')).toThrow(/CANCELLATION_TEMPLATE_ID/)
    expect(miniprogramState(undefined)).toBe('formal')
    expect(miniprogramState('developer')).toBe('developer')
    expect(() => miniprogramState('prod')).toThrow(/SUBSCRIBE_MINIPROGRAM_STATE/)
  })
})
