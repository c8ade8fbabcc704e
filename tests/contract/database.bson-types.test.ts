import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Binary, Decimal128, Long, Timestamp } from 'bson'
import { connectSdk, removeDataDir, startEmulator, type RunningEmulator } from '../support/emulator'

/*
 * BSON values CloudBase keeps and JavaScript lacks (Long past 2^53, Decimal128, Binary, Timestamp),
 * with dates, ObjectId-like ids and nested arrays, through the real wx-server-sdk 4.0.2. What the SDK
 * does to them is its own doing, with the cloud as here:
 * - `add`/`update`/`where` copy any object they do not know field by field, so a bson instance only
 *   survives under a command (`_.set(v)`); an EJSON wrapper written as a plain object
 *   (`{ $numberDecimal: '0.10' }`) passes verbatim everywhere;
 * - `get()` parses replies as relaxed EJSON (a Long becomes the nearest number) and then copies every
 *   object but a date or a geometry into a plain one (a Decimal128 arrives as `{ bytes }`); `aggregate`
 *   skips that copy and hands back bson's instances.
 * So exactness is checked where the SDK keeps it (aggregate, the raw reply, queries that tell the
 * values apart) and the rest through what `get()` leaves to rebuild from.
 */
describe('database: BSON values round-trip through the real wx-server-sdk', () => {
  const functionsDir = mkdtempSync(path.join(os.tmpdir(), 'pc-fn-empty-'))
  const dirs: string[] = [functionsDir]
  let emu: RunningEmulator
  let db: any
  let _: any

  const BIG = '9007199254740993' // 2^53 + 1: no double holds it
  const wrappers = () => ({
    long: { $numberLong: BIG },
    dec: { $numberDecimal: '0.10' },
    bin: { $binary: { base64: 'AAEC/w==', subType: '00' } },
    ts: { $timestamp: { t: 1_704_164_645, i: 7 } },
  })

  /** A raw `/admin` call: the reply's EJSON text, before the SDK's relaxed parse. */
  const wire = async (body: Record<string, unknown>): Promise<any> => {
    const res = await fetch(`${emu.adminUrl}?env=${emu.envId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return res.json()
  }
  const rawDoc = async (coll: string, id: string): Promise<Record<string, unknown>> => {
    const reply = await wire({ action: 'database.getDocument', collectionName: coll, queryType: 'DOC', query: JSON.stringify({ _id: id }) })
    return JSON.parse(reply.data.list[0])
  }
  const start = async (dataDir?: string) => {
    emu = await startEmulator({ functionsDir, dataDir })
    if (!dataDir) dirs.push(emu.dataDir)
    db = connectSdk(emu).database()
    _ = db.command
  }

  beforeAll(async () => {
    await start()
  })
  beforeEach(async () => {
    await emu.control('/reset', {})
    await emu.control('/seed', { collections: { vals: [] } })
  })
  afterAll(async () => {
    await emu.stop()
    for (const dir of dirs) removeDataDir(dir)
  })

  it('add keeps each value and type; the reply is canonical EJSON of the same values', async () => {
    const at = new Date('2024-01-02T03:04:05.678Z')
    const { _id } = await db.collection('vals').add({ data: { ...wrappers(), at, oid: { $oid: '5f0c9f1e2b3c4d5e6f708192' }, nested: [[1, [2.5, { deep: at }]], []] } })
    expect(await rawDoc('vals', _id)).toEqual({
      _id,
      long: { $numberLong: BIG },
      dec: { $numberDecimal: '0.10' },
      bin: { $binary: { base64: 'AAEC/w==', subType: '00' } },
      ts: { $timestamp: { t: 1_704_164_645, i: 7 } },
      at: { $date: { $numberLong: String(at.getTime()) } },
      // An ObjectId is kept as its hex string (CloudBase's ids are strings; `_id` lookups use them).
      oid: '5f0c9f1e2b3c4d5e6f708192',
      nested: [[{ $numberInt: '1' }, [{ $numberDouble: '2.5' }, { deep: { $date: { $numberLong: String(at.getTime()) } } }]], []],
    })

    // What get() leaves (see the top of this file) still holds every value exactly.
    const { data } = await db.collection('vals').doc(_id).get()
    expect(data.long).toBe(Number(BIG)) // relaxed EJSON: the nearest double
    expect(new Decimal128(data.dec.bytes).toString()).toBe('0.10')
    expect(new Binary(data.bin.buffer.subarray(0, data.bin.position), data.bin.sub_type).toString('hex')).toBe('000102ff')
    expect(Timestamp.fromBits(data.ts.low, data.ts.high).equals(new Timestamp({ t: 1_704_164_645, i: 7 }))).toBe(true)
    expect(data.at).toEqual(at)
    expect(data.nested).toEqual([[1, [2.5, { deep: at }]], []])
  })

  it('aggregate hands back bson instances, exact, through $match, $sort and $group', async () => {
    await db.collection('vals').add({ data: [
      { _id: 'a', g: 'x', ...wrappers() },
      { _id: 'b', g: 'y', long: { $numberLong: '9007199254740995' }, dec: { $numberDecimal: '2.50' }, bin: { $binary: { base64: 'AQ==', subType: '05' } }, ts: { $timestamp: { t: 1, i: 1 } } },
    ] })
    const { list } = await db.collection('vals').aggregate().match({ dec: { $numberDecimal: '0.10' } }).project({ _id: 0, long: 1, dec: 1, bin: 1, ts: 1 }).end()
    expect(list).toHaveLength(1)
    expect(list[0].dec).toBeInstanceOf(Decimal128)
    expect(list[0].dec.toString()).toBe('0.10')
    expect(list[0].bin).toBeInstanceOf(Binary)
    expect(list[0].bin.sub_type).toBe(0)
    expect(list[0].bin.value(true).toString('hex')).toBe('000102ff')
    expect(list[0].ts).toBeInstanceOf(Timestamp)
    expect(list[0].ts.equals(new Timestamp({ t: 1_704_164_645, i: 7 }))).toBe(true)

    const sorted = await db.collection('vals').aggregate().sort({ ts: -1 }).group({ _id: '$dec', g: db.command.aggregate.first('$g') }).end()
    expect(sorted.list.map((d: any) => [d._id.toString(), d.g])).toEqual([['0.10', 'x'], ['2.50', 'y']])
    const reply = await wire({ action: 'database.aggregateDocuments', collectionName: 'vals', stages: [{ stageKey: '$sort', stageValue: '{"long":-1}' }, { stageKey: '$project', stageValue: '{"long":1}' }] })
    expect(reply.data.list.map((t: string) => JSON.parse(t))).toEqual([
      { _id: 'b', long: { $numberLong: '9007199254740995' } },
      { _id: 'a', long: { $numberLong: BIG } },
    ])
  })

  it('update stores bson instances given to a command, and wrappers given as plain values', async () => {
    await db.collection('vals').add({ data: { _id: 'u', n: 1 } })
    await db.collection('vals').doc('u').update({ data: {
      long: _.set(Long.fromString(BIG)),
      dec: _.set(Decimal128.fromString('-1.5E+3')),
      bin: _.set(new Binary(Buffer.from('héllo'), 0x80)),
      ts: _.set(new Timestamp({ t: 2, i: 3 })),
      wrapped: { $numberDecimal: '7' },
      list: [{ $numberLong: BIG }, [{ $date: { $numberLong: '0' } }]],
    } })
    expect(await rawDoc('vals', 'u')).toEqual({
      _id: 'u',
      n: { $numberInt: '1' },
      long: { $numberLong: BIG },
      dec: { $numberDecimal: '-1.5E+3' },
      bin: { $binary: { base64: Buffer.from('héllo').toString('base64'), subType: '80' } },
      ts: { $timestamp: { t: 2, i: 3 } },
      wrapped: { $numberDecimal: '7' },
      list: [{ $numberLong: BIG }, [{ $date: { $numberLong: '0' } }]],
    })
    // Setting the same values again changes nothing, as in MongoDB.
    const again = await db.collection('vals').doc('u').update({ data: { dec: _.set(Decimal128.fromString('-1.5E+3')), long: _.set(Long.fromString(BIG)) } })
    expect(again.stats.updated).toBe(0)
    // Arithmetic on them is not emulated: refused (INVALID_PARAM), never silently wrong.
    await expect(db.collection('vals').doc('u').update({ data: { dec: _.inc(1) } })).rejects.toMatchObject({ errCode: -501007 })
    await expect(db.collection('vals').doc('u').update({ data: { long: _.inc(1) } })).rejects.toMatchObject({ errCode: -501007 })
  })

  it('queries and orderBy tell apart values that the nearest doubles do not', async () => {
    await db.collection('vals').add({ data: [
      { _id: 'exact', v: 9007199254740992 }, // 2^53, a double
      { _id: 'long', v: { $numberLong: BIG } }, // 2^53 + 1
      { _id: 'small', v: 1 },
      { _id: 'dec', v: { $numberDecimal: '0.5' } },
    ] })
    const ids = async (query: unknown) => (await db.collection('vals').where(query).get()).data.map((d: any) => d._id)
    expect(await ids({ v: { $numberLong: BIG } })).toEqual(['long'])
    expect(await ids({ v: _.eq({ $numberLong: BIG }) })).toEqual(['long'])
    expect(await ids({ v: 9007199254740992 })).toEqual(['exact'])
    expect(await ids({ v: _.in([{ $numberDecimal: '0.5' }, 1]) })).toEqual(['small', 'dec'])
    expect(await ids({ v: _.gt(9007199254740990) })).toEqual(['exact', 'long'])
    const desc = (await db.collection('vals').orderBy('v', 'desc').get()).data.map((d: any) => d._id)
    expect(desc).toEqual(['long', 'exact', 'small', 'dec'])
    // $jsonSchema's bsonType sees the stored types.
    expect(await ids(_.jsonSchema({ required: ['v'], properties: { v: { bsonType: 'long' } } }))).toEqual(['exact', 'long'])
    expect(await ids(_.jsonSchema({ required: ['v'], properties: { v: { bsonType: 'decimal' } } }))).toEqual(['dec'])
    await db.collection('vals').add({ data: { _id: 'b', v: { $binary: { base64: 'AQ==', subType: '00' } }, t: { $timestamp: { t: 1, i: 0 } } } })
    expect(await ids(_.jsonSchema({ required: ['v', 't'], properties: { v: { bsonType: 'binData' }, t: { bsonType: 'timestamp' } } }))).toEqual(['b'])
  })

  it('refuses malformed wrappers with INVALID_PARAM instead of reading them as something else', async () => {
    for (const value of ['{"$numberInt":"x"}', '{"$numberLong":"99999999999999999999"}', '{"$numberDecimal":"abc"}', '{"$date":"garbage"}', '{"$binary":{"base64":"@@","subType":"00"}}', '{"$timestamp":{"t":-1,"i":0}}', '{"$minKey":1}']) {
      const reply = await wire({ action: 'database.insertDocument', collectionName: 'vals', data: [`{"v":${value}}`] })
      expect([value, reply.code]).toEqual([value, 'INVALID_PARAM'])
    }
    const reply = await wire({ action: 'database.insertDocument', collectionName: 'vals', data: ['{"_bsontype":"Long","low":1}'] })
    expect(reply.code).toBe('INVALID_PARAM')
    expect((await db.collection('vals').count()).total).toBe(0)
  })

  it('keeps the values across a restart, through the journal and through the snapshot it is folded into', async () => {
    const dataDir = emu.dataDir
    // One document of 9 MB of binary data makes the journal pass the 8 MiB at which a start compacts it.
    const blob = Buffer.alloc(9 * 1024 * 1024, 7)
    await emu.control('/seed', { collections: { vals: [{ _id: 'k', ...wrappers() }, { _id: 'blob', data: { $binary: { base64: blob.toString('base64'), subType: '00' } } }] } })
    const expected = await rawDoc('vals', 'k')
    await emu.stop()
    await start(dataDir)
    expect(statSync(path.join(dataDir, 'db', 'journal.ejsonl')).size).toBe(0)
    expect(existsSync(path.join(dataDir, 'db', 'snapshot.ejsonl'))).toBe(true)
    expect(await rawDoc('vals', 'k')).toEqual(expected)
    await db.collection('vals').doc('k').update({ data: { more: _.set(Decimal128.fromString('1E-6176')) } })
    await emu.stop()
    await start(dataDir)
    expect(await rawDoc('vals', 'k')).toEqual({ ...expected, more: { $numberDecimal: '1E-6176' } })
    const { list } = await db.collection('vals').aggregate().match({ _id: 'blob' }).end()
    expect(Buffer.compare(list[0].data.value(true), blob)).toBe(0)
  })

  it('opens a data folder written by the hand-written codec of earlier versions', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pc-emu-old-'))
    dirs.push(dataDir)
    mkdirSync(path.join(dataDir, 'db'))
    // Lines as the earlier codec wrote them: integers past 2^53 as $numberDouble, every Long a number.
    const lines = [
      '{"s":{"$numberInt":"1"},"ops":[{"o":"c","c":"old"}]}',
      '{"s":{"$numberInt":"2"},"ops":[{"o":"p","c":"old","d":{"_id":"o1","huge":{"$numberDouble":"1152921504606847000"},"big":{"$numberLong":"1099511627776"},"x":{"$numberDouble":"1.5"},"at":{"$date":{"$numberLong":"1704164645678"}},"re":{"$regularExpression":{"pattern":"^a","options":"i"}},"list":[{"$numberInt":"1"},[]]}}]}',
    ]
    writeFileSync(path.join(dataDir, 'db', 'journal.ejsonl'), `${lines.join('\n')}\n`)
    await emu.stop()
    await start(dataDir)
    const { data } = await db.collection('old').doc('o1').get()
    expect(data).toMatchObject({ _id: 'o1', huge: 2 ** 60, big: 2 ** 40, x: 1.5, at: new Date(1_704_164_645_678), list: [1, []] })
    // Written back in bson's spelling: the integer past 2^53 as $numberLong, of the same value.
    expect(await rawDoc('old', 'o1')).toMatchObject({ huge: { $numberLong: '1152921504606847000' }, re: { $regularExpression: { pattern: '^a', options: 'i' } } })
    expect((await db.collection('old').where({ huge: 2 ** 60 }).get()).data).toHaveLength(1)
  })
})
