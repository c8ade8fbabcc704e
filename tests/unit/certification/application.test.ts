import {
  applyCertEvent,
  CERT_EVENT_ACTORS,
  CERT_EVENTS,
  CERT_STATUSES,
  CERT_TRANSITIONS,
  type CertEvent,
  type CertHistoryEntry,
  type CertLifecycle,
  type CertStatus,
} from '../../../src/domain/certification/application'

const AT = new Date('2026-03-15T08:30:00.000Z')
const EARLIER: CertHistoryEntry = { at: '2026-03-01T01:00:00.000Z', event: 'submit', from: 'draft', to: 'submitted', by: 'merchant' }

/** An application in `status` with one earlier history entry (its content is irrelevant to the table). */
function inStatus(status: CertStatus): CertLifecycle & { id: string } {
  return { id: 'app-1', status, history: [{ ...EARLIER }] }
}

/** Every status × every event, with the table's answer (undefined: illegal). */
const EDGES: Array<[CertStatus, CertEvent, CertStatus | undefined]> = CERT_STATUSES.flatMap((status) =>
  CERT_EVENTS.map((event): [CertStatus, CertEvent, CertStatus | undefined] => [status, event, CERT_TRANSITIONS[status][event]]),
)
const reasonFor = (event: CertEvent) => (event === 'reject' ? '营业执照照片不清晰 / the licence photo is blurred' : undefined)

describe('the transition table', () => {
  it('covers every status × event pair', () => {
    expect(EDGES).toHaveLength(CERT_STATUSES.length * CERT_EVENTS.length)
    expect(EDGES).toHaveLength(42)
  })

  it('only names known statuses and events', () => {
    expect(Object.keys(CERT_TRANSITIONS).sort()).toEqual([...CERT_STATUSES].sort())
    for (const status of CERT_STATUSES) {
      for (const [event, to] of Object.entries(CERT_TRANSITIONS[status])) {
        expect(CERT_EVENTS).toContain(event)
        expect(CERT_STATUSES).toContain(to)
      }
    }
  })

  it('gives every event an actor', () => {
    expect(Object.keys(CERT_EVENT_ACTORS).sort()).toEqual([...CERT_EVENTS].sort())
  })

  // The lifecycle as the README describes it, written out independently of the table.
  it('has exactly the documented legal edges', () => {
    const legal = EDGES.filter(([, , to]) => to !== undefined).map(([from, event, to]) => `${from} --${event}--> ${to}`)
    expect(legal.sort()).toEqual(
      [
        'draft --submit--> submitted',
        'draft --withdraw--> withdrawn',
        'submitted --start-review--> under-review',
        'submitted --approve--> approved',
        'submitted --reject--> rejected',
        'submitted --withdraw--> withdrawn',
        'under-review --approve--> approved',
        'under-review --reject--> rejected',
        'under-review --withdraw--> withdrawn',
        'approved --withdraw--> withdrawn',
        'rejected --submit--> submitted',
        'rejected --withdraw--> withdrawn',
        'rejected --expire--> withdrawn',
        'withdrawn --restart--> draft',
      ].sort(),
    )
  })
})

describe('applyCertEvent, edge by edge', () => {
  it.each(EDGES.filter(([, , to]) => to !== undefined))('%s + %s → %s, one entry appended', (from, event, to) => {
    const app = inStatus(from)
    const snapshot = structuredClone(app)
    const next = applyCertEvent(app, event, AT, reasonFor(event))
    expect(next.status).toBe(to)
    expect(next.id).toBe('app-1')
    expect(next.history).toHaveLength(2)
    expect(next.history[0]).toEqual(EARLIER)
    const entry = next.history[1]!
    expect(entry).toEqual({ at: '2026-03-15T08:30:00.000Z', event, from, to, by: CERT_EVENT_ACTORS[event], ...(event === 'reject' ? { reason: reasonFor(event) } : {}) })
    // The input is left as it was.
    expect(app).toEqual(snapshot)
    expect(next).not.toBe(app)
    expect(next.history).not.toBe(app.history)
  })

  it.each(EDGES.filter(([, , to]) => to === undefined))('%s + %s is illegal and changes nothing', (from, event) => {
    const app = inStatus(from)
    const snapshot = structuredClone(app)
    expect(() => applyCertEvent(app, event, AT, 'a reason, which does not make it legal')).toThrow(
      expect.objectContaining({ name: 'DomainError', code: 'CERT.ILLEGAL_TRANSITION' }),
    )
    expect(app).toEqual(snapshot)
  })

  it('refuses re-deciding an approved application and resubmitting a withdrawn one', () => {
    expect(() => applyCertEvent(inStatus('approved'), 'reject', AT, 'late')).toThrow(expect.objectContaining({ code: 'CERT.ILLEGAL_TRANSITION' }))
    expect(() => applyCertEvent(inStatus('withdrawn'), 'submit', AT)).toThrow(expect.objectContaining({ code: 'CERT.ILLEGAL_TRANSITION' }))
  })

  it('stamps the time it is given, in ISO form', () => {
    const at = new Date(Date.UTC(2030, 0, 2, 3, 4, 5, 6))
    expect(applyCertEvent(inStatus('draft'), 'submit', at).history.at(-1)!.at).toBe('2030-01-02T03:04:05.006Z')
  })
})

