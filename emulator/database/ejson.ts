import { CloudError } from '../errors'

/** A stored document: plain objects, arrays, strings, numbers, booleans, null, Date and RegExp. */
export type Doc = Record<string, unknown>

/** MongoDB's nesting limit; deeper input is refused instead of risking the stack. */
const MAX_DEPTH = 100

/** The JavaScript flags a BSON regular expression may carry (`x` and `l` have no JS equivalent). */
const REGEX_FLAGS = new Set(['i', 'm', 's', 'u'])

/** The error for bad request input: INVALID_PARAM (errCode -501007 in the SDK). */
export function invalid(message: string): CloudError {
  return new CloudError('INVALID_PARAM', message)
}

/**
 * Parses one EJSON string of a request (`query`, `data`, `order`, `projection`, a stage value).
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
 * Converts parsed JSON in canonical or relaxed Extended JSON into stored values:
 * `$numberInt/Long/Double/Decimal` → number, `$date` → Date, `$regularExpression` → RegExp,
 * `$oid` → hex string, `$tcb_server_date` → Date(now + offset). Other `$`-keys stay as they are
 * (they are query or update operators).
 */
export function fromEjson(value: unknown, now: number | null, field: string, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value
  if (depth > MAX_DEPTH) throw invalid(`${field} is nested deeper than ${MAX_DEPTH} levels`)
  if (Array.isArray(value)) return value.map((v) => fromEjson(v, now, field, depth + 1))
  const obj = value as Record<string, unknown>
  const keys = Object.keys(obj)
  if (keys.length === 1 && keys[0]!.startsWith('$')) {
    const special = fromWrapper(keys[0]!, obj[keys[0]!], now, field)
    if (special !== NOT_SPECIAL) return special
  }
  const out: Doc = {}
  for (const key of keys) {
    if (key === '__proto__') throw invalid(`${field}: the field name __proto__ is not allowed`)
    out[key] = fromEjson(obj[key], now, field, depth + 1)
  }
  return out
}

const NOT_SPECIAL = Symbol('not special')

