import { formatShanghai } from '../../../src/domain/common/local-time'
import { maskId } from '../../../src/domain/common/mask'
import { CONSENT_METHODS, DECISIONS } from '../../../src/domain/consent/consent-event'
import { DECISION_LABELS, METHOD_LABELS } from '../../../src/domain/consent/consent-labels'

describe('times shown to people are China time', () => {
  it('shifts UTC by eight hours, across the date line of midnight', () => {
    expect(formatShanghai('2026-11-30T10:46:25.123Z')).toBe('2026-11-30 18:46')
    expect(formatShanghai('2026-12-31T16:30:00.000Z', { seconds: true })).toBe('2027-01-01 00:30:00')
  })
  it('agrees with the platform time-zone database for Asia/Shanghai all year', () => {
    const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' })
    for (let month = 0; month < 12; month++) {
      const d = new Date(Date.UTC(2026, month, 15, 19, 5))
      expect(formatShanghai(d.toISOString())).toBe(fmt.format(d))
    }
  })
  it('shows nothing for a value that is not a time', () => {
    expect(formatShanghai('not a time')).toBe('')
  })
})

describe('identifiers are masked for display', () => {
  it('keeps two characters at each end and hides the rest', () => {
    expect(maskId('o_test_user_2')).toBe('o_*********_2')
    expect(maskId('o_test_user_2')).not.toContain('test_user')
  })
  it('never shows a short id', () => {
    expect(maskId('abcd')).toBe('****')
    expect(maskId('abcdef')).toBe('ab****ef')
  })
})

describe('consent labels', () => {
  it('name every method and decision in both languages, with no wire value left on screen', () => {
    for (const m of CONSENT_METHODS) {
      expect(METHOD_LABELS[m]['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
      expect(METHOD_LABELS[m].en).not.toContain(m)
    }
    for (const d of DECISIONS) expect(DECISION_LABELS[d].en).toBeTruthy()
  })
})
