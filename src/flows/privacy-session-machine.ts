import type { ConsentStatus, PolicyCatalogue, PolicyMeta } from '@/contracts/consent'
import type { ConsentDecision, ConsentMethod, ConsentTarget, TargetDecision } from '@/domain/consent/consent-event'
import { type ConsentView, isGranted } from '@/domain/consent/consent-state'
import { POLICY_TARGET_ID } from '@/domain/consent/consent-targets'
import type { Lang } from '@/domain/policy/localized'
import type { ChangeItem } from '@/domain/policy/reconsent'

/**
 * The privacy session as one pure state machine: `reduce(state, event)` looks the event up in
 * `TRANSITIONS[state.phase]` and returns the next state and the effects to perform, as data. An event
 * the current phase does not list, or whose guard fails, is ignored: the same state object comes back
 * with no effects. The runner (privacy-session.ts) performs the effects and feeds their results back
 * as events; this file knows nothing of Taro, React, WeChat or the cloud.
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
  /** The policy or the ledger could not be read; browsing still works. */
  | 'offline'

/** What a decision is for, so its reply can move the session on. */
type Intent = 'agree' | 'refuse' | 'withdraw-policy' | 'other'

/** A WeChat privacy call held until we answer (onNeedPrivacyAuthorization). */
export interface HeldRequest {
  request: number
  /** WeChat's agree button the user tapped while this call was held: WeChat has recorded that agreement. */
  tapped?: string
}

export type WechatAnswer = { event: 'agree'; buttonId: string } | { event: 'disagree' }

export interface SessionState {
  phase: Phase
  lang: Lang
  /** The sheet is up: at first run, at re-consent, because the user started a personal feature, or WeChat asked. */
  sheetOpen: boolean
  catalogue?: PolicyCatalogue
  agreed?: PolicyMeta
  changes: ChangeItem[]
  /** A minor update the user has not dismissed yet. */
  notice: ChangeItem[]
  consents: ConsentView
  /** The code of the last failed read or ledger write. */
  error?: string
  /** The policy version the user chose 暂不同意 for, so they are not asked again at launch. */
  refusedVersion?: string
  /** The minor version whose notice the user dismissed. */
  noticeSeenVersion?: string
  held: HeldRequest[]
  /** Decisions sent and not yet answered, by clientRequestId. */
  saving: Record<string, { intent: Intent; request: ConsentDecision }>
  /** The last decision that failed: the same decision again is a retry and reuses its clientRequestId. */
  retry?: ConsentDecision
  client: ConsentDecision['client']
}

type Scope = Extract<ConsentTarget, { kind: 'scope' }>['id']
/** Fresh inputs of an event that may start a decision: a new clientRequestId and the page it is made on. */
interface Origin {
  id: string
  page: string
}

export type SessionEvent =
  | { type: 'started'; refusedVersion?: string; noticeSeenVersion?: string }
  | { type: 'policy-read'; needAuthorization: boolean; catalogue: PolicyCatalogue }
  | { type: 'status-read'; status: ConsentStatus }
  | { type: 'load-failed'; code: string }
  /** WeChat's scope settings at launch, for the scopes in `checked`. */
  | ({ type: 'scopes-read'; checked: readonly Scope[]; auth: Partial<Record<Scope, boolean>> } & Origin)
  | { type: 'wechat-asked'; request: number }
  | { type: 'sheet-opened' }
  | { type: 'sheet-closed' }
  /** `button`: WeChat's agree button was the control tapped (absent for our retry control). */
  | ({ type: 'agree-tapped'; purposes: readonly string[]; button?: string } & Origin)
  | ({ type: 'refuse-tapped' } & Origin)
  | ({ type: 'withdraw-policy-tapped' } & Origin)
  | ({ type: 'decision-requested'; decisions: TargetDecision[]; method: ConsentMethod; policy?: PolicyMeta } & Origin)
  | { type: 'decided'; id: string; consents: ConsentView }
  | { type: 'decide-failed'; id: string; code: string }
  | { type: 'notice-dismissed' }
  | { type: 'lang-set'; lang: Lang }

