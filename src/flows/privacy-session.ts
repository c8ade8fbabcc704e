import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'
import type { ConsentStatus, PolicyCatalogue, PolicyMeta } from '@/contracts/consent'
import type { ConsentMethod, ConsentRequest, ConsentTarget, Decision } from '@/domain/consent/consent-event'
import { type ConsentView, isGranted } from '@/domain/consent/consent-state'
import type { Reply } from '@/domain/common/errors'
import type { Lang } from '@/domain/policy/localized'
import type { ChangeItem } from '@/domain/policy/reconsent'
import { POLICY_TARGET_ID } from '@/domain/consent/consent-targets'
import { getAuthSetting, getPrivacySetting, initPlatform, onNeedPrivacyAuthorization, type PrivacyResolution, SCOPES } from '@/platform'
import { consent } from '@/services/cloud'

/**
 * The user's privacy standing on this device, shared by every page: which sheet (if any) must show,
 * the published policy, and the ledger's current consent. Pages read it with `usePrivacySession()`
 * and change it only through the functions below, each of which records the decision in the ledger.
 */
export type Phase =
  /** Reading WeChat's agreement state and the published policy. */
  | 'loading'
  /** Never agreed: the first-run sheet. */
  | 'first-consent'
  /** A major version since the agreed one: the change list, blocking personal features only. */
  | 'reconsent'
  /** Refused (or not yet decided): everything that needs no personal data works. */
  | 'browse'
  | 'agreed'
  /** The policy could not be loaded; browsing still works. */
  | 'offline'

export interface PrivacySession {
  phase: Phase
  lang: Lang
  /** The sheet is up: at first run, at re-consent, or because the user started a personal feature. */
  sheetOpen: boolean
  catalogue?: PolicyCatalogue
  agreed?: PolicyMeta
  changes: ChangeItem[]
  /** A minor update the user has not dismissed yet. */
  notice: ChangeItem[]
  consents: ConsentView
  /** The code of the last failed ledger write, shown where it happened. */
  error?: string
}

export const APP_VERSION = '0.1.0'
export const AGREE_BUTTON_ID = 'consent-agree'
const REFUSED_KEY = 'pc.policy.refused'
/** The minor version whose notice the user dismissed: it is not shown again on the next launch. */
const NOTICE_SEEN_KEY = 'pc.policy.notice-seen'
const RETRIES = 3

let session: PrivacySession = { phase: 'loading', lang: 'zh-CN', sheetOpen: false, changes: [], notice: [], consents: {} }
const listeners = new Set<() => void>()
/** The pending privacy API call WeChat holds until we answer (onNeedPrivacyAuthorization). */
let pendingResolve: ((r: PrivacyResolution) => void) | undefined
let started = false

function set(patch: Partial<PrivacySession>): void {
  session = { ...session, ...patch }
  for (const l of listeners) l()
}

export function usePrivacySession(): PrivacySession {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => session,
  )
}

export function getPrivacySession(): PrivacySession {
  return session
}

export function setLang(lang: Lang): void {
  set({ lang })
}

/** Once per app launch: hook WeChat's privacy interception, then find out what to show. */
export function startPrivacySession(): void {
  if (started) return
  started = true
  initPlatform({
    declaredTypesVersion: '1',
    privacyContractName: '《示例商城隐私保护指引》',
    appName: '示例商城',
  })
  // A privacy API ran before agreement: WeChat holds the call until we answer from our own sheet.
  onNeedPrivacyAuthorization((resolve) => {
    pendingResolve?.({ event: 'disagree' })
    pendingResolve = resolve
    set({ sheetOpen: true })
  })
  void refresh()
}

/** Re-reads WeChat's agreement and our ledger (after launch, agreement or a policy publication). */
export async function refresh(): Promise<void> {
  const [setting, catalogue] = await Promise.all([getPrivacySetting().catch(() => ({ needAuthorization: true })), consent.policy()])
  if (!catalogue.ok) return set({ phase: 'offline', sheetOpen: false, error: catalogue.code })
  const latest = catalogue.data.latest
  // Before the user agrees in WeChat no personal data is read, not even our ledger.
  if (setting.needAuthorization) {
    const refused = Taro.getStorageSync(REFUSED_KEY) === latest.version
    return set({ phase: refused ? 'browse' : 'first-consent', sheetOpen: !refused, catalogue: catalogue.data, changes: [] })
  }
  const status = await consent.status(session.lang)
  if (!status.ok) return set({ phase: 'offline', sheetOpen: false, catalogue: catalogue.data, error: status.code })
  applyStatus(status.data)
  if (session.phase === 'agreed') await reconcileScopes()
}

/**
 * A scope switched off in WeChat's own settings while the app was closed reaches us only as its
 * absence. At launch, a scope the ledger holds as granted that WeChat no longer grants is recorded as
 * withdrawn, so the server deletes what rested on it, as for any withdrawal.
 */
async function reconcileScopes(): Promise<void> {
  const auth = await getAuthSetting().catch(() => undefined)
  if (!auth) return
  for (const scope of SCOPES) {
    const target: ConsentTarget = { kind: 'scope', id: scope }
    if (isGranted(session.consents, target) && auth[scope] !== true) await recordDecision(target, 'withdraw', 'wechat-settings')
  }
}

