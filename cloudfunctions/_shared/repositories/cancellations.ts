import { z } from 'zod/mini'
import type { CancellationState } from '../../../src/domain/cancellation/cancellation'
import type { DeletionCertificate } from '../../../src/domain/cancellation/certificate'
import type { HeldRequest } from '../../../src/domain/personal/held-data'
import { OPEN_STATUSES, type RightsRequest } from '../../../src/domain/requests/rights-request'
import { database, lenientDatabase, settled } from '../adapters/wx'
import { lazy, parseRows, parseSweep, rowId } from '../rows/parse'
import { CERTIFICATIONS } from './certifications'
import { CONTACTS } from './contacts'
import { CORRECTIONS } from './corrections'
import { EXPORTS } from './exports'
import { ORDERS } from './orders'
import { PROFILES } from './profiles'
import { RIGHTS_REQUESTS, requestRowSchemas } from './rights-requests'

/** Deletion certificates, by their random id: no personal data, readable by whoever holds the id. */
export const DELETION_CERTIFICATES = 'deletion_certificates'

export type CancellationRow = z.infer<ReturnType<typeof requestRowSchemas>['cancellation']>
const parse = (data: unknown) => parseRows(requestRowSchemas().cancellation, data, RIGHTS_REQUESTS)

/** Certificates hold no personal data; the schema is built on first use (see `lazy`). */
const certificateSchema = lazy(() => {
  const counts = z.record(z.string(), z.number())
  const categories = z.array(z.object({ category: z.string(), count: z.number() }))
  return z.object({
    _id: rowId(),
    schemaVersion: z.literal(1),
    requestedAt: z.string(),
    startedAt: z.string(),
    completedAt: z.string(),
    inventoryHash: z.string(),
    categories,
    deleted: z.object({ rows: counts, files: counts }),
    retained: z.array(z.object({ category: z.string(), collection: z.string(), count: z.number(), retention: z.string(), until: z.string() })),
    consentChain: z.enum(['anonymised', 'none']),
  })
})
export type Cancellation = HeldRequest & CancellationState & { openid: string }

function fromRow(row: CancellationRow): Cancellation {
  const { _id, ...rest } = row
  return { id: _id, ...rest }
}

