import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inTransaction, isTransactionConflict, type WxDatabase, type WxTransaction } from '../../cloudfunctions/_shared/adapters/wx'
import { CONSENT_EVENTS, CONSENT_HEADS, consentLedger } from '../../cloudfunctions/_shared/repositories/consent-ledger'
import { Database } from '../../emulator/database/database'
import { removeDataDir, startEmulator, type RunningEmulator, connectSdk } from '../support/emulator'
import { headOf, nextEvent, verifyChain } from '../../src/domain/consent/consent-ledger'
import { request, SUBJECT } from '../unit/consent/ledger-fixtures'

type Stats = { actions: Record<string, number> }

/** What wx-server-sdk throws for a conflicting write inside a transaction: the server's code is lost. */
const WRITE_CONFLICT = { errCode: -501001, errMsg: expect.stringContaining('WriteConflict') }

// db.runTransaction / db.startTransaction of the real SDK against CloudBase's snapshot isolation:
// buffered writes read back by their own transaction, a snapshot taken at the start, write-write
// conflicts raised on the write (first writer wins), plain writes that wait for a transaction
// holding their document, the SDK's retry, and the calls the SDK sends outside the transaction.
describe('database: transactions through the real wx-server-sdk', () => {
  // The function runner is not under test: an empty functions folder.
  const functionsDir = mkdtempSync(path.join(os.tmpdir(), 'pc-fn-empty-'))
  let emu: RunningEmulator
  let db: any
  let _: any

  const balance = async (id: string) => (await db.collection('accounts').doc(id).get()).data.balance
  const exists = async (id: string) => (await db.collection('accounts').where({ _id: id }).count()).total === 1
  const stats = async () => (await emu.control<Stats>('/stats')).actions
  /** Resolves once the emulator has received `n` calls of `action` since the stats were cleared. */
  const received = async (action: string, n: number) => {
    for (;;) if (((await stats())[action] ?? 0) >= n) return
  }
  /** A promise, and whether it has settled yet. */
  const track = <T>(p: Promise<T>) => {
    const t = { settled: false, promise: p.finally(() => (t.settled = true)) }
    return t
  }
  const wire = async (body: Record<string, unknown>): Promise<any> => {
    const res = await fetch(`${emu.adminUrl}?env=${emu.envId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return res.json()
  }

  beforeAll(async () => {
    emu = await startEmulator({ functionsDir })
    db = connectSdk(emu).database()
    _ = db.command
  })
  beforeEach(async () => {
    await emu.control('/reset', {})
    await emu.control('/seed', {
      collections: {
        accounts: [{ _id: 'a', balance: 100 }, { _id: 'b', balance: 0 }],
        log: [],
        doctors: [{ _id: 'alice', onCall: true }, { _id: 'bob', onCall: true }],
        wards: [{ _id: 'w1', onCall: 2 }],
      },
    })
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
    removeDataDir(functionsDir)
  })

  it('runTransaction applies every write at commit; reads inside see the transaction’s own writes, others do not', async () => {
    const seen = await db.runTransaction(async (t: any) => {
      const before = (await t.collection('accounts').doc('a').get()).data.balance
      await t.collection('accounts').doc('a').update({ data: { balance: _.inc(-30) } })
      await t.collection('accounts').doc('b').update({ data: { balance: _.inc(30) } })
      await t.collection('log').add({ data: { _id: 'l1', amount: 30 } })
      const inside = (await t.collection('accounts').doc('a').get()).data.balance
      const where = (await t.collection('accounts').where({ balance: _.gt(0) }).get()).data.map((d: any) => [d._id, d.balance])
      const logInside = (await t.collection('log').doc('l1').get()).data
      const outside = await balance('a')
      const logOutside = (await db.collection('log').count()).total
      return { before, inside, where, logInside, outside, logOutside }
    })
    expect(seen).toEqual({ before: 100, inside: 70, where: [['a', 70], ['b', 30]], logInside: { _id: 'l1', amount: 30 }, outside: 100, logOutside: 0 })
    expect([await balance('a'), await balance('b')]).toEqual([70, 30])
    expect((await db.collection('log').doc('l1').get()).data).toEqual({ _id: 'l1', amount: 30 })
  })

  it('rolls back when the callback throws, or on tx.rollback(reason), and rethrows', async () => {
    await expect(
      db.runTransaction(async (t: any) => {
        await t.collection('accounts').doc('a').update({ data: { balance: 0 } })
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    await expect(
      db.runTransaction(async (t: any) => {
        await t.collection('accounts').doc('b').update({ data: { balance: 5 } })
        await t.rollback('insufficient funds')
      }),
    ).rejects.toBe('insufficient funds')
    expect([await balance('a'), await balance('b')]).toEqual([100, 0])
    expect((await stats())['database.abortTransaction']).toBe(2)
    expect((await stats())['database.commitTransaction']).toBeUndefined()
  })

  it('startTransaction: set, add and remove stay invisible until commit, then apply together', async () => {
    const t = await db.startTransaction()
    await t.collection('accounts').doc('c').set({ data: { balance: 5 } })
    await t.collection('accounts').add({ data: { _id: 'd', balance: 1 } })
    await t.collection('accounts').doc('b').remove()
    await expect(t.collection('accounts').doc('b').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') })
    expect((await t.collection('accounts').doc('c').get()).data).toEqual({ _id: 'c', balance: 5 })
    await expect(t.collection('accounts').add({ data: { _id: 'd' } })).rejects.toMatchObject({ errMsg: expect.stringContaining('duplicate _id') })
    expect([await exists('c'), await exists('d'), await exists('b')]).toEqual([false, false, true])
    await t.commit()
    expect([await exists('c'), await exists('d'), await exists('b')]).toEqual([true, true, false])
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringContaining('already committed') })
  })

  it('rollback discards the buffered writes and retires the transaction id', async () => {
    const t = await db.startTransaction()
    await t.collection('accounts').doc('a').update({ data: { balance: 1 } })
    await t.rollback()
    expect(await balance('a')).toBe(100)
    await expect(t.collection('accounts').doc('a').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('already aborted') })
  })

  describe('snapshot isolation', () => {
    it('allows write skew: two transactions that each read both rows and write a different one both commit', async () => {
      // Rule: at least one doctor stays on call. Each transaction sees two on call and takes one off.
      const offCall = async (t: any, me: string) => {
        const onCall = (await t.collection('doctors').where({ onCall: true }).get()).data.length
        if (onCall >= 2) await t.collection('doctors').doc(me).update({ data: { onCall: false } })
        return onCall
      }
      const t1 = await db.startTransaction()
      const t2 = await db.startTransaction()
      expect([await offCall(t1, 'alice'), await offCall(t2, 'bob')]).toEqual([2, 2])
      await t1.commit()
      // Serializable isolation would refuse this commit (t2 read alice, whom t1 changed); snapshot isolation does not.
      await t2.commit()
      expect((await db.collection('doctors').where({ onCall: true }).count()).total).toBe(0)
    })

    it('prevents the same skew once both transactions write the document that guards the rule', async () => {
      const offCall = async (t: any, me: string) => {
        const ward = (await t.collection('wards').doc('w1').get()).data
        if (ward.onCall < 2) return
        await t.collection('wards').doc('w1').update({ data: { onCall: ward.onCall - 1 } })
        await t.collection('doctors').doc(me).update({ data: { onCall: false } })
      }
      const t1 = await db.startTransaction()
      const t2 = await db.startTransaction()
      await offCall(t1, 'alice')
      await expect(offCall(t2, 'bob')).rejects.toMatchObject(WRITE_CONFLICT)
      await t1.commit()
      await expect(t2.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringContaining('write conflict') })
      expect((await db.collection('doctors').where({ onCall: true }).get()).data.map((d: any) => d._id)).toEqual(['bob'])
      expect((await db.collection('wards').doc('w1').get()).data.onCall).toBe(1)
    })

    it('reads the snapshot taken at its first operation: later commits and plain writes stay invisible to it', async () => {
      const t = await db.startTransaction()
      // Commits between the start and the first operation are in the snapshot (MongoDB takes it at the first operation).
      await db.collection('log').add({ data: { _id: 'l0' } })
      expect((await t.collection('log').doc('l0').get()).data).toEqual({ _id: 'l0' })
      await db.collection('accounts').doc('a').update({ data: { balance: 150 } })
      await db.collection('accounts').add({ data: { _id: 'c', balance: 7 } })
      await db.collection('accounts').doc('b').remove()
      const other = await db.startTransaction()
      await other.collection('log').add({ data: { _id: 'l1' } })
      await other.commit()

      expect((await t.collection('accounts').doc('a').get()).data.balance).toBe(100)
      await expect(t.collection('accounts').doc('c').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') })
      expect((await t.collection('accounts').doc('b').get()).data).toEqual({ _id: 'b', balance: 0 })
      expect((await t.collection('accounts').where({ balance: _.gte(0) }).get()).data).toEqual([{ _id: 'a', balance: 100 }, { _id: 'b', balance: 0 }])
      await expect(t.collection('log').doc('l1').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') })
      // Its own writes lie over the snapshot; reading alone never conflicts, so it commits.
      await t.collection('log').add({ data: { _id: 'l2', sawA: (await t.collection('accounts').doc('a').get()).data.balance } })
      expect((await t.collection('log').where({ _id: _.exists(true) }).get()).data.map((d: any) => d._id)).toEqual(['l0', 'l2'])
      await t.commit()

      expect((await db.collection('log').doc('l2').get()).data.sawA).toBe(100)
      const later = await db.startTransaction()
      expect((await later.collection('accounts').doc('a').get()).data.balance).toBe(150)
      await later.rollback()
    })

    it('first writer wins: the later writer’s write fails (the SDK loses the code), its transaction is aborted', async () => {
      // t2 starts and reads first; t1 writes first, so t1 wins.
      const t2 = await db.startTransaction()
      const t1 = await db.startTransaction()
      expect((await t2.collection('accounts').doc('a').get()).data.balance).toBe(100)
      await t1.collection('accounts').doc('a').update({ data: { balance: 90 } })
      await t2.collection('accounts').doc('b').update({ data: { balance: 20 } })
      const lost: unknown = await t2.collection('accounts').doc('a').update({ data: { balance: 80 } }).catch((err: unknown) => err)
      expect(lost).toMatchObject(WRITE_CONFLICT)
      expect((lost as { code?: unknown }).code).toBeUndefined()
      expect(isTransactionConflict(lost)).toBe(true)
      // The loser is gone with all its writes; the winner is untouched and commits.
      await expect(t2.collection('accounts').doc('b').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('write conflict') })
      await t1.commit()
      expect([await balance('a'), await balance('b')]).toEqual([90, 0])
    })

    it('a write to a document that a commit changed after the snapshot fails, even with no transaction open on it', async () => {
      const t = await db.startTransaction()
      await t.collection('accounts').doc('b').get()
      await db.collection('accounts').doc('a').update({ data: { balance: _.inc(1) } })
      await expect(t.collection('accounts').doc('a').update({ data: { balance: 0 } })).rejects.toMatchObject(WRITE_CONFLICT)
      // Creating a document that was created meanwhile conflicts too.
      const u = await db.startTransaction()
      await u.collection('accounts').doc('b').get()
      await db.collection('accounts').add({ data: { _id: 'c', balance: 1 } })
      await expect(u.collection('accounts').add({ data: { _id: 'c', balance: 2 } })).rejects.toMatchObject(WRITE_CONFLICT)
      expect([await balance('a'), await balance('c')]).toEqual([101, 1])
    })

    it('two transactions creating one _id: the second fails on its write', async () => {
      const t1 = await db.startTransaction()
      const t2 = await db.startTransaction()
      await t1.collection('log').add({ data: { _id: 'once', by: 't1' } })
      await expect(t2.collection('log').add({ data: { _id: 'once', by: 't2' } })).rejects.toMatchObject(WRITE_CONFLICT)
      await t1.commit()
      expect((await db.collection('log').doc('once').get()).data.by).toBe('t1')
    })

    it('a plain write to a document an open transaction wrote waits for it to end, then applies on the committed value', async () => {
      await emu.control('/stats', undefined, 'DELETE')
      const t = await db.startTransaction()
      await t.collection('accounts').doc('a').update({ data: { balance: 90 } })
      const plain = track(db.collection('accounts').doc('a').update({ data: { balance: _.inc(5) } }))
      await received('database.modifyDocument', 2)
      // Documents the transaction did not write are not held up.
      await db.collection('accounts').doc('b').update({ data: { balance: 1 } })
      expect([plain.settled, await balance('a'), await balance('b')]).toEqual([false, 100, 1])
      await t.commit()
      await plain.promise
      expect(await balance('a')).toBe(95)

      // After a rollback the waiting write applies on the value that stayed.
      const r = await db.startTransaction()
      await r.collection('accounts').doc('a').remove()
      const waiting = track(db.collection('accounts').doc('a').update({ data: { balance: _.inc(5) } }))
      await received('database.modifyDocument', 4)
      expect(waiting.settled).toBe(false)
      await r.rollback()
      expect(await waiting.promise).toMatchObject({ stats: { updated: 1 } })
      expect(await balance('a')).toBe(100)
    })
  })

  describe('the SDK’s runTransaction', () => {
    it('retries a commit conflict with a fresh transaction and succeeds', async () => {
      await emu.control('/stats', undefined, 'DELETE')
      await emu.control('/faults', { action: 'database.commitTransaction', nth: 1, code: 'DATABASE_TRANSACTION_CONFLICT' })
      let attempts = 0
      const result = await db.runTransaction(async (t: any) => {
        attempts += 1
        await t.collection('log').add({ data: { _id: `l${attempts}` } })
        return attempts
      })
      expect({ attempts, result, log: (await db.collection('log').get()).data.map((d: any) => d._id) }).toEqual({ attempts: 2, result: 2, log: ['l2'] })
      const s = await stats()
      expect([s['database.startTransaction'], s['database.commitTransaction'], s['database.abortTransaction']]).toEqual([2, 2, undefined])
    })

    it('gives up after 3 retries of commit conflicts: rejects with the conflict, aborts the last attempt', async () => {
      await emu.control('/stats', undefined, 'DELETE')
      // Each armed fault counts from the next call on and is spent when it fires: four in a row.
      for (let i = 0; i < 4; i++) await emu.control('/faults', { action: 'database.commitTransaction', nth: 1, code: 'DATABASE_TRANSACTION_CONFLICT' })
      let attempts = 0
      await expect(
        db.runTransaction(async (t: any) => {
          attempts += 1
          await t.collection('log').add({ data: { _id: `l${attempts}` } })
        }),
      ).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
      expect(attempts).toBe(4)
      const s = await stats()
      expect([s['database.startTransaction'], s['database.commitTransaction'], s['database.abortTransaction']]).toEqual([4, 4, 1])
    })

    it('does not retry a conflict raised by a write: it arrives as -501001', async () => {
      let attempts = 0
      await expect(
        db.runTransaction(async (t: any) => {
          attempts += 1
          await t.collection('accounts').doc('a').get()
          await db.collection('accounts').doc('a').update({ data: { balance: _.inc(1) } })
          await t.collection('accounts').doc('a').update({ data: { balance: _.inc(100) } })
        }),
      ).rejects.toMatchObject(WRITE_CONFLICT)
      expect([attempts, await balance('a')]).toEqual([1, 101])
    })
  })

  describe('the shared adapter (inTransaction)', () => {
    const quick = { attempts: 5, budgetMs: 15_000, baseMs: 1, capMs: 4 }

    it('retries a write conflict on a new snapshot', async () => {
      let attempts = 0
      const result = await inTransaction(db as WxDatabase, async (tx: any) => {
        attempts += 1
        const a: number = (await tx.collection('accounts').doc('a').get()).data.balance
        if (attempts === 1) await db.collection('accounts').doc('a').update({ data: { balance: _.inc(5) } })
        await tx.collection('accounts').doc('a').update({ data: { balance: a * 2 } })
        return a
      }, quick)
      expect({ attempts, result, a: await balance('a') }).toEqual({ attempts: 2, result: 105, a: 210 })
    })

    it('retries a commit conflict, rolling back the refused transaction so its documents are free', async () => {
      await emu.control('/stats', undefined, 'DELETE')
      // An injected refusal leaves the transaction open on the server, holding `a`: only the rollback frees it.
      await emu.control('/faults', { action: 'database.commitTransaction', nth: 1, code: 'DATABASE_TRANSACTION_CONFLICT' })
      let attempts = 0
      await inTransaction(db as WxDatabase, async (tx: WxTransaction) => {
        attempts += 1
        await tx.collection('accounts').doc('a').update({ data: { balance: _.inc(-10) } })
      }, quick)
      expect([attempts, await balance('a')]).toEqual([2, 90])
      const s = await stats()
      expect([s['database.startTransaction'], s['database.commitTransaction'], s['database.abortTransaction']]).toEqual([2, 2, 1])
    })

    it('never retries anything else: a thrown error, or an unknown server error that also arrives as -501001', async () => {
      let attempts = 0
      await expect(
        inTransaction(db as WxDatabase, async () => {
          attempts += 1
          throw new Error('not a conflict')
        }, quick),
      ).rejects.toThrow('not a conflict')
      await emu.control('/faults', { action: 'database.modifyDocument', nth: 1, code: 'SOME_UNKNOWN_FAILURE', message: 'conflicting opinions' })
      const unknown = await inTransaction(db as WxDatabase, async (tx: WxTransaction) => {
        attempts += 1
        await tx.collection('accounts').doc('a').update({ data: { balance: 1 } })
      }, quick).catch((err: unknown) => err)
      expect(unknown).toMatchObject({ errCode: -501001 })
      expect(isTransactionConflict(unknown)).toBe(false)
      expect([attempts, await balance('a')]).toEqual([2, 100])
    })

    it('stops at its attempt limit and rethrows the conflict', async () => {
      let attempts = 0
      const failure = inTransaction(db as WxDatabase, async (tx: WxTransaction) => {
        attempts += 1
        await tx.collection('accounts').doc('b').get()
        await db.collection('accounts').doc('a').update({ data: { balance: _.inc(1) } })
        await tx.collection('accounts').doc('a').update({ data: { balance: 0 } })
      }, { ...quick, attempts: 3 })
      await expect(failure).rejects.toMatchObject(WRITE_CONFLICT)
      expect([attempts, await balance('a')]).toEqual([3, 103])
    })

    it('consent ledger: an append whose head another transaction holds conflicts, retries, and lands on the head', async () => {
      await emu.control('/seed', { collections: { [CONSENT_HEADS]: [], [CONSENT_EVENTS]: [] } })
      const subject = SUBJECT
      let builds = 0
      // The domain's own chain step, so the rows are what the repository reads back (and checks).
      const build = (eventId: string) => (head: { subject: string; seq: number; hash: string } | undefined) => {
        builds += 1
        const event = nextEvent(head, { ...request({ clientRequestId: `req-${eventId}` }), subject }, { now: new Date(Date.UTC(2026, 0, 1, 0, builds)), eventId })
        return { appended: [event], head: { ...headOf(event), consents: {} } }
      }
      await consentLedger.append(subject, build('event_1'))
      // Another append's transaction has written the head and is still open.
      const other = await db.startTransaction()
      await other.collection(CONSENT_HEADS).doc(subject).update({ data: { updatedAt: '2026-01-01T00:00:00.000Z' } })
      await emu.control('/stats', undefined, 'DELETE')
      const appended = track(consentLedger.append(subject, build('event_2')))
      await received('database.startTransaction', 2)
      expect(appended.settled).toBe(false)
      await other.commit()
      const second = await appended.promise
      expect(second).toMatchObject({ head: { seq: 2 } })
      expect(builds).toBeGreaterThanOrEqual(3)
      const events = (await db.collection(CONSENT_EVENTS).orderBy('seq', 'asc').get()).data
      expect(events.map((e: any) => [e._id, e.seq])).toEqual([['event_1', 1], ['event_2', 2]])
      expect(events[1].prevHash).toBe(events[0].hash)
      expect(verifyChain(events.map(({ _id, ...e }: any) => e)).ok).toBe(true)
      expect((await db.collection(CONSENT_HEADS).doc(subject).get()).data).toMatchObject({ seq: 2, hash: events[1].hash })
    })
  })

  it('mirrors the SDK quirk: where().update/remove and count() inside a transaction run outside it', async () => {
    const t = await db.startTransaction()
    await t.collection('accounts').add({ data: { _id: 'x', balance: 7 } })
    expect((await t.collection('accounts').count()).total).toBe(2)
    expect((await t.collection('accounts').where({ balance: _.gte(0) }).get()).data).toHaveLength(3)
    await t.collection('accounts').where({ _id: 'b' }).update({ data: { balance: 999 } })
    await t.collection('accounts').where({ _id: 'a' }).remove()
    expect([await balance('b'), await exists('a')]).toEqual([999, false])
    await t.rollback()
    expect([await balance('b'), await exists('a'), await exists('x')]).toEqual([999, false, false])
  })

  it('refuses unknown transaction ids with DATABASE_TRANSACTION_FAIL', async () => {
    for (const action of ['database.commitTransaction', 'database.abortTransaction']) {
      expect((await wire({ action, transactionId: 'tx_nope' })).code).toBe('DATABASE_TRANSACTION_FAIL')
    }
    const read = await wire({ action: 'database.getDocument', collectionName: 'accounts', queryType: 'DOC', query: '{"_id":"a"}', transactionId: 'tx_nope' })
    expect(read).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringContaining('does not exist') })
    const started = await wire({ action: 'database.startTransaction' })
    expect(started.transactionId).toMatch(/^tx_/)
    expect(started.data).toBeUndefined()
  })
})

describe('database: transaction lifetime (in-process Database, injected clock)', () => {
  const get = { action: 'database.getDocument', collectionName: 'c', queryType: 'DOC', query: '{"_id":"a"}' }
  const modify = (n: number, transactionId?: string) => ({ action: 'database.modifyDocument', collectionName: 'c', queryType: 'DOC', query: '{"_id":"a"}', data: `{"$set":{"n":${n}}}`, multi: false, merge: true, upsert: false, ...(transactionId ? { transactionId } : {}) })
  let dir: string
  let now: number
  let database: Database

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pc-db-tx-'))
    now = 1_000_000
    database = new Database({ dir, durability: 'off', now: () => now })
    await database.open()
    await database.seed({ c: [{ _id: 'a', n: 1 }] })
  })
  afterEach(async () => {
    await database.close()
    removeDataDir(dir)
  })

  const start = async () => ((await database.handle({ action: 'database.startTransaction' })) as { transactionId: string }).transactionId
  const stored = async () => ((await database.handle(get)) as { data: { list: string[] } }).data.list

  it('discards a transaction not committed within 30 s of its start, however busy it was', async () => {
    const transactionId = await start()
    await database.handle(modify(2, transactionId))
    now += 29_000
    await database.handle({ ...get, transactionId })
    now += 1_001
    await expect(database.handle({ action: 'database.commitTransaction', transactionId })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringContaining('expired') })
    expect(await stored()).toEqual(['{"_id":"a","n":{"$numberInt":"1"}}'])
  })

  it('frees the documents of an expired transaction: a plain write waiting on one runs when the lifetime ends', async () => {
    const transactionId = await start()
    await database.handle(modify(2, transactionId))
    // At the very limit the transaction is still open, so this write waits; the lifetime ends it and lets the write run.
    now += 30_000
    await database.handle(modify(3))
    expect(await stored()).toEqual(['{"_id":"a","n":{"$numberInt":"3"}}'])
    await expect(database.handle({ action: 'database.commitTransaction', transactionId })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringContaining('expired') })
    // Past its lifetime a transaction holds nothing: a plain write does not wait at all.
    const late = await start()
    await database.handle(modify(4, late))
    now += 30_001
    await database.handle(modify(5))
    expect(await stored()).toEqual(['{"_id":"a","n":{"$numberInt":"5"}}'])
  })
})
