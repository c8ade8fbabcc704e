import * as cloud from 'wx-server-sdk'
import type { Actor } from '../../../src/domain/common/actor'

/**
 * The only module that imports wx-server-sdk. `init` is lazy so importing a handler has no side
 * effects; the SDK reads its environment on every call, so one init serves every invocation.
 */
let initialised = false

export function wx(): typeof cloud {
  if (!initialised) {
    // The typings miss the symbol form of `env`; DYNAMIC_CURRENT_ENV means "the env this function runs in".
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    initialised = true
  }
  return cloud
}

export type WxDatabase = ReturnType<typeof cloud.database>

/** The SDK's typings union each call's promise form with its callback forms; we only use promises. */
export function settled<T>(call: Promise<T> | void | string): Promise<T> {
  if (typeof call !== 'object' || call === null || typeof call.then !== 'function') throw new Error('wx-server-sdk call returned no promise')
  return call
}

export function database(): WxDatabase {
  return wx().database()
}

/**
 * A database whose `doc(id).get()` answers `data: null` for an absent document instead of throwing
 * (the SDK's `throwOnNotFound` option, which its typings miss), as CloudBase advises for transactions.
 */
export function lenientDatabase(): WxDatabase {
  return wx().database({ throwOnNotFound: false } as Parameters<typeof cloud.database>[0])
}

type Collection = ReturnType<WxDatabase['collection']>

/** What the SDK's (untyped) transaction offers: its collections carry the transaction id on doc reads and writes. */
export interface WxTransaction {
  collection(name: string): Collection
  commit(): Promise<unknown>
  rollback(): Promise<unknown>
}

export async function startTransaction(db: WxDatabase): Promise<WxTransaction> {
  return (await db.startTransaction()) as WxTransaction
}

/** wx-server-sdk's errCode for a server code it does not know (its "resource system error"). */
const SDK_UNKNOWN_CODE = -501001
/** How a write conflict reads once the SDK has dropped its code: the code's name, or MongoDB's error name. */
const CONFLICT_TEXT = /\bDATABASE_TRANSACTION_CONFLICT\b|\bWriteConflict\b/

/**
 * A write-write conflict under CloudBase's snapshot isolation, in either form it reaches us:
 * - at commit, the server's `{ code: 'DATABASE_TRANSACTION_CONFLICT' }`, which node-sdk throws as it is;
 * - on a write inside the transaction (another transaction holds the document, or a commit changed it
 *   after our snapshot): wx-server-sdk keeps only the message, under errCode -501001.
 * Nothing else counts: -501001 alone also means any unknown server error, which must not be retried.
 */
export function isTransactionConflict(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false
  const { code, errCode, errMsg } = err as { code?: unknown; errCode?: unknown; errMsg?: unknown }
  if (code === 'DATABASE_TRANSACTION_CONFLICT') return true
  return errCode === SDK_UNKNOWN_CODE && typeof errMsg === 'string' && CONFLICT_TEXT.test(errMsg)
}

/** Identity from the platform, read inside the invocation (never at module load). */
export function currentActor(): Actor {
  const ctx = wx().getWXContext() as Record<string, unknown>
  const text = (key: string) => (typeof ctx[key] === 'string' && ctx[key] !== '' ? (ctx[key] as string) : undefined)
  return { openid: text('OPENID'), appid: text('APPID'), source: text('SOURCE') }
}

/** The region this function runs in; CloudBase sets it for every function. */
export function currentRegion(): string | undefined {
  return process.env.TENCENTCLOUD_REGION
}

export interface TransactionRetry {
  /** Attempts in all, the first included. */
  attempts: number
  /** No retry starts after this long from the first attempt: a slow, busy instance gives up by time, not by count. */
  budgetMs: number
  /** The first retry waits up to this long; each later one doubles it, up to `capMs`. */
  baseMs: number
  capMs: number
}

/** Sized for a burst of writes to one chain (the contract test sends 200 at once for one user). */
export const DEFAULT_RETRY: TransactionRetry = { attempts: 100, budgetMs: 15_000, baseMs: 4, capMs: 400 }

/**
 * Runs `attempt` in a fresh transaction and commits it. A write-write conflict, raised by a write
 * inside `attempt` or by the commit (see isTransactionConflict), is retried from the start on a new
 * snapshot, after a random wait of up to base·2ⁿ ms ("full jitter", so colliding writers spread out
 * instead of colliding again), within the retry budget. We retry ourselves rather than with
 * `runTransaction`, which retries only commit conflicts, and without a pause. Any other failure
 * rolls back and rethrows, unretried.
 *
 * Under snapshot isolation only writes conflict: an `attempt` whose decision rests on a document it
 * reads must also write that document (e.g. a chain head), or a concurrent change goes unnoticed.
 */