/** Cancellation requests (rows of `rights_requests` with their cooling-off and deletion state) and the certificates. */
export const cancellations = {
  /** The user's open cancellation, if any: at most one exists, `open` sees to it. */
  async open(openid: string): Promise<Cancellation | undefined> {
    const db = lenientDatabase()
    const { data } = await settled(db.collection(RIGHTS_REQUESTS).where({ openid, type: 'cancellation', status: db.command.in([...OPEN_STATUSES]) }).limit(1).get())
    const row = parse(data)[0]
    return row ? fromRow(row) : undefined
  },

  /** The user's latest cancellation, open or closed (while the row still carries the openid). */
  async latest(openid: string): Promise<Cancellation | undefined> {
    const { data } = await settled(database().collection(RIGHTS_REQUESTS).where({ openid, type: 'cancellation' }).orderBy('createdAt', 'desc').limit(1).get())
    const row = parse(data)[0]
    return row ? fromRow(row) : undefined
  },

  async byId(id: string): Promise<Cancellation | undefined> {
    const { data } = await settled(lenientDatabase().collection(RIGHTS_REQUESTS).where({ _id: id, type: 'cancellation' }).limit(1).get())
    const row = parse(data)[0]
    return row ? fromRow(row) : undefined
  },

  /** How many cancellations the user ever made: the next one's sequence number. */
  async countFor(openid: string): Promise<number> {
    const { total } = await settled(database().collection(RIGHTS_REQUESTS).where({ openid, type: 'cancellation' }).count())
    return total
  },

  /**
   * Insert-only under the request's id. The caller derives the id from the user and their count of
   * cancellations, so two submissions racing from two phones pick the same id and make one request.
   */
  async insert(openid: string, request: RightsRequest, state: CancellationState): Promise<{ created: Cancellation } | { existing: Cancellation }> {
    const { id, ...rest } = request
    try {
      await settled(database().collection(RIGHTS_REQUESTS).add({ data: { _id: id, openid, ...rest, ...state } }))
      return { created: { ...request, ...state, openid } }
    } catch (err) {
      const existing = await this.byId(id)
      if (!existing || existing.openid !== openid) throw err
      return { existing }
    }
  },

  /**
   * Stores `to` and the state patch if the row is still exactly `from` (status and updatedAt), so of
   * two writers one wins; answers whether this call did.
   */
  async advance(from: Cancellation, to: RightsRequest, patch: Partial<CancellationState> & { openid?: string } = {}): Promise<boolean> {
    const db = database()
    const _ = db.command
    const { stats } = await settled(
      db
        .collection(RIGHTS_REQUESTS)
        .where({ _id: from.id, openid: from.openid, status: from.status, updatedAt: from.updatedAt })
        .update({
          data: {
            status: to.status,
            updatedAt: to.updatedAt,
            history: _.set(to.history),
            outcome: to.outcome === undefined ? _.remove() : to.outcome,
            reason: to.reason === undefined ? _.remove() : to.reason,
            ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, typeof v === 'object' && v !== null ? _.set(v) : v])),
          },
        }),
    )
    return stats.updated === 1
  },

  /** Records progress (deletion steps, reminders) without a status change. */
  async note(id: string, updatedAt: string, patch: Partial<CancellationState>): Promise<boolean> {
    const db = database()
    const _ = db.command
    const { stats } = await settled(
      db
        .collection(RIGHTS_REQUESTS)
        .where({ _id: id, updatedAt })
        .update({ data: Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, typeof v === 'object' && v !== null ? _.set(v) : v])) }),
    )
    return stats.updated === 1
  },

  /** Open cancellations the scheduler may have work on, oldest due first. */
  async pending(limit: number): Promise<Cancellation[]> {
    const db = database()
    const { data } = await settled(db.collection(RIGHTS_REQUESTS).where({ type: 'cancellation', status: db.command.in([...OPEN_STATUSES]) }).orderBy('dueAt', 'asc').limit(limit).get())
    return parseSweep(requestRowSchemas().cancellation, data, RIGHTS_REQUESTS).map(fromRow)
  },

  // ── The deletion's steps. Each is idempotent: run twice, it removes nothing more the second time.

  /** Every row keyed by the openid that is not kept: counts removed per collection. */
  async removeRows(openid: string): Promise<Record<string, number>> {
    const db = database()
    const removed: Record<string, number> = {}
    for (const name of [PROFILES, CONTACTS]) {
      const { stats } = await settled(db.collection(name).where({ _id: openid }).remove())
      removed[name] = stats.removed
    }
    for (const name of [CORRECTIONS, EXPORTS, CERTIFICATIONS]) {
      const { stats } = await settled(db.collection(name).where({ openid }).remove())
      removed[name] = stats.removed
    }
    return removed
  },

  /**
   * What the law makes us keep loses its link to the user: orders lose the delivery details and the
   * openid (replaced by `retainedAs`) and are marked restricted; the user's other request records
   * lose the openid and their free text.
   */
  async anonymiseRetained(openid: string, keepId: string, retainedAs: string): Promise<Record<string, number>> {
    const db = database()
    const _ = db.command
    const orders = await settled(db.collection(ORDERS).where({ openid }).update({ data: { openid: retainedAs, deliverTo: _.remove(), restricted: true } }))
    const requests = await settled(db.collection(RIGHTS_REQUESTS).where({ openid, _id: _.neq(keepId) }).update({ data: { openid: retainedAs, detail: _.remove() } }))
    return { [ORDERS]: orders.stats.updated, [RIGHTS_REQUESTS]: requests.stats.updated }
  },

  async putCertificate(certificate: DeletionCertificate): Promise<void> {
    const { id, ...rest } = certificate
    await settled(database().collection(DELETION_CERTIFICATES).doc(id).set({ data: rest }))
  },

  async certificate(id: string): Promise<DeletionCertificate | undefined> {
    const { data } = await settled(lenientDatabase().collection(DELETION_CERTIFICATES).where({ _id: id }).limit(1).get())
    const row = parseRows(certificateSchema(), data, DELETION_CERTIFICATES)[0]
    if (!row) return undefined
    const { _id, ...rest } = row
    return { id: _id, ...rest }
  },
}
