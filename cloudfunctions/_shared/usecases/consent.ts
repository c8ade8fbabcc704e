import type { ConsentApiRequest, ConsentStatus, DecideResult, HistoryResult, PolicyCatalogue, PolicyMeta, ReceiptResult, RecordResult, VerifyResult } from '../../../src/contracts/consent'
import type { UserActor } from '../../../src/domain/common/actor'
import { DomainError } from '../../../src/domain/common/errors'
import { type DecisionOutcome, type NewDecision, planAnonymisation, planDecision, replayDecision, verifyChain } from '../../../src/domain/consent/consent-ledger'
import type { ConsentEvent } from '../../../src/domain/consent/consent-event'
import { toReceipt } from '../../../src/domain/consent/consent-receipt'
import { agreedPolicy, type ConsentView, onlyRefused, REFUSAL_KEEP_DAYS } from '../../../src/domain/consent/consent-state'
import { POLICY_TARGET_ID, requireDeclaredTarget, targetKey } from '../../../src/domain/consent/consent-targets'
import { decideTransition } from '../../../src/domain/consent/consent-transitions'
import { subjectPseudonym } from '../../../src/domain/consent/pseudonym'
import { type SignedReceipt, signReceipt } from '../../../src/domain/consent/receipt-signature'
import { changeList, needsReconsent } from '../../../src/domain/policy/reconsent'
import { findPolicy, type PublishedPolicy, requirePolicy } from '../../../src/domain/policy/policy-version'
import { signerFromEnv } from '../adapters/signing-key'
import { keyedQueue } from '../keyed-queue'
import { consentLedger, consentSalts } from '../repositories/consent-ledger'
import { policies } from '../repositories/policies'
import { profiles } from '../repositories/profiles'
import { CERT_PURPOSE, withdrawFor } from './certification-data'
import { anchorCheckOf } from './consent-anchors'

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
 * Records one decision about one or more targets in one transaction: every event of it (and of the
 * withdrawals it cascades to) is appended and the head moved, or nothing is. Round trips (the cited
 * policy cached per instance): salt (1, +1 when created), then start, head, one insert per event,
 * head, commit. A repeat of what already stands appends nothing and answers the standing event. A
 * retry of a recorded request collides on its first event id and replays the first reply. (A retry of
 * a request that appended nothing is decided again: it records nothing either, unless the targets
 * changed in between.)
 */
export async function decide({ request }: Req<'decide'>, actor: UserActor, inputs: RecordInputs): Promise<DecideResult> {
  const published = await policies.find(request.policy.version)
  const cited = requirePolicy(published ? [published] : [], request.policy)
  for (const d of request.decisions) requireDeclaredTarget(cited.content.manifest, d.target)
  let salt = await consentSalts.find(actor.openid)
  if (!salt) {
    // No salt, no chain: check against the empty chain first, so a refused decision leaves no salt either.
    for (const d of request.decisions) decideTransition(undefined, d.decision, request.policy)
    salt = await consentSalts.create(actor.openid, inputs.newSalt, inputs.clock())
  }
  const subject = subjectPseudonym(actor.openid, salt)
  const input: NewDecision = { ...request, subject }
  let outcomes: DecisionOutcome[] = []
  const written = await perSubject(subject, () =>
    consentLedger.append(subject, (head) => {
      const plan = planDecision(head, input, { now: inputs.clock() })
      outcomes = plan.outcomes
      return { appended: plan.appended, head: plan.head }
    }),
  )
  if ('existing' in written) {
    // The same request id again: the same decision replays, a different one is refused.
    const [recorded, head] = await Promise.all([consentLedger.byRequest(subject, request.clientRequestId), consentLedger.head(subject)])
    const replay = replayDecision(recorded, input, head?.consents ?? {})
    // Its deletions run again (each is idempotent), in case the first call stopped between commit and them.
    await deleteWhatEnded(actor.openid, recorded, inputs.clock())
    return { events: [...(await resolve(subject, replay.outcomes)), ...replay.cascaded], replayed: true, consents: head?.consents ?? {} }
  }
  const { appended } = written
  await deleteWhatEnded(actor.openid, appended, inputs.clock())
  const requested = new Set(outcomes.flatMap((o) => ('event' in o ? [o.event.eventId] : [])))
  return { events: [...(await resolve(subject, outcomes)), ...appended.filter((e) => !requested.has(e.eventId))], replayed: appended.length === 0, consents: written.head?.consents ?? {} }
}

