import { randomBytes } from 'node:crypto'
import { CloudError } from '../errors'
import type { Clock } from '../types'
import type { Doc } from './ejson'

/**
 * An open transaction. Writes are buffered (`null` = deleted) and applied at commit; `touched`
 * holds the version each document had when the transaction first read or wrote it (0 = absent),
 * which commit compares against the current versions (optimistic concurrency).
 */
export interface Transaction {
  id: string
  lastActive: number
  writes: Map<string, Map<string, Doc | null>>
  touched: Map<string, Map<string, number>>
}

/** How many finished transaction ids are remembered, to tell "finished" from "unknown". */
const FINISHED_MEMORY = 1000
const MAX_OPEN = 1000

/** Open transactions, expired after `idleMs` without a call. */
export class TransactionRegistry {
  private readonly open = new Map<string, Transaction>()
  private readonly finished = new Map<string, string>()

  constructor(
    private readonly now: Clock,
    private readonly idleMs: number,
  ) {}

  start(): Transaction {
    this.sweep()
    if (this.open.size >= MAX_OPEN) throw new CloudError('DATABASE_TRANSACTION_FAIL', `too many open transactions (${MAX_OPEN})`)
    const tx: Transaction = { id: `tx_${randomBytes(12).toString('hex')}`, lastActive: this.now(), writes: new Map(), touched: new Map() }
    this.open.set(tx.id, tx)
    return tx
  }

  /** The open transaction with this id, or DATABASE_TRANSACTION_FAIL saying why it is not usable. */
  get(id: unknown): Transaction {
    if (typeof id !== 'string' || id === '') throw new CloudError('INVALID_PARAM', 'transactionId must be a non-empty string')
    const tx = this.open.get(id)
    if (!tx) {
      const why = this.finished.get(id)
      throw new CloudError('DATABASE_TRANSACTION_FAIL', why ? `transaction ${id} is already ${why}` : `transaction ${id} does not exist`)
    }
    const now = this.now()
    if (now - tx.lastActive > this.idleMs) {
      this.finish(tx, `expired (idle for more than ${this.idleMs} ms); its writes were discarded`)
      throw new CloudError('DATABASE_TRANSACTION_FAIL', `transaction ${id} expired (idle for more than ${this.idleMs} ms); its writes were discarded`)
    }
    tx.lastActive = now
    return tx
  }

  /** Closes a transaction (committed, aborted, failed or expired); its buffered writes are dropped. */
  finish(tx: Transaction, why: string): void {
    this.open.delete(tx.id)
    this.finished.set(tx.id, why)
    if (this.finished.size > FINISHED_MEMORY) this.finished.delete(this.finished.keys().next().value as string)
  }

  clear(): void {
    this.open.clear()
    this.finished.clear()
  }

  private sweep(): void {
    const now = this.now()
    for (const tx of this.open.values()) if (now - tx.lastActive > this.idleMs) this.finish(tx, `expired (idle for more than ${this.idleMs} ms); its writes were discarded`)
  }
}

/** Records the version a document had when the transaction first touched it. */
export function touch(tx: Transaction, collection: string, key: string, version: number): void {
  let byKey = tx.touched.get(collection)
  if (!byKey) tx.touched.set(collection, (byKey = new Map()))
  if (!byKey.has(key)) byKey.set(key, version)
}

/** Buffers a write (a document, or null for a delete). */
export function bufferWrite(tx: Transaction, collection: string, key: string, doc: Doc | null): void {
  let byKey = tx.writes.get(collection)
  if (!byKey) tx.writes.set(collection, (byKey = new Map()))
  byKey.set(key, doc)
}
