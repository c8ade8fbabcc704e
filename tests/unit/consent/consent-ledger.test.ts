import { sha256Hex } from '../../../src/domain/common/hashing'
import { codeOf } from '../../support/domain'
import { type ConsentEvent, GENESIS_HASH, type HeadWithView, type NewDecision, batchEventId, chainHash, currentConsent, eventIdFor, headOf, nextEvent, planAnonymisation, planDecision, replayDecision, verifyChain } from '../../../src/domain/consent'
import { OPENID, SUBJECT, V1, V2, chain, request, typicalChain } from './ledger-fixtures'

const NOW = { now: new Date('2026-02-01T10:00:00.000Z'), eventId: 'evt-new' }

describe('nextEvent', () => {
  it('starts a chain at seq 1 from the genesis hash, with server time and id from the caller', () => {
    const e = nextEvent(undefined, { ...request(), subject: SUBJECT }, NOW)
    expect(e).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, eventId: 'evt-new', serverTime: '2026-02-01T10:00:00.000Z', subject: SUBJECT })
    expect(e.hash).toBe(chainHash(GENESIS_HASH, e))
    expect(e.hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('links each event to the previous hash and counts seq up', () => {
    const events = typicalChain()
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5])
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash)
  })

  it('is pure: the same inputs give the same event', () => {
    expect(typicalChain()).toEqual(typicalChain())
  })

  it('refuses a head from another subject', () => {
    const [first] = chain([{}])
    expect(codeOf(() => nextEvent(headOf(first), { ...request(), subject: 'f'.repeat(64) }, NOW))).toBe('CONSENT.CHAIN_MISMATCH')
  })

  it.each([
    ['a short request id', { clientRequestId: 'x' }],
    ['an unknown decision', { decision: 'maybe' }],
    ['a scope WeChat does not have', { target: { kind: 'scope', id: 'scope.everything' } }],
    ['a policy hash that is not hex', { policy: { version: '2026.1', hash: 'nope' } }],
  ])('rejects %s', (_label, bad) => {
    expect(codeOf(() => nextEvent(undefined, { ...request(), ...(bad as object), subject: SUBJECT }, NOW))).toBe('CONSENT.INVALID_EVENT')
  })
})

