import { randomBytes } from 'node:crypto'
import { CloudError } from '../errors'
import type { AdminReply, AdminRequest } from '../types'
import { type Collection, type Entry, idKey } from './collection'
import { assertStorable, cloneValue, decodeRequest, type Doc, encodeReply, invalid, isPlainObject } from './ejson'
import { assertDocumentSize } from './limits'
import { compileProjection, project } from './projection'
import { checkPipeline, compileFilter, compileOrder, runPipeline, selectRows, type Window } from './query'
import { type Op, type State, viewCandidates, viewGet } from './state'
import { bufferWrite, type Transaction, type TransactionRegistry } from './transactions'
import { applyUpdate, compileUpdate, upsertDocument } from './update'

/** What one request sees: the state, the transactions, how to commit, and the request's time. */
export interface ActionContext {
  state: State
  txs: TransactionRegistry
  /** Applies ops in memory at once and resolves when the journal holds them durably. */
  commit(ops: Op[]): Promise<void>
  now: number
}

/** CloudBase's page size when `limit` is absent, and the most one query returns. */
const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000

const COLLECTION_NAME = /^[A-Za-z0-9_.-]{1,128}$/

/** A new `_id`: 32 hex digits, like the cloud's. */
export function newId(): string {
  return randomBytes(16).toString('hex')
}

/** A valid collection name, or INVALID_PARAM. */
export function checkCollectionName(name: unknown): string {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) throw invalid('collectionName must be 1-128 letters, digits, "_", "-" or "."')
  return name
}

function collectionOf(ctx: ActionContext, req: AdminRequest): Collection {
  const name = checkCollectionName(req.collectionName)
  const coll = ctx.state.collections.get(name)
  if (!coll) throw new CloudError('DATABASE_COLLECTION_NOT_EXIST', `collection ${name} does not exist`)
  return coll
}

function txOf(ctx: ActionContext, req: AdminRequest): Transaction | null {
  return req.transactionId === undefined || req.transactionId === null ? null : ctx.txs.get(req.transactionId)
}

/** The decoded `query` (see decodeRequest), or no condition. */
function filterOf(req: AdminRequest): Doc {
  return isPlainObject(req.query) ? req.query : {}
}

function isDocQuery(req: AdminRequest, filter: Doc): boolean {
  const type = req.queryType ?? 'WHERE'
  if (type !== 'DOC' && type !== 'WHERE') throw invalid('queryType must be DOC or WHERE')
  if (type === 'DOC' && typeof filter._id !== 'string' && typeof filter._id !== 'number') throw invalid('a DOC query needs an _id')
  return type === 'DOC'
}

function flag(req: AdminRequest, field: string, fallback: boolean): boolean {
  const v = req[field]
  if (v === undefined || v === null) return fallback
  if (typeof v !== 'boolean') throw invalid(`${field} must be a boolean`)
  return v
}

function nonNegative(req: AdminRequest, field: string, fallback: number): number {
  const v = req[field]
  if (v === undefined || v === null) return fallback
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalid(`${field} must be a non-negative integer`)
  return v
}

/**
 * A plain write met a document that an open transaction has written: CloudBase blocks such a write
 * until the transaction ends. `runAction` waits, then runs the whole action again on what is then
 * committed, so nothing computed from the older value is stored.
 */
class LockWait {
  constructor(readonly holder: Transaction) {}
}

function exists(coll: Collection, tx: Transaction | null, key: string): boolean {
  return viewGet(coll, tx, key) !== undefined
}

/**
 * Writes documents (null = delete) directly, or into the transaction's buffer after taking each
 * document's lock (a write-write conflict fails the write and aborts the transaction).
 */
async function write(ctx: ActionContext, coll: Collection, tx: Transaction | null, changes: Array<{ key: string; id: unknown; doc: Doc | null }>): Promise<void> {
  // Every write passes here (insert, update, set, upsert, in a transaction or not): one failure stores nothing.
  for (const c of changes) if (c.doc) assertDocumentSize(c.doc, `document ${JSON.stringify(c.id)}`)
  for (const c of changes) if (c.doc) coll.checkIndexable(c.doc)
  if (tx) {
    for (const c of changes) {
      ctx.txs.lock(tx, coll.name, c.key, c.id)
      bufferWrite(tx, coll.name, c.key, c.doc)
    }
    return
  }
  for (const c of changes) {
    const holder = ctx.txs.holder(coll.name, c.key)
    if (holder) throw new LockWait(holder)
  }
  if (changes.length === 0) return
  await ctx.commit(changes.map((c): Op => (c.doc ? { o: 'p', c: coll.name, d: c.doc } : { o: 'd', c: coll.name, i: c.id })))
}

