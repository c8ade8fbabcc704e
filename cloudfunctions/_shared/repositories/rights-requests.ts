import { z } from 'zod/mini'
import { DELETION_STEPS } from '../../../src/domain/cancellation/cancellation'
import type { QueuePosition } from '../../../src/domain/ops/request-queue'
import type { HeldRequest } from '../../../src/domain/personal/held-data'
import { type RequestStatus, type RequestType, type RightsRequest, rightsRequestSchema } from '../../../src/domain/requests/rights-request'
import { database, lenientDatabase, settled } from '../adapters/wx'
import { lazy, parseDoc, parseRows, parseSweep } from '../rows/parse'

export const RIGHTS_REQUESTS = 'rights_requests'

/**
 * Row schemas, built on first use (see `lazy`). One collection holds every type; a cancellation's row
 * also carries its cooling-off and deletion state (`cancellation`, read by the cancellations repository).
 */
export const requestRowSchemas = lazy(() => {
  const text = z.optional(z.string())
  const counts = z.record(z.string(), z.number())
  const deletion = z.object({
    startedAt: z.string(),
    done: z.array(z.enum(DELETION_STEPS)),
    certificateId: z.string(),
    inventoryHash: z.string(),
    categories: z.array(z.object({ category: z.string(), count: z.number() })),
    fileIDs: z.array(z.string()),
    lastOrderAt: text,
    tally: z.object({ rows: counts, files: counts, retained: counts }),
  })
  const state = {
    coolingOffEndsAt: z.string(),
    certificateId: z.string(),
    deletion: z.optional(deletion),
    reminded: z.optional(z.object({ dueSoonAt: text, overdueAt: text })),
  }
  const request = z.extend(z.omit(rightsRequestSchema, { id: true }), {
    _id: rightsRequestSchema.shape.id,
    /** The owner; a kept record's is replaced by its `retainedAs` pseudonym at cancellation. */
    openid: z.string(),
    /** Which category a correction is about. */
    category: text,
    /** When an export's archive was deleted at the end of its retention: the request outlives its archive. */
    archiveExpiredAt: text,
    /** The owner accepted a subscribe message about the request (cancellations ask for one). */
    notify: z.optional(z.boolean()),
    ...z.partial(z.object(state)).shape,
  })
  return { request, cancellation: z.extend(request, { ...state, notify: z.boolean() }) }
})
export type RequestRow = z.infer<ReturnType<typeof requestRowSchemas>['request']>
const parse = (data: unknown) => parseRows(requestRowSchemas().request, data, RIGHTS_REQUESTS)

