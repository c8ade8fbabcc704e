import { z } from 'zod/mini'
import { DomainError } from '../../../src/domain/common/errors'

/**
 * Rows read from the database are checked against their schema at the repository boundary, so a row
 * edited or half-written outside the functions is refused instead of travelling on as a typed value.
 */

/**
 * Builds the value on first call and keeps it. Row schemas are built this way: constructing zod
 * schemas at module load is most of a function's cold start, and a call pays only for the rows it reads.
 */
export function lazy<T>(build: () => T): () => T {
  let built: T | undefined
  return () => (built ??= build())
}

/** What the SDK hands back for a date stored as a date (`new Date()` or `db.serverDate()`): a JS Date. */
export const dbDate = () => z.date()
/** A row's `_id`. */
export const rowId = () => z.string().check(z.minLength(1))

/**
 * The rows of one read, each checked. One row that does not match fails the whole read: a list with a
 * row silently left out (a consent chain, an inventory, an export) would be shown as complete when it
 * is not. The error names the collection and the field path and zod's issue code, never a value (rows
 * hold personal data, and the message reaches the caller and the logs); nor the row id, which for
 * some collections is the openid.
 * @throws DomainError `DATA.CORRUPT_ROW`
 */
export function parseRows<S extends z.ZodMiniType>(schema: S, data: unknown, collection: string): Array<z.infer<S>> {
  return asList(data, collection).map((row) => parseRow(schema, row, collection))
}

/**
 * For the sweeps timers run (the cancellation scheduler, retention purges, key rotation): the rows that
 * match. Each one that does not is logged (code, collection, path) and left for a person to repair, and
 * the sweep goes on: one user's corrupt row must not hold up every other user's deletion or purge, whose
 * deadlines the law sets. Wherever that row is read for its owner or for ops, it is still refused.
 */
export function parseSweep<S extends z.ZodMiniType>(schema: S, data: unknown, collection: string): Array<z.infer<S>> {
  return asList(data, collection).flatMap((row) => {
    try {
      return [parseRow(schema, row, collection)]
    } catch (err) {
      if (!(err instanceof DomainError)) throw err
      console.warn(err.code, err.message)
      return []
    }
  })
}

/** A query's `data`, which must be a list; for reads whose rows take one of several schemas. */
export function asList(data: unknown, collection: string): unknown[] {
  if (!Array.isArray(data)) throw corrupt(collection, '(result)', 'invalid_type')
  return data
}

/** One row, checked. @throws DomainError `DATA.CORRUPT_ROW` */
export function parseRow<S extends z.ZodMiniType>(schema: S, row: unknown, collection: string): z.infer<S> {
  const parsed = schema.safeParse(row)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  throw corrupt(collection, issue.path.map(String).join('.') || '(row)', issue.code)
}

/** `doc(id).get()` answers `null` for a missing row: undefined then, else the checked row. */
export function parseDoc<S extends z.ZodMiniType>(schema: S, row: unknown, collection: string): z.infer<S> | undefined {
  return row == null ? undefined : parseRow(schema, row, collection)
}

function corrupt(collection: string, path: string, code: string): DomainError {
  return new DomainError('DATA.CORRUPT_ROW', `a row of ${collection} does not match its schema at ${path} (${code})`)
}
