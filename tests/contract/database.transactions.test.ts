import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Database } from '../../emulator/database/database'
import { removeDataDir, startEmulator, type RunningEmulator, connectSdk } from '../support/emulator'

type Stats = { actions: Record<string, number> }

// db.runTransaction / db.startTransaction of the real SDK: buffered writes, read-your-writes,
// optimistic conflicts and the SDK's retry, and the calls the SDK sends outside the transaction.
describe('database: transactions through the real wx-server-sdk', () => {
  // The function runner is not under test: an empty functions folder.
  const functionsDir = mkdtempSync(path.join(os.tmpdir(), 'pc-fn-empty-'))
  let emu: RunningEmulator
  let db: any
  let _: any

  const balance = async (id: string) => (await db.collection('accounts').doc(id).get()).data.balance
  const exists = async (id: string) => (await db.collection('accounts').where({ _id: id }).count()).total === 1
  const stats = async () => (await emu.control<Stats>('/stats')).actions
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
    await emu.control('/seed', { collections: { accounts: [{ _id: 'a', balance: 100 }, { _id: 'b', balance: 0 }], log: [] } })
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

  it('of two concurrent transactions on one document, the later commit conflicts and applies nothing', async () => {
    const t1 = await db.startTransaction()
    const t2 = await db.startTransaction()
    expect((await t1.collection('accounts').doc('a').get()).data.balance).toBe(100)
    expect((await t2.collection('accounts').doc('a').get()).data.balance).toBe(100)
    await t1.collection('accounts').doc('a').update({ data: { balance: 90 } })
    await t2.collection('accounts').doc('a').update({ data: { balance: 80 } })
    await t2.collection('accounts').doc('b').update({ data: { balance: 20 } })
    await t2.collection('log').add({ data: { _id: 'l2' } })
    await t1.commit()
    await expect(t2.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    // The failed transaction is gone: aborting it is refused, and none of its writes exist.
    await expect(t2.rollback()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
    expect([await balance('a'), await balance('b'), (await db.collection('log').count()).total]).toEqual([90, 0, 0])
  })

  it('a write outside the transaction to a document it read makes the commit conflict', async () => {
    const t = await db.startTransaction()
    await t.collection('accounts').doc('a').get()
    await db.collection('accounts').doc('a').update({ data: { balance: _.inc(1) } })
    await t.collection('accounts').doc('b').update({ data: { balance: 50 } })
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect([await balance('a'), await balance('b')]).toEqual([101, 0])
  })

  it('runTransaction retries a conflicting commit with a fresh transaction and succeeds', async () => {
    await emu.control('/stats', undefined, 'DELETE')
    let attempts = 0
    const result = await db.runTransaction(async (t: any) => {
      attempts += 1
      const a = (await t.collection('accounts').doc('a').get()).data.balance
      if (attempts === 1) await db.collection('accounts').doc('a').update({ data: { balance: _.inc(5) } })
      await t.collection('accounts').doc('a').update({ data: { balance: a * 2 } })
      return a
    })
    expect({ attempts, result, a: await balance('a') }).toEqual({ attempts: 2, result: 105, a: 210 })
    const s = await stats()
    expect([s['database.startTransaction'], s['database.commitTransaction'], s['database.abortTransaction']]).toEqual([2, 2, undefined])
  })

  it('runTransaction gives up after 3 retries: rejects with the conflict, aborts the last attempt, applies nothing of it', async () => {
    await emu.control('/stats', undefined, 'DELETE')
    let attempts = 0
    await expect(
      db.runTransaction(async (t: any) => {
        attempts += 1
        await t.collection('accounts').doc('a').get()
        await db.collection('accounts').doc('a').update({ data: { balance: _.inc(1) } })
        await t.collection('accounts').doc('b').update({ data: { balance: _.inc(100) } })
      }),
    ).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect(attempts).toBe(4)
    const s = await stats()
    expect([s['database.startTransaction'], s['database.commitTransaction'], s['database.abortTransaction']]).toEqual([4, 4, 1])
    expect([await balance('a'), await balance('b')]).toEqual([104, 0])
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

describe('database: transaction idle timeout (in-process Database, injected clock)', () => {
  it('discards a transaction idle for more than 30 s; activity keeps it alive', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-db-tx-'))
    let now = 1_000_000
    const database = new Database({ dir, durability: 'off', now: () => now })
    await database.open()
    try {
      await database.seed({ c: [{ _id: 'a', n: 1 }] })
      const { transactionId } = (await database.handle({ action: 'database.startTransaction' })) as { transactionId: string }
      const modify = { action: 'database.modifyDocument', collectionName: 'c', queryType: 'DOC', query: '{"_id":"a"}', data: '{"$set":{"n":2}}', multi: false, merge: true, upsert: false, transactionId }
      await database.handle(modify)
      now += 29_000
      await database.handle({ action: 'database.getDocument', collectionName: 'c', queryType: 'DOC', query: '{"_id":"a"}', transactionId })
      now += 29_000
      await database.handle(modify)
      now += 30_001
      await expect(database.handle({ action: 'database.commitTransaction', transactionId })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringContaining('expired') })
      const read = (await database.handle({ action: 'database.getDocument', collectionName: 'c', queryType: 'DOC', query: '{"_id":"a"}' })) as { data: { list: string[] } }
      expect(read.data.list).toEqual(['{"_id":"a","n":{"$numberInt":"1"}}'])
    } finally {
      await database.close()
      removeDataDir(dir)
    }
  })
})
