import { mkdir, truncate } from 'node:fs/promises'
import path from 'node:path'
import { CloudError } from '../errors'
import type { AdminReply, AdminRequest, AdminService, Clock, Durability } from '../types'
import { checkCollectionName, newId, runAction } from './actions'
import { idKey } from './collection'
import { assertStorable, cloneValue, type Doc, fromEjson, invalid, isPlainObject, parseEjsonObject, toEjson } from './ejson'
import { Journal } from './journal'
import { loadSnapshot, readLines, syncDir, writeSnapshot } from './snapshot'
import { type Op, State } from './state'
import { TransactionRegistry } from './transactions'

export interface DatabaseOptions {
  /** Folder of the journal and the snapshot. */
  dir: string
  durability: Durability
  now: Clock
  /** A transaction not committed this long after its start is discarded (default 30 s, as CloudBase). */
  txLifetimeMs?: number
  /** At open, a journal longer than this is folded into the snapshot (default 8 MiB). */
  compactBytes?: number
}

const JOURNAL = 'journal.ejsonl'
const SNAPSHOT = 'snapshot.ejsonl'

/**
 * The emulator's document database: all ten `database.*` actions of wx-server-sdk 4.0.2 over
 * in-memory collections (mingo for query, update and aggregation semantics), made durable by an
 * append-only journal with group commit and a snapshot compacted at open.
 *
 * A write is applied in memory synchronously (so writes are serialised without locks) and
 * acknowledged once the journal holds it as the durability mode promises. Readers may see a
 * write a moment before it is durable.
 */
export class Database implements AdminService {
  private readonly state = new State()
  private readonly txs: TransactionRegistry
  private journal: Journal | null = null
  private seq = 0
  /** Serialises reset/close with each other. */
  private maintenance: Promise<void> = Promise.resolve()

  constructor(private readonly opts: DatabaseOptions) {
    this.txs = new TransactionRegistry(opts.now, opts.txLifetimeMs ?? 30_000)
  }

  private get journalFile(): string {
    return path.join(this.opts.dir, JOURNAL)
  }

  private get snapshotFile(): string {
    return path.join(this.opts.dir, SNAPSHOT)
  }

  /** Creates the folder and recovers: snapshot, then the journal after it (a torn last line is cut off). */
  async open(): Promise<void> {
    await mkdir(this.opts.dir, { recursive: true })
    const snapSeq = await loadSnapshot(
      this.snapshotFile,
      (name, geoFields) => this.state.apply([{ o: 'c', c: name }, ...geoFields.map((f): Op => ({ o: 'g', c: name, f }))]),
      (c, d) => this.state.apply([{ o: 'p', c, d }]),
    )
    this.seq = snapSeq
    let badAt: number | null = null
    let lastEnd = 0
    const { size, complete } = await readLines(this.journalFile, (line, end) => {
      if (badAt !== null) throw new Error(`journal ${this.journalFile} is corrupt at byte ${badAt} (an unreadable line is followed by more lines)`)
      const entry = parseJournalLine(line)
      if (!entry) badAt = lastEnd
      else if (entry.s > snapSeq) {
        this.state.apply(entry.ops)
        this.seq = entry.s
      }
      lastEnd = end
    })
    const valid = badAt ?? complete
    if (valid < size) {
      // A crash while appending leaves a torn last line: it was never acknowledged, drop it.
      await truncate(this.journalFile, valid)
      console.error(`[emulator] database journal: dropped a torn tail of ${size - valid} bytes`)
    }
    let journalBytes = valid
    if (journalBytes > (this.opts.compactBytes ?? 8 * 1024 * 1024)) {
      await this.writeSnapshot()
      await truncate(this.journalFile, 0)
      journalBytes = 0
    }
    this.journal = await Journal.open(this.journalFile, journalBytes, this.opts.durability)
    await syncDir(this.opts.dir)
  }

  /** Answers one `database.*` request; failures are CloudErrors (never a crash, never a 500). */
  async handle(req: AdminRequest): Promise<AdminReply> {
    if (!this.journal) throw new CloudError('DATABASE_REQUEST_FAILED', 'the database is not open')
    try {
      return await runAction({ state: this.state, txs: this.txs, commit: (ops) => this.commit(ops), now: this.opts.now() }, req)
    } catch (err) {
      if (err instanceof CloudError) throw err
      throw new CloudError('DATABASE_REQUEST_FAILED', `database error: ${(err as Error).message}`)
    }
  }

  /** Drops every collection, transaction and byte on disk (an empty snapshot replaces the journal). */
  async reset(): Promise<void> {
    await this.exclusive(async () => {
      const journal = this.requireOpen()
      this.state.clear()
      this.txs.clear()
      const seq = this.seq
      await journal.rewrite(() => writeSnapshot(this.snapshotFile, { seq, collections: [] }))
    })
  }

