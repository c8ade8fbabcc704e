import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { removeDataDir, startEmulator, useSdk, type RunningEmulator } from '../support/emulator'

// The database's durability: journal + snapshot under <dataDir>/db, recovery after stop, kill -9 and torn writes.
describe('database persistence', () => {
  const functionsDir = mkdtempSync(path.join(os.tmpdir(), 'pc-fn-empty-'))
  let cloud: any
  let db: any
  let _: any
  const dirs: string[] = []
  const running: RunningEmulator[] = []

  const start = async (dataDir?: string, durability: 'fsync' | 'write' | 'off' = 'fsync') => {
    const emu = await startEmulator({ dataDir, functionsDir, durability })
    if (!dataDir) dirs.push(emu.dataDir)
    running.push(emu)
    useSdk(emu)
    return emu
  }
  const journal = (emu: RunningEmulator) => path.join(emu.dataDir, 'db', 'journal.ejsonl')
  /** Every document of a collection, fetched by pages in insertion order. */
  const everything = async (name: string) => {
    const total = (await db.collection(name).count()).total
    const out: any[] = []
    for (let skip = 0; skip < total; skip += 1000) out.push(...(await db.collection(name).skip(skip).limit(1000).get()).data)
    return out
  }

  beforeAll(() => {
    cloud = require('wx-server-sdk')
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    db = cloud.database()
    _ = db.command
  })
  afterEach(async () => {
    for (const emu of running.splice(0)) if (emu.child.exitCode === null && emu.child.signalCode === null) await emu.stop()
  })
  afterAll(() => {
    for (const dir of [...dirs, functionsDir]) removeDataDir(dir)
  })

  it('keeps every kind of write across a stop and a start', async () => {
    const first = await start()
    await db.createCollection('notes')
    await first.control('/seed', { collections: { tags: [{ _id: 't1', at: { $date: '2024-05-01T00:00:00Z' } }] } })
    const { _ids } = await db.collection('notes').add({ data: [{ _id: 'n1', n: 1, at: new Date(1000) }, { _id: 'n2', n: 2 }, { _id: 'n3', n: 3 }] })
    expect(_ids).toEqual(['n1', 'n2', 'n3'])
    await db.collection('notes').doc('n1').update({ data: { n: _.inc(10), list: _.push(['a']) } })
    await db.collection('notes').doc('n2').remove()
    await db.collection('notes').doc('n4').set({ data: { n: 4 } })
    await db.runTransaction(async (t: any) => {
      await t.collection('notes').doc('n3').update({ data: { inTx: true } })
      await t.collection('tags').add({ data: { _id: 't2' } })
    })
    await first.stop()

    await start(first.dataDir)
    expect(await everything('notes')).toEqual([
      { _id: 'n1', n: 11, at: new Date(1000), list: ['a'] },
      { _id: 'n3', n: 3, inTx: true },
      { _id: 'n4', n: 4 },
    ])
    expect(await everything('tags')).toEqual([{ _id: 't1', at: new Date('2024-05-01T00:00:00Z') }, { _id: 't2' }])
    await expect(db.createCollection('notes')).rejects.toMatchObject({ errMsg: expect.stringContaining('already exists') })
  })

  it.each(['fsync', 'write'] as const)('never loses an acknowledged insert to kill -9 (durability %s)', async (durability) => {
    const first = await start(undefined, durability)
    await db.createCollection('events')
    const acked: string[] = []
    let killed: Promise<void> | null = null
    const insert = async (i: number) => {
      const id = `e${String(i).padStart(4, '0')}`
      await db.collection('events').add({ data: { _id: id, i, payload: `payload-${i}-${'x'.repeat(i % 200)}` } })
      acked.push(id)
      if (acked.length === 150 && !killed) killed = first.kill()
    }
    // 32 writers in flight until the crash; calls cut off by it fail, which is expected.
    let next = 0
    await Promise.allSettled(Array.from({ length: 32 }, async () => {
      while (next < 600 && !killed) await insert(next++).catch(() => undefined)
    }))
    await killed
    expect(first.child.signalCode).toBe('SIGKILL')
    expect(acked.length).toBeGreaterThanOrEqual(150)

    await start(first.dataDir, durability)
    const docs = await everything('events')
    const present = new Set(docs.map((d) => d._id))
    expect(acked.filter((id) => !present.has(id))).toEqual([])
    for (const d of docs) expect(d).toEqual({ _id: `e${String(d.i).padStart(4, '0')}`, i: d.i, payload: `payload-${d.i}-${'x'.repeat(d.i % 200)}` })
  })

  it('keeps transactions all-or-nothing across kill -9', async () => {
    const first = await start()
    await db.createCollection('pairs')
    const committed: number[] = []
    let killed: Promise<void> | null = null
    let next = 0
    await Promise.allSettled(Array.from({ length: 16 }, async () => {
      while (next < 300 && !killed) {
        const i = next++
        await db.runTransaction(async (t: any) => {
          await t.collection('pairs').add({ data: { _id: `p${i}a`, i } })
          await t.collection('pairs').add({ data: { _id: `p${i}b`, i } })
        }).then(() => {
          committed.push(i)
          if (committed.length === 60 && !killed) killed = first.kill()
        }, () => undefined)
      }
    }))
    await killed

    await start(first.dataDir)
    const docs = await everything('pairs')
    const byPair = new Map<number, string[]>()
    for (const d of docs) byPair.set(d.i, [...(byPair.get(d.i) ?? []), d._id])
    for (const [i, members] of byPair) expect(members.sort()).toEqual([`p${i}a`, `p${i}b`])
    expect(committed.filter((i) => !byPair.has(i))).toEqual([])
  })

  it('drops a torn last journal line (a crash mid-append) and applies none of its transaction', async () => {
    const first = await start()
    await db.createCollection('t')
    await db.collection('t').add({ data: [{ _id: 'kept1' }, { _id: 'kept2' }] })
    await first.stop()
    const file = journal(first)
    const goodSize = statSync(file).size
    // A two-document transaction cut off after its first document.
    appendFileSync(file, '{"s":{"$numberInt":"999"},"ops":[{"o":"p","c":"t","d":{"_id":"torn1"}},{"o":"p","c":"t","d":{"_id":"to')

    await start(first.dataDir)
    expect((await everything('t')).map((d) => d._id)).toEqual(['kept1', 'kept2'])
    expect(statSync(file).size).toBe(goodSize)
    await db.collection('t').add({ data: { _id: 'after' } })
    await running[running.length - 1]!.kill()

    await start(first.dataDir)
    expect((await everything('t')).map((d) => d._id)).toEqual(['kept1', 'kept2', 'after'])
  })

  it('refuses to start on a journal damaged in the middle rather than silently losing data', async () => {
    const first = await start()
    await db.createCollection('t')
    await first.stop()
    appendFileSync(journal(first), 'garbage that is not json\n{"s":{"$numberInt":"50"},"ops":[]}\n')
    await expect(startEmulator({ dataDir: first.dataDir, functionsDir })).rejects.toThrow(/corrupt/)
  })

  it('folds a large journal into a snapshot at start, and keeps appending after it', async () => {
    const first = await start()
    const docs = Array.from({ length: 30_000 }, (_v, i) => ({ _id: `d${i}`, i, text: `${'lorem ipsum '.repeat(25)}${i}` }))
    for (let i = 0; i < docs.length; i += 10_000) await first.control('/seed', { collections: { big: docs.slice(i, i + 10_000) } })
    expect(statSync(journal(first)).size).toBeGreaterThan(8 * 1024 * 1024)
    await first.stop()

    const second = await start(first.dataDir)
    expect(statSync(journal(second)).size).toBe(0)
    expect(existsSync(path.join(first.dataDir, 'db', 'snapshot.ejsonl'))).toBe(true)
    expect((await db.collection('big').count()).total).toBe(30_000)
    await db.collection('big').doc('d29999').update({ data: { touched: true } })
    await second.kill()

    await start(first.dataDir)
    expect((await db.collection('big').count()).total).toBe(30_000)
    expect((await db.collection('big').doc('d29999').get()).data).toMatchObject({ i: 29_999, touched: true })
    expect((await db.collection('big').where({ i: 12_345 }).get()).data.map((d: any) => d._id)).toEqual(['d12345'])
  })

  it('makes /reset durable: nothing comes back after a restart', async () => {
    const first = await start()
    await first.control('/seed', { collections: { gone: [{ _id: 'x' }] } })
    await first.control('/reset', {})
    await first.control('/seed', { collections: { fresh: [{ _id: 'y' }] } })
    await first.kill()
    await start(first.dataDir)
    await expect(db.collection('gone').count()).rejects.toMatchObject({ errCode: -502005 })
    expect(await everything('fresh')).toEqual([{ _id: 'y' }])
    expect(readFileSync(journal(first), 'utf8')).not.toContain('"gone"')
  })
})
