import { CONSENT_EVENTS, CONSENT_HEADS, CONSENT_SALTS } from '../../cloudfunctions/_shared/repositories/consent-ledger'
import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { POLICY_2026_1, POLICY_2026_2 } from '../../src/content'
import { verifyChain } from '../../src/domain/consent/consent-ledger'
import { type RunningEmulator } from '../support/emulator'
import type { ConsentRequest } from '../../src/domain/consent/consent-event'
import { isDeclaredTarget } from '../../src/domain/consent/consent-targets'
import { LOCATION, POLICY_1, POLICY_2, POLICY_TARGET, dbStats, decision, cloudSuite, invoker, user } from '../support/consent'

// The built `consent` function (npm run build:cloud), run by the emulator with the real wx-server-sdk.
describe('consent function', () => {
  let emu: RunningEmulator
  let invoke: ReturnType<typeof invoker>
  const record = (openid: string, request = decision()) => invoke({ action: 'record', request }, user(openid))
  /** One decision about several targets; `over` replaces any common field. */
  const decide = (openid: string, decisions: Array<{ target: object; decision: string }>, over: Partial<ConsentRequest> = {}) => {
    const { target: _t, decision: _d, ...common } = decision(over)
    return invoke({ action: 'decide', request: { ...common, decisions } }, user(openid))
  }
  /** Three events: grant, withdraw, grant of the policy (a repeat of what stands would append nothing). */
  const threeEvents = async (openid: string) => {
    for (const d of ['grant', 'withdraw', 'grant'] as const) expect((await record(openid, decision({ decision: d }))).result).toMatchObject({ ok: true, data: { replayed: false } })
  }
  /** Every row of the ledger's collections, to show that a refused decision changed nothing. */
  const ledgerRows = async () => Promise.all([CONSENT_SALTS, CONSENT_HEADS, CONSENT_EVENTS].map(async (c) => (await settled(database().collection(c).limit(1000).get())).data))
  const call = async (action: string, openid: string, extra: object = {}) => (await invoke({ action, ...extra }, user(openid))).result!

  cloudSuite((e) => {
    emu = e
    invoke = invoker(emu, 'consent')
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
    // Each caller turns its own purpose or scope on and off, so every write is a change of state.
    const m = POLICY_2026_2.manifest
    const targets = [...m.purposes.map((p) => ({ kind: 'purpose', id: p.id }) as const), ...m.features.flatMap((f) => (f.scope ? [{ kind: 'scope', id: f.scope } as const] : []))]
    const own = [...new Map(targets.filter((t) => isDeclaredTarget(m, t)).map((t) => [`${t.kind}:${t.id}`, t])).values()].slice(0, 10)
    expect(own).toHaveLength(10)
    // As the app does (3 tries, the same request id), a write that lost conflicts for its whole retry
    // budget (a starved instance on a loaded machine) is sent again; the id keeps it to one event.
    const send = async (request: ConsentRequest) => {
      let reply = await record('o_test_user_1', request)
      for (let i = 1; i < 3 && reply.result?.code === 'COMMON.INTERNAL'; i++) reply = await record('o_test_user_1', request)
      return reply
    }
    const callers = await Promise.all(
      own.map(async (target) => {
        const mine = []
        for (let i = 0; i < 20; i++) mine.push(await send(decision({ target, decision: i % 2 ? 'withdraw' : 'grant', method: 'settings-toggle' })))
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

  it('record: a repeat of the standing decision appends nothing and answers the standing event', async () => {
    const first = (await record('o_test_user_1', decision({ target: LOCATION, method: 'permission-dialog' }))).result!.data.event
    const again = await record('o_test_user_1', decision({ target: LOCATION, method: 'wechat-settings' }))
    expect(again.result).toMatchObject({ ok: true, data: { replayed: true, event: first } })
    expect((await call('history', 'o_test_user_1')).data.events).toHaveLength(1)
    // Agreeing to a newer version is news, though: it is recorded.
    await record('o_test_user_1', decision({ policy: POLICY_1 }))
    expect((await record('o_test_user_1', decision({ policy: POLICY_2 }))).result).toMatchObject({ ok: true, data: { replayed: false, event: { seq: 3 } } })
  })

  it('record: withdrawing what was never granted is refused with CONSENT.NOT_GRANTED and changes nothing', async () => {
    const withdraw = (target: object) => record('o_test_user_1', decision({ target: target as never, decision: 'withdraw', method: 'settings-toggle' }))
    // Without a chain not even a salt is made.
    expect((await withdraw(LOCATION)).result).toMatchObject({ ok: false, code: 'CONSENT.NOT_GRANTED' })
    expect(await ledgerRows()).toEqual([[], [], []])
    await record('o_test_user_1', decision({ target: LOCATION, decision: 'deny', method: 'permission-dialog' }))
    const before = await ledgerRows()
    expect((await withdraw(LOCATION)).result).toMatchObject({ ok: false, code: 'CONSENT.NOT_GRANTED' })
    expect(await ledgerRows()).toEqual(before)
  })

  it('decide: every target of the first-run sheet in one call and one transaction', async () => {
    const sheet = [
      { target: POLICY_TARGET, decision: 'grant' },
      { target: { kind: 'purpose', id: 'account-identity' }, decision: 'grant' },
      { target: { kind: 'purpose', id: 'personalised-recommendations' }, decision: 'grant' },
      { target: LOCATION, decision: 'deny' },
    ]
    const reply = (await decide('o_test_user_1', sheet)).result!
    expect(reply).toMatchObject({ ok: true, data: { replayed: false } })
    expect(reply.data.events.map((e: { seq: number; target: { id: string }; decision: string }) => [e.seq, e.target.id, e.decision])).toEqual([
      [1, 'privacy-policy', 'grant'],
      [2, 'account-identity', 'grant'],
      [3, 'personalised-recommendations', 'grant'],
      [4, 'scope.userLocation', 'deny'],
    ])
    expect(Object.values(reply.data.consents).map((c) => (c as { state: string }).state)).toEqual(['granted', 'granted', 'granted', 'denied'])
    const stats = await dbStats(emu)
    expect(stats['database.startTransaction']).toBe(1)
    expect(stats['database.commitTransaction']).toBe(1)
    expect((await call('verify', 'o_test_user_1')).data).toMatchObject({ ok: true, count: 4 })
  })

  it('decide: a retry with the same clientRequestId replays the same events; another decision under it is refused', async () => {
    const sheet = [
      { target: POLICY_TARGET, decision: 'grant' },
      { target: { kind: 'purpose', id: 'account-identity' }, decision: 'grant' },
    ]
    const request = decision()
    const first = (await decide('o_test_user_1', sheet, request)).result!.data
    const retry = (await decide('o_test_user_1', sheet, request)).result!
    expect(retry).toEqual({ ok: true, data: { ...first, replayed: true } })
    expect((await decide('o_test_user_1', [{ target: POLICY_TARGET, decision: 'withdraw' }], { ...request, method: 'settings-toggle' })).result).toMatchObject({ ok: false, code: 'CONSENT.REQUEST_ID_REUSED' })
    expect((await call('history', 'o_test_user_1')).data.events).toHaveLength(2)
  })

  it.each([
    ['a purpose the cited version does not declare', { target: { kind: 'purpose', id: 'personalised-recommendations' }, decision: 'grant' }, { policy: POLICY_1 }, 'CONSENT.UNKNOWN_TARGET'],
    ['a withdrawal of a scope never granted', { target: { kind: 'scope', id: 'scope.writePhotosAlbum' }, decision: 'withdraw' }, {}, 'CONSENT.NOT_GRANTED'],
  ])('decide: %s in the batch refuses all of it and changes nothing', async (_label, bad, over, code) => {
    await record('o_test_user_1', decision({ target: LOCATION, decision: 'deny', method: 'permission-dialog' }))
    const before = await ledgerRows()
    const batch = [{ target: POLICY_TARGET, decision: 'grant' }, { target: LOCATION, decision: 'grant' }, bad]
    expect((await decide('o_test_user_1', batch, over)).result).toMatchObject({ ok: false, code })
    expect(await ledgerRows()).toEqual(before)
  })

  it('decide: a store failure on the third event leaves the chain as it was; the retry records all of it', async () => {
    await record('o_test_user_1', decision({ target: LOCATION, decision: 'deny', method: 'permission-dialog' }))
    const before = await ledgerRows()
    const sheet = [
      { target: POLICY_TARGET, decision: 'grant' },
      { target: { kind: 'purpose', id: 'account-identity' }, decision: 'grant' },
      { target: { kind: 'purpose', id: 'personalised-recommendations' }, decision: 'grant' },
      { target: LOCATION, decision: 'grant' },
    ]
    const request = decision()
    await emu.control('/faults', { action: 'database.insertDocument', nth: 3, code: 'DATABASE_REQUEST_FAILED' })
    expect((await decide('o_test_user_1', sheet, request)).result).toMatchObject({ ok: false, code: 'COMMON.INTERNAL' })
    expect(await ledgerRows()).toEqual(before)
    const retry = (await decide('o_test_user_1', sheet, request)).result!
    expect(retry).toMatchObject({ ok: true, data: { replayed: false } })
    expect(retry.data.events.map((e: { seq: number }) => e.seq)).toEqual([2, 3, 4, 5])
    expect((await call('verify', 'o_test_user_1')).data).toMatchObject({ ok: true, count: 5 })
  })

  it('decide: refuses a batch naming one target twice, or none', async () => {
    expect((await decide('o_test_user_1', [])).result).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
    const twice = [{ target: LOCATION, decision: 'grant' }, { target: LOCATION, decision: 'deny' }]
    expect((await decide('o_test_user_1', twice)).result).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
    expect(await dbStats(emu)).toEqual({})
  })

  it('withdrawing the policy withdraws every purpose and scope in the same transaction, each its own event', async () => {
    const sheet = [
      { target: POLICY_TARGET, decision: 'grant' },
      { target: { kind: 'purpose', id: 'account-identity' }, decision: 'grant' },
      { target: { kind: 'purpose', id: 'personalised-recommendations' }, decision: 'grant' },
      { target: LOCATION, decision: 'grant' },
    ]
    await decide('o_test_user_1', sheet)
    await emu.control('/stats', undefined, 'DELETE')
    const reply = (await record('o_test_user_1', decision({ decision: 'withdraw', method: 'settings-toggle' }))).result!
    expect(reply).toMatchObject({ ok: true, data: { replayed: false, event: { seq: 5, decision: 'withdraw' } } })
    expect((await dbStats(emu))['database.commitTransaction']).toBe(1)
    const { events } = (await call('history', 'o_test_user_1')).data
    expect(events.slice(4).map((e: { target: { id: string }; decision: string; reason?: string; method: string }) => [e.target.id, e.decision, e.reason, e.method])).toEqual([
      ['privacy-policy', 'withdraw', undefined, 'settings-toggle'],
      ['account-identity', 'withdraw', 'policy-ended', 'settings-toggle'],
      ['personalised-recommendations', 'withdraw', 'policy-ended', 'settings-toggle'],
      ['scope.userLocation', 'withdraw', 'policy-ended', 'settings-toggle'],
    ])
    const status = (await call('status', 'o_test_user_1', { language: 'zh-CN' })).data
    expect(Object.values(status.consents).map((c) => (c as { state: string }).state)).toEqual(['withdrawn', 'withdrawn', 'withdrawn', 'withdrawn'])
    expect((await call('verify', 'o_test_user_1')).data).toMatchObject({ ok: true, count: 8 })
    // The app's second step (account identity) now repeats what stands: nothing new, no error.
    expect((await record('o_test_user_1', decision({ target: { kind: 'purpose', id: 'account-identity' }, decision: 'withdraw', method: 'settings-toggle' }))).result).toMatchObject({ ok: true, data: { replayed: true } })
    // Each cascaded withdrawal has its receipt, with the purposes of the version its grant cited.
    expect((await call('receipt', 'o_test_user_1', { eventId: events[7].eventId })).data).toMatchObject({ eventState: 'withdrawn', target: LOCATION })
  })

  it('refusing a new version at re-consent cascades the same way', async () => {
    await decide('o_test_user_1', [{ target: POLICY_TARGET, decision: 'grant' }, { target: LOCATION, decision: 'grant' }], { policy: POLICY_1 })
    const reply = (await record('o_test_user_1', decision({ decision: 'deny', method: 'refuse-button' }))).result!
    expect(reply.data.consents).toMatchObject({ 'policy:privacy-policy': { state: 'withdrawn' }, 'scope:scope.userLocation': { state: 'withdrawn' } })
    expect((await call('status', 'o_test_user_1', { language: 'zh-CN' })).data).toMatchObject({ need: 'first-consent' })
  })

  it('nearby needs the policy agreement as well as the location scope', async () => {
    const stores = invoker(emu, 'stores')
    const nearby = async (openid: string) => (await stores({ action: 'nearby', latitude: 31.2286, longitude: 121.4488 }, user(openid))).result
    // A location grant without the agreement (e.g. recorded before it, or by an old client) is not enough.
    await record('o_test_user_1', decision({ target: LOCATION, method: 'permission-dialog' }))
    expect(await nearby('o_test_user_1')).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    await record('o_test_user_1')
    expect(await nearby('o_test_user_1')).toMatchObject({ ok: true })
    await record('o_test_user_1', decision({ decision: 'withdraw', method: 'settings-toggle' }))
    expect(await nearby('o_test_user_1')).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
  })

  it.each([
    ['a decide without decisions', { action: 'decide', request: { ...decision(), decisions: undefined } }],
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
    await threeEvents('o_test_user_1')
    const { events } = (await call('history', 'o_test_user_1')).data
    await settled(database().collection(CONSENT_EVENTS).doc(events[1].eventId).update({ data: { decision: 'deny' } }))
    expect((await call('verify', 'o_test_user_1')).data).toEqual({ ok: false, seq: 2, reason: 'hash-mismatch' })
  })

  it('verify: deleting the newest event is caught against the head kept apart', async () => {
    await threeEvents('o_test_user_1')
    const { events } = (await call('history', 'o_test_user_1')).data
    await settled(database().collection(CONSENT_EVENTS).doc(events[2].eventId).remove())
    expect((await call('verify', 'o_test_user_1')).data).toMatchObject({ ok: false, reason: 'head-mismatch' })
  })

  it('deleting the salt leaves a chain that still verifies but no longer links to the openid', async () => {
    await threeEvents('o_test_user_1')
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
