import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { CloudError } from '../errors'
import type { AdminReply, AdminRequest, AdminService, Clock, RouteHandler } from '../types'
import { fsyncDir, writeFileDurable } from './durable'
import { encodePath, formatFileId, parseFileId, validateCloudPath } from './file-id'
import { contentTypeOf } from './mime'

export interface StorageOptions {
  /** Folder holding `index.json` and `objects/`. */
  dir: string
  envId: string
  /** `http://127.0.0.1:<port>`; known only once the server listens. */
  baseUrl: () => string
  now: Clock
}

interface StoredFile {
  /** Blob name under `objects/`; a fresh one per upload, so an overwrite never tears a reader. */
  object: string
  size: number
  etag: string
  contentType: string
  uploadedAt: number
}

interface StorageIndex {
  version: 1
  /** Signs temp URLs; persisted so URLs handed out before a restart stay valid until they expire. */
  secret: string
  /** By cloudPath. A Map, not an object: `valueOf` or `__proto__` must not name a file nobody uploaded. */
  files: Map<string, StoredFile>
}

export interface StoredFileInfo {
  cloudPath: string
  fileID: string
  size: number
  contentType: string
  /** Milliseconds since the epoch. */
  uploadedAt: number
}

interface PendingUpload {
  cloudPath: string
  authorization: string
  cosFileId: string
  expiresAt: number
}

interface ListItem {
  fileID: string
  code: string
  message?: string
}

/** A temp URL lasts one day unless asked for less, and never longer (CloudBase's documented default and cap). */
const MAX_AGE_S = 86_400
const UPLOAD_TTL_MS = 10 * 60_000
const MAX_OBJECT_BYTES = 100 * 1024 * 1024
/** CloudBase accepts at most 50 files per getTempFileURL / deleteFile call. */
const MAX_BATCH = 50
const UPLOAD_PREFIX = '/_storage/upload/'
const FILES_PREFIX = '/_storage/files/'

/**
 * The emulator's object storage (wire reference §4): upload metadata + `PUT`, signed expiring
 * temp URLs + `GET`, batch delete. Bytes live under `objects/`; `index.json` maps cloudPath → blob
 * and is replaced atomically and fsynced before an upload or delete is acknowledged.
 */
export class Storage implements AdminService, RouteHandler {
  private index: StorageIndex = { version: 1, secret: '', files: new Map() }
  private readonly pending = new Map<string, PendingUpload>()
  private queue: Promise<unknown> = Promise.resolve()
  private readonly objectsDir: string
  private readonly indexFile: string

  constructor(private readonly opts: StorageOptions) {
    this.objectsDir = path.join(opts.dir, 'objects')
    this.indexFile = path.join(opts.dir, 'index.json')
  }

