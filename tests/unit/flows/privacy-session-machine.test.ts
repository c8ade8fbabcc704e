import type { ConsentStatus, PolicyCatalogue, PolicyMeta } from '../../../src/contracts/consent'
import type { ConsentView } from '../../../src/domain/consent/consent-state'
import type { ChangeItem } from '../../../src/domain/policy/reconsent'
import {
  type Effect,
  type EventType,
  initialSession,
  type Phase,
  reduce,
  type SessionEvent,
  type SessionState,
  TRANSITIONS,
} from '../../../src/flows/privacy-session-machine'

/** The privacy session machine, without a browser: the table edge by edge, then WeChat's held calls on every path. */
const V1: PolicyMeta = { version: '2026.1', hash: 'a'.repeat(64), effectiveDate: '2026-01-01', publishedAt: '2026-01-01T00:00:00.000Z', change: 'initial' }
const V2: PolicyMeta = { version: '2026.2', hash: 'b'.repeat(64), effectiveDate: '2026-03-01', publishedAt: '2026-03-01T00:00:00.000Z', change: 'major' }
const CATALOGUE: PolicyCatalogue = { latest: V2, versions: [V2, V1] }
const CLIENT = { platform: 'h5', appVersion: '0.1.0' } as const
const PAGE = 'pages/index/index'
const CHANGE: ChangeItem = { kind: 'purpose-added', id: 'personalised-recommendations', sentence: 'x', name: 'x', sensitive: false, optional: true }
const granted = (kind: 'policy' | 'purpose' | 'scope', id: string): ConsentView => ({
  [`${kind}:${id}`]: {
    target: { kind, id } as never,
    state: 'granted',
    since: '2026-01-02T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    policy: { version: V1.version, hash: V1.hash },
    method: 'agree-button',
    seq: 1,
    eventId: 'evt-1',
  },
})
const status = (need: ConsentStatus['need'], patch: Partial<ConsentStatus> = {}): ConsentStatus => ({ ...CATALOGUE, need, changes: need === 'none' ? [] : [CHANGE], consents: {}, ...patch })

/** A session in `phase` with the policy loaded (override anything with `patch`). */
function at(phase: Phase, patch: Partial<SessionState> = {}): SessionState {
  const asking = phase === 'first-consent' || phase === 'reconsent'
  return { ...initialSession(CLIENT), phase, catalogue: phase === 'loading' ? undefined : CATALOGUE, sheetOpen: asking, agreed: phase === 'agreed' || phase === 'reconsent' ? V1 : undefined, ...patch }
}

/** Runs events in order; returns the last state and every effect. */
function run(s: SessionState, ...events: SessionEvent[]): { state: SessionState; effects: Effect[] } {
  const effects: Effect[] = []
  for (const e of events) {
    const step = reduce(s, e)
    s = step.state
    effects.push(...step.effects)
  }
  return { state: s, effects }
}

const kinds = (effects: Effect[]) => effects.map((e) => e.kind)
const decideOf = (effects: Effect[]) => {
  const d = effects.filter((e) => e.kind === 'decide')
  expect(d).toHaveLength(1)
  return (d[0] as Extract<Effect, { kind: 'decide' }>).request
}
const answers = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'resolve-wechat' ? [[e.request, e.resolution.event]] : []))

