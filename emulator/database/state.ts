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

/** The in-memory database: collections by name; every put gets a new version (for transaction conflicts). */
export class State {
  readonly collections = new Map<string, Collection>()
  private version = 0

  apply(ops: readonly Op[]): void {
    for (const op of ops) {
      switch (op.o) {
        case 'c':
          if (!this.collections.has(op.c)) this.collections.set(op.c, new Collection(op.c))
          break
        case 'p': {
          let coll = this.collections.get(op.c)
          if (!coll) this.collections.set(op.c, (coll = new Collection(op.c)))
          coll.put(idKey(op.d._id), op.d, ++this.version)
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
 * Candidates for a filter as a transaction sees the collection: the committed documents with the
 * transaction's own buffered writes laid over them (read-your-writes), in insertion order (nearest
 * first for a near query).
 */
export function viewCandidates(coll: Collection, tx: Transaction | null, filter: Doc): Iterable<Entry> {
  const writes = tx?.writes.get(coll.name)
  if (!writes || writes.size === 0) return coll.candidates(filter)
  const out: Entry[] = []
  for (const entry of coll.candidates(filter)) if (!writes.has(entry.key)) out.push(entry)
  let seq = coll.seqEnd
  for (const [key, doc] of writes) {
    if (doc === null) continue
    const base = coll.get(key)
    out.push({ key, doc, seq: base ? base.seq : seq++, version: base?.version ?? 0 })
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

/** The document with this key as the transaction (or, without one, everyone) sees it. */
export function viewGet(coll: Collection, tx: Transaction | null, key: string): Doc | undefined {
  const written = tx?.writes.get(coll.name)?.get(key)
  if (written !== undefined) return written ?? undefined
  return coll.get(key)?.doc
}