  /** Loads the index (creating it on first run) and removes blobs no index entry references. */
  async open(): Promise<void> {
    await mkdir(this.objectsDir, { recursive: true })
    let text: string | undefined
    try {
      text = await readFile(this.indexFile, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
    if (text === undefined) {
      await this.commit({ version: 1, secret: randomBytes(32).toString('hex'), files: new Map() })
    } else {
      this.index = parseIndex(text, this.indexFile)
    }
    for (const name of await readdir(this.opts.dir)) {
      if (name.startsWith('index.json.tmp-')) await rm(path.join(this.opts.dir, name), { force: true })
    }
    const live = new Set([...this.index.files.values()].map((f) => f.object))
    for (const name of await readdir(this.objectsDir)) {
      if (!live.has(name)) await rm(path.join(this.objectsDir, name), { force: true })
    }
  }

  /** Serves the `storage.*` actions of `POST /admin`. */
  async handle(req: AdminRequest): Promise<AdminReply> {
    switch (req.action) {
      case 'storage.getUploadMetadata':
        return this.uploadMetadata(req)
      case 'storage.batchGetDownloadUrl':
        return this.downloadUrls(req)
      case 'storage.batchDeleteFile':
        return this.deleteFiles(req)
      default:
        throw new CloudError('INVALID_ACTION', `unsupported action ${req.action}`)
    }
  }

  /** Serves the object URLs: `PUT` of an upload URL, `GET`/`HEAD` of a temp URL. */
  async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const { pathname } = url
    const prefix = pathname.startsWith(UPLOAD_PREFIX) ? UPLOAD_PREFIX : pathname.startsWith(FILES_PREFIX) ? FILES_PREFIX : undefined
    if (prefix === undefined) return false
    let cloudPath: string
    try {
      cloudPath = pathname.slice(prefix.length).split('/').map(decodeURIComponent).join('/')
    } catch {
      sendXmlError(res, 400, 'InvalidURI', 'malformed percent-encoding', pathname)
      return true
    }
    if (prefix === UPLOAD_PREFIX) {
      if (req.method === 'PUT') await this.upload(req, res, cloudPath)
      else sendXmlError(res, 405, 'MethodNotAllowed', 'upload URLs accept PUT only', cloudPath)
    } else if (req.method === 'GET' || req.method === 'HEAD') {
      this.download(req, res, url, cloudPath)
    } else {
      sendXmlError(res, 405, 'MethodNotAllowed', 'temp URLs accept GET and HEAD only', cloudPath)
    }
    return true
  }

  /** Every stored file, by cloudPath (read-only, for the local console). */
  list(): StoredFileInfo[] {
    return [...this.index.files]
      .map(([cloudPath, f]) => ({ cloudPath, fileID: formatFileId(this.opts.envId, cloudPath), size: f.size, contentType: f.contentType, uploadedAt: f.uploadedAt }))
      .sort((a, b) => (a.cloudPath < b.cloudPath ? -1 : a.cloudPath > b.cloudPath ? 1 : 0))
  }

  /** Deletes every file (the signing secret stays, it is not data). */
  async reset(): Promise<void> {
    await this.serial(async () => {
      this.pending.clear()
      await this.commit({ ...this.index, files: new Map() })
      for (const name of await readdir(this.objectsDir)) await rm(path.join(this.objectsDir, name), { force: true })
    })
  }

  /** Waits for in-flight index writes. */
  async close(): Promise<void> {
    await this.serial(async () => this.pending.clear())
  }

  private uploadMetadata(req: AdminRequest): AdminReply {
    const cloudPath = validateCloudPath(req.path)
    const now = this.opts.now()
    for (const [token, upload] of this.pending) if (upload.expiresAt <= now) this.pending.delete(token)
    const token = randomBytes(24).toString('hex')
    const cosFileId = randomBytes(16).toString('hex')
    const expiresAt = now + UPLOAD_TTL_MS
    const keyTime = `${Math.floor(now / 1000)};${Math.floor(expiresAt / 1000)}`
    const authorization = `q-sign-algorithm=sha256&q-key-time=${keyTime}&q-signature=${this.sign(`PUT\n${cloudPath}\n${token}\n${expiresAt}`)}`
    this.pending.set(token, { cloudPath, authorization, cosFileId, expiresAt })
    return {
      data: {
        url: `${this.opts.baseUrl()}${UPLOAD_PREFIX}${encodePath(cloudPath)}`,
        token,
        authorization,
        fileId: formatFileId(this.opts.envId, cloudPath),
        cosFileId,
      },
    }
  }

  private downloadUrls(req: AdminRequest): AdminReply {
    const list = batch(req.file_list, 'file_list')
    const now = this.opts.now()
    const download_list = list.map((item) => {
      const entry = isRecord(item) ? item : {}
      const parsed = parseFileId(this.opts.envId, entry.fileid)
      const fileID = typeof entry.fileid === 'string' ? entry.fileid : ''
      const maxAge = entry.max_age === undefined || entry.max_age === null ? MAX_AGE_S : Math.min(Number(entry.max_age), MAX_AGE_S)
      // CloudBase reports a fileID it cannot read as a file that does not exist.
      if (!parsed.ok) return { fileID, tempFileURL: '', code: parsed.code === 'INVALID_PARAM' && typeof entry.fileid === 'string' ? 'STORAGE_FILE_NONEXIST' : parsed.code, message: parsed.message, maxAge }
      if (!Number.isFinite(maxAge) || maxAge <= 0) return { fileID, tempFileURL: '', code: 'INVALID_PARAM', message: 'max_age must be a positive number of seconds', maxAge }
      if (!this.index.files.has(parsed.cloudPath)) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'file does not exist', maxAge }
      const expires = now + Math.round(maxAge * 1000)
      // Un-encoded on purpose: the SDK applies encodeURI itself before fetching (reference §4).
      const tempFileURL = `${this.opts.baseUrl()}${FILES_PREFIX}${parsed.cloudPath}?t=${expires}&sign=${this.downloadSignature(parsed.cloudPath, expires)}`
      return { fileID, tempFileURL, code: 'SUCCESS', maxAge }
    })
    return { data: { download_list } }
  }