/** One event of each type, as a page or the runner would send it. */
const SAMPLE: { [T in EventType]: Extract<SessionEvent, { type: T }> } = {
  started: { type: 'started' },
  'policy-read': { type: 'policy-read', needAuthorization: true, catalogue: CATALOGUE },
  'status-read': { type: 'status-read', status: status('none') },
  'load-failed': { type: 'load-failed', code: 'COMMON.INTERNAL' },
  'scopes-read': { type: 'scopes-read', checked: ['scope.userLocation'], auth: {}, id: 'req-scopes-1', page: PAGE },
  'wechat-asked': { type: 'wechat-asked', request: 1 },
  'sheet-opened': { type: 'sheet-opened' },
  'sheet-closed': { type: 'sheet-closed' },
  'agree-tapped': { type: 'agree-tapped', purposes: [], button: 'consent-agree', id: 'req-agree-1', page: PAGE },
  'refuse-tapped': { type: 'refuse-tapped', id: 'req-refuse-1', page: PAGE },
  'withdraw-policy-tapped': { type: 'withdraw-policy-tapped', id: 'req-withdraw-1', page: PAGE },
  'decision-requested': { type: 'decision-requested', decisions: [{ target: { kind: 'purpose', id: 'store-certification' }, decision: 'grant' }], method: 'purpose-prompt', id: 'req-cert-1', page: PAGE },
  decided: { type: 'decided', id: 'req-1', consents: {} },
  'decide-failed': { type: 'decide-failed', id: 'req-1', code: 'COMMON.INTERNAL' },
  'notice-dismissed': { type: 'notice-dismissed' },
  'lang-set': { type: 'lang-set', lang: 'en' },
}
const EVENTS = Object.keys(SAMPLE) as EventType[]
const PHASES: Phase[] = ['loading', 'first-consent', 'reconsent', 'browse', 'agreed', 'offline']

describe('the transition table', () => {
  // The table as docs/architecture.md describes it: which events each phase takes.
  const ANY: EventType[] = ['policy-read', 'status-read', 'load-failed', 'wechat-asked', 'sheet-closed', 'lang-set']
  const DECIDING: EventType[] = [...ANY, 'decision-requested', 'withdraw-policy-tapped', 'decided', 'decide-failed']
  const ASKING: EventType[] = [...DECIDING, 'sheet-opened', 'agree-tapped', 'refuse-tapped']
  const ALLOWED: Record<Phase, EventType[]> = {
    loading: [...ANY, 'started'],
    'first-consent': ASKING,
    reconsent: ASKING,
    browse: ASKING,
    offline: ASKING,
    agreed: [...DECIDING, 'agree-tapped', 'scopes-read', 'notice-dismissed'],
  }

  it.each(PHASES)('%s takes exactly the documented events', (phase) => {
    expect(Object.keys(TRANSITIONS[phase]).sort()).toEqual([...ALLOWED[phase]].sort())
  })

  // Disallowed events are ignored, not recorded: the same state object comes back with no effects.
  const disallowed = PHASES.flatMap((phase) => EVENTS.filter((t) => !ALLOWED[phase].includes(t)).map((t) => [phase, t] as const))
  it.each(disallowed)('%s ignores %s', (phase, type) => {
    const s = at(phase, { held: [{ request: 7 }], sheetOpen: true })
    const step = reduce(s, SAMPLE[type])
    expect(step.state).toBe(s)
    expect(step.effects).toEqual([])
  })
})

