import { z } from 'zod/mini'
import {
  anonymisedEventSchema,
  CONSENT_METHODS,
  type ConsentEvent,
  consentEventSchema,
  consentTargetSchema,
  hexHashSchema,
  isAnonymised,
  type LedgerEvent,
} from '../../../src/domain/consent/consent-event'
import type { ChainHead } from '../../../src/domain/consent/consent-ledger'
import type { ConsentView } from '../../../src/domain/consent/consent-state'
import { targetKey } from '../../../src/domain/consent/consent-targets'
import { database, inTransaction, isTransactionConflict, lenientDatabase, settled, type WxTransaction } from '../adapters/wx'
import { asList, dbDate, lazy, parseDoc, parseRow, parseSweep, rowId } from '../rows/parse'

export const CONSENT_SALTS = 'consent_salts'
export const CONSENT_HEADS = 'consent_heads'
export const CONSENT_EVENTS = 'consent_events'

/** A chain's head with the consent view derived from the chain (rebuildable with `currentConsent`). */
export interface LedgerHead extends ChainHead {
  consents: ConsentView
  /** When the last event was appended (read back from the stored head; absent on a head being built). */
  updatedAt?: string
}

/** Row schemas, built on first use (see `lazy`). */
const rows = lazy(() => {
  const iso = z.iso.datetime()
  const seq = z.number().check(z.int(), z.minimum(1))
  const targetConsent = z.object({
    target: consentTargetSchema,
    state: z.enum(['granted', 'denied', 'withdrawn']),
    since: iso,
    updatedAt: iso,
    policy: z.object({ version: z.string(), hash: hexHashSchema }),
    method: z.enum(CONSENT_METHODS),
    seq,
    eventId: z.string(),
  })
  return {
    salt: z.object({ _id: rowId(), salt: z.string().check(z.minLength(1)), createdAt: dbDate() }),
    /** The view is stored as a list: its keys hold dots (`scope:scope.userLocation`), which field names must not. */
    head: z.object({ _id: rowId(), subject: hexHashSchema, seq, hash: hexHashSchema, consents: z.array(targetConsent), updatedAt: iso }),
    decision: z.extend(consentEventSchema, { _id: rowId() }),
    closing: z.extend(anonymisedEventSchema, { _id: rowId() }),
  }
})
export const headRowSchema = () => rows().head
type HeadRow = z.infer<ReturnType<typeof headRowSchema>>
type EventRow = z.infer<ReturnType<typeof rows>['decision']> | z.infer<ReturnType<typeof rows>['closing']>

/** An event row, checked against the shape its `kind` says it has (a closing anonymisation, or a decision). */
function eventRow(row: unknown): EventRow {
  const closing = typeof row === 'object' && row !== null && (row as { kind?: unknown }).kind === 'subject-anonymised'
  return parseRow(closing ? rows().closing : rows().decision, row, CONSENT_EVENTS)
}
const eventRows = (data: unknown): EventRow[] => asList(data, CONSENT_EVENTS).map(eventRow)

const PAGE = 1000

function toHead(row: HeadRow): LedgerHead {
  return { subject: row.subject, seq: row.seq, hash: row.hash, consents: Object.fromEntries(row.consents.map((c) => [targetKey(c.target), c])), updatedAt: row.updatedAt }
}

function toEvent(row: EventRow): LedgerEvent {
  const { _id, ...event } = row
  return event
}

const decisionsOnly = (events: LedgerEvent[]): ConsentEvent[] => events.flatMap((e) => (isAnonymised(e) ? [] : [e]))

function headRow(head: LedgerHead, updatedAt: string): Omit<HeadRow, '_id'> {
  return { subject: head.subject, seq: head.seq, hash: head.hash, consents: Object.values(head.consents), updatedAt }
}

/** Events and the head they lead to, planned from the head read inside the transaction. */
export interface LedgerWrite<E extends LedgerEvent = LedgerEvent> {
  appended: E[]
  head: LedgerHead | undefined
}

/** The insert of an event was refused (its id exists, or the store failed): the caller finds out which. */
class EventInsertFailed extends Error {
  constructor(
    readonly eventId: string,
    readonly cause: unknown,
  ) {
    super('event insert failed')
  }
}

/** Per-subject salts, `_id` = openid; kept apart from the ledger so deleting one anonymises a chain. */
export const consentSalts = {
  async find(openid: string): Promise<string | undefined> {
    const { data } = await settled(lenientDatabase().collection(CONSENT_SALTS).doc(openid).get())
    return parseDoc(rows().salt, data, CONSENT_SALTS)?.salt
  },

  /** Stores the openid's first salt (one round trip) and answers the salt in force. */
  async create(openid: string, newSalt: string, now: Date): Promise<string> {
    try {
      await settled(database().collection(CONSENT_SALTS).add({ data: { _id: openid, salt: newSalt, createdAt: now } }))
      return newSalt
    } catch (err) {
      // A concurrent first decision created it between our read and insert: everyone uses the stored one.
      const raced = await this.find(openid)
      if (!raced) throw err
      return raced
    }
  },

  /** Salts made before `before`, oldest first: the candidates of the refusal purge. */
  async createdBefore(before: Date, limit: number): Promise<Array<{ openid: string; salt: string }>> {
    const db = database()
    const { data } = await settled(db.collection(CONSENT_SALTS).where({ createdAt: db.command.lt(before) }).orderBy('createdAt', 'asc').limit(limit).get())
    return parseSweep(rows().salt, data, CONSENT_SALTS).map((r) => ({ openid: r._id, salt: r.salt }))
  },

  async remove(openid: string): Promise<void> {
    await settled(database().collection(CONSENT_SALTS).where({ _id: openid }).remove())
  },
}