async function insertDocument(ctx: ActionContext, req: AdminRequest): Promise<AdminReply> {
  if (!Array.isArray(req.data) || req.data.length === 0) throw invalid('data must be a non-empty array of EJSON documents')
  const docs = (req.data as Doc[]).map((doc) => ('_id' in doc ? doc : { _id: newId(), ...doc }))
  const tx = txOf(ctx, req)
  const coll = collectionOf(ctx, req)
  const seen = new Set<string>()
  const changes = docs.map((doc, i) => {
    const key = idKey(doc._id)
    assertStorable(doc, `data[${i}]`)
    if (seen.has(key) || exists(coll, tx, key)) throw new CloudError('DATABASE_DUPLICATE_WRITE', `duplicate _id ${JSON.stringify(doc._id)} in collection ${coll.name}`)
    seen.add(key)
    return { key, id: doc._id, doc }
  })
  await write(ctx, coll, tx, changes)
  return { data: { insertedIds: docs.map((d) => d._id) } }
}

async function getDocument(ctx: ActionContext, req: AdminRequest): Promise<AdminReply> {
  const filter = filterOf(req)
  const doc = isDocQuery(req, filter)
  const test = compileFilter(filter)
  const projection = isPlainObject(req.projection) ? compileProjection(req.projection) : null
  const window: Window = doc
    ? { order: [], offset: 0, limit: 1 }
    : {
        order: isPlainObject(req.order) ? compileOrder(req.order) : [],
        offset: nonNegative(req, 'offset', 0),
        // The SDK sends 100 when no limit is set and clamps to 1000; the server clamps again.
        limit: Math.min(nonNegative(req, 'limit', DEFAULT_LIMIT) || DEFAULT_LIMIT, MAX_LIMIT),
      }
  const tx = txOf(ctx, req)
  const coll = collectionOf(ctx, req)
  // A read takes no lock and records nothing: under snapshot isolation reads never conflict.
  const rows = selectRows(viewCandidates(coll, tx, filter), test, window)
  return { data: { list: rows.map((r) => (projection ? project(r.doc, projection) : r.doc)) } }
}

async function calculateDocument(ctx: ActionContext, req: AdminRequest): Promise<AdminReply> {
  const filter = filterOf(req)
  isDocQuery(req, filter)
  const test = compileFilter(filter)
  const tx = txOf(ctx, req)
  const coll = collectionOf(ctx, req)
  if (!tx && Object.keys(filter).length === 0) return { data: { total: coll.size } }
  let total = 0
  for (const row of viewCandidates(coll, tx, filter)) if (test(row.doc)) total++
  return { data: { total } }
}

async function modifyDocument(ctx: ActionContext, req: AdminRequest): Promise<AdminReply> {
  const filter = filterOf(req)
  const doc = isDocQuery(req, filter)
  const data = req.data
  if (!isPlainObject(data)) throw invalid('data must be an EJSON string')
  const spec = compileUpdate(data, flag(req, 'merge', true))
  // A DOC query touches at most its one document, whatever `multi` says.
  const multi = flag(req, 'multi', !doc) && !doc
  const upsert = flag(req, 'upsert', false)
  const test = compileFilter(filter)
  const tx = txOf(ctx, req)
  const coll = collectionOf(ctx, req)
  const rows = selectRows(viewCandidates(coll, tx, filter), test, { order: [], offset: 0, limit: multi ? Infinity : 1 })
  if (rows.length === 0 && upsert) {
    const id = typeof filter._id === 'string' || typeof filter._id === 'number' ? filter._id : newId()
    const key = idKey(id)
    if (exists(coll, tx, key)) throw new CloudError('DATABASE_DUPLICATE_WRITE', `duplicate _id ${JSON.stringify(id)} in collection ${coll.name}`)
    const created = upsertDocument(id, filter, spec, ctx.now)
    assertStorable(created, 'data')
    await write(ctx, coll, tx, [{ key, id, doc: created }])
    return { data: { updated: 0, upsert_id: id } }
  }
  // Every new document is computed before any is stored: one failure changes nothing.
  const changed = rows.flatMap((row) => {
    const next = applyUpdate(row.doc, spec, filter, ctx.now)
    return next.changed ? [{ key: row.key, id: row.doc._id, doc: next.doc }] : []
  })
  await write(ctx, coll, tx, changed)
  return { data: { updated: changed.length } }
}

