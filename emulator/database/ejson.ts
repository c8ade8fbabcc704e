import { type Binary, type Decimal128, EJSON, Long, type Timestamp } from 'bson'
import { CloudError } from '../errors'
import type { AdminReply, AdminRequest } from '../types'

/*
 * The codec between the wire (and the data folder) and stored values, on the `bson` package's EJSON,
 * the copy the SDK itself encodes and decodes with. A request is decoded once where it enters
 * (`decodeRequest`, called by `runAction`), a reply encoded once where it leaves (`encodeReply`);
 * between the two, queries, updates and pipelines see stored values only.
 *
 * Stored values are JavaScript's (numbers, strings, booleans, null, Date, RegExp, plain objects,
 * arrays) plus bson's classes for the BSON types JavaScript lacks: Long (only when no double holds
 * the value), Decimal128, Binary and Timestamp.
 */

/** A stored document: see above for the values it may hold. */
export type Doc = Record<string, unknown>

/** The BSON values stored as bson's classes. */
export type BsonValue = Long | Decimal128 | Binary | Timestamp

/** MongoDB's nesting limit; deeper input is refused instead of risking the stack. */
const MAX_DEPTH = 100

/** The JavaScript flags a BSON regular expression may carry (`x` and `l` have no JS equivalent). */
const REGEX_FLAGS = new Set(['i', 'm', 's', 'u'])

/** The error for bad request input: INVALID_PARAM (errCode -501007 in the SDK). */
export function invalid(message: string): CloudError {
  return new CloudError('INVALID_PARAM', message)
}

/**
 * Parses one EJSON string (a field of a request, a line of the data folder).
 * `now` resolves `db.serverDate()` (`$tcb_server_date`) wherever it appears; null refuses it.
 */
export function parseEjson(text: unknown, field: string, now: number | null): unknown {
  if (typeof text !== 'string') throw invalid(`${field} must be an EJSON string`)
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw invalid(`${field} is not valid EJSON`)
  }
  return fromEjson(raw, now, field)
}

/** Like parseEjson, but the result must be an object (a query, an update, a document). */
export function parseEjsonObject(text: unknown, field: string, now: number | null): Doc {
  const value = parseEjson(text, field, now)
  if (!isPlainObject(value)) throw invalid(`${field} must be an object`)
  return value
}

/**
 * Converts parsed JSON in canonical or relaxed Extended JSON into stored values. A one-key object
 * whose key is a BSON type wrapper becomes that value; other `$`-keys stay as they are (they are
 * query or update operators).
 *
 * bson's `EJSON.parse` is not used on whole texts: it reads malformed wrappers as something else
 * (`{"$numberInt":"x"}` as 0, a `$numberLong` past 2^63 wrapped around, `{"$date":5}` as the
 * current time) and took nine times as long as this walk on the benchmark's document. The walk
 * checks each wrapper and hands the BSON types JavaScript lacks to bson's own constructors.
 */
export function fromEjson(value: unknown, now: number | null, field: string, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value
  if (depth > MAX_DEPTH) throw invalid(`${field} is nested deeper than ${MAX_DEPTH} levels`)
  if (Array.isArray(value)) return value.map((v) => fromEjson(v, now, field, depth + 1))
  const obj = value as Doc
  const keys = Object.keys(obj)
  if (keys.length === 1 && keys[0]!.startsWith('$')) {
    const special = fromWrapper(keys[0]!, obj[keys[0]!], now, field)
    if (special !== NOT_SPECIAL) return special
  }
  const out: Doc = {}
  for (const key of keys) {
    if (key === '__proto__') throw invalid(`${field}: the field name __proto__ is not allowed`)
    // bson's writer takes any object with a `_bsontype` for one of its own values.
    if (key === '_bsontype') throw invalid(`${field}: the field name _bsontype is not allowed`)
    out[key] = fromEjson(obj[key], now, field, depth + 1)
  }
  return out
}

const NOT_SPECIAL = Symbol('not special')

const INT = /^-?\d+$/
const DOUBLE = /^(-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|-?Infinity|NaN)$/
// One character class, not groups of four: V8 runs out of stack on a grouped repetition over megabytes.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const SUBTYPE = /^[0-9a-fA-F]{1,2}$/
const INT32_MIN = -(2 ** 31)
const INT32_MAX = 2 ** 31 - 1
const UINT32_MAX = 2 ** 32 - 1
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

