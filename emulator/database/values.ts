import type { Binary, Decimal128, Long, Timestamp } from 'bson'
import { type BsonValue, type Doc, isBsonValue, isPlainObject } from './ejson'

/** A document's own field: `toString`, `constructor` and the rest of Object.prototype are no fields. */
export function fieldOf(doc: Doc, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(doc, key) ? doc[key] : undefined
}

/**
 * MongoDB's cross-type sort order (null/missing < numbers (with Long and Decimal128) < strings <
 * objects < arrays < binary data < booleans < dates < timestamps < regexes).
 */
function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 1
  if (isBsonValue(v)) return v._bsontype === 'Binary' ? 6 : v._bsontype === 'Timestamp' ? 10 : 2
  switch (typeof v) {
    case 'number':
      return 2
    case 'string':
      return 3
    case 'boolean':
      return 8
  }
  if (Array.isArray(v)) return 5
  if (v instanceof Date) return 9
  if (v instanceof RegExp) return 11
  return 4
}

/** Total order over stored values, as MongoDB sorts them. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  switch (ra) {
    case 1:
      return 0
    case 2: {
      // Numbers, Longs and Decimal128s compare by value; NaN sorts before every other number, as in MongoDB.
      const x = numeric(a)
      const y = numeric(b)
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1
      if (Number.isNaN(y)) return 1
      if (x !== y) return x - y
      // A Long and an integer that the nearest doubles cannot tell apart: compare them exactly.
      const ea = exactInteger(a)
      const eb = exactInteger(b)
      return ea === null || eb === null ? 0 : ea < eb ? -1 : ea > eb ? 1 : 0
    }
    case 6: {
      // MongoDB orders binary data by length, then subtype, then bytes.
      const x = a as Binary
      const y = b as Binary
      return x.position - y.position || x.sub_type - y.sub_type || Buffer.compare(bytesOf(x), bytesOf(y))
    }
    case 10:
      return (a as Timestamp).compare(b as Timestamp)
    case 3:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1
    case 8:
      return Number(a) - Number(b)
    case 9:
      return (a as Date).getTime() - (b as Date).getTime()
    case 11:
      return compareValues(String(a), String(b))
    case 5: {
      const x = a as unknown[]
      const y = b as unknown[]
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i])
        if (c !== 0) return c
      }
      return x.length - y.length
    }
    default: {
      const ka = Object.keys(a as Doc)
      const kb = Object.keys(b as Doc)
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const c = compareValues((a as Doc)[ka[i]!], (b as Doc)[kb[i]!]) || compareValues(ka[i], kb[i])
        if (c !== 0) return c
      }
      return ka.length - kb.length
    }
  }
}

/** A number, Long or Decimal128 as the nearest double, to order numbers of different types. */
function numeric(v: unknown): number {
  return typeof v === 'number' ? v : Number((v as Long | Decimal128).toString())
}

/** A Long or an integral number as a BigInt, else null. */
function exactInteger(v: unknown): bigint | null {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : null
  return isBsonValue(v) && v._bsontype === 'Long' ? BigInt((v as Long).toString()) : null
}

/** A Binary's bytes (its buffer may be longer than what it holds). */
function bytesOf(v: Binary): Buffer {
  return v.buffer.subarray(0, v.position)
}

/** The exact text of a bson value: Decimal128 "0.10" and "0.1" differ, as their encodings do. */
function bsonText(v: BsonValue): string {
  return v._bsontype === 'Binary' ? `${v.sub_type}:${bytesOf(v).toString('base64')}` : v.toString()
}

/**
 * Whether two stored values are the same value of the same type, field order included (what their
 * canonical EJSON texts would say): decides whether an update changed a document.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b)
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]))
  if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime()
  if (a instanceof RegExp) return b instanceof RegExp && a.source === b.source && a.flags === b.flags
  if (isBsonValue(a)) return isBsonValue(b) && a._bsontype === b._bsontype && bsonText(a) === bsonText(b)
  if (!isPlainObject(a) || !isPlainObject(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue(a[k], b[k]))
}

/**
 * Every value a dotted path reaches, fanning out over arrays of sub-documents
 * (`tags.name` over `tags: [{name}, {name}]`); a numeric segment also indexes an array.
 */
export function valuesAtPath(doc: unknown, path: readonly string[], from = 0): unknown[] {
  if (from === path.length) return [doc]
  if (Array.isArray(doc)) {
    const seg = path[from]!
    if (/^\d+$/.test(seg)) return valuesAtPath(doc[Number(seg)], path, from + 1)
    return doc.flatMap((el) => (isPlainObject(el) ? valuesAtPath(el, path, from) : []))
  }
  if (!isPlainObject(doc)) return [undefined]
  return valuesAtPath(fieldOf(doc, path[from]!), path, from + 1)
}

/**
 * The value a document sorts by for one key: MongoDB compares an array by its smallest element
 * in an ascending sort and its largest in a descending one.
 */
export function sortValue(doc: Doc, path: readonly string[], direction: 1 | -1): unknown {
  // The common case, a top-level field that is not an array, without walking the path: sorting a large
  // match spends most of its time here.
  if (path.length === 1) {
    const value = fieldOf(doc, path[0]!)
    if (!Array.isArray(value)) return value
  }
  const found = valuesAtPath(doc, path).flatMap((v) => (Array.isArray(v) ? v : [v]))
  if (found.length <= 1) return found[0]
  let best = found[0]
  for (const v of found) if (compareValues(v, best) * direction < 0) best = v
  return best
}

/** Index key of a scalar that equality can match, or null when the value is not indexable. */
export function scalarKey(v: unknown): string | null {
  switch (typeof v) {
    case 'string':
      return `s${v}`
    case 'number':
      return `n${v}`
    case 'boolean':
      return v ? 'bt' : 'bf'
  }
  if (v instanceof Date) return `d${v.getTime()}`
  return null
}

/**
 * What an equality index files a document under for a path: its scalar key, nothing (missing,
 * null, a sub-document: none can equal a scalar), or 'any' when an array is on the path (the
 * document must then always be a candidate, mingo decides).
 */
export function indexKeyOf(doc: Doc, path: readonly string[]): string | null | 'any' {
  let cur: unknown = doc
  for (const seg of path) {
    if (Array.isArray(cur)) return 'any'
    if (!isPlainObject(cur)) return null
    cur = fieldOf(cur, seg)
  }
  if (Array.isArray(cur)) return 'any'
  return scalarKey(cur)
}
