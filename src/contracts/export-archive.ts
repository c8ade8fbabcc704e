import { z } from 'zod/mini'
import { lazySchema } from '../domain/common/lazy-schema'

/**
 * `data.json` of the export archive ("copy my data", PIPL Art. 45): everything held about the user,
 * unmasked, by manifest category, the same categories the personal centre's inventory lists. The zip
 * also holds `index.html` (the same data in Chinese, readable in any browser) and one
 * `receipts/<eventId>.json` per consent event (the consent function's receipt, unchanged) and the
 * user's own files (`files/avatar.jpg`), which data.json names in the record's `file` field.
 * The shape is append-only: a breaking change takes a new `schemaVersion`.
 */
export const EXPORT_SCHEMA_VERSION = 1

const localizedText = lazySchema(() => z.object({
  /** Simplified Chinese, always present. */
  'zh-CN': z.string(),
  /** English, when the manifest has it. */
  en: z.optional(z.string()),
}))

export const exportFieldSchema = lazySchema(() => z.object({
  /**
   * The field's name, stable across exports: the key the personal centre shows where it shows one
   * (`name`, `mobile`, `address`, `openid` …), plus the fields it summarises (`regionId`, `history` …).
   */
  key: z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/)),
  /** The value as held, never masked. Times are ISO 8601 in UTC; lists and objects stay JSON. */
  value: z.json(),
}))
export type ExportField = z.infer<typeof exportFieldSchema>

export const exportRecordSchema = lazySchema(() => z.object({
  /** The record's id in its source: a contact id, a consent event id, a request id, `account`, `chain` … */
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  /** When it was collected (or, for a summary record, last changed), ISO 8601 UTC. */
  collectedAt: z.iso.datetime(),
  fields: z.array(exportFieldSchema),
}))
export type ExportRecord = z.infer<typeof exportRecordSchema>

export const exportCategorySchema = lazySchema(() => z.object({
  /** The privacy manifest's category id, e.g. `delivery-contact`. */
  category: z.string(),
  /** The category's name, from the manifest. */
  name: localizedText,
  /** What it is processed for: the manifest's purpose ids and names. */
  purposes: z.array(z.object({ id: z.string(), name: localizedText })),
  /** How long it is kept: the manifest's retention class id and its period in words. */
  retention: z.object({ id: z.string(), period: localizedText }),
  /** How many records follow. */
  count: z.number().check(z.int(), z.minimum(0)),
  records: z.array(exportRecordSchema),
}))
export type ExportCategory = z.infer<typeof exportCategorySchema>

export const exportArchiveSchema = lazySchema(() => z.object({
  /** Version of this shape; `1` until a change breaks readers. */
  schemaVersion: z.literal(EXPORT_SCHEMA_VERSION),
  /** When the archive was built, ISO 8601 UTC. */
  generatedAt: z.iso.datetime(),
  /** Every category held about the user when it was built, in the inventory's order. */
  categories: z.array(exportCategorySchema),
}))
export type ExportArchive = z.infer<typeof exportArchiveSchema>

/** The archive's file names. */
export const EXPORT_FILES = { data: 'data.json', html: 'index.html', receipt: (eventId: string) => `receipts/${eventId}.json`, avatar: 'files/avatar.jpg' } as const
