import http from 'node:http'
import path from 'node:path'
import type { InvokeResult } from '../../emulator/functions/runner'
import { formatFileId } from '../../emulator/storage/file-id'
import { connectSdk, removeDataDir, ROOT, startEmulator, type RunningEmulator } from '../support/emulator'

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'functions')
/** constructor, __proto__, toString, valueOf, hasOwnProperty, …: names a plain object answers for without holding them. */
const NAMES = Object.getOwnPropertyNames(Object.prototype)

type SdkError = { errCode: number; errMsg: string }
type TempFile = { fileID: string; status: number; tempFileURL: string }

const failure = (promise: Promise<unknown>) => promise.then(() => undefined as unknown as SdkError, (err: SdkError) => err)
/** A field as the document holds it, never one inherited from Object.prototype. */
const own = (obj: unknown, key: string): unknown => (obj !== null && typeof obj === 'object' && Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined)

function post(base: string, route: string, headers: Record<string, string>, body: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method: 'POST', path: route, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

// Each Object.prototype name used as a file, a collection, a document id, a field, a function and a trigger
// behaves like any other name: the emulator's indexes are Maps, and it reads only a document's own fields.
describe('Object.prototype names are ordinary names', () => {
  let emu: RunningEmulator
  let cloud: any

  beforeAll(async () => {
    emu = await startEmulator({ functionsDir: FIXTURES })
    cloud = connectSdk(emu)
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  describe('storage, through wx-server-sdk', () => {
    const fileIdOf = (name: string) => formatFileId(emu.envId, name)
    const tempUrl = async (fileID: string) => ((await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: TempFile[] }).fileList[0]!
    const remove = async (fileID: string) => ((await cloud.deleteFile({ fileList: [fileID] })) as { fileList: Array<{ status: number }> }).fileList[0]!

    it('knows no file by such a name until one is uploaded, exactly as for any missing name', async () => {
      const control = fileIdOf('never-uploaded.txt')
      const controlError = await failure(cloud.downloadFile({ fileID: control }))
      expect(controlError).toBeDefined()
      for (const name of NAMES) {
        const fileID = fileIdOf(name)
        expect(await tempUrl(fileID)).toMatchObject({ fileID, status: -503003, tempFileURL: '' })
        expect((await remove(fileID)).status).toBe(-503003)
        const err = await failure(cloud.downloadFile({ fileID }))
        expect(err?.errCode).toBe(controlError.errCode)
        expect(err?.errMsg).toBe(controlError.errMsg.replace(control, fileID))
      }
    })

    it('uploads, serves, keeps across a restart and deletes a file by each name', async () => {
      for (const name of NAMES) expect(await cloud.uploadFile({ cloudPath: name, fileContent: Buffer.from(`bytes of ${name}`) })).toMatchObject({ fileID: fileIdOf(name) })
      const urls = new Map<string, string>()
      for (const name of NAMES) {
        const entry = await tempUrl(fileIdOf(name))
        expect(entry.status).toBe(0)
        const res = await fetch(encodeURI(entry.tempFileURL))
        expect([res.status, await res.text()]).toEqual([200, `bytes of ${name}`])
        urls.set(name, entry.tempFileURL)
      }

      // The index on disk names every file too (`__proto__` included) and is read back whole.
      await emu.stop()
      emu = await startEmulator({ functionsDir: FIXTURES, dataDir: emu.dataDir })
      cloud = connectSdk(emu)
      for (const name of NAMES) {
        expect(((await cloud.downloadFile({ fileID: fileIdOf(name) })) as { fileContent: Buffer }).fileContent.toString()).toBe(`bytes of ${name}`)
        expect((await remove(fileIdOf(name))).status).toBe(0)
        expect((await tempUrl(fileIdOf(name))).status).toBe(-503003)
        // A URL handed out before the delete (the signing secret survives restarts) answers COS's coded 404, not a 500.
        const stale = await fetch(encodeURI(urls.get(name)!.replace(/^http:\/\/[^/]+/, emu.url)))
        expect([stale.status, await stale.text()]).toEqual([404, expect.stringContaining('<Code>NoSuchKey</Code>')])
      }
    })
  })

  describe('database, through wx-server-sdk', () => {
    const ids = (res: { data: Array<{ _id: string }> }) => res.data.map((d) => d._id)

    it.each(NAMES.filter((name) => name !== '__proto__'))('a collection, a document id and a field named %s', async (name) => {
      const db = cloud.database()
      const _ = db.command
      await db.createCollection(name)
      const coll = db.collection(name)
      await coll.add({ data: { _id: name, a: { [name]: 'v' } } })
      await coll.add({ data: { _id: 'plain', a: {} } })

      const { data: doc } = await coll.doc(name).get()
      expect([doc._id, own(doc.a, name)]).toEqual([name, 'v'])
      expect((await failure(coll.doc(`not-${name}`).get()))?.errMsg).toMatch(/document\.get:fail/)
      // A document without the field has no value there: it sorts first ascending, and only it lacks the field.
      expect(ids(await coll.orderBy(`a.${name}`, 'asc').get())).toEqual(['plain', name])
      expect(ids(await coll.orderBy(`a.${name}`, 'desc').get())).toEqual([name, 'plain'])
      expect(ids(await coll.where({ [`a.${name}`]: _.exists(false) }).get())).toEqual(['plain'])
      expect(ids(await coll.where({ [`a.${name}`]: 'v' }).get())).toEqual([name])

      // Operators that read the missing field first, and a path through it, create it as MongoDB does.
      expect((await coll.doc('plain').update({ data: { a: { [name]: _.inc(2) } } })).stats.updated).toBe(1)
      expect((await coll.doc('plain').update({ data: { b: { [name]: _.push(['x']) } } })).stats.updated).toBe(1)
      expect((await coll.doc('plain').update({ data: { c: { [name]: _.addToSet('y') } } })).stats.updated).toBe(1)
      expect((await coll.doc('plain').update({ data: { [`${name}.x`]: 1 } })).stats.updated).toBe(1)
      const { data: plain } = await coll.doc('plain').get()
      expect([own(plain.a, name), own(plain.b, name), own(plain.c, name), own(own(plain, name), 'x')]).toEqual([2, ['x'], ['y'], 1])
      expect(ids(await coll.where({ [`a.${name}`]: _.gt(1) }).get())).toEqual(['plain'])
    })

    it('__proto__ names a collection and a document, and is refused with a code as a field name', async () => {
      const db = cloud.database()
      await db.createCollection('__proto__')
      await db.collection('__proto__').add({ data: { _id: '__proto__', n: 1 } })
      expect((await db.collection('__proto__').doc('__proto__').get()).data).toEqual({ _id: '__proto__', n: 1 })
      // The SDK drops such a field on its side; on the wire it is refused, never made a prototype.
      const wire = await fetch(emu.adminUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'database.insertDocument', collectionName: '__proto__', data: ['{"a":{"__proto__":{"n":2}}}'] }),
      })
      expect(await wire.json()).toMatchObject({ code: 'INVALID_PARAM' })
      expect((await db.collection('__proto__').count()).total).toBe(1)
    })
  })

  describe('functions and triggers', () => {
    it('runs no function and no trigger by such a name, on every path in', async () => {
      const signIn = await post(emu.url, '/gateway/signin', { 'content-type': 'application/json' }, JSON.stringify({ openid: 'o_test_user_1' }))
      const cookie = signIn.headers['set-cookie']![0]!.split(';')[0]!
      for (const name of NAMES) {
        expect((await failure(cloud.callFunction({ name, data: {} })))?.errMsg).toContain(`function ${name} is not deployed`)
        expect((await emu.control<InvokeResult>('/invoke', { name, event: {}, identity: null })).error?.code).toBe('FUNCTION_NOT_FOUND')
        expect((await emu.control<InvokeResult>('/timers/run', { name })).error?.code).toBe('FUNCTION_NOT_FOUND')
        expect((await emu.control<InvokeResult>('/timers/run', { name: 'ticker', trigger: name })).error?.code).toBe('INVALID_PARAM')
        const viaGateway = await post(emu.url, '/gateway/callFunction', { 'content-type': 'application/json', cookie }, JSON.stringify({ name, data: {} }))
        // CloudBase function names start with a letter: `__proto__` is no name at all.
        if (/^[A-Za-z]/.test(name)) expect(JSON.parse(viaGateway.body)).toMatchObject({ errCode: -501000 })
        else expect(viaGateway.status).toBe(400)
      }
    })
  })
})
