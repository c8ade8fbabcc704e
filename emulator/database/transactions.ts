import { randomBytes } from 'node:crypto'
import { CloudError } from '../errors'
import type { Clock } from '../types'
import { type Entry, idKey } from './collection'
import type { Doc } from './ejson'
import type { Op } from './state'

/**
 * An open transaction under snapshot isolation, as CloudBase documents it: reads see the committed
 * data as of its first operation (as in MongoDB, where a transaction's snapshot is established by its
 * first operation, not by starting it) plus the transaction's own writes; each write takes a lock on its
 * document, and fails (write-write conflict, first writer wins) when another open transaction holds
 * that lock or a commit changed the document after the snapshot. Reads take nothing and never conflict.
 */
export interface Transaction {
  id: string
  startedAt: number
  /** Whether its snapshot is taken (at its first operation); commits before that are its snapshot. */
  snapshot: boolean
  /** Buffered writes (`null` = deleted), applied at commit; their keys are this transaction's locks. */
  writes: Map<string, Map<string, Doc | null>>
  /** The snapshot's value (`null` = absent) of every document a commit changed after the snapshot. */
  before: Map<string, Map<string, Entry | null>>
  /** Resolves when the transaction ends (committed, aborted, failed or expired). */
  ended: Promise<void>
  end: () => void
}

/** How many finished transaction ids are remembered, to tell "finished" from "unknown". */
const FINISHED_MEMORY = 1000
const MAX_OPEN = 1000

/** Open transactions and their document locks; a transaction ends, at the latest, `lifetimeMs` after its start. */
export class TransactionRegistry {
  private readonly open = new Map<string, Transaction>()
  private readonly finished = new Map<string, string>()
  /** collection → document key → the open transaction that wrote it. */
  private readonly locks = new Map<string, Map<string, Transaction>>()

  constructor(
    private readonly now: Clock,
    private readonly lifetimeMs: number,
  ) {}

  start(): Transaction {
    this.sweep()
    if (this.open.size >= MAX_OPEN) throw new CloudError('DATABASE_TRANSACTION_FAIL', `too many open transactions (${MAX_OPEN})`)
    let end!: () => void
    const ended = new Promise<void>((resolve) => (end = resolve))
    const tx: Transaction = { id: `tx_${randomBytes(12).toString('hex')}`, startedAt: this.now(), snapshot: false, writes: new Map(), before: new Map(), ended, end }
    this.open.set(tx.id, tx)
    return tx
  }

  /** The open transaction with this id (its snapshot taken, if not yet), or DATABASE_TRANSACTION_FAIL saying why it is not usable. */
  get(id: unknown): Transaction {
    if (typeof id !== 'string' || id === '') throw new CloudError('INVALID_PARAM', 'transactionId must be a non-empty string')
    const tx = this.open.get(id)
    if (!tx) {
      const why = this.finished.get(id)
      throw new CloudError('DATABASE_TRANSACTION_FAIL', why ? `transaction ${id} is already ${why}` : `transaction ${id} does not exist`)
    }
    if (this.expireIfDue(tx)) throw new CloudError('DATABASE_TRANSACTION_FAIL', `transaction ${id} ${this.expiredWhy()}`)
    tx.snapshot = true
    return tx
  }

  /**
   * Takes the lock on a document for a write of `tx`, or fails the write with a conflict: another open
   * transaction holds the lock, or a commit changed the document after `tx`'s snapshot. A conflict
   * aborts `tx` (as MongoDB aborts a transaction on a write conflict), which releases its locks.
   */
  lock(tx: Transaction, collection: string, key: string, id: unknown): void {
    const holder = this.holder(collection, key)
    const why = holder && holder !== tx ? 'another open transaction has written it' : tx.before.get(collection)?.has(key) ? 'a commit changed it after this transaction started' : null
    if (why) {
      this.finish(tx, 'failed (write conflict); its writes were discarded')
      throw new CloudError('DATABASE_TRANSACTION_CONFLICT', `WriteConflict: transaction ${tx.id} cannot write ${collection}/${JSON.stringify(id)}: ${why}; the transaction was aborted`)
    }
    let byKey = this.locks.get(collection)
    if (!byKey) this.locks.set(collection, (byKey = new Map()))
    byKey.set(key, tx)
  }

  /** The open transaction holding the lock on a document, if any (a plain write to it must wait for its end). */
  holder(collection: string, key: string): Transaction | undefined {
    const tx = this.locks.get(collection)?.get(key)
    return tx && !this.expireIfDue(tx) ? tx : undefined
  }

  /** Resolves when `tx` ends; it ends at its lifetime limit at the latest, so no waiter waits forever. */
  async waitFor(tx: Transaction): Promise<void> {
    const timer = setTimeout(() => this.expireIfDue(tx, true), Math.max(0, tx.startedAt + this.lifetimeMs - this.now()))
    timer.unref()
    await tx.ended
    clearTimeout(timer)
  }

  /**
   * Keeps, in the snapshot of every open transaction that has taken one, the committed value each
   * document had before `ops` change it (only the first change after the snapshot matters). Call
   * before applying `ops`.
   */
  preserve(ops: readonly Op[], current: (collection: string, key: string) => Entry | undefined): void {
    if (this.open.size === 0) return
    for (const op of ops) {
      if (op.o !== 'p' && op.o !== 'd') continue
      const key = idKey(op.o === 'p' ? op.d._id : op.i)
      const entry = current(op.c, key)
      const value = entry ? { key, doc: entry.doc, seq: entry.seq } : null
      for (const tx of this.open.values()) {
        if (!tx.snapshot) continue
        let byKey = tx.before.get(op.c)
        if (!byKey) tx.before.set(op.c, (byKey = new Map()))
        if (!byKey.has(key)) byKey.set(key, value)
      }
    }
  }

  /** Closes a transaction (committed, aborted, failed or expired): its buffered writes are dropped, its locks released. */
  finish(tx: Transaction, why: string): void {
    if (!this.open.delete(tx.id)) return
    for (const [collection, byKey] of tx.writes) {
      const locks = this.locks.get(collection)
      for (const key of byKey.keys()) if (locks?.get(key) === tx) locks.delete(key)
    }
    this.finished.set(tx.id, why)
    if (this.finished.size > FINISHED_MEMORY) this.finished.delete(this.finished.keys().next().value as string)
    tx.end()
  }

  clear(): void {
    for (const tx of [...this.open.values()]) this.finish(tx, 'discarded (the database was reset or closed)')
    this.finished.clear()
    this.locks.clear()
  }

  private expiredWhy(): string {
    return `expired (not committed within ${this.lifetimeMs} ms of its start); its writes were discarded`
  }

  /** Ends `tx` when its lifetime is over (or `force`, when its timer fired); answers whether it ended. */
  private expireIfDue(tx: Transaction, force = false): boolean {
    if (!this.open.has(tx.id)) return true
    if (!force && this.now() - tx.startedAt <= this.lifetimeMs) return false
    this.finish(tx, this.expiredWhy())
    return true
  }

  private sweep(): void {
    for (const tx of [...this.open.values()]) this.expireIfDue(tx)
  }
}

/** Buffers a write (a document, or null for a delete). */
export function bufferWrite(tx: Transaction, collection: string, key: string, doc: Doc | null): void {
  let byKey = tx.writes.get(collection)
  if (!byKey) tx.writes.set(collection, (byKey = new Map()))
  byKey.set(key, doc)
}