/** One decision about one target: `decide` with a single entry. */
export async function record({ request }: Req<'record'>, actor: UserActor, inputs: RecordInputs): Promise<RecordResult> {
  const { target, decision, ...common } = request
  const { events, replayed, consents } = await decide({ action: 'decide', request: { ...common, decisions: [{ target, decision }] } }, actor, inputs)
  return { event: events[0]!, replayed, consents }
}

/** The events behind the outcomes: new ones as they are, repeats read back by id (in parallel). */
async function resolve(subject: string, outcomes: readonly DecisionOutcome[]): Promise<ConsentEvent[]> {
  return Promise.all(
    outcomes.map(async (o) => {
      if ('event' in o) return o.event
      const standing = await consentLedger.event(subject, o.standing)
      if (!standing) throw new Error(`standing event ${o.standing} is missing from its chain`)
      return standing
    }),
  )
}

/**
 * What rests on an ended consent goes with it: certification data on the certification purpose (or
 * the policy), and the account row and avatar on the policy. Each deletion is idempotent.
 */
async function deleteWhatEnded(openid: string, events: readonly ConsentEvent[], now: Date): Promise<void> {
  const ended = new Set(events.filter((e) => e.decision !== 'grant').map((e) => targetKey(e.target)))
  const policyEnded = ended.has(targetKey({ kind: 'policy', id: POLICY_TARGET_ID }))
  if (policyEnded || ended.has(targetKey({ kind: 'purpose', id: CERT_PURPOSE }))) await withdrawFor(openid, now)
  if (policyEnded) await profiles.removeAccount(openid)
}

/**
 * Account cancellation's ledger step: closes the openid's chain (standing grants withdrawn, then the
 * `subject-anonymised` event) and destroys the salt, in one transaction. Answers false when there was
 * no salt left to destroy, so a rerun of the step changes nothing.
 */
export async function anonymiseSubject(openid: string, now: Date): Promise<boolean> {
  return consentLedger.anonymise(
    openid,
    (salt) => subjectPseudonym(openid, salt),
    (head) => (head ? planAnonymisation(head, { now }) : { appended: [], head: undefined }),
  )
}

export async function history(_request: Req<'history'>, actor: UserActor): Promise<HistoryResult> {
  const subject = await subjectOf(actor.openid)
  return { events: subject ? await consentLedger.events(subject) : [] }
}

/** Recomputes the chain; the head, stored apart, anchors it so a cut-off tail is caught too; an intact chain is then checked against the latest signed ledger anchor. */
export async function verify(_request: Req<'verify'>, actor: UserActor): Promise<VerifyResult> {
  const subject = await subjectOf(actor.openid)
  if (!subject) return { ok: true, count: 0 }
  const [head, events] = await Promise.all([consentLedger.head(subject), consentLedger.chain(subject)])
  const chain = verifyChain(events, head && { subject: head.subject, seq: head.seq, hash: head.hash })
  return chain.ok ? { ...chain, anchor: await anchorCheckOf(subject, events) } : chain
}

/**
 * Receipts for `events`: each from the manifest embedded in the policy version the event cites, so
 * the purposes are the ones the user agreed to. Reads each cited version once (then cached).
 */
export async function receiptsFor(events: readonly ConsentEvent[]): Promise<(event: ConsentEvent) => SignedReceipt> {
  const signer = signerFromEnv()
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
    return signReceipt(toReceipt(event, manifest), signer)
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