describe('loading', () => {
  it('started: remembers the stored refusal and notice, then loads', () => {
    const { state, effects } = run(at('loading'), { type: 'started', refusedVersion: '2026.1', noticeSeenVersion: '2026.0.1' })
    expect(state).toMatchObject({ phase: 'loading', refusedVersion: '2026.1', noticeSeenVersion: '2026.0.1' })
    expect(effects).toEqual([{ kind: 'load' }])
  })

  it('policy-read before WeChat agreement: the first-run sheet, and the ledger is not read', () => {
    const { state, effects } = run(at('loading'), SAMPLE['policy-read'])
    expect(state).toMatchObject({ phase: 'first-consent', sheetOpen: true, catalogue: CATALOGUE })
    expect(effects).toEqual([])
  })

  it('policy-read after a refusal of this version: browse without the sheet', () => {
    const { state } = run(at('loading', { refusedVersion: V2.version }), SAMPLE['policy-read'])
    expect(state).toMatchObject({ phase: 'browse', sheetOpen: false })
  })

  it('policy-read after a refusal of an older version asks again', () => {
    expect(run(at('loading', { refusedVersion: V1.version }), SAMPLE['policy-read']).state.phase).toBe('first-consent')
  })

  it('policy-read once WeChat has the agreement: reads the status in the session language', () => {
    const { state, effects } = run(at('loading', { lang: 'en' }), { ...SAMPLE['policy-read'], needAuthorization: false })
    expect(state.phase).toBe('loading')
    expect(effects).toEqual([{ kind: 'read-status', language: 'en' }])
  })

  it.each([
    ['first-consent', undefined, 'first-consent', true],
    ['reconsent', undefined, 'reconsent', true],
    ['reconsent', V2.version, 'browse', false],
    ['first-consent', V2.version, 'browse', false],
    ['none', undefined, 'agreed', false],
    ['notice', undefined, 'agreed', false],
  ] as const)('status-read need=%s refused=%s → %s (sheet %s)', (need, refusedVersion, phase, sheetOpen) => {
    const { state, effects } = run(at('loading', { refusedVersion, error: 'COMMON.INTERNAL' }), { type: 'status-read', status: status(need, { agreed: V1, consents: granted('policy', 'privacy-policy') }) })
    expect(state).toMatchObject({ phase, sheetOpen, agreed: V1, consents: granted('policy', 'privacy-policy'), error: undefined })
    expect(state.changes).toEqual(need === 'reconsent' ? [CHANGE] : [])
    expect(effects).toEqual(phase === 'agreed' ? [{ kind: 'read-scopes' }] : [])
  })

  it('status-read with a minor update: the notice shows until that version is dismissed', () => {
    expect(run(at('loading'), { type: 'status-read', status: status('notice') }).state.notice).toEqual([CHANGE])
    expect(run(at('loading', { noticeSeenVersion: V2.version }), { type: 'status-read', status: status('notice') }).state.notice).toEqual([])
  })

  it('load-failed: offline, with the code, the sheet closed', () => {
    const { state, effects } = run(at('loading'), SAMPLE['load-failed'])
    expect(state).toMatchObject({ phase: 'offline', sheetOpen: false, error: 'COMMON.INTERNAL' })
    expect(effects).toEqual([])
  })

  it('lang-set changes the language of later requests', () => {
    const { effects } = run(at('loading'), SAMPLE['lang-set'], { ...SAMPLE['policy-read'], needAuthorization: false })
    expect(effects).toEqual([{ kind: 'read-status', language: 'en' }])
  })
})

