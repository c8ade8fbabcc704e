import {
  REFUSAL_SUPPRESSION_MS,
  type SimState,
  TAP_WINDOW_MS,
  agreePrivacy,
  answerScope,
  applySettings,
  askedScopes,
  deleteMiniProgram,
  initialState,
  isFromTap,
  parseState,
  privacyGate,
  refusePrivacy,
  scopeGate,
} from '../../../src/platform/simulator/sim-state'

const NOW = Date.UTC(2026, 1, 1, 10, 0, 0)
const V = 'types-1'

describe('privacyGate', () => {
  it('asks a fresh install', () => {
    expect(privacyGate(initialState(), V, NOW)).toBe('ask')
  })

  it('passes once agreed for the declared types, and asks again when they change', () => {
    const agreed = agreePrivacy(initialState(), V)
    expect(privacyGate(agreed, V, NOW)).toBe('pass')
    expect(privacyGate(agreed, 'types-2', NOW)).toBe('ask')
  })

  it.each([
    [0, 'suppressed'],
    [1, 'suppressed'],
    [REFUSAL_SUPPRESSION_MS - 1, 'suppressed'],
    [REFUSAL_SUPPRESSION_MS, 'ask'],
    [REFUSAL_SUPPRESSION_MS + 1, 'ask'],
  ])('%i ms after a refusal → %s', (elapsed, expected) => {
    expect(privacyGate(refusePrivacy(initialState(), NOW), V, NOW + elapsed)).toBe(expected)
  })

  it('a refusal "in the future" (clock moved back) does not lock the user out', () => {
    expect(privacyGate(refusePrivacy(initialState(), NOW), V, NOW - 1)).toBe('ask')
  })

  it('an agreement outranks a recent refusal', () => {
    const st: SimState = { ...agreePrivacy(initialState(), V), lastPrivacyRefusalAt: NOW }
    expect(privacyGate(st, V, NOW + 1)).toBe('pass')
  })
})

describe('scope tri-state', () => {
  it('undefined → ask, true → granted, false → denied', () => {
    const st = initialState()
    expect(scopeGate(st, 'scope.userLocation')).toBe('ask')
    expect(scopeGate(answerScope(st, 'scope.userLocation', true), 'scope.userLocation')).toBe('granted')
    expect(scopeGate(answerScope(st, 'scope.userLocation', false), 'scope.userLocation')).toBe('denied')
  })

  it('answering one scope leaves the other unasked', () => {
    const st = answerScope(initialState(), 'scope.writePhotosAlbum', false)
    expect(scopeGate(st, 'scope.userLocation')).toBe('ask')
    expect(askedScopes(st)).toEqual(['scope.writePhotosAlbum'])
  })

  it('settings change only scopes asked before', () => {
    const st = answerScope(initialState(), 'scope.userLocation', false)
    const next = applySettings(st, { 'scope.userLocation': true, 'scope.writePhotosAlbum': false })
    expect(next.authSetting).toEqual({ 'scope.userLocation': true })
  })

  it('a settings toggle never removes a scope (false stays listed)', () => {
    const st = answerScope(initialState(), 'scope.userLocation', true)
    expect(askedScopes(applySettings(st, { 'scope.userLocation': false }))).toEqual(['scope.userLocation'])
    expect(applySettings(st, {}).authSetting).toEqual({ 'scope.userLocation': true })
  })
})

describe('deleteMiniProgram', () => {
  it('forgets agreement, scopes and refusal; keeps the phone album and position', () => {
    const st: SimState = {
      privacyAgreedFor: V,
      authSetting: { 'scope.userLocation': true, 'scope.writePhotosAlbum': false },
      lastPrivacyRefusalAt: NOW,
      album: ['a.png'],
      location: { latitude: 30, longitude: 120 },
    }
    expect(deleteMiniProgram(st)).toEqual({ privacyAgreedFor: null, authSetting: {}, lastPrivacyRefusalAt: null, album: ['a.png'], location: { latitude: 30, longitude: 120 } })
  })
})

describe('parseState', () => {
  it.each([null, '', 'null', '[]', '{oops', '42'])('%p reads as a fresh install', (raw) => {
    expect(parseState(raw)).toEqual(initialState())
  })

  it('keeps well-formed fields and drops the rest', () => {
    const raw = JSON.stringify({ privacyAgreedFor: V, authSetting: { 'scope.userLocation': false, 'scope.camera': true, 'scope.writePhotosAlbum': 1 }, album: ['a', 3], lastPrivacyRefusalAt: NOW })
    expect(parseState(raw)).toEqual({ ...initialState(), privacyAgreedFor: V, authSetting: { 'scope.userLocation': false }, album: ['a'], lastPrivacyRefusalAt: NOW })
  })
})

describe('isFromTap (openSetting gate)', () => {
  it.each([
    [true, 0, true],
    [true, TAP_WINDOW_MS - 1, true],
    [true, TAP_WINDOW_MS, false],
    [true, -1, false],
    [false, 0, false],
  ])('activation %p, %i ms after the app tap → %p', (activationActive, elapsed, expected) => {
    expect(isFromTap({ activationActive, lastAppTapAt: NOW, now: NOW + elapsed })).toBe(expected)
  })

  it('no app tap (none yet, or the last click was on a simulated dialog) → false even with activation', () => {
    expect(isFromTap({ activationActive: true, lastAppTapAt: null, now: NOW })).toBe(false)
  })
})
