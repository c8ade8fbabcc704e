import { opsRequest } from '../../../src/contracts/ops'
import { type AnnouncementVersion, addDismissal, announcementHistory, DISMISSALS_KEPT, dismissalKey, liveAnnouncements, nextVersion } from '../../../src/domain/announcements/announcement'

const TEXT = { 'zh-CN': '示例', en: 'Example' }
const v = (announcementId: string, version: number, publishedAt: string, withdrawnAt?: string): AnnouncementVersion => ({
  announcementId,
  version,
  kind: 'notice',
  title: TEXT,
  body: TEXT,
  publishedAt,
  publishedBy: 'ops_alice',
  ...(withdrawnAt ? { withdrawnAt, withdrawnBy: 'ops_bob', withdrawReason: '已处理' } : {}),
})

describe('announcements (domain)', () => {
  const all = [
    v('a', 1, '2026-03-01T00:00:00Z'),
    v('a', 2, '2026-03-05T00:00:00Z'),
    v('b', 1, '2026-03-03T00:00:00Z'),
    v('c', 1, '2026-03-02T00:00:00Z'),
    v('c', 2, '2026-03-04T00:00:00Z', '2026-03-06T00:00:00Z'),
  ]

  it('users see the latest version of each, unless withdrawn (an older version never comes back), newest first, without operators', () => {
    const live = liveAnnouncements(all)
    expect(live.map(dismissalKey)).toEqual(['a@2', 'b@1'])
    expect(JSON.stringify(live)).not.toMatch(/ops_|withdraw/)
  })

  it('history keeps every version, withdrawn ones included, newest first', () => {
    expect(announcementHistory(all).map(dismissalKey)).toEqual(['a@2', 'c@2', 'b@1', 'c@1', 'a@1'])
  })

  it('numbers versions per id', () => {
    expect([nextVersion(all, 'a'), nextVersion(all, 'c'), nextVersion(all, 'new')]).toEqual([3, 3, 1])
  })

  it('remembers dismissals by id and version, once each, the newest 50', () => {
    expect(addDismissal(['a@1', 'b@1'], 'a@1')).toEqual(['b@1', 'a@1'])
    expect(addDismissal(['a@1'], 'a@2')).toEqual(['a@1', 'a@2'])
    const many = Array.from({ length: DISMISSALS_KEPT }, (_, i) => `x${i}@1`)
    expect(addDismissal(many, 'new@1')).toEqual([...many.slice(1), 'new@1'])
  })

  it('the publish request needs both languages and refuses control characters', () => {
    const ok = { action: 'publishAnnouncement', kind: 'incident', title: { 'zh-CN': '标题', en: 'Title' }, body: { 'zh-CN': '第一行\n第二行', en: 'Line 1\nLine 2' } }
    expect(opsRequest.safeParse(ok).success).toBe(true)
    expect(opsRequest.safeParse({ ...ok, title: { 'zh-CN': '标题' } }).success).toBe(false)
    expect(opsRequest.safeParse({ ...ok, title: { 'zh-CN': '标\t题', en: 'Title' } }).success).toBe(false)
    expect(opsRequest.safeParse({ ...ok, body: { ...ok.body, en: 'a\r\nb' } }).success).toBe(false)
    expect(opsRequest.safeParse({ ...ok, body: { ...ok.body, en: 'a\u2066b' } }).success).toBe(false)
    // Trimmed: the stored text has no padding.
    const parsed = opsRequest.parse({ ...ok, title: { 'zh-CN': '  标题 ', en: 'Title' } }) as { title: { 'zh-CN': string } }
    expect(parsed.title['zh-CN']).toBe('标题')
  })
})
