import { canonicalJson, sha256Hex } from '../common/hashing'
import { type AnonymisedRecord, type ConsentRecord, isAnonymised, type LedgerRecord } from './consent-event'

/**
 * `prevHash` of every subject's first event: a fixed, documented constant, not a secret. It is
 * SHA-256 of `privacy-centre/consent-ledger/genesis/v1`, written out so that loading a function hashes
 * nothing; tests/unit/consent recomputes it.
 */
export const GENESIS_HASH = 'da71f29f25a02d3c447437cef3d39b0e54119daf43ed417e27ddb094cc4e4ad5'

/**
 * The fields of a record the hash covers, picked explicitly so storage extras (`_id`) never count.
 * `reason` counts only when present, so events from before it existed keep their hashes.
 */
export function hashedFields(r: LedgerRecord): ConsentRecord | AnonymisedRecord {
  if (isAnonymised(r)) return { kind: r.kind, eventId: r.eventId, subject: r.subject, seq: r.seq, method: r.method, serverTime: r.serverTime }
  return {
    eventId: r.eventId,
    clientRequestId: r.clientRequestId,
    subject: r.subject,
    seq: r.seq,
    target: r.target,
    decision: r.decision,
    policy: r.policy,
    method: r.method,
    page: r.page,
    client: r.client,
    language: r.language,
    serverTime: r.serverTime,
    ...(r.reason ? { reason: r.reason } : {}),
  }
}

/** One link of a hash chain: SHA-256(prevHash ‖ canonical JSON of `fields`), hex. */
export function linkHash(prevHash: string, fields: unknown): string {
  return sha256Hex(prevHash + canonicalJson(fields))
}

/**
 * hash_n = SHA-256(prevHash_n ‖ canonical JSON of record n), hex. The record holds only the pseudonym,
 * so destroying the subject's salt anonymises the chain without changing a single hash.
 */
export function chainHash(prevHash: string, record: LedgerRecord): string {
  return linkHash(prevHash, hashedFields(record))
}
