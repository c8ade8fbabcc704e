import type { ConsentTarget } from '@/domain/consent/consent-event'
import { isGranted } from '@/domain/consent/consent-state'
import { authorize, getAuthSetting, openSetting, PlatformError, type Scope } from '@/platform'
import { askForAgreement, getPrivacySession, recordDecision } from './privacy-session'

/**
 * Asking for a WeChat scope at the moment a feature needs it. The page shows the purpose first
 * (`needsPurposePrompt`), then calls `requestScope` when the user confirms; every outcome is recorded.
 */
export type ScopeOutcome =
  | 'granted'
  /** Refused in WeChat's dialog just now: explain, offer nothing until the user taps again. */
  | 'denied'
  /** Refused earlier: WeChat will not ask again; only a tap on "open settings" can change it. */
  | 'blocked'
  /** The policy is not agreed: the consent sheet was opened instead. */
  | 'needs-agreement'
  | 'failed'

export function scopeTarget(scope: Scope): ConsentTarget {
  return { kind: 'scope', id: scope }
}

/** Whether the user must see (and confirm) the purpose before we use the scope. */
export async function needsPurposePrompt(scope: Scope): Promise<boolean> {
  const auth = await getAuthSetting()
  return auth[scope] !== true || !isGranted(getPrivacySession().consents, scopeTarget(scope))
}

export async function requestScope(scope: Scope): Promise<ScopeOutcome> {
  if (getPrivacySession().phase !== 'agreed') {
    askForAgreement()
    return 'needs-agreement'
  }
  const before = await getAuthSetting()
  if (before[scope] === false) return 'blocked'
  try {
    await authorize(scope)
  } catch (err) {
    if (err instanceof PlatformError && err.code === 'PLATFORM.SCOPE_DENIED') {
      await recordDecision(scopeTarget(scope), 'deny', 'permission-dialog')
      return 'denied'
    }
    return 'failed'
  }
  if (!isGranted(getPrivacySession().consents, scopeTarget(scope))) {
    // WeChat showed its dialog only if it had never asked; otherwise the grant is our purpose prompt.
    const r = await recordDecision(scopeTarget(scope), 'grant', before[scope] === undefined ? 'permission-dialog' : 'purpose-prompt')
    if (!r.ok) return 'failed'
  }
  return 'granted'
}

/** From a tap only: WeChat's settings page; a scope switched on there is recorded as granted. */
export async function recoverInSettings(scope: Scope): Promise<ScopeOutcome> {
  try {
    const after = await openSetting()
    if (after[scope] !== true) return 'blocked'
  } catch {
    return 'failed'
  }
  const r = await recordDecision(scopeTarget(scope), 'grant', 'wechat-settings')
  return r.ok ? 'granted' : 'failed'
}

/** One tap on the permissions page: the app stops using it at once, and the server deletes what it kept. */
export async function withdraw(target: ConsentTarget): Promise<boolean> {
  return (await recordDecision(target, 'withdraw', 'settings-toggle')).ok
}

/** Turning an optional purpose on from the permissions page. */
export async function grantPurpose(id: string): Promise<boolean> {
  if (getPrivacySession().phase !== 'agreed') {
    askForAgreement()
    return false
  }
  return (await recordDecision({ kind: 'purpose', id }, 'grant', 'settings-toggle')).ok
}