export type Effect =
  /** Read WeChat's agreement state and the published policy → policy-read | load-failed. */
  | { kind: 'load' }
  /** Read the caller's consent status → status-read | load-failed. */
  | { kind: 'read-status'; language: Lang }
  /** Read WeChat's scope settings → scopes-read. */
  | { kind: 'read-scopes' }
  /** One `consent.decide` call, retried with the same request → decided | decide-failed. */
  | { kind: 'decide'; request: ConsentDecision }
  | { kind: 'resolve-wechat'; request: number; resolution: WechatAnswer }
  | { kind: 'remember-refusal'; version: string }
  | { kind: 'forget-refusal' }
  | { kind: 'remember-notice'; version: string }

export interface Step {
  state: SessionState
  effects: Effect[]
}

export type EventType = SessionEvent['type']
type Handler<T extends EventType> = (s: SessionState, e: Extract<SessionEvent, { type: T }>) => Step | undefined
type Row = { [T in EventType]?: Handler<T> }

const POLICY: ConsentTarget = { kind: 'policy', id: POLICY_TARGET_ID }
const ACCOUNT: ConsentTarget = { kind: 'purpose', id: 'account-identity' }

export function initialSession(client: ConsentDecision['client']): SessionState {
  return { phase: 'loading', lang: 'zh-CN', sheetOpen: false, changes: [], notice: [], consents: {}, held: [], saving: {}, client }
}

const to = (state: SessionState, ...effects: Effect[]): Step => ({ state, effects })
const savingAgreement = (s: SessionState) => Object.values(s.saving).some((d) => d.intent === 'agree')

/** One decision, one request: a retry of the last failed identical decision reuses its clientRequestId. */
function decide(s: SessionState, intent: Intent, o: Origin, decisions: TargetDecision[], method: ConsentMethod, policy: PolicyMeta | undefined): Step | undefined {
  if (!policy) return undefined
  const request: ConsentDecision = {
    clientRequestId: o.id,
    policy: { version: policy.version, hash: policy.hash },
    method,
    page: o.page,
    client: s.client,
    language: s.lang,
    decisions,
  }
  const retry = s.retry && JSON.stringify({ ...s.retry, clientRequestId: '' }) === JSON.stringify({ ...request, clientRequestId: '' })
  const id = retry ? s.retry!.clientRequestId : o.id
  // The same decision already on its way is not sent twice.
  if (s.saving[id]) return undefined
  const sent = { ...request, clientRequestId: id }
  return to({ ...s, saving: { ...s.saving, [id]: { intent, request: sent } } }, { kind: 'decide', request: sent })
}

function settled(s: SessionState, id: string): SessionState {
  const saving = { ...s.saving }
  delete saving[id]
  return { ...s, saving }
}

const started: Handler<'started'> = (s, e) => to({ ...s, refusedVersion: e.refusedVersion, noticeSeenVersion: e.noticeSeenVersion }, { kind: 'load' })

const policyRead: Handler<'policy-read'> = (s, e) => {
  const next = { ...s, catalogue: e.catalogue }
  // Before the user agrees in WeChat no personal data is read, not even our ledger.
  if (!e.needAuthorization) return to(next, { kind: 'read-status', language: s.lang })
  const phase = s.refusedVersion === e.catalogue.latest.version ? 'browse' : 'first-consent'
  return to({ ...next, phase, sheetOpen: phase === 'first-consent' || s.held.length > 0, changes: [] })
}

const statusRead: Handler<'status-read'> = (s, { status }) => {
  const { need } = status
  const phase: Phase = need === 'first-consent' || need === 'reconsent' ? (s.refusedVersion === status.latest.version ? 'browse' : need) : 'agreed'
  const state: SessionState = {
    ...s,
    phase,
    sheetOpen: phase === 'first-consent' || phase === 'reconsent' || s.held.length > 0,
    catalogue: { latest: status.latest, versions: status.versions },
    agreed: status.agreed,
    changes: need === 'reconsent' ? status.changes : [],
    notice: need === 'notice' && s.noticeSeenVersion !== status.latest.version ? status.changes : [],
    consents: status.consents,
    error: undefined,
  }
  return phase === 'agreed' ? to(state, { kind: 'read-scopes' }) : to(state)
}