describe('verifyChain', () => {
  it('starts every chain on the documented genesis hash: SHA-256 of its label', () => {
    expect(GENESIS_HASH).toBe(sha256Hex('privacy-centre/consent-ledger/genesis/v1'))
  })

  it('accepts an intact chain and returns its head', () => {
    const events = typicalChain()
    expect(verifyChain(events)).toEqual({ ok: true, count: 5, head: headOf(events[4]) })
    expect(verifyChain([])).toEqual({ ok: true, count: 0 })
  })

  it('ignores storage extras such as _id', () => {
    expect(verifyChain(typicalChain().map((e, i) => ({ ...e, _id: `doc-${i}` }))).ok).toBe(true)
  })

  /** One mutation per hashed field of event 3: every one must be caught at seq 3. */
  const TAMPERS: Array<[string, (e: ConsentEvent) => void]> = [
    ['eventId', (e) => (e.eventId = 'evt-forged')],
    ['clientRequestId', (e) => (e.clientRequestId = 'req-forged-1')],
    ['target', (e) => (e.target = { kind: 'scope', id: 'scope.writePhotosAlbum' })],
    ['decision', (e) => (e.decision = 'deny')],
    ['policy version', (e) => (e.policy = { ...V2, hash: e.policy.hash })],
    ['policy hash', (e) => (e.policy = { ...e.policy, hash: V2.hash })],
    ['method', (e) => (e.method = 'settings-toggle')],
    ['page', (e) => (e.page = 'pages/other/index')],
    ['client', (e) => (e.client = { platform: 'weapp', appVersion: '0.1.0' })],
    ['language', (e) => (e.language = 'en')],
    ['serverTime', (e) => (e.serverTime = '2026-01-01T00:02:01.000Z')],
    ['hash', (e) => (e.hash = 'b'.repeat(64))],
  ]
  it.each(TAMPERS)('detects an edited %s at that event', (_field, mutate) => {
    const events = typicalChain()
    mutate(events[2])
    expect(verifyChain(events)).toEqual({ ok: false, seq: 3, reason: 'hash-mismatch' })
  })

  it('detects an edited subject at that event', () => {
    const events = typicalChain()
    events[2].subject = 'a'.repeat(64)
    expect(verifyChain(events)).toEqual({ ok: false, seq: 3, reason: 'subject-mismatch' })
    // On the first event there is no earlier subject to compare with: the hash catches it.
    const fresh = typicalChain()
    fresh[0].subject = 'a'.repeat(64)
    expect(verifyChain(fresh)).toEqual({ ok: false, seq: 1, reason: 'hash-mismatch' })
  })

  it('detects an edited event whose hash was recomputed, at the next link', () => {
    const events = typicalChain()
    events[1].decision = 'withdraw'
    events[1].hash = chainHash(events[1].prevHash, events[1])
    expect(verifyChain(events)).toEqual({ ok: false, seq: 3, reason: 'prev-hash-mismatch' })
  })

  it('detects a deleted event', () => {
    const events = typicalChain()
    events.splice(2, 1)
    expect(verifyChain(events)).toEqual({ ok: false, seq: 3, reason: 'seq-gap' })
  })

  it('detects reordered events', () => {
    const events = typicalChain()
    ;[events[1], events[2]] = [events[2], events[1]]
    expect(verifyChain(events)).toEqual({ ok: false, seq: 2, reason: 'seq-gap' })
  })

  it('detects events whose seq numbers were swapped to hide a reordering', () => {
    const events = typicalChain()
    ;[events[1], events[2]] = [events[2], events[1]]
    ;[events[1].seq, events[2].seq] = [2, 3]
    expect(verifyChain(events)).toMatchObject({ ok: false, seq: 2 })
  })

  it('detects an inserted event, even one built with the right links', () => {
    const events = typicalChain()
    const forged = nextEvent(headOf(events[1]), { ...request({ clientRequestId: 'req-forged-1', decision: 'withdraw' }), subject: SUBJECT }, NOW)
    events.splice(2, 0, forged)
    expect(verifyChain(events)).toEqual({ ok: false, seq: 4, reason: 'seq-gap' })
  })

  it('detects another subject’s event spliced in', () => {
    const mine = typicalChain()
    const theirs = chain([{}, {}, {}], 'c'.repeat(64))
    mine[2] = theirs[2]
    expect(verifyChain(mine)).toEqual({ ok: false, seq: 3, reason: 'subject-mismatch' })
  })

  it('detects a malformed event', () => {
    const events: unknown[] = typicalChain()
    events[3] = { ...(events[3] as object), seq: '4' }
    expect(verifyChain(events)).toEqual({ ok: false, seq: 4, reason: 'malformed' })
  })

  it('detects a cut-off tail only against an anchored head', () => {
    const events = typicalChain()
    const anchor = headOf(events[4])
    const cut = events.slice(0, 3)
    expect(verifyChain(cut).ok).toBe(true)
    expect(verifyChain(cut, anchor)).toEqual({ ok: false, seq: 4, reason: 'head-mismatch' })
    expect(verifyChain(events, anchor).ok).toBe(true)
    // An older anchor still holds once the chain has grown past it.
    expect(verifyChain(events, headOf(events[1])).ok).toBe(true)
  })
})

