import { LATEST_POLICY } from '../../src/content'
import { chineseWorkdayCalendar, addWorkingDays } from '../../src/domain/calendar'
import { CONTACT_KINDS } from '../../src/domain/requests/request-input'
import { newRequest } from '../../src/domain/requests/rights-request'
import { repoText } from './checklist-harness'

/**
 * Checklist 23 (认定方法 §6(5); GB/T 35273 §8.8): the complaint channel is published and answered within
 * 15 working days. The policy's contact section names the in-app page, the officer's address and the
 * outside routes; a complaint is a request kind of its own with that deadline; the page is reachable from 我的.
 */
describe('checklist 23: complaint channel', () => {
  const contact = LATEST_POLICY.sections.find((s) => s.id === 'contact')!
  const words = contact.blocks.map((b) => (b.kind === 'paragraph' ? b.text['zh-CN'] : '')).join('\n')

  it('the policy publishes where to complain, the 15-working-day answer and the routes beyond us', () => {
    expect(words).toContain('我的 → 联系我们')
    expect(words).toMatch(/投诉/)
    expect(words).toContain('15 个工作日内答复')
    expect(words).toMatch(/主管部门投诉|人民法院/)
    expect(contact.blocks.some((b) => b.kind === 'table' && b.table === 'contact')).toBe(true)
    expect(LATEST_POLICY.manifest.contacts?.length ?? 0).toBeGreaterThan(0)
  })

  it('a complaint is its own kind of request, due 15 working days after receipt', () => {
    expect(CONTACT_KINDS).toContain('complaint')
    const filed = new Date('2026-05-06T01:00:00Z')
    const calendar = chineseWorkdayCalendar()
    expect(newRequest({ id: 'req_complaint_0001', type: 'complaint', now: filed, calendar }).dueAt).toBe(addWorkingDays(calendar, filed.toISOString(), 15))
  })

  it('the contact page is linked from the personal centre', () => {
    expect(repoText('src/routes.ts')).toContain("CONTACT_PAGE = '/packages/personal/pages/contact/index'")
    expect(repoText('src/pages/me/index.tsx')).toMatch(/id='link-contact'[^\n]*url: CONTACT_PAGE/)
  })
})
