import { DomainError } from '../common/errors'
import { canonicalJson, sha256Hex } from '../policy/policy-hash'
import { type ConsentEvent, type ConsentRequest, consentEventSchema, consentRecordSchema } from './consent-event'
import { GENESIS_HASH, chainHash } from './hash-chain'

/** The last event of a subject's chain: all a writer needs to append the next one. */
export interface ChainHead {
  subject: string
  seq: number
  hash: string
}

/** A decision to record: the client's request plus the server-side pseudonym. */
export type NewConsent = ConsentRequest & { subject: string }

/**
 * The id of the event a client request produces: a function of the subject and the request id, so a
 * retry targets the same stored event, and the store's unique ids make a second copy impossible.
 */
export function eventIdFor(subject: string, clientRequestId: string): string {
  return sha256Hex(`${subject}/${clientRequestId}`).slice(0, 32)
}

export function headOf(event: ConsentEvent): ChainHead {
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
export type ChainFailure = 'malformed' | 'seq-gap' | 'subject-mismatch' | 'prev-hash-mismatch' | 'hash-mismatch' | 'head-mismatch'

export type ChainVerification = { ok: true; count: number; head?: ChainHead } | { ok: false; seq: number; reason: ChainFailure }

/**
 * Checks a subject's events, in stored order: seq runs 1, 2, 3… without gaps, one subject throughout,
 * each `prevHash` is the previous hash (the genesis constant first), and each hash recomputes.
 * Editing any hashed field, reordering, deleting or inserting an event fails at the first bad seq.
 * Cutting off the newest events can only be seen against a head anchored earlier (kept apart from
 * the events), passed as `anchor`: the chain must still hold that event unchanged.
 * Needs neither the openid nor the salt.
 */
export function verifyChain(events: readonly unknown[], anchor?: ChainHead): ChainVerification {
  const heads: ChainHead[] = []
  for (let i = 0; i < events.length; i++) {
    const seq = i + 1
    const prev = heads[i - 1]
    const parsed = consentEventSchema.safeParse(events[i])
    if (!parsed.success) return { ok: false, seq, reason: 'malformed' }
    const e = parsed.data
    if (e.seq !== seq) return { ok: false, seq, reason: 'seq-gap' }
    if (prev && e.subject !== prev.subject) return { ok: false, seq, reason: 'subject-mismatch' }
    if (e.prevHash !== (prev ? prev.hash : GENESIS_HASH)) return { ok: false, seq, reason: 'prev-hash-mismatch' }
    if (chainHash(e.prevHash, e) !== e.hash) return { ok: false, seq, reason: 'hash-mismatch' }
    heads.push(headOf(e))
  }
  if (anchor) {
    const at = heads[anchor.seq - 1]
    if (!at) return { ok: false, seq: heads.length + 1, reason: 'head-mismatch' }
    if (at.hash !== anchor.hash || at.subject !== anchor.subject) return { ok: false, seq: anchor.seq, reason: 'head-mismatch' }
  }
  const head = heads[heads.length - 1]
  return head ? { ok: true, count: heads.length, head } : { ok: true, count: 0 }
}

export type AppendDecision = { kind: 'append'; event: ConsentEvent } | { kind: 'replay'; event: ConsentEvent }

function requestOf(e: NewConsent): NewConsent {
  const { subject, clientRequestId, target, decision, policy, method, page, client, language } = e
  return { subject, clientRequestId, target, decision, policy, method, page, client, language }
}

/**
 * Idempotent recording. `existing` is the subject's event with the same client request id, if any:
 * a retry of the same request returns it unchanged instead of appending a duplicate.
 * @throws DomainError `CONSENT.REQUEST_ID_REUSED` when the id was used for a different decision.
 */
export function appendOrReplay(head: ChainHead | undefined, existing: ConsentEvent | undefined, input: NewConsent, ctx: { now: Date; eventId: string }): AppendDecision {
  if (existing) {
    if (canonicalJson(requestOf(existing)) === canonicalJson(requestOf(input))) return { kind: 'replay', event: existing }
    throw new DomainError('CONSENT.REQUEST_ID_REUSED', 'this client request id was already used for a different decision')
  }
  return { kind: 'append', event: nextEvent(head, input, ctx) }
}

/** The event a client request id produced, for the replay check when all events are at hand. */
export function findByRequestId(events: readonly ConsentEvent[], clientRequestId: string): ConsentEvent | undefined {
  return events.find((e) => e.clientRequestId === clientRequestId)
}
