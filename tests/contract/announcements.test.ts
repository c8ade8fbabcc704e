import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { ANNOUNCEMENTS } from '../../cloudfunctions/_shared/repositories/announcements'
import { OPS_AUDIT } from '../../cloudfunctions/_shared/repositories/ops-audit'
import { ERROR_CODES } from '../../src/domain/common/errors'
import { cloudSuite, invoker, type Reply, user } from '../support/consent'
import { type RunningEmulator } from '../support/emulator'
import { OPS_ENV, operator } from '../support/ops'

const CODES = new Set<string>(ERROR_CODES)
// Fictional texts.
const INCIDENT = {
  kind: 'incident',
  title: { 'zh-CN': '示例安全事件通知', en: 'Example security incident notice' },
  body: { 'zh-CN': '我们发现示例系统在 3 月 1 日出现异常访问。\n已采取的措施：……', en: 'We found unusual access to an example system on 1 March.\nWhat we did: …' },
}
const NOTICE = { kind: 'notice', title: { 'zh-CN': '示例维护公告', en: 'Example maintenance notice' }, body: { 'zh-CN': '周六凌晨维护。', en: 'Maintenance early on Saturday.' } }

// The built `ops` and `stores` functions (npm run build:cloud): ops publish, users (and callers without an openid) read.
describe('announcements', () => {
  let emu: RunningEmulator
  let ops: ReturnType<typeof invoker>
  let stores: ReturnType<typeof invoker>
  const as = async (event: Record<string, unknown>): Promise<Reply> => (await ops({ operator: operator(), ...event }, null)).result!
  const read = async (identity: unknown = user('o_test_user_1')): Promise<Reply> => (await stores({ action: 'announcements' }, identity)).result!
  const live = async (identity?: unknown) => ((await read(identity)).data.announcements as Array<{ announcementId: string; version: number }>).map((a) => `${a.announcementId}@${a.version}`)
  const rows = async (collection: string) => (await settled(database().collection(collection).limit(1000).get())).data as Array<Record<string, any>>
  const auditEntries = async () => (await rows(OPS_AUDIT)).filter((r) => r._id !== 'head').sort((a, b) => a.seq - b.seq)

  cloudSuite((e) => {
    emu = e
    ops = invoker(emu, 'ops')
    stores = invoker(emu, 'stores')
  }, OPS_ENV)

  it('publishes in both languages; a user and a caller without an openid read it, newest first, with no operator', async () => {
    const first = await as({ action: 'publishAnnouncement', ...NOTICE })
    expect(first).toMatchObject({ ok: true, data: { version: 1, kind: 'notice', publishedBy: 'ops_alice', title: NOTICE.title } })
    expect(first.data.announcementId).toMatch(/^[A-Za-z0-9_-]{20}$/)
    const second = await as({ action: 'publishAnnouncement', announcementId: 'incident-2026-03', ...INCIDENT })
    expect(second).toMatchObject({ ok: true, data: { announcementId: 'incident-2026-03', version: 1, kind: 'incident' } })

    const expected = ['incident-2026-03@1', `${first.data.announcementId}@1`]
    expect(await live()).toEqual(expected)
    expect(await live(null)).toEqual(expected)
    const [shown] = (await read(null)).data.announcements
    expect(shown).toEqual({ announcementId: 'incident-2026-03', version: 1, kind: 'incident', title: INCIDENT.title, body: INCIDENT.body, publishedAt: second.data.publishedAt })
    expect(JSON.stringify(await read())).not.toContain('ops_alice')
    // Reading wrote nothing: no reader is recorded anywhere.
    expect(await rows(ANNOUNCEMENTS)).toHaveLength(2)
  })

  it('refuses bad input with a coded error and writes nothing', async () => {
    const bad: Array<Record<string, unknown>> = [
      { ...INCIDENT, title: { 'zh-CN': INCIDENT.title['zh-CN'] } },
      { ...INCIDENT, body: { en: INCIDENT.body.en } },
      { ...INCIDENT, title: { ...INCIDENT.title, en: '   ' } },
      { ...INCIDENT, title: { ...INCIDENT.title, en: 'x'.repeat(81) } },
      { ...INCIDENT, body: { ...INCIDENT.body, 'zh-CN': 'x'.repeat(2001) } },
      { ...INCIDENT, title: { ...INCIDENT.title, 'zh-CN': '两行\n标题' } },
      { ...INCIDENT, body: { ...INCIDENT.body, en: 'bell \u0007' } },
      { ...INCIDENT, body: { ...INCIDENT.body, en: 'bidi \u202E override' } },
      { ...INCIDENT, kind: 'urgent' },
      { ...INCIDENT, announcementId: '../x' },
      { ...INCIDENT, clientRequestId: 'short' },
      { ...INCIDENT, titel: INCIDENT.title },
      { ...INCIDENT, title: { ...INCIDENT.title, fr: 'Avis' } },
    ]
    for (const event of bad) {
      const reply = await as({ action: 'publishAnnouncement', ...event })
      expect([reply.code, event]).toEqual(['COMMON.INVALID_INPUT', event])
    }
    for (const event of [{ action: 'withdrawAnnouncement', announcementId: 'nope-1' }, { action: 'withdrawAnnouncement', announcementId: 'nope-1', reason: ' ' }]) {
      expect(await as(event)).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
    }
    expect(await as({ action: 'withdrawAnnouncement', announcementId: 'nope-1', reason: '误发' })).toMatchObject({ ok: false, code: 'COMMON.NOT_FOUND' })
    expect(await rows(ANNOUNCEMENTS)).toEqual([])
    expect(await live()).toEqual([])
  })

  it('withdrawing hides it from users; the history keeps every version; a re-publish of the id bumps the version', async () => {
    const id = 'incident-2026-04'
    expect(await as({ action: 'publishAnnouncement', announcementId: id, ...INCIDENT })).toMatchObject({ ok: true, data: { version: 1 } })
    const v2 = await as({ action: 'publishAnnouncement', announcementId: id, ...INCIDENT, body: { 'zh-CN': '更新：已修复。', en: 'Update: fixed.' } })
    expect(v2).toMatchObject({ ok: true, data: { announcementId: id, version: 2 } })
    // Only the latest version shows.
    expect(await live()).toEqual([`${id}@2`])

    const withdrawn = await as({ action: 'withdrawAnnouncement', announcementId: id, reason: '事件已处理完毕' })
    expect(withdrawn).toMatchObject({ ok: true, data: { version: 2, withdrawnBy: 'ops_alice', withdrawReason: '事件已处理完毕' } })
    expect(await live()).toEqual([])
    expect(await live(null)).toEqual([])
    expect(await as({ action: 'withdrawAnnouncement', announcementId: id, reason: '再撤一次' })).toMatchObject({ ok: false, code: 'ANNOUNCEMENT.ALREADY_WITHDRAWN' })

    const history = await as({ action: 'listAnnouncements' })
    expect(history.data.announcements.map((a: Record<string, unknown>) => [a.announcementId, a.version, a.withdrawnAt !== undefined])).toEqual([
      [id, 2, true],
      [id, 1, false],
    ])
    expect(history.data.announcements[1]).toMatchObject({ body: INCIDENT.body, publishedBy: 'ops_alice' })

    // Published again after the withdrawal: version 3, live again; versions 1 and 2 stay as they were.
    expect(await as({ action: 'publishAnnouncement', announcementId: id, ...INCIDENT })).toMatchObject({ ok: true, data: { version: 3 } })
    expect(await live()).toEqual([`${id}@3`])
    expect((await as({ action: 'listAnnouncements' })).data.announcements.map((a: { version: number }) => a.version)).toEqual([3, 2, 1])
    expect(await rows(ANNOUNCEMENTS)).toHaveLength(3)
  })

  it('a retry with the same clientRequestId publishes once', async () => {
    const event = { action: 'publishAnnouncement', ...NOTICE, clientRequestId: 'ann-retry-0001' }
    const [a, b] = [await as(event), await as(event)]
    expect(b).toEqual(a)
    expect(await rows(ANNOUNCEMENTS)).toHaveLength(1)
  })

  it('audits every call with the announcement id, the withdrawal reason, and no text', async () => {
    const published = await as({ action: 'publishAnnouncement', ...NOTICE })
    const generated = published.data.announcementId as string
    await as({ action: 'publishAnnouncement', announcementId: 'notice-0001', ...NOTICE })
    await as({ action: 'withdrawAnnouncement', announcementId: 'notice-0001', reason: '已过期' })
    await as({ action: 'withdrawAnnouncement', announcementId: 'notice-0001', reason: '已过期' })
    await as({ action: 'publishAnnouncement', announcementId: 'notice-0001', ...NOTICE, kind: 'alert' })
    await as({ action: 'listAnnouncements' })
    expect((await auditEntries()).map((e) => [e.operator, e.action, e.targets, e.reason ?? null, e.outcome])).toEqual([
      ['ops_alice', 'publishAnnouncement', [generated], null, 'ok'],
      ['ops_alice', 'publishAnnouncement', ['notice-0001'], null, 'ok'],
      ['ops_alice', 'withdrawAnnouncement', ['notice-0001'], '已过期', 'ok'],
      ['ops_alice', 'withdrawAnnouncement', ['notice-0001'], '已过期', 'ANNOUNCEMENT.ALREADY_WITHDRAWN'],
      ['ops_alice', 'publishAnnouncement', ['notice-0001'], null, 'COMMON.INVALID_INPUT'],
      ['ops_alice', 'listAnnouncements', [], null, 'ok'],
    ])
    expect((await as({ action: 'verifyAudit' })).data).toMatchObject({ intact: true })
  })

  it('a mini-program user cannot call the ops actions, whatever token they hold; the refusals are audited', async () => {
    const events = [
      { operator: operator(), action: 'publishAnnouncement', announcementId: 'user-try-1', ...INCIDENT },
      { operator: operator(), action: 'withdrawAnnouncement', announcementId: 'user-try-1', reason: 'x' },
      { operator: operator(), action: 'listAnnouncements' },
    ]
    for (const event of events) {
      const reply = (await ops(event, user('o_test_user_1'))).result!
      expect(reply).toMatchObject({ ok: false, code: 'OPS.FORBIDDEN' })
      expect(CODES.has(reply.code!)).toBe(true)
    }
    expect(await rows(ANNOUNCEMENTS)).toEqual([])
    expect((await auditEntries()).map((e) => [e.operator, e.action, e.targets, e.outcome])).toEqual([
      ['user-caller', 'publishAnnouncement', ['user-try-1'], 'OPS.FORBIDDEN'],
      ['user-caller', 'withdrawAnnouncement', ['user-try-1'], 'OPS.FORBIDDEN'],
      ['user-caller', 'listAnnouncements', [], 'OPS.FORBIDDEN'],
    ])
    expect(JSON.stringify(await rows(OPS_AUDIT))).not.toMatch(/o_test_user|test-token/)
  })
})
