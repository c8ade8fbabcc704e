import { CONSENT_EVENTS, CONSENT_HEADS, CONSENT_SALTS } from '../../cloudfunctions/_shared/repositories/consent-ledger'
import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { POLICY_2026_1 } from '../../src/content'
import { verifyChain } from '../../src/domain/consent/consent-ledger'
import { removeDataDir, startEmulator, type RunningEmulator } from '../support/emulator'
import { LOCATION, POLICY_1, POLICY_2, POLICY_TARGET, dbStats, decision, freshCloud, invoker, user } from '../support/consent'

// The built `consent` function (npm run build:cloud), run by the emulator with the real wx-server-sdk.
describe('consent function', () => {
  let emu: RunningEmulator
  let invoke: ReturnType<typeof invoker>
  const record = (openid: string, request = decision()) => invoke({ action: 'record', request }, user(openid))
  const call = async (action: string, openid: string, extra: object = {}) => (await invoke({ action, ...extra }, user(openid))).result!

  beforeAll(async () => {
    emu = await startEmulator()
    invoke = invoker(emu, 'consent')
  })
  beforeEach(() => freshCloud(emu))
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('policy: the published versions, newest first, readable before any agreement', async () => {
    const reply = await call('policy', 'o_test_user_1')
    expect(reply).toMatchObject({ ok: true, data: { latest: { ...POLICY_2, change: 'major' } } })
    expect(reply.data.versions.map((v: { version: string }) => v.version)).toEqual(['2026.2', '2026.1'])
  })

  it('status: first consent, then re-consent listing the new purpose after a major version, then none', async () => {
    expect((await call('status', 'o_test_user_1', { language: 'zh-CN' })).data).toMatchObject({ need: 'first-consent', changes: [], consents: {} })
    await record('o_test_user_1', decision({ policy: POLICY_1 }))
    const reconsent = (await call('status', 'o_test_user_1', { language: 'en' })).data
    expect(reconsent).toMatchObject({ need: 'reconsent', agreed: POLICY_1, latest: POLICY_2 })
    expect(reconsent.changes).toContainEqual(
      expect.objectContaining({ kind: 'purpose-added', id: 'personalised-recommendations', optional: true, name: 'Personalised store recommendations', sentence: expect.stringMatching(/^We added an optional purpose, "Personalised store recommendations"/) }),
    )
    await record('o_test_user_1', decision({ policy: POLICY_2 }))
    expect((await call('status', 'o_test_user_1', { language: 'zh-CN' })).data).toMatchObject({ need: 'none', agreed: POLICY_2, changes: [] })
  })

  it('record: appends to the chain and derives the standing consent', async () => {
    const first = await record('o_test_user_1', decision({ target: LOCATION, decision: 'grant', method: 'permission-dialog' }))
    expect(first.result).toMatchObject({ ok: true, data: { replayed: false, event: { seq: 1, decision: 'grant' }, consents: { 'scope:scope.userLocation': { state: 'granted', seq: 1 } } } })
    expect(first.result!.data.event.subject).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(first)).not.toContain('o_test_user_1')
    const second = await record('o_test_user_1', decision({ target: LOCATION, decision: 'withdraw', method: 'settings-toggle' }))
    expect(second.result).toMatchObject({ ok: true, data: { event: { seq: 2, prevHash: first.result!.data.event.hash }, consents: { 'scope:scope.userLocation': { state: 'withdrawn' } } } })
  })

  it('record: a retry with the same clientRequestId replays the first event; another decision under it is refused', async () => {
    const request = decision()
    const first = await record('o_test_user_1', request)
    const retry = await record('o_test_user_1', request)
    expect(retry.result).toMatchObject({ ok: true, data: { replayed: true, event: first.result!.data.event } })
    const reused = await record('o_test_user_1', { ...request, decision: 'deny', method: 'refuse-button' })
    expect(reused.result).toMatchObject({ ok: false, code: 'CONSENT.REQUEST_ID_REUSED' })
    expect((await call('history', 'o_test_user_1')).data.events).toHaveLength(1)
  })

  it('record: concurrent copies of one request still make exactly one event', async () => {
    const request = decision()
    const replies = await Promise.all(Array.from({ length: 10 }, () => record('o_test_user_1', request)))
    expect(replies.every((r) => r.result?.ok)).toBe(true)
    expect(replies.filter((r) => !r.result!.data.replayed)).toHaveLength(1)
    expect((await call('history', 'o_test_user_1')).data.events).toHaveLength(1)
  })

  it('record: 200 writes for one user from 10 concurrent callers leave an intact chain of exactly 200 events', async () => {
    // As in SCF, an instance serves one call at a time, so 10 callers keep 10 instances appending to one
    // chain: their commits conflict and retry. (200 at once would be 200 instances in a retry storm.)
    const callers = await Promise.all(
      Array.from({ length: 10 }, async (_, c) => {
        const mine = []
        for (let i = 0; i < 20; i++) mine.push(await record('o_test_user_1', decision({ decision: (c + i) % 2 ? 'withdraw' : 'grant' })))
        return mine
      }),
    )
    const replies = callers.flat()
    expect(replies.filter((r) => !r.result?.ok)).toEqual([])
    const { events } = (await call('history', 'o_test_user_1')).data
    expect(events.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
    expect(new Set(events.map((e: { clientRequestId: string }) => e.clientRequestId)).size).toBe(200)
    // The clock is read when each append runs, so time never runs backwards along the chain.
    const times = events.map((e: { serverTime: string }) => e.serverTime)
    expect(times).toEqual([...times].sort())
    expect((await call('verify', 'o_test_user_1')).data).toMatchObject({ ok: true, count: 200, head: { seq: 200 } })
  }, 120_000)

  it('record: a commit conflict from another instance is retried, leaving one event and an intact chain', async () => {
    await record('o_test_user_1')
    // Another instance moved the head first: the emulator answers this append's commit with a conflict.
    await emu.control('/faults', { action: 'database.commitTransaction', nth: 1, code: 'DATABASE_TRANSACTION_CONFLICT' })
    const reply = await record('o_test_user_1', decision({ decision: 'withdraw' }))
    expect(reply.result).toMatchObject({ ok: true, data: { replayed: false, event: { seq: 2 } } })
    expect((await call('history', 'o_test_user_1')).data.events).toHaveLength(2)
    expect((await call('verify', 'o_test_user_1')).data).toMatchObject({ ok: true, count: 2 })
  })

  it('record: refuses an unpublished version or a wrong hash, and a target the cited version does not declare', async () => {
    expect((await record('o_test_user_1', decision({ policy: { version: '2099.1', hash: POLICY_2.hash } }))).result).toMatchObject({ ok: false, code: 'POLICY.UNKNOWN_VERSION' })
    expect((await record('o_test_user_1', decision({ policy: { version: '2026.2', hash: POLICY_1.hash } }))).result).toMatchObject({ ok: false, code: 'POLICY.UNKNOWN_VERSION' })
    const recommendations = { kind: 'purpose', id: 'personalised-recommendations' } as const
    expect((await record('o_test_user_1', decision({ target: recommendations, policy: POLICY_1, method: 'purpose-prompt' }))).result).toMatchObject({ ok: false, code: 'CONSENT.UNKNOWN_TARGET' })
    expect((await record('o_test_user_1', decision({ target: recommendations, policy: POLICY_2, method: 'purpose-prompt' }))).result).toMatchObject({ ok: true })
  })

  it.each([
    ['a record without a request', { action: 'record' }],
    ['a short clientRequestId', { action: 'record', request: { ...decision(), clientRequestId: 'short' } }],
    ['an unknown decision', { action: 'record', request: { ...decision(), decision: 'maybe' } }],
    ['an unknown scope', { action: 'record', request: { ...decision(), target: { kind: 'scope', id: 'scope.camera.spy' } } }],
    ['a malformed policy hash', { action: 'record', request: { ...decision(), policy: { version: '2026.2', hash: 'not-a-hash' } } }],
    ['a path as event id', { action: 'receipt', eventId: '../x' }],
    ['an unsupported language', { action: 'status', language: 'fr' }],
    ['an unknown action', { action: 'forget' }],
  ])('rejects %s with COMMON.INVALID_INPUT and writes nothing', async (_label, event) => {
    const reply = await invoke(event, user('o_test_user_1'))
    expect(reply.result).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
    expect(await dbStats(emu)).toEqual({})
  })

  it('refuses callers without an openid', async () => {
    for (const event of [{ action: 'policy' }, { action: 'record', request: decision() }]) {
      expect((await invoke(event, null)).result).toMatchObject({ ok: false, code: 'COMMON.UNAUTHENTICATED' })
    }
    expect(await dbStats(emu)).toEqual({})
  })

  it('one user never sees another’s history, verification or receipts', async () => {
    const mine = (await record('o_test_user_1')).result!.data.event
    expect((await call('history', 'o_test_user_2')).data.events).toEqual([])
    expect((await call('verify', 'o_test_user_2')).data).toEqual({ ok: true, count: 0 })
    expect(await call('receipt', 'o_test_user_2', { eventId: mine.eventId })).toMatchObject({ ok: false, code: 'COMMON.NOT_FOUND' })
    await record('o_test_user_2')
    expect((await call('history', 'o_test_user_2')).data.events.map((e: { eventId: string }) => e.eventId)).not.toContain(mine.eventId)
  })

  it('receipt: the Kantara / ISO 27560 fields for one event, with the purposes of the cited version', async () => {
    const event = (await record('o_test_user_1', decision({ target: LOCATION, policy: POLICY_1, method: 'permission-dialog', language: 'en' }))).result!.data.event
    const receipt = (await call('receipt', 'o_test_user_1', { eventId: event.eventId })).data
    expect(receipt).toMatchObject({ version: 'KI-CR-v1.1.0', consentReceiptID: event.eventId, policyVersion: POLICY_2026_1.version, piiPrincipalId: event.subject, eventState: 'given', language: 'en' })
    expect(receipt.services[0].purposes.map((p: { purposeId: string }) => p.purposeId)).toEqual(['nearby-stores'])
    expect(receipt.proof).toMatchObject({ seq: 1, hash: event.hash })
  })

  it('verify: editing one stored event through the SDK is detected', async () => {
    for (let i = 0; i < 3; i++) await record('o_test_user_1', decision({ target: POLICY_TARGET }))
    const { events } = (await call('history', 'o_test_user_1')).data
    await settled(database().collection(CONSENT_EVENTS).doc(events[1].eventId).update({ data: { decision: 'deny' } }))
    expect((await call('verify', 'o_test_user_1')).data).toEqual({ ok: false, seq: 2, reason: 'hash-mismatch' })
  })

  it('verify: deleting the newest event is caught against the head kept apart', async () => {
    for (let i = 0; i < 3; i++) await record('o_test_user_1')
    const { events } = (await call('history', 'o_test_user_1')).data
    await settled(database().collection(CONSENT_EVENTS).doc(events[2].eventId).remove())
    expect((await call('verify', 'o_test_user_1')).data).toMatchObject({ ok: false, reason: 'head-mismatch' })
  })

  it('deleting the salt leaves a chain that still verifies but no longer links to the openid', async () => {
    for (let i = 0; i < 3; i++) await record('o_test_user_1')
    const subject = (await call('history', 'o_test_user_1')).data.events[0].subject
    await settled(database().collection(CONSENT_SALTS).doc('o_test_user_1').remove())
    expect((await call('history', 'o_test_user_1')).data.events).toEqual([])
    expect((await call('status', 'o_test_user_1', { language: 'zh-CN' })).data).toMatchObject({ need: 'first-consent', consents: {} })
    const db = database()
    const { data: rows } = await settled(db.collection(CONSENT_EVENTS).where({ subject }).orderBy('seq', 'asc').get())
    const { data: head } = await settled(db.collection(CONSENT_HEADS).doc(subject).get())
    expect(verifyChain(rows, head as never)).toMatchObject({ ok: true, count: 3 })
    // A later decision starts a new, unlinked chain under a new salt.
    const next = (await record('o_test_user_1')).result!.data.event
    expect(next).toMatchObject({ seq: 1 })
    expect(next.subject).not.toBe(subject)
  })

  it('purge: a refusal of someone who never agreed is deleted after 30 days; an account’s chain stays', async () => {
    const DAY = 24 * 60 * 60 * 1000
    const refuse = (openid: string) => record(openid, decision({ decision: 'deny', method: 'refuse-button' }))
    await refuse('o_test_user_1')
    await refuse('o_test_user_2')
    await record('o_test_user_3')
    await record('o_test_user_3', decision({ decision: 'withdraw', method: 'settings-toggle' }))
    await record('o_test_user_4')
    const ageSalt = async (openid: string, days: number) => settled(database().collection(CONSENT_SALTS).doc(openid).update({ data: { createdAt: new Date(Date.now() - days * DAY) } }))
    await ageSalt('o_test_user_1', 31)
    await ageSalt('o_test_user_2', 10)
    await ageSalt('o_test_user_3', 31)
    await ageSalt('o_test_user_4', 31)
    const subjectOf = async (openid: string) => (await call('history', openid)).data.events[0]?.subject as string | undefined
    const refused = (await subjectOf('o_test_user_1'))!
    const result = await emu.control<{ result?: unknown }>('/timers/run', { name: 'consent', trigger: 'purgeRefusals' })
    expect(result.result).toEqual({ ok: true, data: { purged: 1, kept: 2 } })
    const rows = async (c: string) => (await settled(database().collection(c).limit(1000).get())).data as Array<Record<string, unknown>>
    expect((await rows(CONSENT_SALTS)).map((r) => r._id).sort()).toEqual(['o_test_user_2', 'o_test_user_3', 'o_test_user_4'])
    expect((await rows(CONSENT_EVENTS)).filter((e) => e.subject === refused)).toEqual([])
    expect((await rows(CONSENT_HEADS)).filter((h) => h._id === refused)).toEqual([])
    // Nothing links the purged refusal to anyone; a new decision starts a new chain.
    expect(await call('history', 'o_test_user_1')).toEqual({ ok: true, data: { events: [] } })
    expect((await call('verify', 'o_test_user_3')).data).toMatchObject({ ok: true, count: 2 })
  })
})