function fromWrapper(key: string, inner: unknown, now: number | null, field: string): unknown {
  switch (key) {
    case '$numberInt':
    case '$numberLong':
    case '$numberDouble':
    case '$numberDecimal': {
      if (typeof inner !== 'string') throw invalid(`${field}: ${key} must hold a string`)
      const n = Number(inner)
      if (Number.isNaN(n) && inner !== 'NaN') throw invalid(`${field}: bad ${key} ${JSON.stringify(inner)}`)
      return n
    }
    case '$date': {
      let ms: number
      if (typeof inner === 'string') ms = Date.parse(inner)
      else if (typeof inner === 'number') ms = inner
      else if (isPlainObject(inner) && typeof inner.$numberLong === 'string') ms = Number(inner.$numberLong)
      else throw invalid(`${field}: bad $date`)
      if (!Number.isFinite(ms)) throw invalid(`${field}: bad $date`)
      return new Date(ms)
    }
    case '$regularExpression': {
      if (!isPlainObject(inner) || typeof inner.pattern !== 'string') throw invalid(`${field}: bad $regularExpression`)
      return toRegExp(inner.pattern, typeof inner.options === 'string' ? inner.options : '', field)
    }
    case '$oid':
      if (typeof inner !== 'string' || !/^[0-9a-fA-F]{24}$/.test(inner)) throw invalid(`${field}: bad $oid`)
      return inner.toLowerCase()
    case '$symbol':
      if (typeof inner !== 'string') throw invalid(`${field}: bad $symbol`)
      return inner
    case '$tcb_server_date': {
      if (now === null) throw invalid(`${field}: serverDate is not allowed here`)
      const offset = isPlainObject(inner) ? fromEjson(inner.offset, now, field) : undefined
      if (offset !== undefined && (typeof offset !== 'number' || !Number.isFinite(offset))) throw invalid(`${field}: serverDate offset must be a number`)
      return new Date(now + (offset ?? 0))
    }
    case '$binary':
    case '$code':
    case '$timestamp':
    case '$minKey':
    case '$maxKey':
    case '$dbPointer':
    case '$undefined':
      throw invalid(`${field}: the BSON type ${key} is not supported by the emulator`)
    default:
      return NOT_SPECIAL
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

/**
 * Canonical Extended JSON (what `EJSON.stringify(x, {relaxed: false})` of bson 4 writes) for a
 * stored value: the form result lists and the journal use. Undefined object members are dropped.
 */
export function toEjson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
      return numberToEjson(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'undefined':
      return 'null'
    case 'object': {
      if (value === null) return 'null'
      if (Array.isArray(value)) {
        let out = '['
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + toEjson(value[i])
        return `${out}]`
      }
      if (value instanceof Date) return `{"$date":{"$numberLong":"${value.getTime()}"}}`
      if (value instanceof RegExp) {
        const options = [...value.flags].filter((f) => REGEX_FLAGS.has(f)).sort().join('')
        return `{"$regularExpression":{"pattern":${JSON.stringify(value.source)},"options":"${options}"}}`
      }
      let out = '{'
      let first = true
      for (const key of Object.keys(value)) {
        const v = (value as Doc)[key]
        if (v === undefined) continue
        out += `${first ? '' : ','}${JSON.stringify(key)}:${toEjson(v)}`
        first = false
      }
      return `${out}}`
    }
    default:
      throw new CloudError('DATABASE_REQUEST_FAILED', `cannot store a value of type ${typeof value}`)
  }
}

/**
 * Relaxed Extended JSON (what `EJSON.serialize(x, {relaxed: true})` of bson 4 gives) for a stored
 * value, for people to read: finite numbers stay numbers, dates are ISO strings. `seed` reads it back.
 */
export function toRelaxedEjson(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $numberDouble: String(value) }
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(toRelaxedEjson)
  if (value instanceof Date) {
    const year = value.getUTCFullYear()
    return { $date: year >= 1970 && year <= 9999 ? value.toISOString() : { $numberLong: String(value.getTime()) } }
  }
  if (value instanceof RegExp) return { $regularExpression: { pattern: value.source, options: [...value.flags].filter((f) => REGEX_FLAGS.has(f)).sort().join('') } }
  const out: Doc = {}
  for (const key of Object.keys(value)) if ((value as Doc)[key] !== undefined) out[key] = toRelaxedEjson((value as Doc)[key])
  return out
}

function numberToEjson(n: number): string {
  if (Number.isInteger(n)) {
    if (n >= -2147483648 && n <= 2147483647) return `{"$numberInt":"${n}"}`
    if (Number.isSafeInteger(n)) return `{"$numberLong":"${n}"}`
  }
  return `{"$numberDouble":"${String(n)}"}`
}

/** A sub-document: an object that is not an array, a Date or a RegExp. */
export function isPlainObject(value: unknown): value is Doc {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof RegExp)
}

/** A deep copy of a stored value (Dates copied, RegExps shared: they are never mutated). */
export function cloneValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(cloneValue) as T
  if (value instanceof Date) return new Date(value.getTime()) as T
  if (value instanceof RegExp) return value
  const out: Doc = {}
  for (const key of Object.keys(value)) out[key] = cloneValue((value as Doc)[key])
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
    if (value instanceof Date || value instanceof RegExp) return
    if (Array.isArray(value)) return value.forEach((v) => walk(v, depth + 1))
    for (const key of Object.keys(value)) {
      if (key.startsWith('$')) throw invalid(`${field}: field names cannot start with $ (${key})`)
      if (key.includes('.')) throw invalid(`${field}: field names cannot contain "." (${key})`)
      walk((value as Doc)[key], depth + 1)
    }
  }
  walk(doc, 0)
}
