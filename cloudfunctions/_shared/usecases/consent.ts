import type { ConsentApiRequest, ConsentStatus, HistoryResult, PolicyCatalogue, PolicyMeta, ReceiptResult, RecordResult, VerifyResult } from '../../../src/contracts/consent'
import type { UserActor } from '../../../src/domain/common/actor'
import { DomainError } from '../../../src/domain/common/errors'
import { eventIdFor, headOf, type NewConsent, appendOrReplay, nextEvent, verifyChain } from '../../../src/domain/consent/consent-ledger'
import type { ConsentEvent } from '../../../src/domain/consent/consent-event'
import { type ConsentReceipt, toReceipt } from '../../../src/domain/consent/consent-receipt'
import { agreedPolicy, applyEvent, type ConsentView, onlyRefused, REFUSAL_KEEP_DAYS } from '../../../src/domain/consent/consent-state'
import { requireDeclaredTarget } from '../../../src/domain/consent/consent-targets'
import { subjectPseudonym } from '../../../src/domain/consent/pseudonym'
import { changeList, needsReconsent } from '../../../src/domain/policy/reconsent'
import { findPolicy, type PublishedPolicy, requirePolicy } from '../../../src/domain/policy/policy-version'
import { keyedQueue } from '../keyed-queue'
import { consentLedger, consentSalts } from '../repositories/consent-ledger'
import { policies } from '../repositories/policies'
import { profiles } from '../repositories/profiles'
import { CERT_PURPOSE, withdrawFor } from './certification-data'

type Req<A extends ConsentApiRequest['action']> = Extract<ConsentApiRequest, { action: A }>

/** One append at a time per chain in this instance (see keyedQueue). */
const perSubject = keyedQueue()

/** What a write needs from outside: the server clock, and a fresh random salt in case this is the subject's first decision. */
export interface RecordInputs {
  /** Read when the append runs (after any queue wait or retry), so serverTime follows seq order. */
  clock: () => Date
  /** 32 random bytes, lower-case hex; used only if the caller has no salt yet. */
  newSalt: string
}

function meta(p: PublishedPolicy): PolicyMeta {
  return { version: p.version, hash: p.hash, effectiveDate: p.effectiveDate, publishedAt: p.publishedAt, change: p.change }
}

async function publishedPolicies(): Promise<{ all: PublishedPolicy[]; latest: PublishedPolicy }> {
  const all = await policies.all()
  const latest = all[0]
  if (!latest) throw new DomainError('POLICY.UNKNOWN_VERSION', 'no policy version is published yet')
  return { all, latest }
}

/** The caller's pseudonym, or undefined when they have no salt (never decided, or anonymised). Reads never create one. */
export async function subjectOf(openid: string): Promise<string | undefined> {
  const salt = await consentSalts.find(openid)
  return salt ? subjectPseudonym(openid, salt) : undefined
}

/** The caller's standing consent from their chain head; empty without a chain. */
export async function consentViewOf(openid: string): Promise<ConsentView> {
  const subject = await subjectOf(openid)
  return (subject && (await consentLedger.head(subject))?.consents) || {}
}

export async function policy(_request: Req<'policy'>): Promise<PolicyCatalogue> {
  const { all, latest } = await publishedPolicies()
  return { latest: meta(latest), versions: all.map(meta) }
}

export async function status(request: Req<'status'>, actor: UserActor): Promise<ConsentStatus> {
  const [{ all, latest }, consents] = await Promise.all([publishedPolicies(), consentViewOf(actor.openid)])
  const ref = agreedPolicy(consents)
  const agreed = ref && findPolicy(all, ref)
  const need = needsReconsent(agreed, latest)
  const changes = need.kind === 'notice' || need.kind === 'reconsent' ? changeList(need.diff, latest.content, request.language) : []
  return { latest: meta(latest), versions: all.map(meta), ...(agreed ? { agreed: meta(agreed) } : {}), need: need.kind, changes, consents }
}

/**
 * Appends one decision to the caller's chain. Round trips (the cited policy cached per instance):
 * salt (1, +1 when created), then one transaction: start, head, event, head, commit (5). A retry of
 * a recorded request finds its event by the id derived from subject and clientRequestId.
 */