describe('planDecision (one decision, several targets, one plan)', () => {
  const typical = typicalChain()
  const last = typical[typical.length - 1]
  const head: HeadWithView = { ...headOf(last), consents: currentConsent(typical) }
  const LOCATION = { kind: 'scope', id: 'scope.userLocation' } as const
  const IDENTITY = { kind: 'purpose', id: 'account-identity' } as const
  const POLICY = { kind: 'policy', id: 'privacy-policy' } as const
  const decision = (decisions: NewDecision['decisions'], over: Partial<NewDecision> = {}): NewDecision => {
    const { target: _t, decision: _d, ...common } = request({ clientRequestId: 'req-batch-01' })
    return { ...common, subject: SUBJECT, decisions, ...over }
  }
  const at = { now: new Date('2026-02-01T10:00:00.000Z') }

  it('starts a chain with every target of the first-run sheet, in request order, ids from the request id', () => {
    const plan = planDecision(undefined, decision([{ target: POLICY, decision: 'grant' }, { target: IDENTITY, decision: 'grant' }, { target: LOCATION, decision: 'grant' }]), at)
    expect(plan.appended.map((e) => [e.seq, e.target.id, e.decision])).toEqual([
      [1, 'privacy-policy', 'grant'],
      [2, 'account-identity', 'grant'],
      [3, 'scope.userLocation', 'grant'],
    ])
    expect(plan.appended.map((e) => e.eventId)).toEqual([0, 1, 2].map((i) => batchEventId(SUBJECT, 'req-batch-01', i)))
    expect(plan.appended[0].eventId).toBe(eventIdFor(SUBJECT, 'req-batch-01'))
    expect(plan.outcomes).toEqual(plan.appended.map((event) => ({ event })))
    expect(verifyChain(plan.appended, plan.head)).toMatchObject({ ok: true, count: 3 })
    expect(plan.head?.consents).toEqual(currentConsent(plan.appended))
  })

  it('answers a target already standing with its event and appends only the rest', () => {
    // The typical chain holds the policy and account identity granted under V1; location withdrawn.
    const plan = planDecision(head, decision([{ target: POLICY, decision: 'grant' }, { target: LOCATION, decision: 'grant' }]), at)
    expect(plan.outcomes[0]).toEqual({ standing: typical[0].eventId })
    expect(plan.appended).toHaveLength(1)
    expect(plan.appended[0]).toMatchObject({ seq: 6, prevHash: last.hash, target: LOCATION, decision: 'grant', eventId: eventIdFor(SUBJECT, 'req-batch-01') })
  })

  it('appends nothing at all for a decision that repeats what stands', () => {
    const plan = planDecision(head, decision([{ target: POLICY, decision: 'grant' }, { target: IDENTITY, decision: 'grant' }]), at)
    expect(plan.appended).toEqual([])
    expect(plan.head).toBe(head)
  })

  it('is all or nothing: one refused target refuses the whole decision', () => {
    const refused = decision([{ target: LOCATION, decision: 'grant' }, { target: { kind: 'scope', id: 'scope.writePhotosAlbum' }, decision: 'withdraw' }])
    expect(codeOf(() => planDecision(head, refused, at))).toBe('CONSENT.NOT_GRANTED')
  })

  it('withdrawing the policy withdraws every purpose and scope still granted, each its own event citing its grant', () => {
    const granted = planDecision(head, decision([{ target: LOCATION, decision: 'grant' }], { clientRequestId: 'req-batch-00', policy: V2 }), at)
    const plan = planDecision(granted.head, decision([{ target: POLICY, decision: 'withdraw' }], { method: 'settings-toggle' }), at)
    expect(plan.appended.map((e) => [e.target.id, e.decision, e.reason, e.policy.version, e.method])).toEqual([
      ['privacy-policy', 'withdraw', undefined, V1.version, 'settings-toggle'],
      ['account-identity', 'withdraw', 'policy-ended', V1.version, 'settings-toggle'],
      ['scope.userLocation', 'withdraw', 'policy-ended', V2.version, 'settings-toggle'],
    ])
    expect(Object.values(plan.head!.consents).filter((c) => c.state === 'granted')).toEqual([])
    expect(verifyChain([...typical, ...granted.appended, ...plan.appended], plan.head).ok).toBe(true)
  })

  it('refusing a new version at re-consent ends the agreement and cascades the same way', () => {
    const plan = planDecision(head, decision([{ target: POLICY, decision: 'deny' }], { method: 'refuse-button', policy: V2 }), at)
    expect(plan.appended.map((e) => [e.target.id, e.decision, e.reason])).toEqual([
      ['privacy-policy', 'deny', undefined],
      ['account-identity', 'withdraw', 'policy-ended'],
    ])
    expect(plan.head!.consents['policy:privacy-policy'].state).toBe('withdrawn')
  })

  it('does not cascade when the policy was not in force', () => {
    const plan = planDecision(undefined, decision([{ target: POLICY, decision: 'deny' }], { method: 'refuse-button' }), at)
    expect(plan.appended.map((e) => e.decision)).toEqual(['deny'])
  })
})

