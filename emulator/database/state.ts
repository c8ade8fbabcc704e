import { Collection, type Entry, idKey } from './collection'
import type { Doc } from './ejson'
import { nearDistance, nearOf } from './geo'
import type { Transaction } from './transactions'

/**
 * One committed change, as applied in memory and written to the journal. Every op sets a
 * document (or a collection) to a final value, so replaying a journal suffix twice is harmless.
 * - `c`: create collection `c`
 * - `p`: put document `d` (insert or replace) in `c`
 * - `d`: delete the document with `_id` `i` from `c`
 * - `g`: declare a geo (2dsphere) index on field `f` of `c`
 */
export type Op = { o: 'c'; c: string } | { o: 'p'; c: string; d: Doc } | { o: 'd'; c: string; i: unknown } | { o: 'g'; c: string; f: string }

/** The in-memory database: collections by name. */
export class State {
  readonly collections = new Map<string, Collection>()

  apply(ops: readonly Op[]): void {
    for (const op of ops) {
      switch (op.o) {
        case 'c':
          if (!this.collections.has(op.c)) this.collections.set(op.c, new Collection(op.c))
          break
        case 'p': {
          let coll = this.collections.get(op.c)
          if (!coll) this.collections.set(op.c, (coll = new Collection(op.c)))
          coll.put(idKey(op.d._id), op.d)
          break
        }
        case 'd':
          this.collections.get(op.c)?.remove(idKey(op.i))
          break
        case 'g': {
          let coll = this.collections.get(op.c)
          if (!coll) this.collections.set(op.c, (coll = new Collection(op.c)))
          coll.declareGeoIndex(op.f)
          break
        }
      }
    }
  }

  clear(): void {
    this.collections.clear()
  }
}

/**
 * Candidates for a filter as a transaction sees the collection: its snapshot (the committed documents,
 * with the values they had at its snapshot where a commit changed them since) with its own buffered
 * writes laid over it (read-your-writes), in insertion order (nearest first for a near query).
 */
export function viewCandidates(coll: Collection, tx: Transaction | null, filter: Doc): Iterable<Entry> {
  const writes = tx?.writes.get(coll.name)
  const before = tx?.before.get(coll.name)
  if (!writes?.size && !before?.size) return coll.candidates(filter)
  const out: Entry[] = []
  for (const entry of coll.candidates(filter)) if (!writes?.has(entry.key) && !before?.has(entry.key)) out.push(entry)
  // The snapshot's values are not in the indexes: each one is a candidate, which the filter then tests.
  for (const [key, entry] of before ?? []) if (entry && !writes?.has(key)) out.push(entry)
  let seq = coll.seqEnd
  for (const [key, doc] of writes ?? []) {
    if (doc === null) continue
    const base = before?.has(key) ? before.get(key) : coll.get(key)
    out.push({ key, doc, seq: base ? base.seq : seq++ })
  }
  const near = nearOf(filter)
  if (near) {
    // A document without a geometry (NaN) never matches; sorting it last keeps the comparison consistent.
    const keyed = out.map((entry) => {
      const m = nearDistance(near, entry.doc)
      return { entry, m: Number.isNaN(m) ? Infinity : m }
    })
    return keyed.sort((a, b) => a.m - b.m).map((k) => k.entry)
  }
  return out.sort((a, b) => a.seq - b.seq)
}

/** The document with this key as the transaction's snapshot and writes (or, without one, everyone) see it. */
export function viewGet(coll: Collection, tx: Transaction | null, key: string): Doc | undefined {
  if (tx) {
    const written = tx.writes.get(coll.name)?.get(key)
    if (written !== undefined) return written ?? undefined
    const before = tx.before.get(coll.name)
    if (before?.has(key)) return before.get(key)?.doc
  }
  return coll.get(key)?.doc
}