export async function record({ request }: Req<'record'>, actor: UserActor, inputs: RecordInputs): Promise<RecordResult> {
  const published = await policies.find(request.policy.version)
  const cited = requirePolicy(published ? [published] : [], request.policy)
  requireDeclaredTarget(cited.content.manifest, request.target)
  const { salt } = await consentSalts.findOrCreate(actor.openid, inputs.newSalt, inputs.clock())
  const subject = subjectPseudonym(actor.openid, salt)
  const input: NewConsent = { ...request, subject }
  const eventId = eventIdFor(subject, request.clientRequestId)
  const endsPolicy = request.target.kind === 'policy' && request.decision !== 'grant'
  const outcome = await perSubject(subject, () =>
    consentLedger.append(
      subject,
      eventId,
      (head) => {
        const event = nextEvent(head, input, { now: inputs.clock(), eventId })
        return { event, head: { ...headOf(event), consents: applyEvent(head?.consents ?? {}, event) } }
      },
    ),
  )
  if ('event' in outcome) {
    // Withdrawing the separate consent for certification withdraws the certification: its data goes too.
    if ((request.target.kind === 'purpose' && request.target.id === CERT_PURPOSE && request.decision !== 'grant') || endsPolicy) await withdrawFor(actor.openid, inputs.clock())
    // Account identity rests on the policy: withdrawing it deletes the account row (and its avatar).
    if (endsPolicy) await profiles.removeAccount(actor.openid)
    return { event: outcome.event, replayed: false, consents: outcome.head.consents }
  }
  // The same request id again: the same decision replays, a different one is refused.
  const replay = appendOrReplay(undefined, outcome.existing, input, { now: inputs.clock(), eventId })
  return { event: replay.event, replayed: true, consents: (await consentLedger.head(subject))?.consents ?? {} }
}

export async function history(_request: Req<'history'>, actor: UserActor): Promise<HistoryResult> {
  const subject = await subjectOf(actor.openid)
  return { events: subject ? await consentLedger.events(subject) : [] }
}

/** Recomputes the chain; the head, stored apart, anchors it so a cut-off tail is caught too. */
export async function verify(_request: Req<'verify'>, actor: UserActor): Promise<VerifyResult> {
  const subject = await subjectOf(actor.openid)
  if (!subject) return { ok: true, count: 0 }
  const [head, events] = await Promise.all([consentLedger.head(subject), consentLedger.events(subject)])
  return verifyChain(events, head && { subject: head.subject, seq: head.seq, hash: head.hash })
}

/**
 * Receipts for `events`: each from the manifest embedded in the policy version the event cites, so
 * the purposes are the ones the user agreed to. Reads each cited version once (then cached).
 */
export async function receiptsFor(events: readonly ConsentEvent[]): Promise<(event: ConsentEvent) => ConsentReceipt> {
  const cited = new Map(events.map((e) => [`${e.policy.version}\n${e.policy.hash}`, e.policy]))
  const manifests = new Map(
    await Promise.all(
      [...cited].map(async ([key, ref]) => {
        const published = await policies.find(ref.version)
        return [key, requirePolicy(published ? [published] : [], ref).content.manifest] as const
      }),
    ),
  )
  return (event) => {
    const manifest = manifests.get(`${event.policy.version}\n${event.policy.hash}`)
    if (!manifest) throw new Error('receipt asked for an event not given to receiptsFor')
    return toReceipt(event, manifest)
  }
}

export async function receipt(request: Req<'receipt'>, actor: UserActor): Promise<ReceiptResult> {
  const subject = await subjectOf(actor.openid)
  const event = subject && (await consentLedger.event(subject, request.eventId))
  if (!event) throw new DomainError('COMMON.NOT_FOUND', 'no such consent event')
  return (await receiptsFor([event]))(event)
}

const DAY_MS = 24 * 60 * 60 * 1000
const PURGE_BATCH = 200

/**
 * Timer: someone who refused and never agreed has no account, so their refusal is kept 30 days (proof
 * that we asked and they said no) and then deleted: salt first, so a new decision starts a new chain,
 * then the events and head. Chains with any grant or withdrawal are an account's, and stay.
 */
export async function purgeRefusals(now: Date): Promise<{ purged: number; kept: number }> {
  let purged = 0
  let kept = 0
  for (const { openid, salt } of await consentSalts.createdBefore(new Date(now.getTime() - REFUSAL_KEEP_DAYS * DAY_MS), PURGE_BATCH)) {
    const subject = subjectPseudonym(openid, salt)
    const head = await consentLedger.head(subject)
    if (head && !onlyRefused(head.consents)) {
      kept++
      continue
    }
    await consentSalts.remove(openid)
    await consentLedger.removeChain(subject)
    purged++
  }
  return { purged, kept }
}
