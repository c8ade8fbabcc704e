import { type Doc, invalid, isBsonValue, isPlainObject } from './ejson'
import { compareValues } from './values'

/**
 * `$jsonSchema` as MongoDB implements it: JSON Schema draft 4 with MongoDB's keyword subset and its
 * `bsonType` extension (mingo ships the operator but no validator). A bad schema is INVALID_PARAM,
 * as MongoDB refuses it before matching anything.
 */

type Check = (value: unknown) => boolean

/** A stored bson value of that type (see ejson.ts). */
const bson =
  (type: string): Check =>
  (v) =>
    isBsonValue(v) && v._bsontype === type

const JSON_TYPES: Record<string, Check> = {
  object: isPlainObject,
  array: Array.isArray,
  // MongoDB's `number` is every numeric BSON type.
  number: (v) => typeof v === 'number' || bson('Long')(v) || bson('Decimal128')(v),
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
}

const isInt32 = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647
// Stored numbers are typed the way the journal and replies encode them (bson's canonical EJSON): an
// integer is int32 when it fits, else int64 up to 2^63 (a Long when no double holds it), else a double.
const isInt64 = (v: unknown): boolean => (typeof v === 'number' && Number.isInteger(v) && !isInt32(v) && Math.abs(v) <= 2 ** 63) || bson('Long')(v)
const never: Check = () => false

/** The `$type` aliases `bsonType` accepts; types the emulator cannot store never match. */
const BSON_TYPES: Record<string, Check> = {
  ...JSON_TYPES,
  double: (v) => typeof v === 'number' && !isInt32(v) && !isInt64(v),
  int: isInt32,
  long: isInt64,
  decimal: bson('Decimal128'),
  bool: JSON_TYPES.boolean!,
  date: (v) => v instanceof Date,
  regex: (v) => v instanceof RegExp,
  binData: bson('Binary'),
  undefined: never,
  objectId: never,
  dbPointer: never,
  javascript: never,
  symbol: never,
  javascriptWithScope: never,
  timestamp: bson('Timestamp'),
  minKey: never,
  maxKey: never,
}

/** Draft 4 keywords that MongoDB leaves out. */
const OMITTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id'])

const fail = (message: string): never => {
  throw invalid(`$jsonSchema: ${message}`)
}

const count = (keyword: string, v: unknown): number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fail(`${keyword} must be a non-negative integer`)

const number = (keyword: string, v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : fail(`${keyword} must be a number`))

const bool = (keyword: string, v: unknown): boolean => (typeof v === 'boolean' ? v : fail(`${keyword} must be a boolean`))

function schemaList(keyword: string, v: unknown): Check[] {
  if (!Array.isArray(v) || v.length === 0) return fail(`${keyword} must be a non-empty array of schemas`)
  return v.map(compile)
}

function typeChecks(keyword: string, v: unknown, table: Record<string, Check>): Check {
  const names = Array.isArray(v) ? v : [v]
  if (names.length === 0) return fail(`${keyword} must name at least one type`)
  const checks = names.map((name) => {
    if (keyword === 'type' && name === 'integer') return fail("type 'integer' is not supported; use bsonType 'int' or 'long'")
    if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(table, name)) return fail(`unknown ${keyword} ${JSON.stringify(name)}`)
    return table[name]!
  })
  return (value) => checks.some((c) => c(value))
}

/** A check that applies only to values of one kind (draft 4: other values pass it). */
const on =
  <T>(kind: (v: unknown) => v is T, check: (v: T) => boolean): Check =>
  (v) =>
    !kind(v) || check(v)

const isNumber = (v: unknown): v is number => typeof v === 'number'
const isString = (v: unknown): v is string => typeof v === 'string'
const isArray = (v: unknown): v is unknown[] => Array.isArray(v)