describe('the sheet', () => {
  it('agree-tapped at first consent: policy, account identity and ticked purposes in one decision', () => {
    const { state, effects } = run(at('first-consent', { lang: 'en' }), { ...SAMPLE['agree-tapped'], purposes: ['personalised-recommendations'] })
    expect(decideOf(effects)).toEqual({
      clientRequestId: 'req-agree-1',
      policy: { version: V2.version, hash: V2.hash },
      method: 'agree-button',
      page: PAGE,
      client: CLIENT,
      language: 'en',
      decisions: [
        { target: { kind: 'policy', id: 'privacy-policy' }, decision: 'grant' },
        { target: { kind: 'purpose', id: 'account-identity' }, decision: 'grant' },
        { target: { kind: 'purpose', id: 'personalised-recommendations' }, decision: 'grant' },
      ],
    })
    expect(state).toMatchObject({ phase: 'first-consent', sheetOpen: true })
    expect(Object.keys(state.saving)).toEqual(['req-agree-1'])
  })

  it('agree-tapped at re-consent cites the new version only', () => {
    const { effects } = run(at('reconsent'), SAMPLE['agree-tapped'])
    expect(decideOf(effects).decisions).toEqual([{ target: { kind: 'policy', id: 'privacy-policy' }, decision: 'grant' }])
  })

  it.each(['browse', 'offline', 'agreed'] as const)('agree-tapped in %s with the sheet open records the agreement', (phase) => {
    expect(decideOf(run(at(phase, { sheetOpen: true }), SAMPLE['agree-tapped']).effects).method).toBe('agree-button')
  })

  it('agree-tapped is ignored when the sheet is closed, and while an agreement is being saved', () => {
    const closed = at('browse')
    expect(reduce(closed, SAMPLE['agree-tapped']).state).toBe(closed)
    const saving = run(at('first-consent'), SAMPLE['agree-tapped']).state
    const again = reduce(saving, { ...SAMPLE['agree-tapped'], id: 'req-agree-2' })
    expect(again.state).toBe(saving)
    expect(again.effects).toEqual([])
  })

  it('decided for the agreement: forgets the refusal and reloads; the phase follows from the reload', () => {
    const sent = run(at('browse', { sheetOpen: true, refusedVersion: V2.version, error: 'COMMON.INTERNAL' }), SAMPLE['agree-tapped']).state
    const { state, effects } = run(sent, { type: 'decided', id: 'req-agree-1', consents: granted('policy', 'privacy-policy') })
    expect(effects).toEqual([{ kind: 'forget-refusal' }, { kind: 'load' }])
    expect(state).toMatchObject({ phase: 'browse', refusedVersion: undefined, error: undefined, consents: granted('policy', 'privacy-policy'), saving: {} })
    const after = run(state, { ...SAMPLE['policy-read'], needAuthorization: false }, { type: 'status-read', status: status('none', { agreed: V2 }) }).state
    expect(after).toMatchObject({ phase: 'agreed', sheetOpen: false })
  })

  it('decided without a stored refusal does not touch storage', () => {
    const sent = run(at('first-consent'), SAMPLE['agree-tapped']).state
    expect(run(sent, { type: 'decided', id: 'req-agree-1', consents: {} }).effects).toEqual([{ kind: 'load' }])
  })

  it('refuse-tapped: browse at once, the refusal remembered and recorded', () => {
    const { state, effects } = run(at('first-consent'), SAMPLE['refuse-tapped'])
    expect(state).toMatchObject({ phase: 'browse', sheetOpen: false, refusedVersion: V2.version })
    expect(kinds(effects)).toEqual(['remember-refusal', 'decide'])
    expect(effects[0]).toEqual({ kind: 'remember-refusal', version: V2.version })
    expect(decideOf(effects)).toMatchObject({ method: 'refuse-button', decisions: [{ target: { kind: 'policy', id: 'privacy-policy' }, decision: 'deny' }] })
  })

  it('refuse-tapped is ignored while the agreement is being saved', () => {
    const saving = run(at('first-consent'), SAMPLE['agree-tapped']).state
    expect(reduce(saving, SAMPLE['refuse-tapped']).state).toBe(saving)
  })

  it('a failed refusal keeps the user browsing and shows the code', () => {
    const { state } = run(at('first-consent'), SAMPLE['refuse-tapped'], { type: 'decide-failed', id: 'req-refuse-1', code: 'COMMON.INTERNAL' })
    expect(state).toMatchObject({ phase: 'browse', sheetOpen: false, error: 'COMMON.INTERNAL' })
  })

  it('sheet-opened shows the sheet while browsing; without a policy it is ignored', () => {
    expect(run(at('browse'), SAMPLE['sheet-opened']).state.sheetOpen).toBe(true)
    const bare = at('offline', { catalogue: undefined })
    expect(reduce(bare, SAMPLE['sheet-opened']).state).toBe(bare)
  })

  it('sheet-closed closes it', () => {
    expect(run(at('browse', { sheetOpen: true }), SAMPLE['sheet-closed']).state.sheetOpen).toBe(false)
  })
})

