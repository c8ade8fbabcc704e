import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'
import type { PolicyMeta } from '@/contracts/consent'
import type { Reply } from '@/domain/common/errors'
import type { ConsentMethod, ConsentTarget, Decision } from '@/domain/consent/consent-event'
import type { ConsentView } from '@/domain/consent/consent-state'
import type { Lang } from '@/domain/policy/localized'
import { getAuthSetting, getPrivacySetting, initPlatform, onNeedPrivacyAuthorization, type PrivacyResolution, SCOPES } from '@/platform'
import { consent } from '@/services/cloud'
import { type Effect, initialSession, reduce, type SessionEvent, type SessionState } from './privacy-session-machine'

/**
 * The runner of the privacy session machine (privacy-session-machine.ts), shared by every page: it
 * feeds events to the machine, performs the effects it returns (WeChat, storage, the consent
 * function) and feeds their results back. Pages read the state with `usePrivacySession()` and change
 * it only through the functions below.
 */
export type { Phase } from './privacy-session-machine'
export type PrivacySession = SessionState

export const APP_VERSION = '0.1.0'
export const AGREE_BUTTON_ID = 'consent-agree'
const REFUSED_KEY = 'pc.policy.refused'
/** The minor version whose notice the user dismissed: it is not shown again on the next launch. */
const NOTICE_SEEN_KEY = 'pc.policy.notice-seen'
const RETRIES = 3
/** The reply to a call the session did not take in its current state (the machine ignored the event). */
const NOT_TAKEN = { ok: false, code: 'COMMON.CONFLICT', message: 'the privacy session does not take this decision now' } as const

let session = initialSession({ platform: process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp', appVersion: APP_VERSION })
const listeners = new Set<() => void>()
/** WeChat's pending privacy calls by the number the machine knows them by. */
const held = new Map<number, (r: PrivacyResolution) => void>()
let asked = 0
let started = false

/** Runs one event and its effects; resolves with the reply of the decision the event started, if any. */
async function send(event: SessionEvent): Promise<Reply<ConsentView> | undefined> {
  const step = reduce(session, event)
  if (step.state !== session) {
    session = step.state
    for (const l of listeners) l()
  }
  let reply: Reply<ConsentView> | undefined
  for (const effect of step.effects) reply = (await perform(effect)) ?? reply
  return reply
}

async function perform(effect: Effect): Promise<Reply<ConsentView> | undefined> {
  switch (effect.kind) {
    case 'load': {
      const [setting, catalogue] = await Promise.all([getPrivacySetting().catch(() => ({ needAuthorization: true })), consent.policy()])
      await send(catalogue.ok ? { type: 'policy-read', needAuthorization: setting.needAuthorization, catalogue: catalogue.data } : { type: 'load-failed', code: catalogue.code })
      return undefined
    }
    case 'read-status': {
      const status = await consent.status(effect.language)
      await send(status.ok ? { type: 'status-read', status: status.data } : { type: 'load-failed', code: status.code })
      return undefined
    }
    case 'read-scopes': {
      const auth = await getAuthSetting().catch(() => undefined)
      if (auth) await send({ type: 'scopes-read', checked: SCOPES, auth, ...origin() })
      return undefined
    }
    case 'decide': {
      // Transport failures are retried with the same request, so a retry can never record the decision twice.
      let reply = await consent.decide(effect.request)
      for (let i = 1; i < RETRIES && !reply.ok && reply.code === 'COMMON.INTERNAL'; i++) reply = await consent.decide(effect.request)
      const id = effect.request.clientRequestId
      await send(reply.ok ? { type: 'decided', id, consents: reply.data.consents } : { type: 'decide-failed', id, code: reply.code })
      return reply.ok ? { ok: true, data: reply.data.consents } : reply
    }
    case 'resolve-wechat':
      held.get(effect.request)?.(effect.resolution)
      held.delete(effect.request)
      return undefined
    case 'remember-refusal':
      Taro.setStorageSync(REFUSED_KEY, effect.version)
      return undefined
    case 'forget-refusal':
      Taro.removeStorageSync(REFUSED_KEY)
      return undefined
    case 'remember-notice':
      Taro.setStorageSync(NOTICE_SEEN_KEY, effect.version)
      return undefined
  }
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
  void send({ type: 'lang-set', lang })
}

/** Once per app launch: hook WeChat's privacy interception, then find out what to show (resolves once read). */
export async function startPrivacySession(): Promise<void> {
  if (started) return
  started = true
  initPlatform({
    declaredTypesVersion: '1',
    privacyContractName: '《示例商城隐私保护指引》',
    appName: '示例商城',
  })
  // A privacy API ran before agreement: WeChat holds the call until the machine answers it.
  onNeedPrivacyAuthorization((resolve) => {
    const request = ++asked
    held.set(request, resolve)
    void send({ type: 'wechat-asked', request })
  })
  const stored = (key: string) => (Taro.getStorageSync(key) as string | undefined) || undefined
  await send({ type: 'started', refusedVersion: stored(REFUSED_KEY), noticeSeenVersion: stored(NOTICE_SEEN_KEY) })
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

function origin(): { id: string; page: string } {
  return { id: newRequestId(), page: currentPage() }
}

/** Records one decision about one target in the caller's ledger chain (a retry of a failed one reuses its request id). */
export async function recordDecision(target: ConsentTarget, decision: Decision, method: ConsentMethod, policy?: PolicyMeta): Promise<Reply<ConsentView>> {
  return (await send({ type: 'decision-requested', decisions: [{ target, decision }], method, policy, ...origin() })) ?? NOT_TAKEN
}

/**
 * Agreement on the sheet (the policy, the openid as account identity at first agreement, and the
 * optional purposes ticked), recorded as one decision; resolves once the session has re-read the
 * ledger. `wechatButton`: tapped on WeChat's agree button (which synced the agreement to WeChat),
 * not on our retry control.
 */
export async function agree(optionalPurposes: readonly string[] = [], wechatButton?: string): Promise<boolean> {
  return (await send({ type: 'agree-tapped', purposes: optionalPurposes, button: wechatButton, ...origin() }))?.ok === true
}

/**
 * "Not now": the user stays in browse mode with no further prompts until they start a personal
 * feature. The refusal itself is recorded (GB/T 35273: refusals are provable too).
 */
export async function refuse(): Promise<void> {
  await send({ type: 'refuse-tapped', ...origin() })
}

/** The user started a feature that needs personal data while browsing: show the sheet again. */
export function askForAgreement(): void {
  void send({ type: 'sheet-opened' })
}

export function closeSheet(): void {
  void send({ type: 'sheet-closed' })
}

export function dismissNotice(): void {
  void send({ type: 'notice-dismissed' })
}

/** The user withdrew agreement to the policy (the server withdraws what rested on it, account identity too): back to browse mode, recorded. */
export async function withdrawPolicy(): Promise<boolean> {
  return (await send({ type: 'withdraw-policy-tapped', ...origin() }))?.ok === true
}
