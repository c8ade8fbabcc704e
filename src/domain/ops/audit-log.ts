import { z } from 'zod/mini'
import { lazySchema } from '../common/lazy-schema'
import { DomainError } from '../common/errors'
import { linkHash } from '../consent/hash-chain'

/**
 * The ops audit log: one entry per call of the `ops` function, refused ones included, in one hash
 * chain (hash_n = SHA-256(prevHash_n ‖ canonical JSON of entry n), as the consent ledger does), so a
 * deleted or edited entry shows. It names operators and request ids, never a user's openid.
 */

/**
 * `prevHash` of the first entry: a fixed, documented constant, not a secret. It is SHA-256 of
 * `privacy-centre/ops-audit/genesis/v1`, written out so that loading a function hashes nothing;
 * tests/unit/ops recomputes it.
 */
export const AUDIT_GENESIS_HASH = 'b1eb41bc10d21570aea3a2829d67651d8eda0b0059d989ed931c51915fa0b0d6'

/** Who called, when it was a mini-program user: they are refused, and their openid is not kept. */
export const USER_CALLER = 'user-caller'
/** Who called, when the event named no well-formed operator. */
export const ANONYMOUS = 'anonymous'
/** The action, when the event named none the function knows. */
export const UNKNOWN_ACTION = '(unknown)'
/** The outcome of a call that succeeded; otherwise it is the error code. */
export const OK = 'ok'

const hex64 = lazySchema(() => z.string().check(z.regex(/^[0-9a-f]{64}$/)))
/** As rights request ids are: no spaces or colons, so the CSV's joined lists split back unambiguously. */
const requestId = lazySchema(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)))

export const auditEntrySchema = lazySchema(() => z.strictObject({
  /** 1, 2, 3 … with no gaps. */
  seq: z.int().check(z.gte(1)),
  at: z.iso.datetime(),
  /** The operator (as authenticated, or as claimed when the token failed), `user-caller` or `anonymous`. */
  operator: z.string().check(z.minLength(1), z.maxLength(64)),
  action: z.string().check(z.minLength(1), z.maxLength(64)),
  /** The request ids the call named. */
  targets: z.array(requestId),
  /** The operator's own words: an approval's or rejection's reason, a completion's outcome. */
  reason: z.optional(z.string().check(z.minLength(1))),
  /** What a reveal showed in full (`idNumber`, `idFront`, …): the item, never its value. */
  item: z.optional(z.string().check(z.regex(/^[A-Za-z]{1,32}$/))),
  /** `ok` or the error code the caller got. */
  outcome: z.string().check(z.minLength(1)),
  /** For a bulk call that succeeded as a whole: the requests it could not change, and why. */
  failed: z.optional(z.array(z.strictObject({ requestId, code: z.string().check(z.regex(/^[A-Z]+\.[A-Z_]+$/)) })).check(z.minLength(1))),
  prevHash: hex64,
  hash: hex64,
}))
export type AuditEntry = z.infer<typeof auditEntrySchema>
/** What the caller says about a call; the chain adds seq and the hashes. */
export type AuditFields = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>
/** The last link: what the stored head holds, and where the next entry attaches. */
export interface AuditHead {
  seq: number
  hash: string
}

/** The fields the hash covers, picked explicitly so that storage extras (`_id`) never count. */
function hashedFields(e: Omit<AuditEntry, 'prevHash' | 'hash'>): Omit<AuditEntry, 'prevHash' | 'hash'> {
  return {
    seq: e.seq,
    at: e.at,
    operator: e.operator,
    action: e.action,
    targets: e.targets,
    ...(e.reason === undefined ? {} : { reason: e.reason }),
    ...(e.item === undefined ? {} : { item: e.item }),
    outcome: e.outcome,
    ...(e.failed === undefined ? {} : { failed: e.failed }),
  }
}

/**
 * The entry that follows `head` (none: the first entry).
 * @throws DomainError `COMMON.INVALID_INPUT` for fields the schema refuses: an entry that would not
 *   verify is never made.
 */
export function nextAuditEntry(head: AuditHead | undefined, fields: AuditFields): AuditEntry {
  const body = hashedFields({ ...fields, seq: (head?.seq ?? 0) + 1 })
  const prevHash = head?.hash ?? AUDIT_GENESIS_HASH
  const entry = { ...body, prevHash, hash: linkHash(prevHash, body) }
  const checked = auditEntrySchema.safeParse(entry)
  if (!checked.success) throw new DomainError('COMMON.INVALID_INPUT', `audit entry: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  return entry
}

export type AuditVerification =
  | { intact: true; count: number; head?: AuditHead }
  | { intact: false; seq: number; problem: 'malformed' | 'seq-gap' | 'prev-hash-mismatch' | 'hash-mismatch' | 'head-mismatch' }

/**
 * Checks that `entries` continue the chain from `from` (default: its start) link by link and, when
 * `anchor` (the stored head) is given, that they end exactly there, so entries removed from the end
 * show too. A long log is checked page by page: each page from the last link of the one before,
 * the anchor with the last page.
 */
export function verifyAuditChain(entries: readonly unknown[], anchor?: AuditHead, from: AuditHead = { seq: 0, hash: AUDIT_GENESIS_HASH }): AuditVerification {
  let last = from
  for (const raw of entries) {
    const seq = last.seq + 1
    const parsed = auditEntrySchema.safeParse(raw)
    if (!parsed.success) return { intact: false, seq, problem: 'malformed' }
    const e = parsed.data
    if (e.seq !== seq) return { intact: false, seq, problem: 'seq-gap' }
    if (e.prevHash !== last.hash) return { intact: false, seq, problem: 'prev-hash-mismatch' }
    if (linkHash(e.prevHash, hashedFields(e)) !== e.hash) return { intact: false, seq, problem: 'hash-mismatch' }
    last = { seq: e.seq, hash: e.hash }
  }
  if (anchor && (anchor.seq !== last.seq || anchor.hash !== last.hash)) return { intact: false, seq: Math.min(anchor.seq, last.seq + 1), problem: 'head-mismatch' }
  return last.seq === 0 ? { intact: true, count: 0 } : { intact: true, count: last.seq, head: last }
}

/** Columns of the CSV export, in order. */
export const AUDIT_CSV_COLUMNS = ['seq', 'at', 'operator', 'action', 'targets', 'reason', 'outcome', 'failed', 'prevHash', 'hash', 'item'] as const

/** One RFC 4180 field: quoted (quotes doubled) when it holds a comma, a quote, CR or LF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/**
 * The entries as RFC 4180 CSV: a header, then one record per entry, each line ending in CRLF.
 * Values are written as stored (never rewritten to defuse spreadsheet formulas), so the hashes in
 * the file can be checked against its own rows; open it as text. `targets` and `failed` are
 * space-separated (`failed` as `requestId:CODE`).
 */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) =>
    [
      String(e.seq),
      e.at,
      e.operator,
      e.action,
      e.targets.join(' '),
      e.reason ?? '',
      e.outcome,
      (e.failed ?? []).map((f) => `${f.requestId}:${f.code}`).join(' '),
      e.prevHash,
      e.hash,
      e.item ?? '',
    ]
      .map(csvField)
      .join(','),
  )
  return [AUDIT_CSV_COLUMNS.join(','), ...rows].map((line) => `${line}\r\n`).join('')
}