function badWrapper(field: string, key: string, inner: unknown): CloudError {
  return invalid(`${field}: bad ${key} ${JSON.stringify(inner) ?? ''}`.trimEnd())
}

/** An unsigned 32-bit integer, given as a number or an EJSON number; else null. */
function uint32(value: unknown, field: string): number | null {
  const n = fromEjson(value, null, field)
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= UINT32_MAX ? n : null
}

// No closures in here: one that captures a parameter makes every call allocate a context (7 us, not 3).
function fromWrapper(key: string, inner: unknown, now: number | null, field: string): unknown {
  switch (key) {
    case '$numberInt': {
      const n = typeof inner === 'string' && INT.test(inner) ? Number(inner) : NaN
      if (!(n >= INT32_MIN && n <= INT32_MAX)) throw badWrapper(field, key, inner)
      return n
    }
    case '$numberDouble':
      if (typeof inner !== 'string' || !DOUBLE.test(inner)) throw badWrapper(field, key, inner)
      return Number(inner)
    case '$numberLong': {
      if (typeof inner !== 'string' || !INT.test(inner)) throw badWrapper(field, key, inner)
      // bson writes every integral double up to 2^63 past int32 as `$numberLong`, in the double's
      // shortest digits (2 ** 60 as "1152921504606847000", 2 ** 63 one past the int64 range): those
      // stay numbers. A value no double spells is a real 64-bit integer and stays an exact Long.
      const n = Number(inner)
      if (Number.isSafeInteger(n) || String(n) === inner) return n
      if (BigInt(inner) < INT64_MIN || BigInt(inner) > INT64_MAX) throw badWrapper(field, key, inner)
      return Long.fromString(inner)
    }
    case '$numberDecimal':
      if (typeof inner !== 'string') throw badWrapper(field, key, inner)
      return bson({ $numberDecimal: inner }, field)
    case '$binary':
      if (!isPlainObject(inner) || Object.keys(inner).length !== 2 || typeof inner.base64 !== 'string' || inner.base64.length % 4 !== 0 || !BASE64.test(inner.base64) || typeof inner.subType !== 'string' || !SUBTYPE.test(inner.subType)) throw badWrapper(field, key, inner)
      return bson({ $binary: inner }, field)
    case '$uuid':
      if (typeof inner !== 'string') throw badWrapper(field, key, inner)
      return bson({ $uuid: inner }, field)
    case '$timestamp': {
      // The SDK writes a `{ $timestamp: { t, i } }` given as a plain value with canonical numbers inside.
      if (!isPlainObject(inner) || Object.keys(inner).length !== 2) throw badWrapper(field, key, inner)
      const t = uint32(inner.t, field)
      const i = uint32(inner.i, field)
      if (t === null || i === null) throw badWrapper(field, key, inner)
      return bson({ $timestamp: { t, i } }, field)
    }
    case '$date': {
      // bson reads `{"$date": <number>}` as the current time; relaxed and legacy writers both use it.
      let ms: number
      if (typeof inner === 'string') ms = Date.parse(inner)
      else if (typeof inner === 'number') ms = inner
      else if (isPlainObject(inner) && Object.keys(inner).length === 1 && typeof inner.$numberLong === 'string' && INT.test(inner.$numberLong)) ms = Number(inner.$numberLong)
      else throw badWrapper(field, key, inner)
      if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) throw badWrapper(field, key, inner)
      return new Date(ms)
    }
    case '$regularExpression': {
      if (!isPlainObject(inner) || typeof inner.pattern !== 'string' || (inner.options !== undefined && typeof inner.options !== 'string')) throw badWrapper(field, key, inner)
      return toRegExp(inner.pattern, (inner.options as string | undefined) ?? '', field)
    }
    case '$oid':
      // CloudBase's ids are strings; an ObjectId is kept as its hex string, which `_id` lookups use.
      if (typeof inner !== 'string' || !/^[0-9a-fA-F]{24}$/.test(inner)) throw badWrapper(field, key, inner)
      return inner.toLowerCase()
    case '$symbol':
      if (typeof inner !== 'string') throw badWrapper(field, key, inner)
      return inner
    case '$tcb_server_date': {
      if (now === null) throw invalid(`${field}: serverDate is not allowed here`)
      const offset = isPlainObject(inner) ? fromEjson(inner.offset, now, field) : undefined
      if (offset !== undefined && (typeof offset !== 'number' || !Number.isFinite(offset))) throw invalid(`${field}: serverDate offset must be a number`)
      return new Date(now + (offset ?? 0))
    }
    case '$code':
    case '$minKey':
    case '$maxKey':
    case '$dbPointer':
    case '$undefined':
      throw invalid(`${field}: the BSON type ${key} is not supported by the emulator`)
    default:
      return NOT_SPECIAL
  }
}

