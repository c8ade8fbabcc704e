import { z } from 'zod/mini'
import { lazySchema } from '../common/lazy-schema'
import { formatShanghai } from '../common/local-time'
import { canonicalJson } from '../common/hashing'
import type { ChainHead } from './consent-ledger'
import { hexHashSchema } from './consent-event'
import { type AnchorLeaf, merkleRoot, sortLeaves } from './merkle'
import { checkSignature, type DocumentSignature, type Ed25519Verify, type PublicKeys, type Signer } from './receipt-signature'

/**
 * A daily anchor of the consent ledger: the Merkle root over every chain head, signed, written once to
 * a dated object outside the database. Re-hashing a chain after its head was anchored changes the
 * event the anchor names, and the anchor (signed, and not in the database) cannot be changed to match.
 */
export const ANCHOR_KIND = 'privacy-centre/consent-anchor/v1'

export interface ConsentAnchor {
  kind: typeof ANCHOR_KIND
  /** China's calendar day (UTC+8), `YYYY-MM-DD`: one anchor per day, named by it and shown to users. */
  date: string
  anchoredAt: string
  count: number
  root: string
  leaves: AnchorLeaf[]
  signature: DocumentSignature
}

const leafSchema = lazySchema(() => z.object({ subject: hexHashSchema, seq: z.number().check(z.int(), z.positive()), hash: hexHashSchema }))
const anchorSchema = lazySchema(() => z.object({
  kind: z.literal(ANCHOR_KIND),
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  anchoredAt: z.string(),
  count: z.number().check(z.int(), z.nonnegative()),
  root: hexHashSchema,
  leaves: z.array(leafSchema),
  signature: z.object({ kid: z.string(), alg: z.literal('Ed25519'), value: z.string() }),
}))

/**
 * China's calendar day of `now`, which names its anchor: the daily timer runs at 02:30 China time, and
 * the date the app shows ("matches the anchor published on …") must be the one the user lives in.
 */
export function anchorDate(now: Date): string {
  return formatShanghai(now.toISOString()).slice(0, 10)
}

/** What the signature covers: the header; the root commits to the leaves. */
export function anchorPayload(a: Pick<ConsentAnchor, 'kind' | 'date' | 'anchoredAt' | 'count' | 'root'>): string {
  return canonicalJson({ kind: a.kind, date: a.date, anchoredAt: a.anchoredAt, count: a.count, root: a.root })
}

/** The signed anchor over `heads` at `now`. */
export function buildAnchor(heads: readonly ChainHead[], now: Date, signer: Signer): ConsentAnchor {
  const leaves = sortLeaves(heads.map((h) => ({ subject: h.subject, seq: h.seq, hash: h.hash })))
  const header = { kind: ANCHOR_KIND, date: anchorDate(now), anchoredAt: now.toISOString(), count: leaves.length, root: merkleRoot(leaves) } as const
  return { ...header, leaves, signature: { kid: signer.kid, alg: 'Ed25519', value: signer.sign(anchorPayload(header)) } }
}

/** Why an anchor does not vouch for a chain. */
export type AnchorFailure =
  /** Not an anchor, or its date is not the one it is stored under. */
  | 'malformed'
  /** Not signed by a published key, or changed since it was signed. */
  | 'signature'
  /** Its leaves do not hash to its (signed) root. */
  | 'root'
  /** The chain no longer holds the event the anchor names: it was rewritten or cut after the anchor. */
  | 'event'

export type AnchorCheck =
  /** The chain holds, unchanged, the head the latest anchor recorded for it. */
  | { status: 'match'; date: string; seq: number }
  /** The latest anchor predates this chain. */
  | { status: 'not-anchored-yet'; date: string }
  /** No anchor has been written yet. */
  | { status: 'none' }
  | { status: 'mismatch'; date?: string; reason: AnchorFailure; seq?: number }

/**
 * Checks `subject`'s chain (`events`, in seq order) against `anchor` (as read, any shape) stored under
 * `date`: the anchor is well formed and signed by a published key, its leaves hash to its root, and
 * the event at the anchored seq still has the anchored hash.
 */
export function checkAnchor(anchor: unknown, date: string, subject: string, events: ReadonlyArray<{ seq: number; hash: string }>, keys: PublicKeys, verify: Ed25519Verify): AnchorCheck {
  const parsed = anchorSchema.safeParse(anchor)
  if (!parsed.success || parsed.data.date !== date || parsed.data.count !== parsed.data.leaves.length) return { status: 'mismatch', date, reason: 'malformed' }
  const a = parsed.data
  if (checkSignature(anchorPayload(a), a.signature, keys, verify).status !== 'valid') return { status: 'mismatch', date, reason: 'signature' }
  if (merkleRoot(a.leaves) !== a.root) return { status: 'mismatch', date, reason: 'root' }
  const leaf = a.leaves.find((l) => l.subject === subject)
  if (!leaf) return { status: 'not-anchored-yet', date }
  const event = events[leaf.seq - 1]
  if (!event || event.seq !== leaf.seq || event.hash !== leaf.hash) return { status: 'mismatch', date, reason: 'event', seq: leaf.seq }
  return { status: 'match', date, seq: leaf.seq }
}
