import { type Doc, invalid, isPlainObject } from './ejson'
import { GeoIndex, nearOf, noGeoIndex } from './geo'
import { indexKeyOf, scalarKey } from './values'

/** One stored document: `seq` is its insertion rank (the default order). */
export interface Entry {
  key: string
  doc: Doc
  seq: number
}

/** Below this size a scan is as cheap as an index lookup, so no index is built. */
const INDEX_MIN_DOCS = 1000
/** Every index costs time on each write; beyond this many, queries on new fields scan. */
const MAX_INDEXES = 16

/**
 * The Map key of an `_id`: strings as they are, numbers tagged so `1` and `"1"` stay distinct.
 * Other `_id` types are refused.
 */
export function idKey(id: unknown): string {
  if (typeof id === 'string') {
    if (id.includes('\u0000')) throw invalid('_id cannot contain NUL characters')
    return id
  }
  if (typeof id === 'number' && Number.isFinite(id)) return `\u0000n${id}`
  throw invalid('_id must be a string or a number')
}

/** An equality index on one dotted path: scalar key → document keys, plus the documents an array makes undecidable. */
class EqualityIndex {
  private readonly buckets = new Map<string, Set<string>>()
  private readonly undecided = new Set<string>()

  constructor(readonly path: readonly string[]) {}

  add(key: string, doc: Doc): void {
    const k = indexKeyOf(doc, this.path)
    if (k === null) return
    if (k === 'any') return void this.undecided.add(key)
    let bucket = this.buckets.get(k)
    if (!bucket) this.buckets.set(k, (bucket = new Set()))
    bucket.add(key)
  }

  remove(key: string, doc: Doc): void {
    const k = indexKeyOf(doc, this.path)
    if (k === null) return
    if (k === 'any') return void this.undecided.delete(key)
    const bucket = this.buckets.get(k)
    bucket?.delete(key)
    if (bucket?.size === 0) this.buckets.delete(k)
  }

  lookup(keys: readonly string[]): Set<string> {
    const out = new Set(this.undecided)
    for (const k of keys) for (const key of this.buckets.get(k) ?? []) out.add(key)
    return out
  }
}

/** What a filter pins a field to by equality: the scalar keys it may equal, or null when it does not. */
function equalityKeys(cond: unknown, key: (v: unknown) => string | null): string[] | null {
  const one = key(cond)
  if (one !== null) return [one]
  if (!isPlainObject(cond)) return null
  if ('$eq' in cond) return equalityKeys(cond.$eq, key)
  if (Array.isArray(cond.$in)) {
    const keys = cond.$in.map(key)
    return keys.every((k): k is string => k !== null) ? keys : null
  }
  return null
}

/** Field conditions that must all hold: the top level and the members of a top-level `$and`. */
function conjuncts(filter: Doc): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = []
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const part of cond) if (isPlainObject(part)) out.push(...conjuncts(part))
    } else if (!field.startsWith('$')) out.push([field, cond])
  }
  return out
}

const idKeyOrNull = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' ? idKey(v) : null)

/**
 * The documents of one collection, in insertion order, with `_id` lookups through the Map,
 * equality indexes built lazily for fields that queries compare by equality, and the geo
 * (2dsphere) indexes declared for it, which near queries require as in CloudBase.
 */
export class Collection {
  private readonly rows = new Map<string, Entry>()
  private readonly indexes = new Map<string, EqualityIndex>()
  private readonly geoIndexes = new Map<string, GeoIndex>()
  private nextSeq = 0

  constructor(readonly name: string) {}

  get size(): number {
    return this.rows.size
  }

  /** The seq the next inserted document gets (transactions order their own inserts after it). */
  get seqEnd(): number {
    return this.nextSeq
  }

  /** The fields with a declared geo index. */
  get geoFields(): string[] {
    return [...this.geoIndexes.keys()]
  }

  /** Declares a geo index on a field (idempotent); documents it cannot hold are left out of it. */
  declareGeoIndex(field: string): void {
    if (this.geoIndexes.has(field)) return
    const index = new GeoIndex(field)
    for (const entry of this.rows.values()) index.add(entry.key, entry.doc)
    this.geoIndexes.set(field, index)
  }

  /** Refuses, before anything is written, a document that a geo index of this collection cannot hold. */
  checkIndexable(doc: Doc): void {
    for (const index of this.geoIndexes.values()) index.check(doc)
  }

  get(key: string): Entry | undefined {
    return this.rows.get(key)
  }

  all(): IterableIterator<Entry> {
    return this.rows.values()
  }

  /** Inserts or replaces (a replaced document keeps its place in the default order). */
  put(key: string, doc: Doc): void {
    const old = this.rows.get(key)
    if (old) {
      for (const index of this.indexes.values()) index.remove(key, old.doc)
      for (const index of this.geoIndexes.values()) index.remove(key, old.doc)
      old.doc = doc
    } else {
      this.rows.set(key, { key, doc, seq: this.nextSeq++ })
    }
    for (const index of this.indexes.values()) index.add(key, doc)
    for (const index of this.geoIndexes.values()) index.add(key, doc)
  }

  remove(key: string): boolean {
    const old = this.rows.get(key)
    if (!old) return false
    for (const index of this.indexes.values()) index.remove(key, old.doc)
    for (const index of this.geoIndexes.values()) index.remove(key, old.doc)
    this.rows.delete(key)
    return true
  }

  /**
   * A superset of the documents `filter` can match, in insertion order: by `_id`, through an
   * equality index, or every document; for a near query, those in its distance band, nearest first,
   * through the field's geo index. The caller still tests each candidate against the filter.
   */
  candidates(filter: Doc): Iterable<Entry> {
    const near = nearOf(filter)
    if (near) {
      const index = this.geoIndexes.get(near.field)
      if (!index) throw noGeoIndex(near.field)
      return this.byKeys(index.nearest(near, (key) => this.rows.get(key)?.doc))
    }
    const conds = conjuncts(filter)
    for (const [field, cond] of conds) {
      if (field !== '_id') continue
      const keys = equalityKeys(cond, idKeyOrNull)
      if (keys) return this.bySeq(new Set(keys))
    }
    if (this.rows.size < INDEX_MIN_DOCS) return this.rows.values()
    for (const [field, cond] of conds) {
      const keys = equalityKeys(cond, scalarKey)
      if (!keys) continue
      const index = this.index(field)
      if (index) return this.bySeq(index.lookup(keys))
    }
    return this.rows.values()
  }

  private *byKeys(keys: Iterable<string>): Iterable<Entry> {
    for (const key of keys) {
      const entry = this.rows.get(key)
      if (entry) yield entry
    }
  }

  private bySeq(keys: Set<string>): Entry[] {
    const out: Entry[] = []
    for (const key of keys) {
      const entry = this.rows.get(key)
      if (entry) out.push(entry)
    }
    return out.sort((a, b) => a.seq - b.seq)
  }

  private index(field: string): EqualityIndex | null {
    const existing = this.indexes.get(field)
    if (existing) return existing
    if (this.indexes.size >= MAX_INDEXES) return null
    const index = new EqualityIndex(field.split('.'))
    for (const entry of this.rows.values()) index.add(entry.key, entry.doc)
    this.indexes.set(field, index)
    return index
  }
}
