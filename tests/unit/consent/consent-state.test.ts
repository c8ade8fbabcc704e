import { agreedPolicy, consentHistory, currentConsent, isGranted } from '../../../src/domain/consent'
import { V1, V2, chain, typicalChain } from './ledger-fixtures'

const LOCATION = { kind: 'scope', id: 'scope.userLocation' } as const
const POLICY = { kind: 'policy', id: 'privacy-policy' } as const

describe('currentConsent', () => {
  it('folds grant → withdraw → grant into granted, since the last grant', () => {
    const events = chain([
      { target: LOCATION, method: 'permission-dialog' },
      { target: LOCATION, decision: 'withdraw', method: 'settings-toggle' },
      { target: LOCATION, method: 'settings-toggle' },
    ])
    const view = currentConsent(events)
    expect(view['scope:scope.userLocation']).toEqual({
      target: LOCATION,
      state: 'granted',
      since: events[2].serverTime,
      updatedAt: events[2].serverTime,
      policy: V1,
      method: 'settings-toggle',
      seq: 3,
      eventId: 'evt-3',
    })
    expect(isGranted(view, LOCATION)).toBe(true)
    expect(isGranted(currentConsent(events.slice(0, 2)), LOCATION)).toBe(false)
    expect(currentConsent(events.slice(0, 2))['scope:scope.userLocation'].state).toBe('withdrawn')
  })

  it('keeps each target apart', () => {
    const view = currentConsent(typicalChain())
    expect(Object.fromEntries(Object.entries(view).map(([k, v]) => [k, v.state]))).toEqual({
      'policy:privacy-policy': 'granted',
      'purpose:account-identity': 'granted',
      'scope:scope.userLocation': 'withdrawn',
      'purpose:save-poster': 'denied',
    })
  })

  it('keeps `since` through a repeated grant (re-consent) while citing the new policy', () => {
    const events = chain([{}, { policy: V2, method: 'agree-button' }])
    const c = currentConsent(events)['policy:privacy-policy']
    expect(c).toMatchObject({ state: 'granted', since: events[0].serverTime, updatedAt: events[1].serverTime, policy: V2 })
    expect(agreedPolicy(currentConsent(events))).toEqual(V2)
  })

  it('is rebuilt identically from the ledger whatever order the rows come back in', () => {
    const events = typicalChain()
    expect(currentConsent([...events].reverse())).toEqual(currentConsent(events))
  })

  it('reports no agreed policy before agreement or after withdrawing it', () => {
    expect(agreedPolicy(currentConsent([]))).toBeUndefined()
    expect(agreedPolicy(currentConsent(chain([{ decision: 'deny', method: 'refuse-button' }])))).toBeUndefined()
    expect(agreedPolicy(currentConsent(chain([{}, { decision: 'withdraw', method: 'settings-toggle' }])))).toBeUndefined()
  })
})

describe('consentHistory', () => {
  it('lists one target’s decisions, oldest first, from the whole ledger', () => {
    const events = typicalChain()
    expect(consentHistory([...events].reverse(), LOCATION).map((e) => [e.seq, e.decision])).toEqual([
      [3, 'grant'],
      [5, 'withdraw'],
    ])
    expect(consentHistory(events, POLICY)).toHaveLength(1)
  })
})