  /**
   * Creates the collections if missing and inserts the documents, given as relaxed or canonical
   * EJSON objects (`{"$date": "…"}`); `_id` is kept when present. `indexes` declares indexes in the
   * form of `cloudfunctions/collections.json` (what one creates in the console): the geo ones
   * (`"order": "2dsphere"`) are kept, since near queries need them; the emulator builds equality
   * indexes by itself. All or nothing.
   */
  async seed(collections: Record<string, unknown[]>, indexes?: unknown): Promise<void> {
    this.requireOpen()
    if (!isPlainObject(collections)) throw invalid('collections must be an object of arrays')
    const now = this.opts.now()
    const ops: Op[] = []
    for (const [rawName, docs] of Object.entries(collections)) {
      const name = checkCollectionName(rawName)
      if (!Array.isArray(docs)) throw invalid(`collections.${name} must be an array`)
      const existing = this.state.collections.get(name)
      if (!existing) ops.push({ o: 'c', c: name })
      const seen = new Set<string>()
      docs.forEach((raw, i) => {
        const decoded = fromEjson(raw, now, `${name}[${i}]`)
        if (!isPlainObject(decoded)) throw invalid(`${name}[${i}] must be an object`)
        const doc: Doc = '_id' in decoded ? decoded : { _id: newId(), ...decoded }
        assertStorable(doc, `${name}[${i}]`)
        const key = idKey(doc._id)
        if (seen.has(key) || existing?.get(key)) throw new CloudError('DATABASE_DUPLICATE_WRITE', `duplicate _id ${JSON.stringify(doc._id)} in collection ${name}`)
        seen.add(key)
        ops.push({ o: 'p', c: name, d: doc })
      })
    }
    ops.push(...this.geoIndexOps(indexes, ops))
    if (ops.length > 0) await this.commit(ops)
  }

  /** The ops declaring the geo indexes of `indexes` that do not exist yet; `pending` are the seed's other ops. */
  private geoIndexOps(indexes: unknown, pending: readonly Op[]): Op[] {
    if (indexes === undefined || indexes === null) return []
    if (!isPlainObject(indexes)) throw invalid('indexes must be an object of index lists by collection')
    const ops: Op[] = []
    for (const [rawName, list] of Object.entries(indexes)) {
      if (rawName === '$comment') continue
      const name = checkCollectionName(rawName)
      const coll = this.state.collections.get(name)
      if (!coll && !pending.some((op) => op.o === 'c' && op.c === name)) throw new CloudError('DATABASE_COLLECTION_NOT_EXIST', `indexes.${name}: collection ${name} does not exist`)
      if (!Array.isArray(list)) throw invalid(`indexes.${name} must be an array`)
      for (const index of list) {
        const keys: unknown = isPlainObject(index) ? index.keys : undefined
        if (!Array.isArray(keys) || !keys.every((k) => isPlainObject(k) && typeof k.field === 'string' && k.field !== '')) throw invalid(`indexes.${name}: each index needs keys [{field, order}]`)
        for (const { field, order } of keys as Array<{ field: string; order: unknown }>) {
          const declared = coll?.geoFields.includes(field) || ops.some((op) => op.o === 'g' && op.c === name && op.f === field)
          if (order === '2dsphere' && !declared) ops.push({ o: 'g', c: name, f: field })
        }
      }
    }
    return ops
  }

  /** Every collection with its document count, by name (read-only, for the local console). */
  collectionCounts(): Array<{ name: string; count: number }> {
    return [...this.state.collections.values()].map((c) => ({ name: c.name, count: c.size })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  }

  /**
   * Documents `offset` to `offset + limit` of a collection in its default (insertion) order, as
   * copies; undefined when the collection does not exist (read-only, for the local console).
   */
  documents(name: string, offset: number, limit: number): { total: number; docs: Doc[] } | undefined {
    const coll = this.state.collections.get(name)
    if (!coll) return undefined
    const docs: Doc[] = []
    let i = 0
    for (const entry of coll.all()) {
      if (i++ < offset) continue
      if (docs.length === limit) break
      docs.push(cloneValue(entry.doc))
    }
    return { total: coll.size, docs }
  }

  /** Waits for pending journal writes, syncs and closes the files. */
  async close(): Promise<void> {
    await this.exclusive(async () => {
      const journal = this.journal
      this.journal = null
      this.txs.clear()
      await journal?.close()
    })
  }

  /** Encodes, applies in memory, and queues the journal line; resolves when it is durable. */
  private commit(ops: Op[]): Promise<void> {
    const journal = this.requireOpen()
    const line = toEjson({ s: this.seq + 1, ops })
    this.seq += 1
    // Open transactions keep reading their snapshot: the values these ops replace are kept for them.
    this.txs.preserve(ops, (c, key) => this.state.collections.get(c)?.get(key))
    this.state.apply(ops)
    return journal.append(line).catch((err: Error) => {
      throw new CloudError('DATABASE_REQUEST_FAILED', `the write could not be made durable: ${err.message}`)
    })
  }

  private requireOpen(): Journal {
    if (!this.journal) throw new CloudError('DATABASE_REQUEST_FAILED', 'the database is not open')
    return this.journal
  }

  private exclusive(task: () => Promise<void>): Promise<void> {
    const run = this.maintenance.then(task)
    this.maintenance = run.catch(() => undefined)
    return run
  }

  private writeSnapshot(): Promise<void> {
    const collections = [...this.state.collections.values()].map((c) => ({ name: c.name, docs: mapIterable(c.all(), (e) => e.doc), geoFields: c.geoFields }))
    return writeSnapshot(this.snapshotFile, { seq: this.seq, collections })
  }
}

function* mapIterable<T, U>(items: Iterable<T>, f: (item: T) => U): Iterable<U> {
  for (const item of items) yield f(item)
}

/** A journal line, or null when it cannot be read (a torn write). */
function parseJournalLine(line: string): { s: number; ops: Op[] } | null {
  let entry: Doc
  try {
    entry = parseEjsonObject(line, 'journal', null)
  } catch {
    return null
  }
  const { s, ops } = entry
  if (typeof s !== 'number' || !Array.isArray(ops)) return null
  const valid = ops.every((op) => isPlainObject(op) && typeof op.c === 'string' && (op.o === 'c' || (op.o === 'p' && isPlainObject(op.d)) || (op.o === 'd' && 'i' in op) || (op.o === 'g' && typeof op.f === 'string')))
  return valid ? { s, ops: ops as Op[] } : null
}