function compile(schema: unknown): Check {
  if (!isPlainObject(schema)) return fail('a schema must be an object')
  if ('type' in schema && 'bsonType' in schema) fail("cannot specify both 'type' and 'bsonType'")
  const checks: Check[] = []
  for (const [keyword, v] of Object.entries(schema)) {
    switch (keyword) {
      case 'type':
        checks.push(typeChecks(keyword, v, JSON_TYPES))
        break
      case 'bsonType':
        checks.push(typeChecks(keyword, v, BSON_TYPES))
        break
      case 'enum': {
        if (!Array.isArray(v) || v.length === 0) fail('enum must be a non-empty array')
        const values = v as unknown[]
        checks.push((value) => values.some((e) => compareValues(e, value) === 0))
        break
      }
      case 'minimum': {
        const min = number(keyword, v)
        const exclusive = schema.exclusiveMinimum === undefined ? false : bool('exclusiveMinimum', schema.exclusiveMinimum)
        checks.push(on(isNumber, (n) => (exclusive ? n > min : n >= min)))
        break
      }
      case 'maximum': {
        const max = number(keyword, v)
        const exclusive = schema.exclusiveMaximum === undefined ? false : bool('exclusiveMaximum', schema.exclusiveMaximum)
        checks.push(on(isNumber, (n) => (exclusive ? n < max : n <= max)))
        break
      }
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        bool(keyword, v)
        if (!((keyword === 'exclusiveMinimum' ? 'minimum' : 'maximum') in schema)) fail(`${keyword} needs ${keyword === 'exclusiveMinimum' ? 'minimum' : 'maximum'}`)
        break
      case 'multipleOf': {
        const m = number(keyword, v)
        if (m <= 0) fail('multipleOf must be greater than 0')
        checks.push(on(isNumber, (n) => n % m === 0))
        break
      }
      case 'minLength': {
        const min = count(keyword, v)
        checks.push(on(isString, (s) => Array.from(s).length >= min))
        break
      }
      case 'maxLength': {
        const max = count(keyword, v)
        checks.push(on(isString, (s) => Array.from(s).length <= max))
        break
      }
      case 'pattern': {
        if (typeof v !== 'string') fail('pattern must be a string')
        let re: RegExp
        try {
          re = new RegExp(v as string)
        } catch (err) {
          return fail(`bad pattern: ${(err as Error).message}`)
        }
        checks.push(on(isString, (s) => re.test(s)))
        break
      }
      case 'minItems': {
        const min = count(keyword, v)
        checks.push(on(isArray, (a) => a.length >= min))
        break
      }
      case 'maxItems': {
        const max = count(keyword, v)
        checks.push(on(isArray, (a) => a.length <= max))
        break
      }
      case 'uniqueItems':
        if (bool(keyword, v)) checks.push(on(isArray, (a) => a.every((x, i) => a.findIndex((y) => compareValues(x, y) === 0) === i)))
        break
      case 'items': {
        if (Array.isArray(v)) {
          const tuple = v.map(compile)
          const extra = schema.additionalItems
          const rest: Check = extra === undefined || extra === true ? () => true : extra === false ? () => false : compile(extra)
          checks.push(on(isArray, (a) => a.every((x, i) => (i < tuple.length ? tuple[i]!(x) : rest(x)))))
        } else {
          const each = compile(v)
          checks.push(on(isArray, (a) => a.every(each)))
        }
        break
      }
      case 'additionalItems':
        if (typeof v !== 'boolean') compile(v)
        break
      case 'minProperties': {
        const min = count(keyword, v)
        checks.push(on(isPlainObject, (o) => Object.keys(o).length >= min))
        break
      }
      case 'maxProperties': {
        const max = count(keyword, v)
        checks.push(on(isPlainObject, (o) => Object.keys(o).length <= max))
        break
      }
      case 'required': {
        if (!Array.isArray(v) || v.length === 0 || !v.every((k) => typeof k === 'string')) fail('required must be a non-empty array of strings')
        const names = v as string[]
        checks.push(on(isPlainObject, (o) => names.every((k) => Object.prototype.hasOwnProperty.call(o, k))))
        break
      }
      case 'properties':
        checks.push(objectCheck(schema))
        break
      case 'patternProperties':
      case 'additionalProperties':
        // Compiled with `properties` (they decide together which fields are "additional").
        if (!('properties' in schema) && (keyword === 'additionalProperties' || !('additionalProperties' in schema))) checks.push(objectCheck(schema))
        break
      case 'dependencies': {
        if (!isPlainObject(v)) fail('dependencies must be an object')
        const deps = Object.entries(v as Doc).map(([field, dep]): [string, Check] => {
          if (Array.isArray(dep)) {
            if (!dep.every((k) => typeof k === 'string')) fail(`dependencies.${field} must list field names`)
            return [field, (o) => dep.every((k) => Object.prototype.hasOwnProperty.call(o as Doc, k))]
          }
          return [field, compile(dep)]
        })
        checks.push(on(isPlainObject, (o) => deps.every(([field, dep]) => !Object.prototype.hasOwnProperty.call(o, field) || dep(o))))
        break
      }
      case 'allOf': {
        const all = schemaList(keyword, v)
        checks.push((value) => all.every((c) => c(value)))
        break
      }
      case 'anyOf': {
        const any = schemaList(keyword, v)
        checks.push((value) => any.some((c) => c(value)))
        break
      }
      case 'oneOf': {
        const one = schemaList(keyword, v)
        checks.push((value) => one.filter((c) => c(value)).length === 1)
        break
      }
      case 'not': {
        const not = compile(v)
        checks.push((value) => !not(value))
        break
      }
      case 'title':
      case 'description':
        if (typeof v !== 'string') fail(`${keyword} must be a string`)
        break
      default:
        fail(OMITTED.has(keyword) ? `keyword '${keyword}' is not supported by MongoDB` : `unknown keyword '${keyword}'`)
    }
  }
  return (value) => checks.every((c) => c(value))
}

/** `properties`, `patternProperties` and `additionalProperties` of one schema, as one check. */
function objectCheck(schema: Doc): Check {
  const props = schema.properties === undefined ? {} : isPlainObject(schema.properties) ? schema.properties : fail('properties must be an object')
  const named = new Map(Object.entries(props).map(([k, s]) => [k, compile(s)]))
  const patterns = schema.patternProperties === undefined ? {} : isPlainObject(schema.patternProperties) ? schema.patternProperties : fail('patternProperties must be an object')
  const matched = Object.entries(patterns).map(([p, s]): [RegExp, Check] => {
    try {
      return [new RegExp(p), compile(s)]
    } catch (err) {
      return fail(`bad patternProperties key ${JSON.stringify(p)}: ${(err as Error).message}`)
    }
  })
  const extra = schema.additionalProperties
  const additional: Check = extra === undefined || extra === true ? () => true : extra === false ? () => false : compile(extra)
  return on(isPlainObject, (o) =>
    Object.entries(o).every(([k, value]) => {
      const own = named.get(k)
      const byPattern = matched.filter(([re]) => re.test(k))
      if (own && !own(value)) return false
      if (!byPattern.every(([, c]) => c(value))) return false
      return own !== undefined || byPattern.length > 0 || additional(value)
    }),
  )
}

/** The validator mingo's `$jsonSchema` operator calls (its `jsonSchemaValidator` option). */
export function jsonSchemaValidator(schema: Doc): (doc: unknown) => boolean {
  return compile(schema)
}
