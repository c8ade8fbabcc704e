import { type AuthSetting, type Location, SCOPES, type Scope } from '../types'

/**
 * What WeChat keeps on the phone for one mini-program, plus the phone's own bits the simulator needs.
 * Persisted as JSON under {@link STATE_KEY}; e2e tests may seed it with `page.addInitScript`.
 */
export interface SimState {
  /** The declared-types version the user agreed to through the agree button; null = never agreed. */
  privacyAgreedFor: string | null
  /** Only scopes that were asked appear; so its keys are also the scopes openSetting lists. */
  authSetting: AuthSetting
  /** When the user last refused the privacy request (ms since epoch); starts the 10 s suppression. */
  lastPrivacyRefusalAt: number | null
  /** The phone's album: what saveImageToPhotosAlbum wrote. Deleting the mini-program keeps it. */
  album: string[]
  /** Where the phone is; a fixed, fictional point in Shanghai unless a test moves it. */
  location: Location
}

export const STATE_KEY = 'wx-sim:state'

/** After a privacy refusal, WeChat fails further privacy calls at once for this long, without asking. */
export const REFUSAL_SUPPRESSION_MS = 10_000

/**
 * WeChat accepts openSetting only inside the mini-program's own tap handler. The browser's transient
 * user activation lasts about 5 s and is also granted by clicks on the simulated system dialogs and by
 * Playwright's `page.evaluate`, so the simulator also wants an app tap this recent.
 */
export const TAP_WINDOW_MS = 1_000

/**
 * Whether a call at `now` counts as coming from a tap: the browser reports user activation and the
 * last tap on the app itself (not on a simulated system dialog, which resets it) is recent enough.
 */
export function isFromTap(input: { activationActive: boolean; lastAppTapAt: number | null; now: number }): boolean {
  if (!input.activationActive || input.lastAppTapAt === null) return false
  const since = input.now - input.lastAppTapAt
  return since >= 0 && since < TAP_WINDOW_MS
}

export const DEFAULT_LOCATION: Location = { latitude: 31.2243, longitude: 121.4692 }

export function initialState(): SimState {
  return { privacyAgreedFor: null, authSetting: {}, lastPrivacyRefusalAt: null, album: [], location: { ...DEFAULT_LOCATION } }
}

/** "Delete the mini-program": WeChat forgets the privacy sync and every scope; the phone keeps its album and position. */
export function deleteMiniProgram(state: SimState): SimState {
  return { ...initialState(), album: [...state.album], location: { ...state.location } }
}

export function needsPrivacyAuthorization(state: SimState, declaredTypesVersion: string): boolean {
  return state.privacyAgreedFor !== declaredTypesVersion
}

export type PrivacyGate = 'pass' | 'suppressed' | 'ask'

/** What happens to a privacy API call at `now`: it proceeds, fails at once, or asks the user first. */
export function privacyGate(state: SimState, declaredTypesVersion: string, now: number): PrivacyGate {
  if (!needsPrivacyAuthorization(state, declaredTypesVersion)) return 'pass'
  const since = state.lastPrivacyRefusalAt === null ? Infinity : now - state.lastPrivacyRefusalAt
  return since >= 0 && since < REFUSAL_SUPPRESSION_MS ? 'suppressed' : 'ask'
}

export function agreePrivacy(state: SimState, declaredTypesVersion: string): SimState {
  return { ...state, privacyAgreedFor: declaredTypesVersion, lastPrivacyRefusalAt: null }
}

export function refusePrivacy(state: SimState, now: number): SimState {
  return { ...state, lastPrivacyRefusalAt: now }
}

export type ScopeGate = 'granted' | 'denied' | 'ask'

/** The tri-state: never asked → show the dialog; true → proceed silently; false → fail, no dialog. */
export function scopeGate(state: SimState, scope: Scope): ScopeGate {
  const value = state.authSetting[scope]
  return value === undefined ? 'ask' : value ? 'granted' : 'denied'
}

export function answerScope(state: SimState, scope: Scope, granted: boolean): SimState {
  return { ...state, authSetting: { ...state.authSetting, [scope]: granted } }
}

/** Scopes the settings page lists: those asked before, in a stable order. */
export function askedScopes(state: SimState): Scope[] {
  return SCOPES.filter((scope) => state.authSetting[scope] !== undefined)
}

/** The settings page can only flip scopes it lists; anything else in `changes` is ignored. */
export function applySettings(state: SimState, changes: AuthSetting): SimState {
  const authSetting = { ...state.authSetting }
  for (const scope of askedScopes(state)) {
    const value = changes[scope]
    if (typeof value === 'boolean') authSetting[scope] = value
  }
  return { ...state, authSetting }
}

export function saveToAlbum(state: SimState, filePath: string): SimState {
  return { ...state, album: [...state.album, filePath] }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

/**
 * Merges an untrusted partial state (from storage or a test hook) over `base`, keeping only
 * well-formed fields, so a bad value can never put the simulator into an impossible state.
 */
export function mergeState(base: SimState, input: unknown): SimState {
  if (!isRecord(input)) return base
  const next: SimState = { ...base, authSetting: { ...base.authSetting }, album: [...base.album], location: { ...base.location } }
  if (input.privacyAgreedFor === null || typeof input.privacyAgreedFor === 'string') next.privacyAgreedFor = input.privacyAgreedFor
  if (input.lastPrivacyRefusalAt === null || isFiniteNumber(input.lastPrivacyRefusalAt)) next.lastPrivacyRefusalAt = input.lastPrivacyRefusalAt
  if (isRecord(input.authSetting)) {
    const auth: AuthSetting = {}
    for (const scope of SCOPES) {
      const value = input.authSetting[scope]
      if (typeof value === 'boolean') auth[scope] = value
    }
    next.authSetting = auth
  }
  if (Array.isArray(input.album)) next.album = input.album.filter((p): p is string => typeof p === 'string')
  if (isRecord(input.location) && isFiniteNumber(input.location.latitude) && isFiniteNumber(input.location.longitude)) {
    next.location = { latitude: input.location.latitude, longitude: input.location.longitude }
  }
  return next
}

/** Reads the persisted state; missing or corrupt storage means a fresh install. */
export function parseState(raw: string | null): SimState {
  if (raw === null) return initialState()
  try {
    return mergeState(initialState(), JSON.parse(raw))
  } catch {
    return initialState()
  }
}