/** One checked wrapper, built by bson itself (canonical mode: no value is narrowed to a number). */
function bson(wrapper: Doc, field: string): unknown {
  try {
    return EJSON.deserialize(wrapper, { relaxed: false })
  } catch (err) {
    throw invalid(`${field}: ${(err as Error).message}`)
  }
}

function toRegExp(pattern: string, options: string, field: string): RegExp {
  let flags = ''
  for (const f of options) {
    if (f === 'l') continue // locale-dependent matching: no JS equivalent, and it only matters for \w in non-UTF-8 locales
    if (!REGEX_FLAGS.has(f)) throw invalid(`${field}: regular expression option "${f}" is not supported`)
    if (!flags.includes(f)) flags += f
  }
  try {
    return new RegExp(pattern, flags)
  } catch (err) {
    throw invalid(`${field}: bad regular expression: ${(err as Error).message}`)
  }
}

/** What bson's EJSON writes (its type is narrower than the stored values' `unknown`). */
type Serializable = Parameters<typeof EJSON.stringify>[0]

/**
 * Canonical Extended JSON of a stored value (`EJSON.stringify(x, {relaxed: false})`, as the SDK
 * writes): the form of result lists, the journal and the snapshot. Undefined object members are
 * dropped, as MongoDB never returns them (bson would write null; mingo's stages leave some).
 */
export function toEjson(value: unknown): string {
  return EJSON.stringify(withoutUndefined(value) as Serializable, { relaxed: false })
}

/** The value without undefined object members; the same object when it has none. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | null = null
    for (let i = 0; i < value.length; i++) {
      const v = withoutUndefined(value[i])
      if (v !== value[i]) (out ??= value.slice())[i] = v
    }
    return out ?? value
  }
  if (!isPlainObject(value)) return value
  let out: Doc | null = null
  for (const key of Object.keys(value)) {
    const v = value[key]
    if (v === undefined) {
      out ??= { ...value }
      delete out[key]
      continue
    }
    const w = withoutUndefined(v)
    if (w !== v) (out ??= { ...value })[key] = w
  }
  return out ?? value
}

/**
 * Relaxed Extended JSON of a stored value (bson's `EJSON.serialize(x, {relaxed: true})`), for people
 * to read: finite numbers stay numbers, dates are ISO strings with milliseconds (bson drops `.000`),
 * and a Long no double holds keeps its digits (bson would round it). `seed` reads it back.
 */
export function toRelaxedEjson(value: unknown): unknown {
  return EJSON.serialize(forPeople(withoutUndefined(value)) as Serializable, { relaxed: true })
}

function forPeople(value: unknown): unknown {
  if (value instanceof Date) {
    const year = value.getUTCFullYear()
    return year >= 1970 && year <= 9999 ? { $date: value.toISOString() } : value
  }
  // A Timestamp is a Long to `instanceof`; only a Long is rounded by bson's relaxed writer.
  if (isBsonValue(value) && value._bsontype === 'Long') return { $numberLong: value.toString() }
  if (Array.isArray(value)) return value.map(forPeople)
  if (!isPlainObject(value)) return value
  const out: Doc = {}
  for (const key of Object.keys(value)) out[key] = forPeople(value[key])
  return out
}

/**
 * The request with the EJSON fields its action reads decoded into stored values (`query`, `data`,
 * `order`, `projection`, `stages`): the one place a request meets the codec. Input errors are
 * INVALID_PARAM, as before decoding moved here.
 */
