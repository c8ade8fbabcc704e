import { z } from 'zod/mini'
import { type AuditEntry, type AuditFields, type AuditHead, auditEntrySchema, nextAuditEntry } from '../../../src/domain/ops/audit-log'
import { database, inTransaction, lenientDatabase, settled, type WxTransaction } from '../adapters/wx'
import { keyedQueue } from '../keyed-queue'
import { lazy, parseDoc, parseRows } from '../rows/parse'

export const OPS_AUDIT = 'ops_audit'

/** The head document shares the collection with the entries; it has no `seq`, so entry queries never match it. */
const HEAD_ID = 'head'
/** Built on first use (see `lazy`). Entries are strict: a field added to a logged entry is corruption. */
const rows = lazy(() => ({
  head: z.object({ _id: z.literal(HEAD_ID), lastSeq: auditEntrySchema.shape.seq, lastHash: auditEntrySchema.shape.hash, updatedAt: z.string() }),
  entry: z.extend(auditEntrySchema, { _id: auditEntrySchema.shape.hash }),
}))
type HeadRow = Omit<z.infer<ReturnType<typeof rows>['head']>, '_id'>
type EntryRow = z.infer<ReturnType<typeof rows>['entry']>

const PAGE = 1000

/** One append at a time in this instance: every call contends for the one head (see keyedQueue). */
const oneChain = keyedQueue()

function toEntry(row: EntryRow): AuditEntry {
  const { _id, ...entry } = row
  return entry
}

/** The hash-chained ops audit log: entries (`_id` = their hash) and one head, in `ops_audit`. */
export const opsAudit = {
  /** Inside `tx` when given: read from its snapshot, the one its head write is checked against. */
  async head(tx?: WxTransaction): Promise<AuditHead | undefined> {
    const { data } = await settled((tx ?? lenientDatabase()).collection(OPS_AUDIT).doc(HEAD_ID).get())
    const row = parseDoc(rows().head, data, OPS_AUDIT)
    return row && { seq: row.lastSeq, hash: row.lastHash }
  },

  /**
   * Appends the entry that follows the current head and moves the head, in one transaction: of two
   * concurrent appends, the second to write the head meets a write conflict (snapshot isolation) and
   * is retried on the new head, so the chain never forks. `at` is read when the attempt that commits runs.
   */
  async append(fields: Omit<AuditFields, 'at'>, clock: () => Date): Promise<AuditEntry> {
    return oneChain(OPS_AUDIT, () =>
      inTransaction(lenientDatabase(), async (tx) => {
        const entry = nextAuditEntry(await this.head(tx), { ...fields, at: clock().toISOString() })
        await settled(tx.collection(OPS_AUDIT).add({ data: { _id: entry.hash, ...entry } }))
        const head: HeadRow = { lastSeq: entry.seq, lastHash: entry.hash, updatedAt: entry.at }
        await settled(tx.collection(OPS_AUDIT).doc(HEAD_ID).set({ data: head }))
        return entry
      }),
    )
  },

  /** Entries with `from` ≤ seq ≤ `to`, by seq: one round trip per 1,000. */
  async entries(from: number, to: number): Promise<AuditEntry[]> {
    const db = database()
    const _ = db.command
    const out: AuditEntry[] = []
    for (let start = from; start <= to; ) {
      const end = Math.min(to, start + PAGE - 1)
      const { data } = await settled(db.collection(OPS_AUDIT).where({ seq: _.gte(start).and(_.lte(end)) }).orderBy('seq', 'asc').limit(PAGE).get())
      out.push(...parseRows(rows().entry, data, OPS_AUDIT).map(toEntry))
      start = end + 1
    }
    return out
  },
}
