import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { removeDataDir, startEmulator, type RunningEmulator, connectSdk } from '../support/emulator'

// MongoDB stores documents of at most 16 MiB of BSON, and so does CloudBase; every kind of write is held to it.
describe('database: the 16 MB document cap through the real wx-server-sdk', () => {
  const functionsDir = mkdtempSync(path.join(os.tmpdir(), 'pc-fn-empty-'))
  const LIMIT = 16 * 1024 * 1024
  // BSON of {_id: 'big', s: <n bytes>}: 4 (length) + 13 (the _id element) + n + 8 (the s element) + 1 (terminator).
  const OVERHEAD = 26
  const text = (bytes: number) => 'x'.repeat(bytes)
  let emu: RunningEmulator
  let db: any
  let _: any

  // What is stored, without fetching 16 MB back: the length of `s` and the other fields.
  const stored = async () => (await db.collection('blobs').aggregate().match({ _id: 'big' }).project({ _id: 0, s: db.command.aggregate.strLenBytes('$s'), extra: 1, tags: 1 }).end()).list[0]

  beforeAll(async () => {
    emu = await startEmulator({ functionsDir })
    db = connectSdk(emu).database()
    _ = db.command
  })
  beforeEach(async () => {
    await emu.control('/reset', {})
    await emu.control('/seed', { collections: { blobs: [] } })
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
    removeDataDir(functionsDir)
  })

  it('add: a document of exactly 16 MiB is stored, one byte more is DATABASE_REQUEST_FAILED (-502001)', async () => {
    await expect(db.collection('blobs').add({ data: { _id: 'over', s: text(LIMIT - OVERHEAD + 1) } })).rejects.toMatchObject({ errCode: -502001 })
    expect((await db.collection('blobs').count()).total).toBe(0)
    await db.collection('blobs').add({ data: { _id: 'big', s: text(LIMIT - OVERHEAD) } })
    expect(await stored()).toEqual({ s: LIMIT - OVERHEAD })
  })

  it('update: growing a document past the cap is refused and leaves it as it was', async () => {
    await db.collection('blobs').add({ data: { _id: 'big', s: text(LIMIT - OVERHEAD - 10) } })
    await expect(db.collection('blobs').doc('big').update({ data: { extra: text(100) } })).rejects.toMatchObject({ errCode: -502001 })
    await expect(db.collection('blobs').where({ _id: 'big' }).update({ data: { tags: _.push([text(100)]) } })).rejects.toMatchObject({ errCode: -502001 })
    expect(await stored()).toEqual({ s: LIMIT - OVERHEAD - 10 })
  })

  it('set: a replacement (or an upsert) past the cap is refused', async () => {
    await db.collection('blobs').add({ data: { _id: 'big', s: 'small' } })
    await expect(db.collection('blobs').doc('big').set({ data: { s: text(LIMIT) } })).rejects.toMatchObject({ errCode: -502001 })
    await expect(db.collection('blobs').doc('new').set({ data: { s: text(LIMIT) } })).rejects.toMatchObject({ errCode: -502001 })
    expect((await db.collection('blobs').doc('big').get()).data.s).toBe('small')
    expect((await db.collection('blobs').count()).total).toBe(1)
  })

  it("a transaction's write past the cap fails and the transaction stores nothing", async () => {
    const outcome = db.runTransaction(async (tx: any) => {
      await tx.collection('blobs').add({ data: { _id: 'small', s: 'ok' } })
      await tx.collection('blobs').add({ data: { _id: 'big', s: text(LIMIT) } })
    })
    await expect(outcome).rejects.toBeTruthy()
    expect((await db.collection('blobs').count()).total).toBe(0)
  })
})