/** Data-subject requests; ids are random and unguessable, and every read is also filtered by openid. */
export const rightsRequests = {
  /** Insert-only under the request's id: a retried submission with the same id writes nothing new. */
  async add(openid: string, request: RightsRequest, category: string | undefined): Promise<RightsRequest> {
    const outcome = await this.insert(openid, request, category)
    return 'existing' in outcome ? outcome.existing : request
  },

  /** Like `add`, but says whether this call created the row or found one with the same id. */
  async insert(openid: string, request: RightsRequest, category?: string): Promise<{ created: true } | { existing: HeldRequest }> {
    const { id, ...rest } = request
    try {
      await settled(database().collection(RIGHTS_REQUESTS).add({ data: { _id: id, openid, ...rest, ...(category ? { category } : {}) } }))
      return { created: true }
    } catch (err) {
      const existing = await this.find(openid, id)
      if (!existing) throw err
      return { existing }
    }
  },

  async find(openid: string, id: string): Promise<HeldRequest | undefined> {
    const { data } = await settled(lenientDatabase().collection(RIGHTS_REQUESTS).where({ _id: id, openid }).limit(1).get())
    const row = parse(data)[0]
    return row ? fromRow(row) : undefined
  },

  async of(openid: string): Promise<HeldRequest[]> {
    const { data } = await settled(database().collection(RIGHTS_REQUESTS).where({ openid }).orderBy('createdAt', 'desc').limit(100).get())
    return parse(data).map(fromRow)
  },

  /**
   * Stores `to` (the result of one event on `from`) only if the row is still exactly `from`, so of
   * two writers racing on the same request one wins; answers whether this call did.
   */
  async advance(openid: string, from: RightsRequest, to: RightsRequest): Promise<boolean> {
    const db = database()
    const _ = db.command
    const { stats } = await settled(
      db
        .collection(RIGHTS_REQUESTS)
        .where({ _id: from.id, openid, status: from.status, updatedAt: from.updatedAt })
        .update({
          data: {
            status: to.status,
            updatedAt: to.updatedAt,
            history: _.set(to.history),
            outcome: to.outcome === undefined ? _.remove() : to.outcome,
            reason: to.reason === undefined ? _.remove() : to.reason,
          },
        }),
    )
    return stats.updated === 1
  },

  /** Notes once that the request's archive is gone; a resumed purge leaves the first note alone. */
  async noteArchiveExpired(openid: string, id: string, at: Date): Promise<void> {
    const db = database()
    await settled(db.collection(RIGHTS_REQUESTS).where({ _id: id, openid, archiveExpiredAt: db.command.exists(false) }).update({ data: { archiveExpiredAt: at.toISOString() } }))
  },

  /** One request, whoever owns it, with its owner: for ops, who act on every user's requests. */
  async byId(id: string): Promise<OwnedRequest | undefined> {
    const { data } = await settled(lenientDatabase().collection(RIGHTS_REQUESTS).doc(id).get())
    const row = parseDoc(requestRowSchemas().request, data, RIGHTS_REQUESTS)
    return row && owned(row)
  },

  /** Requests by id (at most 100), with their owners; an id not found is simply absent. */
  async byIds(ids: readonly string[]): Promise<OwnedRequest[]> {
    const db = database()
    const { data } = await settled(db.collection(RIGHTS_REQUESTS).where({ _id: db.command.in([...ids]) }).limit(ids.length).get())
    return parse(data).map(owned)
  },

  /**
   * Requests in one of `statuses` (and of `type`) by due date, then id, starting after `after`: keyset
   * paging, so a deep page costs what the first does and a request that changes status between pages
   * shifts no other. Backed by the (status, dueAt) index in collections.json.
   */
  async queue(filter: { statuses: readonly RequestStatus[]; type?: RequestType; after?: QueuePosition; limit: number }): Promise<HeldRequest[]> {
    const db = database()
    const _ = db.command
    const match = { status: _.in([...filter.statuses]), ...(filter.type ? { type: filter.type } : {}) }
    const { after } = filter
    const where = after ? _.and([match, _.or([{ dueAt: _.gt(after.dueAt) }, { dueAt: after.dueAt, _id: _.gt(after.id) }])]) : match
    const { data } = await settled(db.collection(RIGHTS_REQUESTS).where(where).orderBy('dueAt', 'asc').orderBy('_id', 'asc').limit(filter.limit).get())
    return parse(data).map(fromRow)
  },

  /** Export requests still `processing` though last touched before `before` (ISO): their build died. */
  async stalledExports(before: string, limit: number): Promise<Array<HeldRequest & { openid: string }>> {
    const db = database()
    const { data } = await settled(db.collection(RIGHTS_REQUESTS).where({ type: 'export', status: 'processing', updatedAt: db.command.lt(before) }).limit(limit).get())
    return parseSweep(requestRowSchemas().request, data, RIGHTS_REQUESTS).map((row) => ({ ...fromRow(row), openid: row.openid }))
  },
}

export interface OwnedRequest {
  request: HeldRequest
  openid: string
  /** Whether the owner is told when ops decide. */
  notify: boolean
}

function owned(row: RequestRow): OwnedRequest {
  return { request: fromRow(row), openid: row.openid, notify: row.notify === true }
}

function fromRow(row: RequestRow): HeldRequest {
  const { _id, openid: _owner, ...rest } = row
  return { id: _id, ...rest }
}
