import { randomBytes } from 'node:crypto'
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as cloud from 'wx-server-sdk'
import { removeDataDir, startEmulator, useSdk, type RunningEmulator } from '../support/emulator'

type TempFile = { fileID: string; status: number; errMsg: string; tempFileURL: string; maxAge: number }
type Deleted = { fileID: string; status: number; errMsg: string }
type SdkError = { errCode: number; errMsg: string; code?: string }

// The storage flow of wire reference §4, driven by the real wx-server-sdk in this process.
const tempUrls = async (fileList: Array<string | { fileID: string; maxAge: number }>) =>
  ((await cloud.getTempFileURL({ fileList } as never)) as { fileList: TempFile[] }).fileList
const remove = async (fileList: string[]) => ((await cloud.deleteFile({ fileList })) as { fileList: Deleted[] }).fileList
const download = async (fileID: string) => (await cloud.downloadFile({ fileID })).fileContent as Buffer
const upload = async (cloudPath: string, fileContent: Buffer | NodeJS.ReadableStream) => (await cloud.uploadFile({ cloudPath, fileContent } as never)).fileID
const failure = (promise: Promise<unknown>) => promise.then(() => undefined as unknown as SdkError, (err: SdkError) => err)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('storage through wx-server-sdk', () => {
  let emu: RunningEmulator
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'pc-storage-src-'))
  const noFunctions = path.join(scratch, 'no-functions')

  beforeAll(async () => {
    emu = await startEmulator({ functionsDir: noFunctions })
    useSdk(emu)
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
    rmSync(scratch, { recursive: true, force: true })
  })

  it('uploads a Buffer and serves it back by temp URL and downloadFile', async () => {
    const fileID = await upload('notes/hello.txt', Buffer.from('你好, storage'))
    expect(fileID).toMatch(/^cloud:\/\/local-env\.[0-9a-f]+\/notes\/hello\.txt$/)

    const [entry] = await tempUrls([fileID])
    expect(entry).toMatchObject({ fileID, status: 0, errMsg: 'ok' })
    const res = await fetch(encodeURI(entry!.tempFileURL))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(await res.text()).toBe('你好, storage')
    expect((await download(fileID)).toString('utf8')).toBe('你好, storage')
  })

  it('uploads an fs.ReadStream byte for byte', async () => {
    const bytes = randomBytes(300 * 1024)
    const file = path.join(scratch, 'photo.jpg')
    writeFileSync(file, bytes)
    const fileID = await upload('certs/photo.jpg', createReadStream(file))
    expect((await download(fileID)).equals(bytes)).toBe(true)
    const [entry] = await tempUrls([fileID])
    const res = await fetch(encodeURI(entry!.tempFileURL), { method: 'HEAD' })
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(res.headers.get('content-length')).toBe(String(bytes.length))
  })

  it('round-trips a cloudPath with Chinese characters and spaces', async () => {
    const cloudPath = 'certs/营业执照 副本 (1).png'
    const fileID = await upload(cloudPath, Buffer.from('licence'))
    expect(fileID.endsWith(`/${cloudPath}`)).toBe(true)
    const [entry] = await tempUrls([fileID])
    // Un-encoded, as the SDK applies encodeURI itself (a double-encoded URL would 404).
    expect(entry!.tempFileURL).toContain('营业执照 副本 (1).png')
    expect((await download(fileID)).toString()).toBe('licence')
    expect((await remove([fileID]))[0]).toMatchObject({ fileID, status: 0 })
  })

  it('round-trips a cloudPath with URL punctuation', async () => {
    const cloudPath = "odd/a;b=c&d@e$f,g+h!i~j*k'l[m]{n}|o^p`q:r.txt"
    const fileID = await upload(cloudPath, Buffer.from('punctuation'))
    expect(fileID.endsWith(`/${cloudPath}`)).toBe(true)
    expect((await download(fileID)).toString()).toBe('punctuation')
  })

  it('replaces the content when the same cloudPath is uploaded again', async () => {
    const first = await upload('notes/v.txt', Buffer.from('one'))
    const second = await upload('notes/v.txt', Buffer.from('two'))
    expect(second).toBe(first)
    expect((await download(first)).toString()).toBe('two')
  })

  it('reports a missing file per item with -503003', async () => {
    const present = await upload('notes/present.txt', Buffer.from('x'))
    const missing = present.replace('present.txt', 'missing.txt')
    const list = await tempUrls([present, missing])
    expect(list.map((f) => [f.fileID, f.status])).toEqual([
      [present, 0],
      [missing, -503003],
    ])
    expect(list[1]!.tempFileURL).toBe('')
    await expect(download(missing)).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST', errCode: -1 })
  })

  it('deletes files, then reports them missing everywhere', async () => {
    const fileID = await upload('exports/data.json', Buffer.from('{"a":1}'))
    const [before] = await tempUrls([fileID])
    expect((await remove([fileID]))[0]).toMatchObject({ fileID, status: 0 })
    expect((await remove([fileID]))[0]).toMatchObject({ fileID, status: -503003 })
    expect((await tempUrls([fileID]))[0]!.status).toBe(-503003)
    // A URL handed out before the delete no longer serves the bytes.
    expect((await fetch(encodeURI(before!.tempFileURL))).status).toBe(404)
  })

  it('lets a temp URL expire after max_age', async () => {
    const fileID = await upload('notes/short.txt', Buffer.from('brief'))
    const [entry] = await tempUrls([{ fileID, maxAge: 1 }])
    expect(entry!.maxAge).toBe(1)
    expect((await fetch(encodeURI(entry!.tempFileURL))).status).toBe(200)
    await sleep(1100)
    const res = await fetch(encodeURI(entry!.tempFileURL))
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('<Code>AccessDenied</Code>')
  })

  it('refuses a temp URL whose signature or path was altered', async () => {
    const a = await upload('notes/a.txt', Buffer.from('a'))
    await upload('notes/b.txt', Buffer.from('b'))
    const [entry] = await tempUrls([a])
    const url = new URL(encodeURI(entry!.tempFileURL))
    const forged = new URL(url)
    forged.searchParams.set('sign', '0'.repeat(64))
    expect((await fetch(forged)).status).toBe(403)
    const otherPath = new URL(url)
    otherPath.pathname = otherPath.pathname.replace('a.txt', 'b.txt')
    expect((await fetch(otherPath)).status).toBe(403)
    const longer = new URL(url)
    longer.searchParams.set('t', String(Number(url.searchParams.get('t')) + 86_400_000))
    expect((await fetch(longer)).status).toBe(403)
  })

  it.each([
    ['an empty path', ''],
    ['a leading slash', '/abs.txt'],
    ['a .. segment', 'a/../b.txt'],
    ['a double slash', 'a//b.txt'],
    ['a folder', 'dir/'],
    ['a question mark', 'a?.txt'],
    ['a control character', 'a\u0001.txt'],
    ['more than 850 bytes', `${'长'.repeat(300)}.txt`],
  ])('refuses a cloudPath with %s', async (_why, cloudPath) => {
    const err = await failure(upload(cloudPath, Buffer.from('x')))
    // node-sdk throws the metadata error as an Error, which wx-server-sdk reports as errCode -1.
    expect(err).toMatchObject({ errCode: -1, code: 'INVALID_PARAM' })
    expect(err.errMsg).toMatch(/^uploadFile:fail invalid cloudPath/)
  })

  it('refuses fileIDs of another env, and answers a malformed one as a file that does not exist', async () => {
    const foreign = 'cloud://other-env.0123456789ab/notes/hello.txt'
    const [other, malformed] = await tempUrls([foreign, 'notes/hello.txt'])
    expect(other).toMatchObject({ fileID: foreign, status: -503002, tempFileURL: '' })
    expect(malformed).toMatchObject({ fileID: 'notes/hello.txt', status: -503003, tempFileURL: '' })
    const [deleted] = await remove([foreign])
    expect(deleted).toMatchObject({ fileID: foreign, status: -503002 })
  })

  it('downloadFile with a malformed fileID fails with STORAGE_FILE_NONEXIST, as for a missing file', async () => {
    const own = await upload('notes/own.txt', Buffer.from('own'))
    const bucket = own.slice(0, own.indexOf('/notes/'))
    for (const fileID of ['notes/own.txt', bucket, `${bucket}/notes/../own.txt`, `${bucket}//own.txt`]) {
      // node-sdk throws the per-file code as an Error, which wx-server-sdk reports as errCode -1.
      expect(await failure(download(fileID))).toMatchObject({ code: 'STORAGE_FILE_NONEXIST', errCode: -1 })
    }
  })

  it('gives temp URLs a day by default and never longer (max_age is capped at 86400 s)', async () => {
    const fileID = await upload('notes/age.txt', Buffer.from('age'))
    const before = Date.now()
    const [plain, long, short] = await tempUrls([fileID, { fileID, maxAge: 7 * 86_400 }, { fileID, maxAge: 60 }])
    const expiresIn = (entry: TempFile) => Number(new URL(encodeURI(entry.tempFileURL)).searchParams.get('t')) - before
    expect(plain!.maxAge).toBe(86_400)
    expect(long!.maxAge).toBe(86_400)
    expect(short!.maxAge).toBe(60)
    expect(expiresIn(plain!)).toBeGreaterThanOrEqual(86_400_000 - 5_000)
    expect(expiresIn(plain!)).toBeLessThanOrEqual(86_400_000 + 5_000)
    expect(expiresIn(long!)).toBeLessThanOrEqual(86_400_000 + 5_000)
    expect(expiresIn(short!)).toBeLessThanOrEqual(60_000 + 5_000)
  })

  it('checks the upload token and signature on PUT', async () => {
    const meta = async () => {
      const res = await fetch(emu.adminUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'storage.getUploadMetadata', path: 'notes/direct.txt', method: 'put' }) })
      return ((await res.json()) as { data: { url: string; token: string; authorization: string; cosFileId: string } }).data
    }
    const put = (url: string, headers: Record<string, string>) => fetch(url, { method: 'PUT', headers, body: 'direct' })
    const m = await meta()
    const good = { authorization: m.authorization, 'x-cos-security-token': m.token, 'x-cos-meta-fileid': m.cosFileId }

    const noToken = await put(m.url, { ...good, 'x-cos-security-token': 'nope' })
    expect(await noToken.text()).toContain('<Code>AccessDenied</Code>')
    const badSig = await put(m.url, { ...good, authorization: 'q-signature=forged' })
    expect(await badSig.text()).toContain('<Code>SignatureDoesNotMatch</Code>')
    const otherPath = await put(m.url.replace('direct.txt', 'elsewhere.txt'), good)
    expect(await otherPath.text()).toContain('<Code>AccessDenied</Code>')

    const ok = await put(m.url, good)
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe('')
    // A token uploads once.
    expect(await (await put(m.url, good)).text()).toContain('<Code>AccessDenied</Code>')
  })

  it('keeps acknowledged uploads across kill -9 and a restart', async () => {
    const fileID = await upload('durable/kept.bin', Buffer.from('survives'))
    await upload('durable/gone.bin', Buffer.from('deleted before the crash'))
    const gone = fileID.replace('kept.bin', 'gone.bin')
    await remove([gone])
    await emu.kill()

    emu = await startEmulator({ functionsDir: noFunctions, dataDir: emu.dataDir })
    useSdk(emu)
    expect((await download(fileID)).toString()).toBe('survives')
    expect((await tempUrls([gone]))[0]!.status).toBe(-503003)
  })
})