const loadFailed: Handler<'load-failed'> = (s, e) => to({ ...s, phase: 'offline', sheetOpen: false, error: e.code })

/**
 * A scope switched off in WeChat's own settings while the app was closed reaches us only as its
 * absence: each scope the ledger holds as granted that WeChat no longer grants is withdrawn, in one
 * decision, so the server deletes what rested on it.
 */
const scopesRead: Handler<'scopes-read'> = (s, e) => {
  const lost = e.checked.filter((id) => isGranted(s.consents, { kind: 'scope', id }) && e.auth[id] !== true)
  const decisions = lost.map((id): TargetDecision => ({ target: { kind: 'scope', id }, decision: 'withdraw' }))
  return decisions.length ? decide(s, 'other', e, decisions, 'wechat-settings', s.agreed ?? s.catalogue?.latest) : undefined
}

/** The sheet cannot show without the policy, except while it is still loading. */
const wechatAsked: Handler<'wechat-asked'> = (s, e) =>
  to({ ...s, held: [...s.held, { request: e.request }], sheetOpen: s.sheetOpen || s.phase === 'loading' || s.catalogue !== undefined })

const sheetOpened: Handler<'sheet-opened'> = (s) => (s.catalogue ? to({ ...s, sheetOpen: true }) : undefined)
const sheetClosed: Handler<'sheet-closed'> = (s) => to({ ...s, sheetOpen: false })

/** The policy, the openid as account identity on a first agreement, and any optional purposes ticked: one decision. */
const agreeTapped: Handler<'agree-tapped'> = (s, e) => {
  if (!s.sheetOpen || savingAgreement(s)) return undefined
  const decisions: TargetDecision[] = [{ target: POLICY, decision: 'grant' }]
  if (s.phase !== 'reconsent') decisions.push({ target: ACCOUNT, decision: 'grant' })
  for (const id of e.purposes) decisions.push({ target: { kind: 'purpose', id }, decision: 'grant' })
  const step = decide(s, 'agree', e, decisions, 'agree-button', s.catalogue?.latest)
  if (!step || !e.button) return step
  return to({ ...step.state, held: step.state.held.map((h) => ({ ...h, tapped: e.button })) }, ...step.effects)
}

/** "Not now": browse at once, with no prompt at the next launch; the refusal itself is recorded (GB/T 35273). */
const refuseTapped: Handler<'refuse-tapped'> = (s, e) => {
  const latest = s.catalogue?.latest
  if (!latest || !s.sheetOpen || savingAgreement(s)) return undefined
  const browsing: SessionState = { ...s, phase: 'browse', sheetOpen: false, refusedVersion: latest.version }
  const step = decide(browsing, 'refuse', e, [{ target: POLICY, decision: 'deny' }], 'refuse-button', latest) ?? to(browsing)
  return to(step.state, { kind: 'remember-refusal', version: latest.version }, ...step.effects)
}

/** The server withdraws, in the same transaction, the account identity and all else that rested on the policy. */
const withdrawPolicyTapped: Handler<'withdraw-policy-tapped'> = (s, e) =>
  decide(s, 'withdraw-policy', e, [{ target: POLICY, decision: 'withdraw' }], 'settings-toggle', s.agreed ?? s.catalogue?.latest)

const decisionRequested: Handler<'decision-requested'> = (s, e) => decide(s, 'other', e, e.decisions, e.method, e.policy ?? s.agreed ?? s.catalogue?.latest)

