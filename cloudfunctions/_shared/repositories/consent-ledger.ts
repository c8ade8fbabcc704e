import type { ConsentEvent } from '../../../src/domain/consent/consent-event'
import type { ChainHead } from '../../../src/domain/consent/consent-ledger'
import type { ConsentView, TargetConsent } from '../../../src/domain/consent/consent-state'
import { targetKey } from '../../../src/domain/consent/consent-targets'
import { database, inTransaction, lenientDatabase, settled, type WxTransaction } from '../adapters/wx'

export const CONSENT_SALTS = 'consent_salts'
export const CONSENT_HEADS = 'consent_heads'
export const CONSENT_EVENTS = 'consent_events'

/** A chain's head with the consent view derived from the chain (rebuildable with `currentConsent`). */
export interface LedgerHead extends ChainHead {
  consents: ConsentView
  /** When the last event was appended (read back from the stored head; absent on a head being built). */
  updatedAt?: string
}

/** Stored as a list: view keys hold dots (`scope:scope.userLocation`), which field names must not. */
interface HeadRow extends ChainHead {
  _id: string
  consents: TargetConsent[]
  updatedAt: string
}

type EventRow = ConsentEvent & { _id: string }

const PAGE = 1000

function toHead(row: HeadRow): LedgerHead {
  return { subject: row.subject, seq: row.seq, hash: row.hash, consents: Object.fromEntries(row.consents.map((c) => [targetKey(c.target), c])), updatedAt: row.updatedAt }
}

function toEvent(row: EventRow): ConsentEvent {
  const { _id, ...event } = row
  return event
}

/** The insert of an event was refused (its id exists, or the store failed): the caller finds out which. */
class EventInsertFailed extends Error {
  constructor(readonly cause: unknown) {
    super('event insert failed')
  }
}

/** Per-subject salts, `_id` = openid; kept apart from the ledger so deleting one anonymises a chain. */
export const consentSalts = {
  async find(openid: string): Promise<string | undefined> {
    const { data } = await settled(lenientDatabase().collection(CONSENT_SALTS).doc(openid).get())
    return data ? (data as { salt: string }).salt : undefined
  },

  /** The openid's salt, created on first use: one round trip when it exists, two when created. */
  async findOrCreate(openid: string, newSalt: string, now: Date): Promise<{ salt: string; created: boolean }> {
    const found = await this.find(openid)
    if (found) return { salt: found, created: false }
    try {
      await settled(database().collection(CONSENT_SALTS).add({ data: { _id: openid, salt: newSalt, createdAt: now } }))
      return { salt: newSalt, created: true }
    } catch (err) {
      // A concurrent first decision created it between our read and insert: everyone uses the stored one.
      const raced = await this.find(openid)
      if (!raced) throw err
      return { salt: raced, created: false }
    }
  },

  /** Salts made before `before`, oldest first: the candidates of the refusal purge. */
  async createdBefore(before: Date, limit: number): Promise<Array<{ openid: string; salt: string }>> {
    const db = database()
    const { data } = await settled(db.collection(CONSENT_SALTS).where({ createdAt: db.command.lt(before) }).orderBy('createdAt', 'asc').limit(limit).get())
    return (data as Array<{ _id: string; salt: string }>).map((r) => ({ openid: r._id, salt: r.salt }))
  },

  async remove(openid: string): Promise<void> {
    await settled(database().collection(CONSENT_SALTS).where({ _id: openid }).remove())
  },
}

/** The append-only `consent_events` (`_id` = eventId) and their heads in `consent_heads` (`_id` = subject). */
export const consentLedger = {
  /** Inside `tx` when given, so that a change of the head before the commit makes it conflict. */
  async head(subject: string, tx?: WxTransaction): Promise<LedgerHead | undefined> {
    const { data } = await settled((tx ?? lenientDatabase()).collection(CONSENT_HEADS).doc(subject).get())
    return data ? toHead(data as HeadRow) : undefined
  },

  /** One of the subject's events; another subject's id answers undefined. */
  async event(subject: string, eventId: string): Promise<ConsentEvent | undefined> {
    const { data } = await settled(lenientDatabase().collection(CONSENT_EVENTS).doc(eventId).get())
    const row = data as EventRow | null
    return row && row.subject === subject ? toEvent(row) : undefined
  },

  /** Every event of the subject, by seq: one round trip per 1,000 events. */
  async events(subject: string): Promise<ConsentEvent[]> {
    const db = database()
    const out: ConsentEvent[] = []
    for (;;) {
      const after = out.length ? out[out.length - 1]!.seq : 0
      const { data } = await settled(db.collection(CONSENT_EVENTS).where({ subject, seq: db.command.gt(after) }).orderBy('seq', 'asc').limit(PAGE).get())
      out.push(...(data as EventRow[]).map(toEvent))
      if (data.length < PAGE) return out
    }
  },

  /** Deletes a whole chain, events then head (the refusal purge: a chain of someone who never agreed). */
  async removeChain(subject: string): Promise<void> {
    const db = database()
    await settled(db.collection(CONSENT_EVENTS).where({ subject }).remove())
    await settled(db.collection(CONSENT_HEADS).where({ _id: subject }).remove())
  },

  /**
   * Appends the event `build` makes from the current head and moves the head, in one transaction:
   * start, read head, insert event, write head, commit (five round trips). Reading the head inside the transaction makes a concurrent append conflict at commit, so
   * a chain never forks; conflicts are retried. When an event with the same id already exists
   * (a retried request), nothing is written and that event is returned as `existing`.
   */
  async append(
    subject: string,
    eventId: string,
    build: (head: LedgerHead | undefined) => { event: ConsentEvent; head: LedgerHead },
  ): Promise<{ event: ConsentEvent; head: LedgerHead } | { existing: ConsentEvent }> {
    try {
      return await inTransaction(lenientDatabase(), async (tx) => {
        const next = build(await this.head(subject, tx))
        try {
          await settled(tx.collection(CONSENT_EVENTS).add({ data: { _id: eventId, ...next.event } }))
        } catch (err) {
          throw new EventInsertFailed(err)
        }
        const row: Omit<HeadRow, '_id'> = { subject, seq: next.head.seq, hash: next.head.hash, consents: Object.values(next.head.consents), updatedAt: next.event.serverTime }
        await settled(tx.collection(CONSENT_HEADS).doc(subject).set({ data: row }))
        return next
      })
    } catch (err) {
      if (!(err instanceof EventInsertFailed)) throw err
      // Costs two more round trips, only on a retry of a request that was already recorded.
      const existing = await this.event(subject, eventId)
      if (!existing) throw err.cause
      return { existing }
    }
  },
}
