import { randomBytes } from 'node:crypto'
import { z } from 'zod/mini'
import type { PhotoSlot } from '../../../src/domain/certification/certification-form'
import { SEALED_FIELDS } from '../../../src/domain/certification/record'
import { AWAITING_OPS, CERT_EVENTS, CERT_STATUSES, HOLDS_DATA } from '../../../src/domain/certification/application'
import { PHOTO_SLOTS } from '../../../src/domain/certification/fields'
import { database, deleteFiles, inTransaction, lenientDatabase, settled, tempFileUrl, uploadFile, type WxTransaction } from '../adapters/wx'
import { lazy, parseDoc, parseRows, parseSweep, rowId } from '../rows/parse'

export const CERTIFICATIONS = 'certifications'
/**
 * Photos live at `certification/<applicationId>/<slot>-<random>.jpg`. The application id is random and
 * the file name too, so a fileID says nothing about the merchant, and a replaced photo's old link dies
 * with its file. CloudBase storage rules must deny all client reads and writes under this prefix: only
 * the functions (admin) touch it.
 */
export const CERT_PREFIX = 'certification'

export function photoPath(applicationId: string, slot: PhotoSlot): string {
  return `${CERT_PREFIX}/${applicationId}/${slot}-${randomBytes(9).toString('base64url')}.jpg`
}

/** Whether a fileID lies under this application's own folder (and nowhere else). */
export function isApplicationFile(applicationId: string, fileID: string): boolean {
  const path = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)?.[1]
  return path !== undefined && path.startsWith(`${CERT_PREFIX}/${applicationId}/`) && !path.includes('..')
}

/**
 * The stored application (`CertificationRecord`), built on first use (see `lazy`). `update` writes the
 * row back whole, so the schema names every field: one it left out would be dropped on the next write.
 */
const rowSchema = lazy(() => {
  const text = z.optional(z.string())
  const status = z.enum(CERT_STATUSES)
  return z.object({
    _id: rowId(),
    openid: z.string(),
    status,
    history: z.array(z.object({ at: z.string(), event: z.enum(CERT_EVENTS), from: status, to: status, by: z.enum(['merchant', 'ops', 'system']), reason: text })),
    version: z.number().check(z.int(), z.minimum(0)),
    createdAt: z.string(),
    updatedAt: z.string(),
    store: z.object({ storeName: text, storeAddress: text, storeId: text }),
    sealed: z.partialRecord(z.enum(SEALED_FIELDS), z.object({ kid: z.string(), iv: z.string(), ct: z.string(), tag: z.string() })),
    masked: z.partialRecord(z.enum(SEALED_FIELDS), z.string()),
    idDigest: text,
    photos: z.partialRecord(z.enum(PHOTO_SLOTS), z.object({ fileID: z.string(), bytes: z.number(), uploadedAt: z.string() })),
    submittedAt: text,
    dueAt: text,
    decidedAt: text,
    reason: text,
    orphans: z.optional(z.array(z.string())),
  })
})
type Row = z.infer<ReturnType<typeof rowSchema>>
const parse = (data: unknown) => parseRows(rowSchema(), data, CERTIFICATIONS)
const parseOne = (data: unknown) => parseDoc(rowSchema(), data, CERTIFICATIONS)

/** Application rows: one per merchant, id random (`idFor` in the use case), never the openid. */
export const certifications = {
  async byId(id: string): Promise<Row | undefined> {
    const { data } = await settled(lenientDatabase().collection(CERTIFICATIONS).doc(id).get())
    return parseOne(data)
  },

  /** The merchant's application, if any (one per openid). */
  async ofOpenid(openid: string): Promise<Row | undefined> {
    const { data } = await settled(database().collection(CERTIFICATIONS).where({ openid }).limit(1).get())
    return parse(data)[0]
  },

  /**
   * Reads the row inside a transaction, lets `change` compute the next one (or `undefined` for no
   * write), and writes it whole. A concurrent change to the same row conflicts and is retried.
   */
  async update(id: string, change: (current: Row | undefined) => Row | undefined): Promise<{ before?: Row; after?: Row }> {
    return inTransaction(lenientDatabase(), async (tx: WxTransaction) => {
      const rows = tx.collection(CERTIFICATIONS)
      const { data } = await settled(rows.doc(id).get())
      const before = parseOne(data)
      const after = change(before)
      if (after && after !== before) {
        const { _id, ...doc } = after
        await settled(rows.doc(id).set({ data: doc }))
      }
      return { ...(before ? { before } : {}), ...(after ? { after } : {}) }
    })
  },

  /** Applications waiting for review, oldest submission first. */
  async awaitingReview(limit: number): Promise<Row[]> {
    const db = database()
    const { data } = await settled(
      db.collection(CERTIFICATIONS).where({ status: db.command.in([...AWAITING_OPS]) }).orderBy('submittedAt', 'asc').limit(limit).get(),
    )
    return parse(data)
  },

  /** Live applications (holding data) with this ID digest, other than `exceptId`. */
  async countSameId(idDigest: string, exceptId: string): Promise<number> {
    const db = database()
    const { total } = await settled(db.collection(CERTIFICATIONS).where({ idDigest, status: db.command.in([...HOLDS_DATA]), _id: db.command.neq(exceptId) }).count())
    return total
  },

  /** Rows rejected before `decidedBefore` (ISO): their retention has run out. */
  async rejectedBefore(decidedBefore: string, limit: number): Promise<Row[]> {
    const db = database()
    const { data } = await settled(db.collection(CERTIFICATIONS).where({ status: 'rejected', decidedAt: db.command.lt(decidedBefore) }).limit(limit).get())
    return parseSweep(rowSchema(), data, CERTIFICATIONS)
  },

  /** Rows with files left to delete. */
  async withOrphans(limit: number): Promise<Row[]> {
    const db = database()
    const { data } = await settled(db.collection(CERTIFICATIONS).where({ 'orphans.0': db.command.exists(true) }).limit(limit).get())
    return parseSweep(rowSchema(), data, CERTIFICATIONS)
  },

  /** Rows with a sealed value under another key than `kid`, a page at a time. */
  async sealedNotUnder(kid: string, limit: number): Promise<Row[]> {
    const db = database()
    const _ = db.command
    const notKid = _.and(_.exists(true), _.neq(kid))
    const { data } = await settled(
      db
        .collection(CERTIFICATIONS)
        .where(_.or([{ 'sealed.legalName.kid': notKid }, { 'sealed.mobile.kid': notKid }, { 'sealed.idNumber.kid': notKid }, { 'sealed.uscc.kid': notKid }]))
        .limit(limit)
        .get(),
    )
    return parseSweep(rowSchema(), data, CERTIFICATIONS)
  },

  /** Drops files from a row's `orphans` once they are deleted. */
  async clearOrphans(id: string, deleted: readonly string[]): Promise<void> {
    await certifications.update(id, (r) => (r && r.orphans?.length ? { ...r, orphans: r.orphans.filter((f) => !deleted.includes(f)) } : undefined))
  },

  /** Removes the row (account cancellation); its files must be deleted first. */
  async remove(id: string): Promise<void> {
    await settled(database().collection(CERTIFICATIONS).doc(id).remove())
  },

  uploadPhoto: uploadFile,
  deleteFiles,
  photoUrl: tempFileUrl,
}
