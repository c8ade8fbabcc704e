import { Query } from 'mingo/query'
import { $gt as mingoGt, $gte as mingoGte, $in as mingoIn, $lt as mingoLt, $lte as mingoLte } from 'mingo/operators/query'
import type { Options } from 'mingo/types'
import { type Doc, isBsonValue, isPlainObject } from './ejson'
import { compareValues, valuesAtPath } from './values'

/**
 * Query operators where mingo 7.2.7 answers differently from MongoDB (which CloudBase runs); each
 * replaces mingo's operator of the same name. Sources are cited in docs/emulator.md.
 */

type Predicate = (doc: Doc) => boolean
/** mingo's query operator shape: compiled once per query, then tested on each document. */
export type QueryOperator = (selector: string, value: unknown, options: Options) => Predicate

/** Operators that stand for a whole query rather than a condition on one value (MongoDB's "pathless" ones). */
const PATHLESS = new Set(['$and', '$or', '$nor', '$expr', '$where', '$jsonSchema', '$comment', '$text'])

/** The arrays a path reaches, without expanding them (how MongoDB feeds its array operators). */
function arraysAt(doc: unknown, selector: string): unknown[][] {
  return valuesAtPath(doc, selector.split('.')).filter(Array.isArray)
}

/** An array element that MongoDB treats as a document: a sub-document, or an array keyed by index. */
function asDocument(el: unknown): Doc | null {
  if (isPlainObject(el)) return el
  if (Array.isArray(el)) return Object.fromEntries(el.map((v, i) => [String(i), v]))
  return null
}

/**
 * The test `$elemMatch` applies to each element. With field conditions (`{value: _.exists(true)}`)
 * only documents can match; mingo also tried plain values, so `['Go']` matched. Conditions that are
 * all operators (`{$gt: 4}`) test the element itself.
 */
function elementTest(criteria: unknown, options: Options): (el: unknown) => boolean {
  if (!isPlainObject(criteria)) throw new Error('$elemMatch needs an Object')
  const first = Object.keys(criteria)[0]
  if (first !== undefined && first.startsWith('$') && !PATHLESS.has(first)) {
    const query = new Query({ v: criteria }, options)
    return (el) => query.test({ v: el })
  }
  const query = new Query(criteria, options)
  return (el) => {
    const doc = asDocument(el)
    return doc !== null && query.test(doc)
  }
}

const $elemMatch: QueryOperator = (selector, criteria, options) => {
  const test = elementTest(criteria, options)
  return (doc) => arraysAt(doc, selector).some((arr) => arr.some(test))
}

/**
 * `$all` is the `$and` of its members (MongoDB's definition), so it also matches a scalar field
 * (`{a: 5}` for `[5]`), a field equal to a nested array, and `$elemMatch` members with the rule above.
 */
const $all: QueryOperator = (selector, values, options) => {
  if (!Array.isArray(values)) throw new Error('$all needs an array')
  if (values.length === 0) return () => false
  const isElemMatch = (v: unknown): boolean => isPlainObject(v) && Object.keys(v)[0] === '$elemMatch'
  const elemMatches = values.filter(isElemMatch).length
  if (elemMatches > 0 && elemMatches < values.length) throw new Error('$all/$elemMatch has to be consistent')
  const clauses = values.map((v): Predicate => {
    if (isElemMatch(v)) return $elemMatch(selector, (v as Doc).$elemMatch, options)
    if (isPlainObject(v) && Object.keys(v).some((k) => k.startsWith('$'))) throw new Error('no $ expressions in $all')
    const query = new Query({ [selector]: v instanceof RegExp ? v : { $eq: v } }, options)
    return (doc) => query.test(doc)
  })
  return (doc) => clauses.every((clause) => clause(doc))
}

/**
 * `$in` is the `$or` of equalities, and equality with an array also matches a field holding exactly
 * that array (`['x', 'y']` in `[['x', 'y']]`), which mingo's `$in` misses.
 */
const $in: QueryOperator = (selector, values, options) => {
  if (!Array.isArray(values)) throw new Error('$in needs an array')
  const base = mingoIn(selector, values, options) as Predicate
  const whole = values.filter(Array.isArray).map((v) => new Query({ [selector]: { $eq: v } }, options))
  if (whole.length === 0) return base
  return (doc) => base(doc) || whole.some((query) => query.test(doc))
}

const $nin: QueryOperator = (selector, values, options) => {
  const matches = $in(selector, values, options)
  return (doc) => !matches(doc)
}

/**
 * `$size` counts each array the path reaches; mingo counted the values gathered across array
 * elements, so `{'a.b': {$size: 2}}` matched `a: [{b: 1}, {b: 2}]`.
 */
const $size: QueryOperator = (selector, size) => {
  if (typeof size !== 'number') throw new Error('$size needs a number')
  if (!Number.isInteger(size)) throw new Error('$size must be a whole number')
  if (size < 0) throw new Error('$size may not be negative')
  return (doc) => arraysAt(doc, selector).some((arr) => arr.length === size)
}

/** A stored Long or Decimal128 (see ejson.ts). */
const isBsonNumber = (v: unknown): boolean => isBsonValue(v) && (v._bsontype === 'Long' || v._bsontype === 'Decimal128')

/**
 * `$gt`, `$gte`, `$lt`, `$lte` across the numeric types, as MongoDB compares them (by value): mingo
 * compares only values of one JavaScript type, and a Long or Decimal128 by its text. Plain numbers on
 * both sides stay mingo's.
 */
function numericRange(mingo: unknown, holds: (c: number) => boolean): QueryOperator {
  return (selector, bound, options) => {
    const base = (mingo as QueryOperator)(selector, bound, options)
    if (typeof bound !== 'number' && !isBsonNumber(bound)) return base
    const kind = isBsonNumber(bound) ? (v: unknown) => typeof v === 'number' || isBsonNumber(v) : isBsonNumber
    const exact: Predicate = (doc) =>
      valuesAtPath(doc, selector.split('.')).some((found) => (Array.isArray(found) ? found : [found]).some((v) => kind(v) && holds(compareValues(v, bound))))
    return isBsonNumber(bound) ? exact : (doc) => base(doc) || exact(doc)
  }
}

export const QUERY_OPERATORS: Record<string, QueryOperator> = {
  $all,
  $elemMatch,
  $in,
  $nin,
  $size,
  $gt: numericRange(mingoGt, (c) => c > 0),
  $gte: numericRange(mingoGte, (c) => c >= 0),
  $lt: numericRange(mingoLt, (c) => c < 0),
  $lte: numericRange(mingoLte, (c) => c <= 0),
}
