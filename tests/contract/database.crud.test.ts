import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { removeDataDir, startEmulator, type RunningEmulator, connectSdk } from '../support/emulator'

// The real wx-server-sdk against the emulator's database: CRUD, paging, projection, special types, errors.
describe('database: CRUD through the real wx-server-sdk', () => {
  // The function runner is not under test: an empty functions folder.
  const functionsDir = mkdtempSync(path.join(os.tmpdir(), 'pc-fn-empty-'))
  let emu: RunningEmulator
  let cloud: any
  let db: any
  let _: any

  /** A raw `/admin` call, for what the SDK cannot send (malformed input, server-side clamps). */
  const wire = async (body: Record<string, unknown>): Promise<any> => {
    const res = await fetch(`${emu.adminUrl}?env=${emu.envId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return res.json()
  }
  /** Every document of a collection in insertion order (up to 1000). */
  const all = async (name: string) => (await db.collection(name).limit(1000).get()).data

  beforeAll(async () => {
    emu = await startEmulator({ functionsDir })
    cloud = connectSdk(emu)
    db = cloud.database()
    _ = db.command
  })
  beforeEach(async () => {
    await emu.control('/reset', {})
    await emu.control('/seed', { collections: { todos: [] } })
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
    removeDataDir(functionsDir)
  })

  describe('add', () => {
    it('inserts one document with a generated 32-hex _id and reads it back with every type intact', async () => {
      const at = new Date('2024-01-02T03:04:05.678Z')
      const doc = { title: '第一条', n: 1, x: 1.5, big: 2 ** 40, huge: 2 ** 60, tiny: 1e-7, nan: NaN, inf: -Infinity, neg: -7, ok: true, none: null, at, nested: { k: 'v', list: [1, 'a', { deep: at }] }, tags: [] }
      const { _id } = await db.collection('todos').add({ data: doc })
      expect(_id).toMatch(/^[0-9a-f]{32}$/)
      const { data } = await db.collection('todos').doc(_id).get()
      expect(data).toEqual({ _id, ...doc })
      expect(data.at).toBeInstanceOf(Date)
      expect(data.nested.list[2].deep.getTime()).toBe(at.getTime())
    })

    it('inserts an array and returns the ids in order, keeping given _ids', async () => {
      const res = await db.collection('todos').add({ data: [{ _id: 'a1', n: 1 }, { n: 2 }, { _id: 'a3', n: 3 }] })
      expect(res._ids).toHaveLength(3)
      expect(res._ids[0]).toBe('a1')
      expect(res._ids[1]).toMatch(/^[0-9a-f]{32}$/)
      expect(res._ids[2]).toBe('a3')
      expect((await all('todos')).map((d: any) => d.n)).toEqual([1, 2, 3])
    })

    it('refuses a duplicate _id and inserts nothing of the batch', async () => {
      await db.collection('todos').add({ data: { _id: 'dup', n: 1 } })
      await expect(db.collection('todos').add({ data: [{ _id: 'new', n: 2 }, { _id: 'dup', n: 3 }] })).rejects.toMatchObject({ errCode: -501001, errMsg: expect.stringContaining('duplicate _id') })
      await expect(db.collection('todos').add({ data: [{ _id: 'twice' }, { _id: 'twice' }] })).rejects.toMatchObject({ errCode: -501001 })
      expect(await all('todos')).toEqual([{ _id: 'dup', n: 1 }])
      const raw = await wire({ action: 'database.insertDocument', collectionName: 'todos', data: ['{"_id":"dup"}'] })
      expect(raw.code).toBe('DATABASE_DUPLICATE_WRITE')
    })

    it('resolves db.serverDate() (with offset) to the server time', async () => {
      const before = Date.now()
      const { _id } = await db.collection('todos').add({ data: { created: db.serverDate(), later: db.serverDate({ offset: 60_000 }) } })
      const after = Date.now()
      const { data } = await db.collection('todos').doc(_id).get()
      expect(data.created).toBeInstanceOf(Date)
      expect(data.created.getTime()).toBeGreaterThanOrEqual(before - 5)
      expect(data.created.getTime()).toBeLessThanOrEqual(after + 5)
      expect(data.later.getTime() - data.created.getTime()).toBe(60_000)
    })
  })

  describe('get', () => {
    beforeEach(async () => {
      await db.collection('todos').add({
        data: [
          { _id: 'd1', title: 'Apple', n: 3, group: 'b', tags: [1, 2, 3, 4], items: [{ k: 1 }, { k: 5 }] },
          { _id: 'd2', title: 'banana', n: 1, group: 'a', tags: [5], items: [{ k: 7 }] },
          { _id: 'd3', title: 'avocado', n: 2, group: 'b', tags: [], items: [] },
          { _id: 'd4', title: 'Cherry', n: 2, group: 'a' },
        ],
      })
    })

    it('doc().get() throws for a missing document, or answers null with throwOnNotFound: false', async () => {
      await expect(db.collection('todos').doc('nope').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('document with _id nope does not exist') })
      const lenient = cloud.database({ throwOnNotFound: false })
      expect((await lenient.collection('todos').doc('nope').get()).data).toBeNull()
    })

    it('returns documents in insertion order by default, and orders by several keys in priority order', async () => {
      expect((await db.collection('todos').get()).data.map((d: any) => d._id)).toEqual(['d1', 'd2', 'd3', 'd4'])
      const sorted = await db.collection('todos').orderBy('group', 'asc').orderBy('n', 'desc').get()
      expect(sorted.data.map((d: any) => d._id)).toEqual(['d4', 'd2', 'd1', 'd3'])
      const byN = await db.collection('todos').orderBy('n', 'asc').orderBy('title', 'desc').get()
      // Strings compare by code unit, as in MongoDB: lower case sorts after upper case.
      expect(byN.data.map((d: any) => d._id)).toEqual(['d2', 'd3', 'd4', 'd1'])
    })

    it('skips and limits', async () => {
      const page = await db.collection('todos').orderBy('n', 'asc').orderBy('_id', 'asc').skip(1).limit(2).get()
      expect(page.data.map((d: any) => d._id)).toEqual(['d3', 'd4'])
      expect((await db.collection('todos').skip(10).get()).data).toEqual([])
    })

    it('projects fields: inclusion, exclusion, $slice and $elemMatch', async () => {
      const inc = await db.collection('todos').where({ _id: 'd1' }).field({ title: true, n: 1 }).get()
      expect(inc.data).toEqual([{ _id: 'd1', title: 'Apple', n: 3 }])
      const exc = await db.collection('todos').doc('d1').field({ tags: false, items: false, group: false }).get()
      expect(exc.data).toEqual({ _id: 'd1', title: 'Apple', n: 3 })
      const sliced = await db.collection('todos').doc('d1').field({ tags: _.project.slice(2) }).get()
      expect(sliced.data).toEqual({ _id: 'd1', title: 'Apple', n: 3, group: 'b', tags: [1, 2], items: [{ k: 1 }, { k: 5 }] })
      const window = await db.collection('todos').doc('d1').field({ title: true, tags: _.project.slice([1, 2]) }).get()
      expect(window.data).toEqual({ _id: 'd1', title: 'Apple', tags: [2, 3] })
      const matched = await db.collection('todos').doc('d1').field({ items: _.project.elemMatch({ k: 5 }) }).get()
      expect(matched.data.items).toEqual([{ k: 5 }])
      // SDK quirk: a command inside project.elemMatch is sent unencoded ({operator, operands}) and matches nothing.
      const commandInside = await db.collection('todos').doc('d1').field({ items: _.project.elemMatch({ k: _.gt(2) }) }).get()
      expect(commandInside.data.items).toBeUndefined()
      await expect(db.collection('todos').field({ title: true, n: false }).get()).rejects.toMatchObject({ errCode: -501007 })
    })

    it('counts with and without a filter', async () => {
      expect((await db.collection('todos').count()).total).toBe(4)
      expect((await db.collection('todos').where({ group: 'b' }).count()).total).toBe(2)
      expect((await db.collection('todos').where({ n: _.gt(10) }).count()).total).toBe(0)
    })

    it('matches RegExp literals and db.RegExp', async () => {
      const literal = await db.collection('todos').where({ title: /^a/i }).get()
      expect(literal.data.map((d: any) => d._id)).toEqual(['d1', 'd3'])
      const built = await db.collection('todos').where({ title: db.RegExp({ regexp: 'an+a', options: 'i' }) }).get()
      expect(built.data.map((d: any) => d._id)).toEqual(['d2'])
      const caseSensitive = await db.collection('todos').where({ title: db.RegExp({ regexp: '^c' }) }).get()
      expect(caseSensitive.data).toEqual([])
    })

    it('compares dates and server dates in queries', async () => {
      await db.collection('todos').add({ data: [{ _id: 'past', at: new Date('2020-01-01T00:00:00Z') }, { _id: 'future', at: new Date(Date.now() + 3_600_000) }] })
      const past = await db.collection('todos').where({ at: _.lt(db.serverDate()) }).get()
      expect(past.data.map((d: any) => d._id)).toEqual(['past'])
      const range = await db.collection('todos').where({ at: _.gte(new Date('2019-12-31T00:00:00Z')).and(_.lte(new Date('2020-01-02T00:00:00Z'))) }).get()
      expect(range.data.map((d: any) => d._id)).toEqual(['past'])
    })
  })

  describe('paging limits', () => {
    it('returns 100 documents without limit(), and at most 1000 even when more are asked (client and server clamp)', async () => {
      const docs = Array.from({ length: 1200 }, (_v, i) => ({ _id: `p${String(i).padStart(4, '0')}`, i }))
      const res = await db.collection('todos').add({ data: docs })
      expect(res._ids).toHaveLength(1200)
      expect((await db.collection('todos').count()).total).toBe(1200)
      const page = await db.collection('todos').get()
      expect(page.data).toHaveLength(100)
      expect(page.data[99].i).toBe(99)
      expect((await db.collection('todos').limit(5000).get()).data).toHaveLength(1000)
      const raw = await wire({ action: 'database.getDocument', collectionName: 'todos', queryType: 'WHERE', limit: 5000, offset: 1100 })
      expect(raw.data.list).toHaveLength(100)
      const clamped = await wire({ action: 'database.getDocument', collectionName: 'todos', queryType: 'WHERE', limit: 5000 })
      expect(clamped.data.list).toHaveLength(1000)
    })
  })

  describe('update, set, remove', () => {
    beforeEach(async () => {
      await db.collection('todos').add({
        data: [
          { _id: 'u1', title: 'a', n: 1, done: false, obj: { a: 1, b: 2 } },
          { _id: 'u2', title: 'b', n: 2, done: false, obj: { a: 1, b: 2 } },
          { _id: 'u3', title: 'c', n: 3, done: true, obj: { a: 1, b: 2 } },
        ],
      })
    })

    it('doc().update() merges nested objects and reports updated 1, or 0 when nothing changes', async () => {
      const res = await db.collection('todos').doc('u1').update({ data: { obj: { a: 9 }, title: 'A', at: db.serverDate() } })
      expect(res.stats.updated).toBe(1)
      const { data } = await db.collection('todos').doc('u1').get()
      expect(data).toMatchObject({ title: 'A', obj: { a: 9, b: 2 } })
      expect(data.at).toBeInstanceOf(Date)
      expect((await db.collection('todos').doc('u1').update({ data: { title: 'A' } })).stats.updated).toBe(0)
      expect((await db.collection('todos').doc('missing').update({ data: { title: 'x' } })).stats.updated).toBe(0)
    })

    it('where().update() changes every match, or the first with multi: false', async () => {
      expect((await db.collection('todos').where({ done: false }).update({ data: { n: _.inc(10) } })).stats.updated).toBe(2)
      expect((await all('todos')).map((d: any) => d.n)).toEqual([11, 12, 3])
      expect((await db.collection('todos').where({ n: _.gt(0) }).update({ data: { flag: true }, multi: false })).stats.updated).toBe(1)
      expect((await all('todos')).map((d: any) => d.flag ?? null)).toEqual([true, null, null])
    })

    it('set() replaces the whole document, and creates it when missing (upsert)', async () => {
      const replaced = await db.collection('todos').doc('u1').set({ data: { only: 'this', at: new Date(5) } })
      expect(replaced).toMatchObject({ _id: 'u1', stats: { updated: 1, created: 0 } })
      expect((await db.collection('todos').doc('u1').get()).data).toEqual({ _id: 'u1', only: 'this', at: new Date(5) })
      const same = await db.collection('todos').doc('u1').set({ data: { only: 'this', at: new Date(5) } })
      expect(same.stats).toEqual({ updated: 0, created: 0 })
      const created = await db.collection('todos').doc('u9').set({ data: { fresh: true } })
      expect(created).toMatchObject({ _id: 'u9', stats: { updated: 0, created: 1 } })
      expect((await db.collection('todos').doc('u9').get()).data).toEqual({ _id: 'u9', fresh: true })
      expect((await all('todos')).map((d: any) => d._id)).toEqual(['u1', 'u2', 'u3', 'u9'])
    })

    it('upserts through the wire with update operators, seeding equality fields from the query', async () => {
      const raw = await wire({
        action: 'database.modifyDocument', collectionName: 'todos', queryType: 'WHERE', query: '{"title":"zz","n":{"$gt":{"$numberInt":"5"}}}',
        data: '{"$inc":{"count":{"$numberInt":"1"}}}', multi: false, merge: true, upsert: true,
      })
      expect(raw.data.updated).toBe(0)
      expect(raw.data.upsert_id).toMatch(/^[0-9a-f]{32}$/)
      expect((await db.collection('todos').doc(raw.data.upsert_id).get()).data).toEqual({ _id: raw.data.upsert_id, title: 'zz', count: 1 })
    })

    it('removes one document or every match', async () => {
      expect((await db.collection('todos').doc('u1').remove()).stats.removed).toBe(1)
      expect((await db.collection('todos').doc('u1').remove()).stats.removed).toBe(0)
      expect((await db.collection('todos').where({ n: _.gte(2) }).remove()).stats.removed).toBe(2)
      expect(await all('todos')).toEqual([])
    })
  })

  describe('errors', () => {
    it('answers DATABASE_COLLECTION_NOT_EXIST (-502005) for every action on a missing collection', async () => {
      const ghost = db.collection('ghost')
      const notExist = { errCode: -502005 }
      await expect(ghost.add({ data: { a: 1 } })).rejects.toMatchObject(notExist)
      await expect(ghost.get()).rejects.toMatchObject(notExist)
      await expect(ghost.doc('x').get()).rejects.toMatchObject(notExist)
      await expect(ghost.count()).rejects.toMatchObject(notExist)
      await expect(ghost.doc('x').update({ data: { a: 1 } })).rejects.toMatchObject(notExist)
      await expect(ghost.doc('x').set({ data: { a: 1 } })).rejects.toMatchObject(notExist)
      await expect(ghost.where({ a: 1 }).update({ data: { a: 2 } })).rejects.toMatchObject(notExist)
      await expect(ghost.doc('x').remove()).rejects.toMatchObject(notExist)
      await expect(ghost.where({ a: 1 }).remove()).rejects.toMatchObject(notExist)
      // SDK quirk: aggregate().end() loses the mapping and reports errCode -1 with the server's message.
      await expect(ghost.aggregate().match({ a: 1 }).end()).rejects.toMatchObject({ errCode: -1, errMsg: expect.stringContaining('ghost does not exist') })
      expect((await wire({ action: 'database.getDocument', collectionName: 'ghost', queryType: 'WHERE' })).code).toBe('DATABASE_COLLECTION_NOT_EXIST')
    })

    it('createCollection makes a collection once, then answers DATABASE_COLLECTION_ALREADY_EXIST', async () => {
      await expect(db.createCollection('fresh')).resolves.toMatchObject({ errMsg: 'createCollection:ok' })
      await expect(db.collection('fresh').add({ data: { a: 1 } })).resolves.toHaveProperty('_id')
      await expect(db.createCollection('fresh')).rejects.toMatchObject({ errMsg: expect.stringContaining('already exists') })
      expect((await wire({ action: 'database.addCollection', collectionName: 'fresh' })).code).toBe('DATABASE_COLLECTION_ALREADY_EXIST')
      expect((await wire({ action: 'database.addCollection', collectionName: 'bad name!' })).code).toBe('INVALID_PARAM')
    })

    it('answers INVALID_PARAM for bad input and changes nothing', async () => {
      await db.collection('todos').add({ data: [{ _id: 'k1', n: 1, s: 'x' }, { _id: 'k2', n: 'text', s: 'y' }] })
      const before = await all('todos')
      // One document cannot take $inc: the whole multi-update is refused.
      await expect(db.collection('todos').where({ _id: _.in(['k1', 'k2']) }).update({ data: { n: _.inc(1) } })).rejects.toMatchObject({ errCode: -501007 })
      await expect(db.collection('todos').doc('k1').update({ data: { n: _.inc('a') } })).rejects.toMatchObject({ errCode: -501007 })
      await expect(db.collection('todos').add({ data: [{ ok: 1 }, { $bad: 1 }] })).rejects.toMatchObject({ errCode: -501007 })
      await expect(db.collection('todos').limit(-5).get()).rejects.toMatchObject({ errCode: -501007 })
      const bad: Array<Record<string, unknown>> = [
        { action: 'database.getDocument', collectionName: 'todos', queryType: 'WHERE', query: '{not json' },
        { action: 'database.getDocument', collectionName: 'todos', queryType: 'WHERE', query: '{"n":{"$nope":1}}' },
        { action: 'database.getDocument', collectionName: 'todos', queryType: 'WHERE', offset: -1 },
        { action: 'database.getDocument', collectionName: 'todos', queryType: 'WHERE', order: '{"n":2}' },
        { action: 'database.getDocument', collectionName: 'todos', queryType: 'WHERE', query: '{"$where":"true"}' },
        { action: 'database.getDocument', collectionName: 'todos', queryType: 'SOMETIMES' },
        { action: 'database.getDocument', collectionName: 'todos', queryType: 'DOC', query: '{}' },
        { action: 'database.modifyDocument', collectionName: 'todos', queryType: 'WHERE', query: '{}', data: '{"$frobnicate":{"n":1}}', multi: true },
        { action: 'database.modifyDocument', collectionName: 'todos', queryType: 'WHERE', query: '{}', data: '{"$set":{"a":1},"$inc":{"a":1}}', multi: true },
        { action: 'database.modifyDocument', collectionName: 'todos', queryType: 'WHERE', query: '{}', data: '{"$set":{"a":1},"plain":2}', multi: true },
        { action: 'database.modifyDocument', collectionName: 'todos', queryType: 'WHERE', query: '{}', data: '{"$set":{"_id":"other"}}', multi: true },
        { action: 'database.modifyDocument', collectionName: 'todos', queryType: 'DOC', query: '{"_id":"k1"}', data: '{"$set":{"x":1}}', multi: 'yes' },
        { action: 'database.modifyDocument', collectionName: 'todos', queryType: 'DOC', query: '{"_id":"k1"}', data: '{"$set":1}' },
        { action: 'database.modifyDocument', collectionName: 'todos', queryType: 'DOC', query: '{"_id":"k1"}', data: '{"a.b":1,"$x":2}', merge: false, upsert: true },
        { action: 'database.insertDocument', collectionName: 'todos', data: '{"a":1}' },
        { action: 'database.insertDocument', collectionName: 'todos', data: ['{"a":{"$date":"not a date"}}'] },
        { action: 'database.insertDocument', collectionName: 'todos', data: ['{"_id":{"an":"object"}}'] },
        { action: 'database.insertDocument', collectionName: 'todos', data: ['{"a":{"x.y":1}}'] },
        { action: 'database.insertDocument', collectionName: 'todos', data: ['{"r":{"$regularExpression":{"pattern":"(","options":""}}}'] },
        { action: 'database.removeDocument', collectionName: 'todos', queryType: 'WHERE', query: '[1,2]', multi: true },
        { action: 'database.aggregateDocuments', collectionName: 'todos', stages: [{ stageKey: '$out', stageValue: '"copy"' }] },
        { action: 'database.aggregateDocuments', collectionName: 'todos', stages: [{ stageKey: '$group', stageValue: '{"_id":"$s","n":{"$bogus":1}}' }] },
        { action: 'database.aggregateDocuments', collectionName: 'todos', stages: 'nope' },
        { action: 'database.aggregateDocuments', collectionName: 'todos', stages: [{ stageKey: '$project', stageValue: '{"x":{"$function":{"body":"function(){return 1}","args":[],"lang":"js"}}}' }] },
        { action: 'database.calculateDocument', collectionName: 'todos', queryType: 'WHERE', query: '{"$expr":{"$function":{"body":"return true","args":[],"lang":"js"}}}' },
        { action: 'database.getDocument', collectionName: 42, queryType: 'WHERE' },
      ]
      for (const body of bad) {
        const reply = await wire(body)
        expect({ body, code: reply.code }).toEqual({ body, code: 'INVALID_PARAM' })
      }
      expect(await all('todos')).toEqual(before)
    })

    it('survives malformed requests and keeps serving', async () => {
      const deep = '['.repeat(5000) + ']'.repeat(5000)
      const nasty: unknown[] = [
        { action: 'database.getDocument', collectionName: 'todos', queryType: 'WHERE', query: deep },
        { action: 'database.insertDocument', collectionName: 'todos', data: [`{"a":${deep}}`] },
        { action: 'database.insertDocument', collectionName: 'todos', data: ['{"__proto__":{"polluted":true}}'] },
        { action: 'database.insertDocument', collectionName: 'todos', data: [null, 5, {}] },
        { action: 'database.modifyDocument', collectionName: 'todos', queryType: 'WHERE', query: '{}', data: null },
        { action: 'database.getDocument', collectionName: 'todos', queryType: 'WHERE', projection: '{"a":{"$meta":"textScore"}}' },
        { action: 'database.getDocument', collectionName: 'todos', queryType: 'WHERE', limit: 'many' },
        { action: 'database.commitTransaction' },
        { action: 'database.dropEverything', collectionName: 'todos' },
      ]
      for (const body of nasty) {
        const reply = await wire(body as Record<string, unknown>)
        expect(typeof reply.code).toBe('string')
      }
      const res = await fetch(`${emu.adminUrl}?env=${emu.envId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":' })
      expect(res.status).toBeLessThan(500)
      expect(emu.child.exitCode).toBeNull()
      expect(await all('todos')).toEqual([])
      await expect(db.collection('todos').add({ data: { still: 'alive' } })).resolves.toHaveProperty('_id')
    })
  })

  describe('concurrency and indexes', () => {
    it('serialises concurrent writes to one document and one collection', async () => {
      await db.collection('todos').add({ data: { _id: 'counter', n: 0 } })
      await Promise.all(Array.from({ length: 60 }, () => db.collection('todos').doc('counter').update({ data: { n: _.inc(1) } })))
      expect((await db.collection('todos').doc('counter').get()).data.n).toBe(60)
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => db.collection('todos').add({ data: { _id: 'race' } })))
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      await Promise.all(Array.from({ length: 40 }, (_v, i) => db.collection('todos').add({ data: { i } })))
      expect((await db.collection('todos').count()).total).toBe(42)
    })

    it('keeps the lazily built equality indexes in step with inserts, updates, removes and commits', async () => {
      const at = new Date('2024-01-01T00:00:00Z')
      // Seeds are relaxed EJSON: dates as {$date}.
      const docs = Array.from({ length: 3000 }, (_v, i) => ({ _id: `r${i}`, owner: `o_test_user_${i % 300}`, at: { $date: (i % 1000 === 0 ? at : new Date(i)).toISOString() }, n: i }))
      await emu.control('/seed', { collections: { todos: docs } })
      // The regex twin cannot use an index: it is the full-scan reference.
      const byIndex = async (owner: string) => (await db.collection('todos').where({ owner }).limit(1000).get()).data.map((d: any) => d._id)
      const byScan = async (owner: string) => (await db.collection('todos').where({ owner: new RegExp(`^${owner}$`) }).limit(1000).get()).data.map((d: any) => d._id)
      expect(await byIndex('o_test_user_7')).toHaveLength(10)
      expect((await db.collection('todos').where({ at }).get()).data.map((d: any) => d._id)).toEqual(['r0', 'r1000', 'r2000'])

      await db.collection('todos').doc('r8').update({ data: { owner: 'o_test_user_7' } })
      await db.collection('todos').doc('r7').remove()
      await db.collection('todos').add({ data: [{ _id: 'new1', owner: 'o_test_user_7' }, { _id: 'arr', owner: ['o_test_user_7', 'o_test_user_9'] }] })
      await db.collection('todos').doc('r307').set({ data: { owner: 'someone_else' } })
      await db.runTransaction(async (t: any) => {
        await t.collection('todos').doc('r9').update({ data: { owner: 'o_test_user_7' } })
        await t.collection('todos').add({ data: { _id: 'tx1', owner: 'o_test_user_7' } })
        await t.collection('todos').doc('r607').remove()
      })
      await db.collection('todos').where({ owner: 'o_test_user_7', n: _.gte(2000) }).update({ data: { owner: 'moved' } })

      const expected = await byScan('o_test_user_7')
      expect(expected).toEqual(['r8', 'r9', 'r907', 'r1207', 'r1507', 'r1807', 'new1', 'arr', 'tx1'])
      expect(await byIndex('o_test_user_7')).toEqual(expected)
      expect(await byIndex('o_test_user_9')).toEqual(await byScan('o_test_user_9'))
      expect(await byIndex('moved')).toEqual(['r2107', 'r2407', 'r2707'])
      expect((await db.collection('todos').where({ owner: _.in(['moved', 'someone_else']) }).count()).total).toBe(4)
    })
  })

  describe('fault injection', () => {
    it('fails the nth database call with the armed code, then recovers', async () => {
      await emu.control('/faults', { nth: 2, code: 'DATABASE_REQUEST_FAILED' })
      await expect(db.collection('todos').add({ data: { n: 1 } })).resolves.toHaveProperty('_id')
      await expect(db.collection('todos').add({ data: { n: 2 } })).rejects.toMatchObject({ errCode: -502001 })
      await expect(db.collection('todos').add({ data: { n: 3 } })).resolves.toHaveProperty('_id')
      expect((await all('todos')).map((d: any) => d.n)).toEqual([1, 3])
    })

    it('adds latency to database calls', async () => {
      await emu.control('/faults', { latencyMs: 300 })
      const start = Date.now()
      await db.collection('todos').count()
      expect(Date.now() - start).toBeGreaterThanOrEqual(290)
      await emu.control('/faults', undefined, 'DELETE')
      const quick = Date.now()
      await db.collection('todos').count()
      expect(Date.now() - quick).toBeLessThan(290)
    })
  })
})