describe('decisions', () => {
  it('decision-requested cites the agreed version unless given one', () => {
    expect(decideOf(run(at('agreed'), SAMPLE['decision-requested']).effects)).toMatchObject({ method: 'purpose-prompt', policy: { version: V1.version } })
    expect(decideOf(run(at('agreed'), { ...SAMPLE['decision-requested'], policy: V2 }).effects).policy.version).toBe(V2.version)
    expect(decideOf(run(at('browse'), SAMPLE['decision-requested']).effects).policy.version).toBe(V2.version)
  })

  it('decision-requested without any policy to cite is ignored', () => {
    const bare = at('offline', { catalogue: undefined })
    expect(reduce(bare, SAMPLE['decision-requested']).state).toBe(bare)
  })

  it('decided updates the consents and clears the error; an unknown id is ignored', () => {
    const sent = run(at('agreed', { error: 'COMMON.INTERNAL' }), SAMPLE['decision-requested']).state
    const { state, effects } = run(sent, { type: 'decided', id: 'req-cert-1', consents: granted('purpose', 'store-certification') })
    expect(state).toMatchObject({ consents: granted('purpose', 'store-certification'), error: undefined, saving: {} })
    expect(effects).toEqual([])
    expect(reduce(state, { type: 'decided', id: 'req-other', consents: {} }).state).toBe(state)
    expect(reduce(state, { type: 'decide-failed', id: 'req-other', code: 'COMMON.INTERNAL' }).state).toBe(state)
  })

  it('a retry of a failed decision reuses its clientRequestId; a different decision gets its own', () => {
    const failed = run(at('agreed'), SAMPLE['decision-requested'], { type: 'decide-failed', id: 'req-cert-1', code: 'COMMON.INTERNAL' }).state
    expect(failed).toMatchObject({ error: 'COMMON.INTERNAL', saving: {} })
    const retried = run(failed, { ...SAMPLE['decision-requested'], id: 'req-cert-2' })
    expect(decideOf(retried.effects).clientRequestId).toBe('req-cert-1')
    const other = run(failed, { ...SAMPLE['decision-requested'], id: 'req-cert-3', decisions: [{ target: { kind: 'purpose', id: 'store-certification' }, decision: 'deny' }] })
    expect(decideOf(other.effects).clientRequestId).toBe('req-cert-3')
    // The retry, once recorded, is no longer a retry: the next identical decision is a new request.
    const done = run(retried.state, { type: 'decided', id: 'req-cert-1', consents: {} }).state
    expect(decideOf(run(done, { ...SAMPLE['decision-requested'], id: 'req-cert-4' }).effects).clientRequestId).toBe('req-cert-4')
  })

  it('the same decision already on its way is not sent twice', () => {
    const failed = run(at('agreed'), SAMPLE['decision-requested'], { type: 'decide-failed', id: 'req-cert-1', code: 'COMMON.INTERNAL' }).state
    const retrying = run(failed, { ...SAMPLE['decision-requested'], id: 'req-cert-2' }).state
    const twice = reduce(retrying, { ...SAMPLE['decision-requested'], id: 'req-cert-3' })
    expect(twice.state).toBe(retrying)
    expect(twice.effects).toEqual([])
  })

  it('a failed agreement is retried with the same request from the retry control', () => {
    const failed = run(at('first-consent'), SAMPLE['agree-tapped'], { type: 'decide-failed', id: 'req-agree-1', code: 'COMMON.INTERNAL' }).state
    expect(failed).toMatchObject({ phase: 'first-consent', sheetOpen: true, error: 'COMMON.INTERNAL' })
    const retry = run(failed, { ...SAMPLE['agree-tapped'], button: undefined, id: 'req-agree-2' })
    expect(decideOf(retry.effects).clientRequestId).toBe('req-agree-1')
  })

  it('withdraw-policy-tapped: the policy withdrawn (the server cascades to what rested on it); once recorded, browse', () => {
    const sent = run(at('agreed'), SAMPLE['withdraw-policy-tapped'])
    expect(decideOf(sent.effects)).toMatchObject({
      method: 'settings-toggle',
      policy: { version: V1.version },
      decisions: [{ target: { kind: 'policy', id: 'privacy-policy' }, decision: 'withdraw' }],
    })
    expect(sent.state.phase).toBe('agreed')
    const { state, effects } = run(sent.state, { type: 'decided', id: 'req-withdraw-1', consents: {} })
    expect(state).toMatchObject({ phase: 'browse', sheetOpen: false, agreed: undefined, refusedVersion: V2.version })
    expect(effects).toEqual([{ kind: 'remember-refusal', version: V2.version }])
  })

  it('a failed withdrawal leaves the agreement standing', () => {
    const { state } = run(at('agreed'), SAMPLE['withdraw-policy-tapped'], { type: 'decide-failed', id: 'req-withdraw-1', code: 'COMMON.INTERNAL' })
    expect(state).toMatchObject({ phase: 'agreed', agreed: V1, error: 'COMMON.INTERNAL' })
  })

  it('scopes-read: scopes granted in the ledger but not in WeChat are withdrawn together', () => {
    const consents = { ...granted('scope', 'scope.userLocation'), ...granted('scope', 'scope.writePhotosAlbum'), ...granted('scope', 'scope.camera') }
    const { effects } = run(at('agreed', { consents }), { ...SAMPLE['scopes-read'], checked: ['scope.userLocation', 'scope.writePhotosAlbum'], auth: { 'scope.userLocation': false } })
    expect(decideOf(effects)).toMatchObject({
      method: 'wechat-settings',
      decisions: [
        { target: { kind: 'scope', id: 'scope.userLocation' }, decision: 'withdraw' },
        { target: { kind: 'scope', id: 'scope.writePhotosAlbum' }, decision: 'withdraw' },
      ],
    })
  })

  it('scopes-read with nothing lost records nothing', () => {
    const s = at('agreed', { consents: granted('scope', 'scope.userLocation') })
    expect(reduce(s, { ...SAMPLE['scopes-read'], auth: { 'scope.userLocation': true } }).state).toBe(s)
  })

  it('notice-dismissed: hidden and remembered for that version', () => {
    const { state, effects } = run(at('agreed', { notice: [CHANGE] }), SAMPLE['notice-dismissed'])
    expect(state).toMatchObject({ notice: [], noticeSeenVersion: V2.version })
    expect(effects).toEqual([{ kind: 'remember-notice', version: V2.version }])
  })
})