function applyStatus(s: ConsentStatus): void {
  const refused = Taro.getStorageSync(REFUSED_KEY) === s.latest.version
  const phase: Phase = s.need === 'first-consent' ? (refused ? 'browse' : 'first-consent') : s.need === 'reconsent' ? (refused ? 'browse' : 'reconsent') : 'agreed'
  set({
    phase,
    sheetOpen: phase === 'first-consent' || phase === 'reconsent',
    catalogue: { latest: s.latest, versions: s.versions },
    agreed: s.agreed,
    changes: s.need === 'reconsent' ? s.changes : [],
    notice: s.need === 'notice' && Taro.getStorageSync(NOTICE_SEEN_KEY) !== s.latest.version ? s.changes : [],
    consents: s.consents,
    error: undefined,
  })
}

/** A client request id: unique per intended change, so a retried call is applied once. */
export function newRequestId(): string {
  // Uniqueness, not secrecy: the id only makes retries idempotent within one user's chain.
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`.replace(/[^A-Za-z0-9]/g, '')
}

function currentPage(): string {
  const path = Taro.getCurrentInstance().router?.path ?? 'pages/index/index'
  const clean = path.split('?')[0]!.replace(/^\/+/, '').replace(/[^A-Za-z0-9_./-]/g, '')
  return clean || 'pages/index/index'
}

/**
 * Appends one decision to the caller's ledger chain, retrying transport failures with the same
 * client request id so a retry can never record the decision twice.
 */
export async function recordDecision(target: ConsentTarget, decision: Decision, method: ConsentMethod, policy?: PolicyMeta): Promise<Reply<ConsentView>> {
  const cited = policy ?? session.agreed ?? session.catalogue?.latest
  if (!cited) return { ok: false, code: 'POLICY.UNKNOWN_VERSION', message: 'the policy is not loaded' }
  const request: ConsentRequest = {
    clientRequestId: newRequestId(),
    target,
    decision,
    policy: { version: cited.version, hash: cited.hash },
    method,
    page: currentPage(),
    client: { platform: process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp', appVersion: APP_VERSION },
    language: session.lang,
  }
  let reply = await consent.record(request)
  for (let i = 1; i < RETRIES && !reply.ok && reply.code === 'COMMON.INTERNAL'; i++) reply = await consent.record(request)
  if (!reply.ok) {
    set({ error: reply.code })
    return reply
  }
  set({ consents: reply.data.consents, error: undefined })
  return { ok: true, data: reply.data.consents }
}

/**
 * The agree button was tapped (WeChat has synced the agreement): record the policy and the openid as
 * account identity, plus any optional purposes the user ticked, then answer a held privacy call.
 */
export async function agree(optionalPurposes: readonly string[] = []): Promise<boolean> {
  const latest = session.catalogue?.latest
  if (!latest) return false
  const first = session.phase !== 'reconsent'
  const method: ConsentMethod = 'agree-button'
  const steps: Array<[ConsentTarget, Decision]> = [[{ kind: 'policy', id: POLICY_TARGET_ID }, 'grant']]
  if (first) steps.push([{ kind: 'purpose', id: 'account-identity' }, 'grant'])
  for (const id of optionalPurposes) steps.push([{ kind: 'purpose', id }, 'grant'])
  for (const [target, decision] of steps) {
    const r = await recordDecision(target, decision, method, latest)
    if (!r.ok) return false
  }
  Taro.removeStorageSync(REFUSED_KEY)
  pendingResolve?.({ event: 'agree', buttonId: AGREE_BUTTON_ID })
  pendingResolve = undefined
  await refresh()
  return true
}

/**
 * "Not now": the user stays in browse mode with no further prompts until they start a personal
 * feature. The refusal itself is recorded (GB/T 35273: refusals are provable too).
 */
export async function refuse(): Promise<void> {
  const latest = session.catalogue?.latest
  pendingResolve?.({ event: 'disagree' })
  pendingResolve = undefined
  if (latest) Taro.setStorageSync(REFUSED_KEY, latest.version)
  set({ phase: 'browse', sheetOpen: false })
  if (latest) await recordDecision({ kind: 'policy', id: POLICY_TARGET_ID }, 'deny', 'refuse-button', latest)
}

/** The user started a feature that needs personal data while browsing: show the sheet again. */
export function askForAgreement(): void {
  set({ sheetOpen: true })
}

export function closeSheet(): void {
  pendingResolve?.({ event: 'disagree' })
  pendingResolve = undefined
  set({ sheetOpen: false })
}

export function dismissNotice(): void {
  if (session.catalogue) Taro.setStorageSync(NOTICE_SEEN_KEY, session.catalogue.latest.version)
  set({ notice: [] })
}

/** The user withdrew agreement to the policy: back to browse mode, recorded. */
export async function withdrawPolicy(): Promise<boolean> {
  const r = await recordDecision({ kind: 'policy', id: POLICY_TARGET_ID }, 'withdraw', 'settings-toggle')
  if (!r.ok) return false
  await recordDecision({ kind: 'purpose', id: 'account-identity' }, 'withdraw', 'settings-toggle')
  if (session.catalogue) Taro.setStorageSync(REFUSED_KEY, session.catalogue.latest.version)
  set({ phase: 'browse', sheetOpen: false, agreed: undefined })
  return true
}