async function removeDocument(ctx: ActionContext, req: AdminRequest): Promise<AdminReply> {
  const filter = filterOf(req)
  const doc = isDocQuery(req, filter)
  // A DOC query touches at most its one document, whatever `multi` says.
  const multi = flag(req, 'multi', !doc) && !doc
  const test = compileFilter(filter)
  const tx = txOf(ctx, req)
  const coll = collectionOf(ctx, req)
  const rows = selectRows(viewCandidates(coll, tx, filter), test, { order: [], offset: 0, limit: multi ? Infinity : 1 })
  await write(ctx, coll, tx, rows.map((row) => ({ key: row.key, id: row.doc._id, doc: null })))
  return { data: { deleted: rows.length } }
}

async function aggregateDocuments(ctx: ActionContext, req: AdminRequest): Promise<AdminReply> {
  if (!Array.isArray(req.stages)) throw invalid('stages must be an array')
  const pipeline = req.stages as Doc[]
  checkPipeline(pipeline)
  const coll = collectionOf(ctx, req)
  // A leading $match narrows the input through the indexes; mingo applies it again, harmlessly.
  const first = pipeline[0]?.$match
  let input: Iterable<Entry> = coll.all()
  if (isPlainObject(first)) {
    const test = compileFilter(first)
    input = [...coll.candidates(first)].filter((e) => test(e.doc))
  }
  const docs = [...input].map((e) => cloneValue(e.doc))
  const resolve = (name: string): Doc[] => {
    const other = ctx.state.collections.get(name)
    return other ? [...other.all()].map((e) => cloneValue(e.doc)) : []
  }
  return { data: { list: runPipeline(docs, pipeline, resolve) } }
}

async function addCollection(ctx: ActionContext, req: AdminRequest): Promise<AdminReply> {
  const name = checkCollectionName(req.collectionName)
  if (ctx.state.collections.has(name)) throw new CloudError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`)
  await ctx.commit([{ o: 'c', c: name }])
  return { data: {} }
}

async function startTransaction(ctx: ActionContext): Promise<AdminReply> {
  // The SDK reads transactionId at the top level of the reply, not inside data.
  return { transactionId: ctx.txs.start().id }
}

/**
 * Applies the buffered writes. Nothing is validated here: every conflict was found at its write, and
 * the locks kept the written documents unchanged since, so a commit of an open transaction succeeds.
 */
async function commitTransaction(ctx: ActionContext, req: AdminRequest): Promise<AdminReply> {
  const tx = ctx.txs.get(req.transactionId)
  const ops: Op[] = []
  for (const [name, byKey] of tx.writes) {
    const coll = ctx.state.collections.get(name)
    if (!coll) {
      ctx.txs.finish(tx, 'failed; its writes were discarded')
      throw new CloudError('DATABASE_COLLECTION_NOT_EXIST', `collection ${name} does not exist`)
    }
    for (const [key, doc] of byKey) {
      if (doc) ops.push({ o: 'p', c: name, d: doc })
      else if (coll.get(key)) ops.push({ o: 'd', c: name, i: coll.get(key)!.doc._id })
    }
  }
  // Finishing first releases the locks; the writes waiting on them run again only after the apply below (same tick).
  ctx.txs.finish(tx, 'committed')
  // One journal line for the whole transaction: recovery applies all of it or none.
  if (ops.length > 0) await ctx.commit(ops)
  return {}
}

async function abortTransaction(ctx: ActionContext, req: AdminRequest): Promise<AdminReply> {
  ctx.txs.finish(ctx.txs.get(req.transactionId), 'aborted')
  return {}
}

const ACTIONS: Record<string, (ctx: ActionContext, req: AdminRequest) => Promise<AdminReply>> = {
  'database.insertDocument': insertDocument,
  'database.getDocument': getDocument,
  'database.calculateDocument': calculateDocument,
  'database.modifyDocument': modifyDocument,
  'database.removeDocument': removeDocument,
  'database.aggregateDocuments': aggregateDocuments,
  'database.addCollection': addCollection,
  'database.startTransaction': startTransaction,
  'database.commitTransaction': commitTransaction,
  'database.abortTransaction': abortTransaction,
}

/**
 * Runs one `database.*` action; errors are CloudErrors with CloudBase's string codes. The request's
 * EJSON is decoded as it enters and the reply's documents encoded as it leaves, nowhere else. A plain
 * write to a document an open transaction has written waits for that transaction to end, then runs again.
 */
export async function runAction(ctx: ActionContext, req: AdminRequest): Promise<AdminReply> {
  const action = Object.prototype.hasOwnProperty.call(ACTIONS, req.action) ? ACTIONS[req.action] : undefined
  if (!action) throw new CloudError('INVALID_ACTION', `unsupported action ${req.action}`)
  const decoded = decodeRequest(req, ctx.now)
  for (;;) {
    try {
      return encodeReply(await action(ctx, decoded))
    } catch (err) {
      if (!(err instanceof LockWait)) throw err
      await ctx.txs.waitFor(err.holder)
    }
  }
}