  private async deleteFiles(req: AdminRequest): Promise<AdminReply> {
    const list = batch(req.fileid_list, 'fileid_list')
    return this.serial(async () => {
      const files = new Map(this.index.files)
      const orphans: string[] = []
      const delete_list: ListItem[] = list.map((fileId) => {
        const parsed = parseFileId(this.opts.envId, fileId)
        const fileID = typeof fileId === 'string' ? fileId : ''
        if (!parsed.ok) return { fileID, code: parsed.code, message: parsed.message }
        const existing = files.get(parsed.cloudPath)
        if (!existing) return { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file does not exist' }
        orphans.push(existing.object)
        files.delete(parsed.cloudPath)
        return { fileID, code: 'SUCCESS' }
      })
      if (orphans.length > 0) await this.commit({ ...this.index, files })
      for (const object of orphans) await rm(path.join(this.objectsDir, object), { force: true })
      return { data: { delete_list } }
    })
  }

  private async upload(req: IncomingMessage, res: ServerResponse, cloudPath: string): Promise<void> {
    const token = headerOf(req, 'x-cos-security-token')
    const upload = this.pending.get(token)
    if (!upload || upload.expiresAt <= this.opts.now()) return sendXmlError(res, 403, 'AccessDenied', 'upload token is unknown or expired', cloudPath)
    if (upload.cloudPath !== cloudPath) return sendXmlError(res, 403, 'AccessDenied', 'upload token was issued for another path', cloudPath)
    if (headerOf(req, 'authorization') !== upload.authorization) return sendXmlError(res, 403, 'SignatureDoesNotMatch', 'authorization does not match the upload token', cloudPath)
    if (headerOf(req, 'x-cos-meta-fileid') !== upload.cosFileId) return sendXmlError(res, 403, 'AccessDenied', 'x-cos-meta-fileid does not match the upload token', cloudPath)
    // One PUT per token, even if this one fails half-way: the client asks for new metadata.
    this.pending.delete(token)

    const object = randomBytes(16).toString('hex')
    const tmp = path.join(this.objectsDir, `.tmp-${object}`)
    const md5 = createHash('md5')
    let size = 0
    try {
      const handle = await open(tmp, 'w')
      try {
        for await (const chunk of req as AsyncIterable<Buffer>) {
          size += chunk.length
          // Past the limit keep reading and discard: breaking off would reset the socket before the client sees the error.
          if (size > MAX_OBJECT_BYTES) continue
          md5.update(chunk)
          await handle.write(chunk)
        }
        if (size <= MAX_OBJECT_BYTES) await handle.sync()
      } finally {
        await handle.close()
      }
      if (size > MAX_OBJECT_BYTES) {
        await rm(tmp, { force: true })
        return sendXmlError(res, 400, 'EntityTooLarge', `objects are limited to ${MAX_OBJECT_BYTES} bytes`, cloudPath)
      }
      await rename(tmp, path.join(this.objectsDir, object))
      await fsyncDir(this.objectsDir)
    } catch {
      // The client went away (or the disk failed) mid-upload: nothing was acknowledged.
      await rm(tmp, { force: true })
      res.destroy()
      return
    }

    const etag = md5.digest('hex')
    await this.serial(async () => {
      const previous = this.index.files.get(cloudPath)
      const entry: StoredFile = { object, size, etag, contentType: contentTypeOf(cloudPath), uploadedAt: this.opts.now() }
      await this.commit({ ...this.index, files: new Map(this.index.files).set(cloudPath, entry) })
      if (previous) await rm(path.join(this.objectsDir, previous.object), { force: true })
    })
    res.writeHead(200, { etag: `"${etag}"`, 'content-length': 0, 'x-cos-request-id': randomBytes(8).toString('hex') })
    res.end()
  }

  private download(req: IncomingMessage, res: ServerResponse, url: URL, cloudPath: string): void {
    const expires = Number(url.searchParams.get('t'))
    const given = Buffer.from(url.searchParams.get('sign') ?? '', 'utf8')
    const wanted = Buffer.from(this.downloadSignature(cloudPath, expires), 'utf8')
    if (!Number.isSafeInteger(expires) || given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
      return sendXmlError(res, 403, 'AccessDenied', 'signature does not match', cloudPath)
    }
    if (expires <= this.opts.now()) return sendXmlError(res, 403, 'AccessDenied', 'Request has expired', cloudPath)
    const file = this.index.files.get(cloudPath)
    if (!file) return sendXmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.', cloudPath)
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-length': file.size,
      etag: `"${file.etag}"`,
      'last-modified': new Date(file.uploadedAt).toUTCString(),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    })
    if (req.method === 'HEAD') return void res.end()
    // A delete may unlink the blob meanwhile; an already-open stream still reads it on POSIX.
    void pipeline(createReadStream(path.join(this.objectsDir, file.object)), res).catch(() => res.destroy())
  }

  private downloadSignature(cloudPath: string, expires: number): string {
    return this.sign(`GET\n${this.opts.envId}\n${cloudPath}\n${expires}`)
  }

  private sign(text: string): string {
    return createHmac('sha256', this.index.secret).update(text).digest('hex')
  }

  /** Persists `next` durably, then makes it current; a failed write leaves the old index in force. */
  private async commit(next: StorageIndex): Promise<void> {
    await writeFileDurable(this.indexFile, JSON.stringify({ ...next, files: Object.fromEntries(next.files) }))
    this.index = next
  }

  /** Index mutations run one at a time, so concurrent uploads and deletes never lose each other's entries. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }
}

function parseIndex(text: string, file: string): StorageIndex {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new Error(`storage index ${file} is not valid JSON; refusing to start over it`)
  }
  if (!isRecord(value) || value.version !== 1 || typeof value.secret !== 'string' || !isRecord(value.files)) {
    throw new Error(`storage index ${file} has an unknown shape; refusing to start over it`)
  }
  // JSON.parse keeps every key, `__proto__` included, as an own property; Object.entries sees them all.
  return { version: 1, secret: value.secret, files: new Map(Object.entries(value.files as Record<string, StoredFile>)) }
}

function batch(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) throw new CloudError('INVALID_PARAM', `${field} must be a non-empty array`)
  if (value.length > MAX_BATCH) throw new CloudError('INVALID_PARAM', `${field} holds at most ${MAX_BATCH} files`)
  return value
}

function headerOf(req: IncomingMessage, name: string): string {
  const value = req.headers[name]
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** COS answers failures as XML; node-sdk reads Code, Message, RequestId and TraceId from it. */
function sendXmlError(res: ServerResponse, status: number, code: string, message: string, resource: string): void {
  const id = randomBytes(12).toString('hex')
  const body = [
    "<?xml version='1.0' encoding='utf-8' ?>",
    '<Error>',
    `<Code>${escapeXml(code)}</Code>`,
    `<Message>${escapeXml(message)}</Message>`,
    `<Resource>${escapeXml(resource)}</Resource>`,
    `<RequestId>${id}</RequestId>`,
    `<TraceId>${id}</TraceId>`,
    '</Error>',
  ].join('\n')
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
}
