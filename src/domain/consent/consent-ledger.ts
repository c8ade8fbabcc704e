import { DomainError } from '../common/errors'
import { canonicalJson, sha256Hex } from '../common/hashing'
import {
  type AnonymisedEvent,
  type ConsentDecision,
  type ConsentEvent,
  type ConsentReason,
  type ConsentRequest,
  type ConsentTarget,
  consentRecordSchema,
  isAnonymised,
  type LedgerEvent,
  ledgerEventSchema,
} from './consent-event'
import { applyEvent, type ConsentView } from './consent-state'
import { POLICY_TARGET_ID, targetKey } from './consent-targets'
import { decideTransition } from './consent-transitions'
import { GENESIS_HASH, chainHash } from './hash-chain'

/** The last event of a subject's chain: all a writer needs to append the next one. */
export interface ChainHead {
  subject: string
  seq: number
  hash: string
}

/** A decision to record: the client's request plus the server-side pseudonym (and why, when the server adds it). */
export type NewConsent = ConsentRequest & { subject: string; reason?: ConsentReason }

/**
 * The id of the event a client request produces: a function of the subject and the request id, so a
 * retry targets the same stored event, and the store's unique ids make a second copy impossible.
 */
export function eventIdFor(subject: string, clientRequestId: string): string {
  return sha256Hex(`${subject}/${clientRequestId}`).slice(0, 32)
}

/**
 * The id of the `index`-th event one request appends (a decision with several targets, and what it
 * cascades to): the first keeps `eventIdFor`, so a retry collides on it whatever the batch holds.
 */
export function batchEventId(subject: string, clientRequestId: string, index: number): string {
  return eventIdFor(subject, index === 0 ? clientRequestId : `${clientRequestId}/${index}`)
}

export function headOf(event: LedgerEvent): ChainHead {
  return { subject: event.subject, seq: event.seq, hash: event.hash }
}

/**
 * The event that follows `head` (or starts the chain when `head` is undefined). Pure: time and id
 * come from the caller; storing it, and making sure nobody appended in between, is the writer's job.
 * @throws DomainError `CONSENT.INVALID_EVENT` for a malformed input, `CONSENT.CHAIN_MISMATCH` when
 * `head` belongs to another subject.
 */