export async function inTransaction<T>(db: WxDatabase, attempt: (tx: WxTransaction) => Promise<T>, retry: TransactionRetry = DEFAULT_RETRY): Promise<T> {
  const started = Date.now()
  for (let n = 1; ; n++) {
    const tx = await startTransaction(db)
    try {
      const value = await attempt(tx)
      await tx.commit()
      return value
    } catch (err) {
      // The server may have closed it already (a conflicting write aborts it; so does a refused commit).
      // Rollback is best effort, and frees the documents it wrote if the server kept it open.
      await tx.rollback().catch(() => undefined)
      if (!isTransactionConflict(err) || n >= retry.attempts || Date.now() - started >= retry.budgetMs) throw err
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(retry.capMs, retry.baseMs * 2 ** n)))
  }
}

// ── Storage. Per-file results come back as a `status` per item: 0 is success.

/** What storage answers for a file that is not there. */
export const STORAGE_FILE_MISSING = -503003

/** Uploads `content` to `cloudPath` (replacing any file there); answers its fileID. */
export async function uploadFile(cloudPath: string, content: Uint8Array): Promise<string> {
  const { fileID } = await wx().uploadFile({ cloudPath, fileContent: Buffer.from(content.buffer, content.byteOffset, content.byteLength) })
  return fileID
}

/** The path inside the bucket of a `cloud://<env>.<bucket>/<path>` fileID. */
export function cloudPathOf(fileID: string): string | undefined {
  return /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)?.[1]
}

/** The bytes of one file. */
export async function downloadFile(fileID: string): Promise<Uint8Array> {
  const { fileContent } = await wx().downloadFile({ fileID })
  return new Uint8Array(fileContent.buffer, fileContent.byteOffset, fileContent.byteLength)
}

/** A signed link to one file that stops working after `maxAgeS` seconds; `undefined` when the file is missing. */
export async function tempFileUrl(fileID: string, maxAgeS: number): Promise<string | undefined> {
  const { fileList } = await settled(wx().getTempFileURL({ fileList: [{ fileID, maxAge: maxAgeS }] }))
  const item = fileList[0]
  if (item?.status === STORAGE_FILE_MISSING) return undefined
  if (!item || item.status !== 0 || !item.tempFileURL) throw new Error(`getTempFileURL failed: ${item?.status ?? 'no item'} ${item?.errMsg ?? ''}`)
  return item.tempFileURL
}

/** CloudBase deletes at most 50 files per call. */
export const DELETE_BATCH = 50

/** Deletes files; one already gone counts as deleted, so a repeated delete is harmless. */
export async function deleteFiles(fileIDs: readonly string[]): Promise<void> {
  for (let i = 0; i < fileIDs.length; i += DELETE_BATCH) {
    const { fileList } = await settled(wx().deleteFile({ fileList: fileIDs.slice(i, i + DELETE_BATCH) }))
    const failed = fileList.filter((f) => f.status !== 0 && f.status !== STORAGE_FILE_MISSING)
    if (failed.length) throw new Error(`deleteFile failed for ${failed.length} file(s): ${failed[0]!.status} ${failed[0]!.errMsg}`)
  }
}

// ── Subscribe messages (云调用 `subscribeMessage.send`: the function's config.json must list it under permissions.openapi).

/** WeChat's answer when the user has not accepted the template, or has used up what they accepted. */
export const WX_USER_REFUSED = 43101

export interface SubscribeMessage {
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  miniprogramState?: 'developer' | 'trial' | 'formal'
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW'
}

/**
 * Sends one subscribe message. A refusal is the user's choice, not a failure: it answers `refused`.
 * Anything else that goes wrong (a malformed message, a missing permission) throws the SDK's error.
 */
export async function sendSubscribeMessage(message: SubscribeMessage): Promise<'sent' | 'refused'> {
  try {
    await wx().openapi.subscribeMessage.send(message)
    return 'sent'
  } catch (err) {
    if (wxErrCode(err) === WX_USER_REFUSED) return 'refused'
    throw err
  }
}

/** The numeric `errCode` of an SDK error (a WeChat errcode or the SDK's own), if it has one. */
export function wxErrCode(err: unknown): number | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { errCode?: unknown }).errCode : undefined
  return typeof code === 'number' ? code : undefined
}