export function decodeRequest(req: AdminRequest, now: number): AdminRequest {
  const out: AdminRequest = { ...req }
  const optionalObject = (name: string): void => {
    if (req[name] !== undefined && req[name] !== null) out[name] = parseEjsonObject(req[name], name, now)
  }
  const query = (): void => {
    const q = req.query
    if (q === undefined || q === null || q === '') return void delete out.query
    if (typeof q === 'string') out.query = parseEjsonObject(q, 'query', now)
    else if (isPlainObject(q)) out.query = fromEjson(q, now, 'query')
    else throw invalid('query must be an EJSON string')
  }
  switch (req.action) {
    case 'database.insertDocument':
      if (Array.isArray(req.data)) out.data = req.data.map((text, i) => parseEjsonObject(text, `data[${i}]`, now))
      break
    case 'database.getDocument':
      query()
      optionalObject('projection')
      optionalObject('order')
      break
    case 'database.calculateDocument':
    case 'database.removeDocument':
      query()
      break
    case 'database.modifyDocument':
      query()
      if (typeof req.data === 'string') out.data = parseEjsonObject(req.data, 'data', now)
      else delete out.data
      break
    case 'database.aggregateDocuments':
      if (Array.isArray(req.stages)) {
        out.stages = req.stages.map((stage, i): Doc => {
          if (!isPlainObject(stage) || typeof stage.stageKey !== 'string') throw invalid(`stages[${i}] must be {stageKey, stageValue}`)
          const value = typeof stage.stageValue === 'string' ? parseEjson(stage.stageValue, `stages[${i}]`, now) : fromEjson(stage.stageValue, now, `stages[${i}]`)
          return { [stage.stageKey]: value }
        })
      }
      break
  }
  return out
}

/** The reply with its result documents (`data.list`) encoded as EJSON strings: the one place a reply meets the codec. */
export function encodeReply(reply: AdminReply): AdminReply {
  const data = reply.data
  if (!isPlainObject(data) || !Array.isArray(data.list)) return reply
  return { ...reply, data: { ...data, list: data.list.map(toEjson) } }
}

const STORED_BSON = new Set(['Long', 'Decimal128', 'Binary', 'Timestamp'])

/** A stored Long, Decimal128, Binary or Timestamp (a bson class instance, never a plain object). */
export function isBsonValue(value: unknown): value is BsonValue {
  return value !== null && typeof value === 'object' && !isPlainObject(value) && STORED_BSON.has((value as { _bsontype?: string })._bsontype ?? '')
}

/**
 * A sub-document: an object made by JSON.parse or an object literal (null-prototype ones too), not
 * an array, a Date, a RegExp or a bson value.
 */
export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** A deep copy of a stored value (Dates copied; RegExps and bson values shared: they are never mutated). */
export function cloneValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(cloneValue) as T
  if (value instanceof Date) return new Date(value.getTime()) as T
  if (!isPlainObject(value)) return value
  const out: Doc = {}
  for (const key of Object.keys(value)) out[key] = cloneValue(value[key])
  return out as T
}

/**
 * Checks that a document can be stored: field names must not start with `$` or contain `.`
 * (as in MongoDB 4), values must be of a storable type.
 */
export function assertStorable(doc: Doc, field: string): void {
  const walk = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) throw invalid(`${field}: document nested deeper than ${MAX_DEPTH} levels`)
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' || value === null) return
      throw invalid(`${field}: a value of type ${typeof value} cannot be stored`)
    }
    if (Array.isArray(value)) return value.forEach((v) => walk(v, depth + 1))
    if (value instanceof Date || value instanceof RegExp || isBsonValue(value)) return
    if (!isPlainObject(value)) throw invalid(`${field}: a value of class ${value.constructor?.name ?? 'unknown'} cannot be stored`)
    for (const key of Object.keys(value)) {
      if (key.startsWith('$')) throw invalid(`${field}: field names cannot start with $ (${key})`)
      if (key.includes('.')) throw invalid(`${field}: field names cannot contain "." (${key})`)
      walk(value[key], depth + 1)
    }
  }
  walk(doc, 0)
}
