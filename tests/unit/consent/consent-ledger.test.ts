import { codeOf } from '../../support/domain'
import { type ConsentEvent, GENESIS_HASH, appendOrReplay, chainHash, findByRequestId, headOf, nextEvent, verifyChain } from '../../../src/domain/consent'
import { SUBJECT, V2, chain, request, typicalChain } from './ledger-fixtures'

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

describe('appendOrReplay (idempotent retries)', () => {
  const events = typicalChain()
  const head = headOf(events[events.length - 1])
  const input = { ...request({ clientRequestId: 'req-retry-01', policy: V2 }), subject: SUBJECT }

  it('appends a new request as the next event', () => {
    const out = appendOrReplay(head, findByRequestId(events, input.clientRequestId), input, NOW)
    expect(out.kind).toBe('append')
    expect(out.event.seq).toBe(6)
    expect(verifyChain([...events, out.event]).ok).toBe(true)
  })

  it('returns the stored event for a retry instead of appending', () => {
    const first = appendOrReplay(head, undefined, input, NOW).event
    const later = { now: new Date('2026-02-01T10:00:05.000Z'), eventId: 'evt-other' }
    const retry = appendOrReplay(headOf(first), findByRequestId([...events, first], input.clientRequestId), input, later)
    expect(retry).toEqual({ kind: 'replay', event: first })
  })

  it('refuses a request id reused for a different decision', () => {
    const first = appendOrReplay(head, undefined, input, NOW).event
    expect(codeOf(() => appendOrReplay(headOf(first), first, { ...input, decision: 'withdraw' }, NOW))).toBe('CONSENT.REQUEST_ID_REUSED')
  })

  it('finds events by request id', () => {
    expect(findByRequestId(events, events[3].clientRequestId)).toBe(events[3])
    expect(findByRequestId(events, 'req-missing-1')).toBeUndefined()
  })
})