describe("WeChat's held privacy call is answered exactly once on every path", () => {
  const ask = (request: number): SessionEvent => ({ type: 'wechat-asked', request })

  it('wechat-asked holds the call and shows the sheet', () => {
    const { state, effects } = run(at('browse'), ask(1))
    expect(state).toMatchObject({ sheetOpen: true, held: [{ request: 1 }] })
    expect(effects).toEqual([])
  })

  it('success: answered agree with the tapped button only after the ledger has the agreement', () => {
    const tapped = run(at('first-consent'), ask(1), SAMPLE['agree-tapped'])
    expect(answers(tapped.effects)).toEqual([])
    const done = run(tapped.state, { type: 'decided', id: 'req-agree-1', consents: {} }, { ...SAMPLE['policy-read'], needAuthorization: false }, { type: 'status-read', status: status('none') }, SAMPLE['sheet-closed'])
    expect(done.effects.filter((e) => e.kind === 'resolve-wechat')).toEqual([{ kind: 'resolve-wechat', request: 1, resolution: { event: 'agree', buttonId: 'consent-agree' } }])
    // Answered before the reload, so the held call does not wait for it.
    expect(kinds(done.effects).slice(0, 2)).toEqual(['resolve-wechat', 'load'])
    expect(done.state.held).toEqual([])
  })

  it('refusal: answered disagree at once, before the refusal is recorded', () => {
    const { effects } = run(at('first-consent'), ask(1), SAMPLE['refuse-tapped'], { type: 'decided', id: 'req-refuse-1', consents: {} })
    expect(answers(effects)).toEqual([[1, 'disagree']])
    expect(kinds(effects)).toEqual(['resolve-wechat', 'remember-refusal', 'decide'])
  })

  it('error after a tap on WeChat’s button: still answered agree (WeChat recorded that agreement), once', () => {
    const { state, effects } = run(at('first-consent'), ask(1), SAMPLE['agree-tapped'], { type: 'decide-failed', id: 'req-agree-1', code: 'COMMON.INTERNAL' })
    expect(answers(effects)).toEqual([[1, 'agree']])
    expect(state).toMatchObject({ held: [], sheetOpen: true, error: 'COMMON.INTERNAL' })
    const retried = run(state, { ...SAMPLE['agree-tapped'], button: undefined, id: 'req-agree-2' }, { type: 'decided', id: 'req-agree-1', consents: {} }, SAMPLE['sheet-closed'])
    expect(answers(retried.effects)).toEqual([])
  })

  it('error without a tap on WeChat’s button: the call waits on the open sheet, and closing it answers disagree', () => {
    const failed = run(at('first-consent'), ask(1), { ...SAMPLE['agree-tapped'], button: undefined }, { type: 'decide-failed', id: 'req-agree-1', code: 'COMMON.INTERNAL' })
    expect(answers(failed.effects)).toEqual([])
    expect(answers(run(failed.state, SAMPLE['sheet-closed']).effects)).toEqual([[1, 'disagree']])
  })

  it('closing the sheet answers disagree; closing it during a save waits for the save', () => {
    expect(answers(run(at('browse'), ask(1), SAMPLE['sheet-closed']).effects)).toEqual([[1, 'disagree']])
    const saving = run(at('agreed'), ask(1), SAMPLE['agree-tapped'], SAMPLE['sheet-closed'])
    expect(answers(saving.effects)).toEqual([])
    expect(answers(run(saving.state, { type: 'decided', id: 'req-agree-1', consents: {} }).effects)).toEqual([[1, 'agree']])
  })

  it('a call held while loading waits for the sheet; a failed load answers disagree', () => {
    const loaded = run(at('loading'), ask(1), { ...SAMPLE['policy-read'] })
    expect(loaded.state).toMatchObject({ phase: 'first-consent', sheetOpen: true, held: [{ request: 1 }] })
    expect(answers(run(at('loading'), ask(1), SAMPLE['load-failed']).effects)).toEqual([[1, 'disagree']])
  })

  it('a call held when the user had refused keeps the sheet up after loading, so they can answer', () => {
    const { state, effects } = run(at('loading', { refusedVersion: V2.version }), ask(1), SAMPLE['policy-read'])
    expect(state).toMatchObject({ phase: 'browse', sheetOpen: true })
    expect(answers(effects)).toEqual([])
  })

  it('offline without a policy the sheet cannot show: answered disagree at once', () => {
    expect(answers(run(at('offline', { catalogue: undefined }), ask(1)).effects)).toEqual([[1, 'disagree']])
  })

  it('two held calls are both answered, each once', () => {
    const { effects } = run(at('first-consent'), ask(1), ask(2), SAMPLE['agree-tapped'], { type: 'decided', id: 'req-agree-1', consents: {} })
    expect(answers(effects)).toEqual([
      [1, 'agree'],
      [2, 'agree'],
    ])
  })

  it('a call that arrives after the tap is not answered agree for it', () => {
    const { state, effects } = run(at('first-consent'), SAMPLE['agree-tapped'], ask(2), { type: 'decided', id: 'req-agree-1', consents: {} })
    expect(answers(effects)).toEqual([])
    expect(answers(run(state, SAMPLE['sheet-closed']).effects)).toEqual([[2, 'disagree']])
  })

  it('any sequence of events answers each call at most once, and exactly once when the sheet closes and saves settle', () => {
    // A seeded generator: the same sequences on every run.
    let seed = 11
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    for (let round = 0; round < 300; round++) {
      let s: SessionState = at(PHASES[next(PHASES.length)]!, { consents: granted('scope', 'scope.userLocation') })
      let asked = 0
      const counts = new Map<number, number>()
      const feed = (e: SessionEvent) => {
        const step = reduce(s, e)
        s = step.state
        for (const eff of step.effects) if (eff.kind === 'resolve-wechat') counts.set(eff.request, (counts.get(eff.request) ?? 0) + 1)
        return step
      }
      for (let i = 0; i < 25; i++) {
        const type = EVENTS[next(EVENTS.length)]!
        const pending = Object.keys(s.saving)
        const id = `req-${round}-${i}`
        if (type === 'wechat-asked') feed({ type, request: ++asked })
        else if ((type === 'decided' || type === 'decide-failed') && pending.length) feed({ ...SAMPLE[type], id: pending[next(pending.length)]! })
        else if ('id' in SAMPLE[type] && type !== 'decided' && type !== 'decide-failed') feed({ ...SAMPLE[type], id } as SessionEvent)
        else feed(SAMPLE[type])
      }
      for (const id of Object.keys(s.saving)) feed({ type: 'decide-failed', id, code: 'COMMON.INTERNAL' })
      feed(SAMPLE['sheet-closed'])
      for (let r = 1; r <= asked; r++) expect([round, r, counts.get(r)]).toEqual([round, r, 1])
      expect(s.held).toEqual([])
    }
  })
})