describe('rejection needs a reason', () => {
  it.each<[string, string | undefined]>([
    ['no reason', undefined],
    ['an empty reason', ''],
    ['a blank reason', '   '],
    ['only line breaks and tabs', '\n\t '],
  ])('refuses %s with REQUEST.REASON_REQUIRED and changes nothing', (_label, reason) => {
    for (const status of ['submitted', 'under-review'] as const) {
      const app = inStatus(status)
      const snapshot = structuredClone(app)
      expect(() => applyCertEvent(app, 'reject', AT, reason)).toThrow(expect.objectContaining({ code: 'REQUEST.REASON_REQUIRED' }))
      expect(app).toEqual(snapshot)
    }
  })

  it('stores the reason trimmed', () => {
    const next = applyCertEvent(inStatus('under-review'), 'reject', AT, '  照片模糊 / blurred photo \n')
    expect(next.history.at(-1)!.reason).toBe('照片模糊 / blurred photo')
  })

  it('checks legality before the reason', () => {
    expect(() => applyCertEvent(inStatus('draft'), 'reject', AT)).toThrow(expect.objectContaining({ code: 'CERT.ILLEGAL_TRANSITION' }))
  })

  it('records no reason key on entries that had none', () => {
    const next = applyCertEvent(inStatus('draft'), 'submit', AT)
    expect(next.history.at(-1)).not.toHaveProperty('reason')
  })
})

describe('history is append-only', () => {
  it('keeps every earlier entry identical through a long life', () => {
    const steps: Array<[CertEvent, string?]> = [
      ['submit'],
      ['start-review'],
      ['reject', 'licence expired'],
      ['submit'],
      ['approve'],
      ['withdraw'],
      ['restart'],
      ['submit'],
      ['reject', 'name does not match'],
      ['expire'],
    ]
    let app: CertLifecycle = { status: 'draft', history: [] }
    const seen: CertHistoryEntry[][] = []
    steps.forEach(([event, reason], i) => {
      const before = structuredClone(app.history)
      app = applyCertEvent(app, event, new Date(AT.getTime() + i * 60_000), reason)
      expect(app.history).toHaveLength(i + 1)
      expect(app.history.slice(0, i)).toEqual(before)
      seen.push(structuredClone(app.history))
    })
    // Every snapshot is a prefix of the final history.
    for (const snap of seen) expect(app.history.slice(0, snap.length)).toEqual(snap)
    expect(app.status).toBe('withdrawn')
    expect(app.history.map((e) => `${e.from}>${e.to}`)).toEqual([
      'draft>submitted',
      'submitted>under-review',
      'under-review>rejected',
      'rejected>submitted',
      'submitted>approved',
      'approved>withdrawn',
      'withdrawn>draft',
      'draft>submitted',
      'submitted>rejected',
      'rejected>withdrawn',
    ])
    expect(app.history.map((e) => e.by)).toEqual(['merchant', 'ops', 'ops', 'merchant', 'ops', 'merchant', 'merchant', 'merchant', 'ops', 'system'])
    // Each entry starts where the previous one ended.
    app.history.forEach((e, i) => {
      if (i > 0) expect(e.from).toBe(app.history[i - 1]!.to)
    })
  })

  it('does not touch the history array or entries of the input', () => {
    const app = inStatus('submitted')
    const history = app.history
    const first = app.history[0]
    const next = applyCertEvent(app, 'approve', AT)
    expect(app.history).toBe(history)
    expect(app.history).toHaveLength(1)
    expect(app.status).toBe('submitted')
    expect(next.history[0]).toEqual(first)
  })

  it('lets two branches from one state not see each other', () => {
    const base = inStatus('submitted')
    const a = applyCertEvent(base, 'approve', AT)
    const b = applyCertEvent(base, 'reject', AT, 'blurred')
    expect(a.history.at(-1)!.to).toBe('approved')
    expect(b.history.at(-1)!.to).toBe('rejected')
    expect(a.history).toHaveLength(2)
    expect(b.history).toHaveLength(2)
  })
})