export function nextEvent(head: ChainHead | undefined, input: NewConsent, ctx: { now: Date; eventId: string }): ConsentEvent {
  if (head && head.subject !== input.subject) throw new DomainError('CONSENT.CHAIN_MISMATCH', 'the chain head belongs to another subject')
  const parsed = consentRecordSchema.safeParse({ ...input, eventId: ctx.eventId, seq: head ? head.seq + 1 : 1, serverTime: ctx.now.toISOString() })
  if (!parsed.success) {
    throw new DomainError('CONSENT.INVALID_EVENT', parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; '))
  }
  const prevHash = head ? head.hash : GENESIS_HASH
  return { ...parsed.data, prevHash, hash: chainHash(prevHash, parsed.data) }
}

/** Why a chain failed: a missing or extra event, a broken link, an edited event, or a cut-off tail. */
export type ChainFailure = 'malformed' | 'seq-gap' | 'subject-mismatch' | 'prev-hash-mismatch' | 'hash-mismatch' | 'head-mismatch' | 'after-anonymised'

export type ChainVerification = { ok: true; count: number; head?: ChainHead } | { ok: false; seq: number; reason: ChainFailure }

/**
 * Checks a subject's events, in stored order: seq runs 1, 2, 3… without gaps, one subject throughout,
 * each `prevHash` is the previous hash (the genesis constant first), and each hash recomputes.
 * Editing any hashed field, reordering, deleting or inserting an event fails at the first bad seq.
 * Cutting off the newest events can only be seen against a head anchored earlier (kept apart from
 * the events), passed as `anchor`: the chain must still hold that event unchanged. An anonymisation
 * closes a chain: nothing may follow it.
 * Needs neither the openid nor the salt.
 */
export function verifyChain(events: readonly unknown[], anchor?: ChainHead): ChainVerification {
  const heads: ChainHead[] = []
  let closed = false
  for (let i = 0; i < events.length; i++) {
    const seq = i + 1
    const prev = heads[i - 1]
    const parsed = ledgerEventSchema.safeParse(events[i])
    if (!parsed.success) return { ok: false, seq, reason: 'malformed' }
    const e = parsed.data
    if (e.seq !== seq) return { ok: false, seq, reason: 'seq-gap' }
    if (closed) return { ok: false, seq, reason: 'after-anonymised' }
    if (prev && e.subject !== prev.subject) return { ok: false, seq, reason: 'subject-mismatch' }
    if (e.prevHash !== (prev ? prev.hash : GENESIS_HASH)) return { ok: false, seq, reason: 'prev-hash-mismatch' }
    if (chainHash(e.prevHash, e) !== e.hash) return { ok: false, seq, reason: 'hash-mismatch' }
    heads.push(headOf(e))
    closed = isAnonymised(e)
  }
  if (anchor) {
    const at = heads[anchor.seq - 1]
    if (!at) return { ok: false, seq: heads.length + 1, reason: 'head-mismatch' }
    if (at.hash !== anchor.hash || at.subject !== anchor.subject) return { ok: false, seq: anchor.seq, reason: 'head-mismatch' }
  }
  const head = heads[heads.length - 1]
  return head ? { ok: true, count: heads.length, head } : { ok: true, count: 0 }
}

/** A chain head with the consent view kept next to it: all a writer needs to plan the next events. */
export interface HeadWithView extends ChainHead {
  consents: ConsentView
}

/** A decision about several targets, with the server-side pseudonym. */
export type NewDecision = ConsentDecision & { subject: string }

/** What a requested decision came to: a new event, or the standing event it repeats (no new row). */
export type DecisionOutcome = { event: ConsentEvent } | { standing: string }

export interface DecisionPlan {
  /** Per requested decision, in request order. */
  outcomes: DecisionOutcome[]
  /** Every new event in chain order: the requested ones, then the withdrawals they cascaded to. */
  appended: ConsentEvent[]
  /** The head after `appended` (the given one when nothing is appended). */
  head: HeadWithView | undefined
}

const POLICY: ConsentTarget = { kind: 'policy', id: POLICY_TARGET_ID }

/** The policy agreement stood before and no longer does: everything resting on it ends with it. */
function policyEnded(before: ConsentView, after: ConsentView): boolean {
  const key = targetKey(POLICY)
  return before[key]?.state === 'granted' && after[key]?.state !== 'granted'
}

/**
 * One decision against the chain head, all or nothing: each requested target goes through the
 * transition table (a repeat of the standing decision appends nothing), and when the decision ends
 * the policy agreement, every purpose and scope still granted is withdrawn after it (reason
 * `policy-ended`, citing the version its grant cited, so its receipt names the purposes agreed to).
 * Pure: the caller stores `appended` and `head` in one transaction.
 * @throws DomainError `CONSENT.NOT_GRANTED` (any target), `CONSENT.INVALID_EVENT`, `CONSENT.CHAIN_MISMATCH`.
 */
export function planDecision(head: HeadWithView | undefined, input: NewDecision, ctx: { now: Date }): DecisionPlan {
  const { decisions, ...common } = input
  const before = head?.consents ?? {}
  const appended: ConsentEvent[] = []
  let after: HeadWithView | undefined = head
  const append = (consent: NewConsent): ConsentEvent => {
    const event = nextEvent(after, consent, { now: ctx.now, eventId: batchEventId(input.subject, input.clientRequestId, appended.length) })
    appended.push(event)
    after = { ...headOf(event), consents: applyEvent(after?.consents ?? {}, event) }
    return event
  }
  const outcomes = decisions.map(({ target, decision }): DecisionOutcome => {
    const standing = before[targetKey(target)]
    const transition = decideTransition(standing, decision, input.policy)
    return transition.kind === 'unchanged' && standing ? { standing: standing.eventId } : { event: append({ ...common, target, decision }) }
  })
  if (policyEnded(before, after?.consents ?? {})) {
    for (const c of Object.values(after?.consents ?? {})) {
      if (c.state === 'granted' && c.target.kind !== 'policy') append({ ...common, target: c.target, decision: 'withdraw', policy: c.policy, reason: 'policy-ended' })
    }
  }
  return { outcomes, appended, head: after }
}

function commonOf(e: NewConsent | Omit<NewDecision, 'decisions'>) {
  const { subject, clientRequestId, policy, method, page, client, language } = e
  return canonicalJson({ subject, clientRequestId, policy, method, page, client, language })
}

/**
 * The reply to a retry. `recorded` are the events the first call appended under this client request
 * id (seq order). A requested target it did not append was unchanged then; it answers with the
 * target's standing event in `view`.
 * @throws DomainError `CONSENT.REQUEST_ID_REUSED` when the id was used for a different decision.
 */
export function replayDecision(recorded: readonly ConsentEvent[], input: NewDecision, view: ConsentView): { outcomes: DecisionOutcome[]; cascaded: ConsentEvent[] } {
  const { decisions, ...common } = input
  const own = new Map(recorded.filter((e) => !e.reason).map((e) => [targetKey(e.target), e]))
  const asked = new Map(decisions.map((d) => [targetKey(d.target), d.decision]))
  const reused = () => new DomainError('CONSENT.REQUEST_ID_REUSED', 'this client request id was already used for a different decision')
  for (const [key, e] of own) if (asked.get(key) !== e.decision || commonOf(e) !== commonOf(common)) throw reused()
  const outcomes = decisions.map(({ target }): DecisionOutcome => {
    const key = targetKey(target)
    const event = own.get(key)
    if (event) return { event }
    const standing = view[key]
    if (!standing) throw reused()
    return { standing: standing.eventId }
  })
  return { outcomes, cascaded: recorded.filter((e) => e.reason) }
}

/** How a server-made closing event fills a decision's fields: nothing was shown, so no page, app or language of the user's. */
const CLOSING = { clientRequestId: 'account-cancellation', method: 'account-cancellation', page: 'account-cancellation', client: { platform: 'server', appVersion: 'ledger-1' }, language: 'zh-CN' } as const

/**
 * Closes a chain at account cancellation: each standing grant is withdrawn (method and reason
 * `account-cancellation` / `account-cancelled`, citing the version its grant cited), then one
 * `subject-anonymised` event ends the chain. Nothing in them is derived from the openid, so once the
 * salt is gone the chain still verifies and links to no one. Ids derive from the subject alone.
 */
export function planAnonymisation(head: HeadWithView, ctx: { now: Date }): { appended: LedgerEvent[]; head: HeadWithView } {
  const subject = head.subject
  const appended: LedgerEvent[] = []
  let after = head
  // `closing/n` is no client's: client request ids hold no `/`, and `batchEventId` never makes `/0`.
  const id = () => eventIdFor(subject, `closing/${appended.length}`)
  for (const c of Object.values(head.consents)) {
    if (c.state !== 'granted') continue
    const event = nextEvent(after, { ...CLOSING, subject, target: c.target, decision: 'withdraw', policy: c.policy, reason: 'account-cancelled' }, { now: ctx.now, eventId: id() })
    appended.push(event)
    after = { ...headOf(event), consents: applyEvent(after.consents, event) }
  }
  const record = { kind: 'subject-anonymised', eventId: id(), subject, seq: after.seq + 1, method: 'account-cancellation', serverTime: ctx.now.toISOString() } as const
  const closing: AnonymisedEvent = { ...record, prevHash: after.hash, hash: chainHash(after.hash, record) }
  appended.push(closing)
  return { appended, head: { ...headOf(closing), consents: after.consents } }
}