describe('replayDecision (idempotent retries)', () => {
  const POLICY = { kind: 'policy', id: 'privacy-policy' } as const
  const IDENTITY = { kind: 'purpose', id: 'account-identity' } as const
  const { target: _t, decision: _d, ...common } = request({ clientRequestId: 'req-batch-02' })
  const input: NewDecision = { ...common, subject: SUBJECT, decisions: [{ target: POLICY, decision: 'grant' }, { target: IDENTITY, decision: 'grant' }] }
  const first = planDecision(undefined, input, { now: new Date('2026-02-01T10:00:00.000Z') })

  it('answers the events the first call appended', () => {
    expect(replayDecision(first.appended, input, first.head!.consents)).toEqual({ outcomes: first.outcomes, cascaded: [] })
  })

  it('answers a target the first call found standing with its standing event', () => {
    const replay = replayDecision(first.appended.slice(1), input, first.head!.consents)
    expect(replay.outcomes).toEqual([{ standing: first.appended[0].eventId }, { event: first.appended[1] }])
  })

  it.each([
    ['another decision', { decisions: [{ target: POLICY, decision: 'deny' as const }, { target: IDENTITY, decision: 'grant' as const }] }],
    ['another method', { method: 'settings-toggle' as const }],
    ['another policy version', { policy: V2 }],
    ['a target it never decided', { decisions: [...input.decisions, { target: { kind: 'scope', id: 'scope.userLocation' } as const, decision: 'grant' as const }] }],
  ])('refuses the id reused for %s', (_label, over) => {
    expect(codeOf(() => replayDecision(first.appended, { ...input, ...over }, first.head!.consents))).toBe('CONSENT.REQUEST_ID_REUSED')
  })
})

describe('planAnonymisation (account cancellation)', () => {
  const typical = typicalChain()
  const head: HeadWithView = { ...headOf(typical[typical.length - 1]), consents: currentConsent(typical) }
  const plan = planAnonymisation(head, { now: new Date('2026-03-01T00:00:00.000Z') })

  it('withdraws what is still granted, then closes the chain with one anonymisation event', () => {
    expect(plan.appended.map((e) => ('kind' in e ? e.kind : [e.target.id, e.decision, e.method, e.reason]))).toEqual([
      ['privacy-policy', 'withdraw', 'account-cancellation', 'account-cancelled'],
      ['account-identity', 'withdraw', 'account-cancellation', 'account-cancelled'],
      'subject-anonymised',
    ])
    expect(plan.appended[2]).toMatchObject({ seq: 8, subject: SUBJECT, method: 'account-cancellation' })
    expect(verifyChain([...typical, ...plan.appended], plan.head)).toMatchObject({ ok: true, count: 8 })
  })

  it('holds nothing of the person beyond the pseudonym the chain already has', () => {
    expect(JSON.stringify(plan.appended)).not.toContain(OPENID)
    expect(Object.keys(plan.appended[2]).sort()).toEqual(['eventId', 'hash', 'kind', 'method', 'prevHash', 'seq', 'serverTime', 'subject'])
  })

  it('is the last event: anything after it, or an edit of it, fails verification', () => {
    const closed = [...typical, ...plan.appended]
    const after = nextEvent(plan.head, { ...request({ clientRequestId: 'req-after-01' }), subject: SUBJECT }, NOW)
    expect(verifyChain([...closed, after])).toEqual({ ok: false, seq: 9, reason: 'after-anonymised' })
    const edited = closed.map((e) => ({ ...e }))
    ;(edited[7] as { serverTime: string }).serverTime = '2026-03-02T00:00:00.000Z'
    expect(verifyChain(edited)).toEqual({ ok: false, seq: 8, reason: 'hash-mismatch' })
  })
})
