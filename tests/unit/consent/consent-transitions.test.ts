import { codeOf } from '../../support/domain'
import { type ConsentStateOrNone, type Decision, TRANSITIONS, applyEvent, currentConsent, decideTransition, nextEvent, onlyRefused } from '../../../src/domain/consent'
import { SUBJECT, V1, V2, chain, request } from './ledger-fixtures'

type Expected = { next: 'granted' | 'denied' | 'withdrawn' } | 'unchanged' | 'NOT_GRANTED'

/**
 * Every cell of the table, written out independently of it: from each state (`none` = no event yet),
 * each decision citing the same policy version as the standing event, and citing a newer one.
 */
const CELLS: Array<[ConsentStateOrNone, Decision, Expected, Expected]> = [
  //  from        decision    same version               newer version
  ['none', 'grant', { next: 'granted' }, { next: 'granted' }],
  ['none', 'deny', { next: 'denied' }, { next: 'denied' }],
  ['none', 'withdraw', 'NOT_GRANTED', 'NOT_GRANTED'],
  ['granted', 'grant', 'unchanged', { next: 'granted' }],
  ['granted', 'deny', { next: 'withdrawn' }, { next: 'withdrawn' }],
  ['granted', 'withdraw', { next: 'withdrawn' }, { next: 'withdrawn' }],
  ['denied', 'grant', { next: 'granted' }, { next: 'granted' }],
  ['denied', 'deny', 'unchanged', { next: 'denied' }],
  ['denied', 'withdraw', 'NOT_GRANTED', 'NOT_GRANTED'],
  ['withdrawn', 'grant', { next: 'granted' }, { next: 'granted' }],
  ['withdrawn', 'deny', 'unchanged', { next: 'withdrawn' }],
  ['withdrawn', 'withdraw', 'unchanged', 'unchanged'],
]

/** A chain that leaves the policy target in `state`, its events citing V1. */
const PATH: Record<ConsentStateOrNone, Decision[]> = { none: [], granted: ['grant'], denied: ['deny'], withdrawn: ['grant', 'withdraw'] }
function standingIn(state: ConsentStateOrNone) {
  return currentConsent(chain(PATH[state].map((decision) => ({ decision, policy: V1 }))))['policy:privacy-policy']
}

function outcome(state: ConsentStateOrNone, decision: Decision, policy: typeof V1): Expected {
  const standing = standingIn(state)
  let result: ReturnType<typeof decideTransition> | undefined
  const code = codeOf(() => (result = decideTransition(standing, decision, policy)))
  if (code) return code === 'CONSENT.NOT_GRANTED' ? 'NOT_GRANTED' : (code as never)
  return result!.kind === 'unchanged' ? 'unchanged' : { next: result!.next }
}

describe('consent transition table', () => {
  it('has exactly the cells listed here, one per state and decision', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual(['denied', 'granted', 'none', 'withdrawn'])
    for (const row of Object.values(TRANSITIONS)) expect(Object.keys(row).sort()).toEqual(['deny', 'grant', 'withdraw'])
    expect(CELLS).toHaveLength(12)
  })

  it.each(CELLS)('%s × %s: %j citing the same version, %j citing a newer one', (state, decision, same, newer) => {
    expect(standingIn(state)?.state).toBe(state === 'none' ? undefined : state)
    expect(outcome(state, decision, V1)).toEqual(same)
    expect(outcome(state, decision, V2)).toEqual(newer)
  })

  it.each(CELLS.filter(([, , same]) => typeof same === 'object'))('%s × %s: the event folds into the state the table names', (state, decision, same) => {
    const events = chain([...PATH[state], decision].map((d) => ({ decision: d, policy: V1 })))
    expect(currentConsent(events)['policy:privacy-policy'].state).toBe((same as { next: string }).next)
  })

  it('keeps `since` through a re-consent grant and restarts it on a change of state', () => {
    const events = chain([{ policy: V1 }, { policy: V2 }, { decision: 'withdraw', policy: V2 }])
    const after2 = currentConsent(events.slice(0, 2))['policy:privacy-policy']
    expect(after2).toMatchObject({ state: 'granted', since: events[0].serverTime, policy: V2 })
    expect(currentConsent(events)['policy:privacy-policy']).toMatchObject({ state: 'withdrawn', since: events[2].serverTime })
  })

  it('keeps `denied` for never-granted targets, so the refusal purge never takes a chain that once granted', () => {
    const refusedAfterGrant = chain([{ decision: 'grant' }, { decision: 'deny', policy: V2 }])
    expect(currentConsent(refusedAfterGrant)['policy:privacy-policy'].state).toBe('withdrawn')
    expect(onlyRefused(currentConsent(refusedAfterGrant))).toBe(false)
    expect(onlyRefused(currentConsent(chain([{ decision: 'deny' }])))).toBe(true)
  })

  it('folds a withdrawal recorded before the refusals existed as never granted', () => {
    const legacy = nextEvent(undefined, { ...request({ decision: 'withdraw' }), subject: SUBJECT }, { now: new Date('2026-01-01T00:00:00Z'), eventId: 'evt-legacy' })
    expect(applyEvent({}, legacy)['policy:privacy-policy'].state).toBe('denied')
  })
})