/** The append-only `consent_events` (`_id` = eventId) and their heads in `consent_heads` (`_id` = subject). */
export const consentLedger = {
  /** Inside `tx` when given: read from its snapshot, the one its head write is checked against. */
  async head(subject: string, tx?: WxTransaction): Promise<LedgerHead | undefined> {
    const { data } = await settled((tx ?? lenientDatabase()).collection(CONSENT_HEADS).doc(subject).get())
    const row = parseDoc(rows().head, data, CONSENT_HEADS)
    return row && toHead(row)
  },

  /** One of the subject's decisions; another subject's id answers undefined. */
  async event(subject: string, eventId: string): Promise<ConsentEvent | undefined> {
    const { data } = await settled(lenientDatabase().collection(CONSENT_EVENTS).doc(eventId).get())
    const row = data == null ? null : eventRow(data)
    return row && row.subject === subject ? decisionsOnly([toEvent(row)])[0] : undefined
  },

  /** The decisions one client request appended (its own and what they cascaded to), by seq. */
  async byRequest(subject: string, clientRequestId: string): Promise<ConsentEvent[]> {
    const { data } = await settled(database().collection(CONSENT_EVENTS).where({ subject, clientRequestId }).orderBy('seq', 'asc').limit(PAGE).get())
    return decisionsOnly(eventRows(data).map(toEvent))
  },

  /**
   * The subject's decisions, by seq. An anonymised chain's closing event is left out: it is reachable
   * only by pseudonym (the salt went with it), i.e. by verification through `chain`.
   */
  async events(subject: string): Promise<ConsentEvent[]> {
    return decisionsOnly(await this.chain(subject))
  },

  /** Every event of the subject's chain, by seq: one round trip per 1,000 events. */
  async chain(subject: string): Promise<LedgerEvent[]> {
    const db = database()
    const out: LedgerEvent[] = []
    for (;;) {
      const after = out.length ? out[out.length - 1]!.seq : 0
      const { data } = await settled(db.collection(CONSENT_EVENTS).where({ subject, seq: db.command.gt(after) }).orderBy('seq', 'asc').limit(PAGE).get())
      out.push(...eventRows(data).map(toEvent))
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
   * Appends the events `build` plans from the current head and moves the head, in one transaction:
   * start, read head, insert each event, write head, commit (four round trips and one per event; an
   * empty plan writes nothing). Reading the head inside the transaction and writing it makes a
   * concurrent append conflict at commit, so a chain never forks; conflicts are retried. When the
   * first event's id already exists (a retried request), nothing is written: `{ existing: true }`.
   */
  async append<E extends LedgerEvent>(subject: string, build: (head: LedgerHead | undefined) => LedgerWrite<E>): Promise<LedgerWrite<E> | { existing: true }> {
    try {
      return await inTransaction(lenientDatabase(), async (tx) => {
        const next = build(await this.head(subject, tx))
        await insertAll(tx, next)
        return next
      })
    } catch (err) {
      if (!(err instanceof EventInsertFailed)) throw err
      // Costs one more round trip, only on a retry of a request that was already recorded.
      const { data } = await settled(lenientDatabase().collection(CONSENT_EVENTS).doc(err.eventId).get())
      if (!data) throw err.cause
      return { existing: true }
    }
  },

  /**
   * Anonymises the openid's chain, in one transaction: reads the salt and the head, appends the
   * closing events `build` plans, moves the head and deletes the salt, so the record that it happened
   * and the unlinking commit together or not at all. Answers false when there was no salt (anonymised
   * already, or never decided): a rerun changes nothing.
   */
  async anonymise(openid: string, pseudonym: (salt: string) => string, build: (head: LedgerHead | undefined) => LedgerWrite): Promise<boolean> {
    return inTransaction(lenientDatabase(), async (tx) => {
      const { data } = await settled(tx.collection(CONSENT_SALTS).doc(openid).get())
      const row = parseDoc(rows().salt, data, CONSENT_SALTS)
      if (!row) return false
      const next = build(await this.head(pseudonym(row.salt), tx))
      await insertAll(tx, next)
      await settled(tx.collection(CONSENT_SALTS).doc(openid).remove())
      return true
    })
  },
}

async function insertAll(tx: WxTransaction, next: LedgerWrite): Promise<void> {
  if (!next.head || next.appended.length === 0) return
  for (const [i, event] of next.appended.entries()) {
    try {
      await settled(tx.collection(CONSENT_EVENTS).add({ data: { _id: event.eventId, ...event } }))
    } catch (err) {
      // A write conflict is inTransaction's to retry. Only the first id tells a retried request; a later
      // collision is a failure like any other.
      throw i === 0 && !isTransactionConflict(err) ? new EventInsertFailed(event.eventId, err) : err
    }
  }
  await settled(tx.collection(CONSENT_HEADS).doc(next.head.subject).set({ data: headRow(next.head, next.appended[next.appended.length - 1]!.serverTime) }))
}