const decided: Handler<'decided'> = (s, e) => {
  const sent = s.saving[e.id]
  if (!sent) return undefined
  const next: SessionState = { ...settled(s, e.id), consents: e.consents, error: undefined, retry: s.retry?.clientRequestId === e.id ? undefined : s.retry }
  if (sent.intent === 'agree') {
    // Re-read WeChat and the ledger: the phase follows from what was recorded, not from the tap.
    const forget: Effect[] = s.refusedVersion === undefined ? [] : [{ kind: 'forget-refusal' }]
    return to({ ...next, refusedVersion: undefined }, ...forget, { kind: 'load' })
  }
  const version = s.catalogue?.latest.version
  if (sent.intent !== 'withdraw-policy' || !version) return to(next)
  return to({ ...next, phase: 'browse', sheetOpen: false, agreed: undefined, refusedVersion: version }, { kind: 'remember-refusal', version })
}

const decideFailed: Handler<'decide-failed'> = (s, e) => {
  const sent = s.saving[e.id]
  return sent ? to({ ...settled(s, e.id), error: e.code, retry: sent.request }) : undefined
}

const noticeDismissed: Handler<'notice-dismissed'> = (s) => {
  const version = s.catalogue?.latest.version
  return version ? to({ ...s, notice: [], noticeSeenVersion: version }, { kind: 'remember-notice', version }) : undefined
}

const langSet: Handler<'lang-set'> = (s, e) => to({ ...s, lang: e.lang })

/** Every phase takes these: reads may land in any phase, WeChat may ask at any time. */
const ALWAYS: Row = { 'policy-read': policyRead, 'status-read': statusRead, 'load-failed': loadFailed, 'wechat-asked': wechatAsked, 'sheet-closed': sheetClosed, 'lang-set': langSet }
/** Every phase but loading: a decision needs a loaded policy to cite; a sent decision's reply may land in any phase. */
const DECIDING: Row = { ...ALWAYS, 'decision-requested': decisionRequested, 'withdraw-policy-tapped': withdrawPolicyTapped, decided, 'decide-failed': decideFailed }
/** The sheet's own controls, wherever the sheet can be shown to ask. */
const ASKING: Row = { ...DECIDING, 'sheet-opened': sheetOpened, 'agree-tapped': agreeTapped, 'refuse-tapped': refuseTapped }

/** The one transition table: phase × allowed event → handler (next state and effects). */
export const TRANSITIONS: Record<Phase, Row> = {
  loading: { ...ALWAYS, started },
  'first-consent': ASKING,
  reconsent: ASKING,
  browse: ASKING,
  offline: ASKING,
  agreed: { ...DECIDING, 'agree-tapped': agreeTapped, 'scopes-read': scopesRead, 'notice-dismissed': noticeDismissed },
}

/**
 * WeChat's held calls are answered exactly once, by this rule after every transition: once no
 * agreement is being saved, a call during which the user tapped WeChat's agree button is answered
 * `agree`, and any other call is answered `disagree` as soon as the sheet is closed. An agreement whose
 * ledger write failed is still answered `agree`: WeChat recorded the agreement at the tap, whatever our
 * ledger did, and a `disagree` would make WeChat record a refusal the user never gave. The ledger's
 * failure is shown on the sheet, which offers a retry.
 */
function answerWechat(s: SessionState): Step {
  if (savingAgreement(s)) return to(s)
  const answered = s.held.filter((h) => h.tapped !== undefined || !s.sheetOpen)
  if (!answered.length) return to(s)
  const effects = answered.map(
    (h): Effect => ({ kind: 'resolve-wechat', request: h.request, resolution: h.tapped !== undefined ? { event: 'agree', buttonId: h.tapped } : { event: 'disagree' } }),
  )
  return to({ ...s, held: s.held.filter((h) => !answered.includes(h)) }, ...effects)
}

export function reduce(s: SessionState, e: SessionEvent): Step {
  const handler = TRANSITIONS[s.phase][e.type] as Handler<EventType> | undefined
  const step = handler?.(s, e)
  if (!step) return to(s)
  const answer = answerWechat(step.state)
  // WeChat's answers come first: the held call should not wait for a reload.
  return to(answer.state, ...answer.effects, ...step.effects)
}
