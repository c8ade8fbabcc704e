import { Aggregator } from 'mingo/aggregator'
import { Context } from 'mingo/core'
import * as accumulatorOperators from 'mingo/operators/accumulator'
import * as expressionOperators from 'mingo/operators/expression'
import * as pipelineOperators from 'mingo/operators/pipeline'
import * as projectionOperators from 'mingo/operators/projection'
import * as queryOperators from 'mingo/operators/query'
import * as windowOperators from 'mingo/operators/window'
import { Query } from 'mingo/query'
import { CloudError } from '../errors'
import { type Doc, invalid, isPlainObject } from './ejson'
import { EXPRESSION_OPERATORS } from './expression-operators'
import { jsonSchemaValidator } from './json-schema'
import { GEO_QUERY_OPERATORS } from './geo'
import { QUERY_OPERATORS } from './query-operators'
import { compareValues, sortValue } from './values'

/** A stored document seen by a query: its key, value and rank in the default (insertion) order. */
export interface Row {
  key: string
  doc: Doc
  seq: number
}

/**
 * Options of every mingo query, update and pipeline. `$where`, `$function` and `$accumulator` would
 * run request-supplied JavaScript: never. The context is mingo's operators with ours in place of
 * those it gets wrong; it is built whole because mingo's own merge keeps the first operator of a name.
 */
export const MINGO_OPTIONS = {
  scriptEnabled: false,
  idKey: '_id',
  // mingo types its operator tables as unions of every built-in signature; ours have the general one.
  context: Context.init({
    accumulator: accumulatorOperators,
    expression: { ...expressionOperators, ...EXPRESSION_OPERATORS },
    pipeline: pipelineOperators,
    projection: projectionOperators,
    query: { ...queryOperators, ...QUERY_OPERATORS, ...GEO_QUERY_OPERATORS },
    window: windowOperators,
  } as never),
  jsonSchemaValidator,
} as const

const GEO = /\$(near|geoNear)\b/

/**
 * Turns a mingo failure on request input into INVALID_PARAM, naming what is not emulated; an
 * operator's own CloudError (the geo ones answer as MongoDB does) passes as it is.
 */
export function engineError(err: unknown, what: string): Error {
  if (err instanceof CloudError) return err
  const message = (err as Error)?.message ?? String(err)
  if (GEO.test(message)) return invalid(`${what}: geo operators are not supported by the emulator (${message})`)
  return invalid(`${what}: ${message}`)
}

/** A compiled filter; mingo rejects unknown operators here, so bad input fails before anything changes. */
export function compileFilter(filter: Doc): (doc: Doc) => boolean {
  if (Object.keys(filter).length === 0) return () => true
  let query: Query
  try {
    query = new Query(filter, MINGO_OPTIONS)
  } catch (err) {
    throw engineError(err, 'query')
  }
  return (doc) => {
    try {
      return query.test(doc)
    } catch (err) {
      throw engineError(err, 'query')
    }
  }
}

export type Order = Array<{ path: string[]; direction: 1 | -1 }>

/** `order` as the SDK sends it: an object whose key order is the sort priority, values 1 or -1. */
export function compileOrder(spec: Doc): Order {
  return Object.entries(spec).map(([field, dir]) => {
    if (field === '' || field.startsWith('$')) throw invalid(`order: bad field name ${JSON.stringify(field)}`)
    if (dir !== 1 && dir !== -1) throw invalid(`order: direction of ${field} must be 1 or -1`)
    return { path: field.split('.'), direction: dir }
  })
}

/** Sorts rows by the order keys; ties keep insertion order (the sort is stable). */
function sortRows<T extends Row>(rows: T[], order: Order): T[] {
  if (order.length === 0) return rows
  const keyed = rows.map((row) => ({ row, keys: order.map((o) => sortValue(row.doc, o.path, o.direction)) }))
  keyed.sort((a, b) => {
    for (let i = 0; i < order.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i])
      if (c !== 0) return c * order[i]!.direction
    }
    return a.row.seq - b.row.seq
  })
  return keyed.map((k) => k.row)
}

export interface Window {
  order: Order
  offset: number
  limit: number
}

/**
 * Matching rows in result order, windowed. Without an order it stops scanning as soon as
 * the window is full.
 */
export function selectRows<T extends Row>(candidates: Iterable<T>, test: (doc: Doc) => boolean, window: Window): T[] {
  const matched: T[] = []
  const stopAt = window.order.length === 0 ? window.offset + window.limit : Infinity
  for (const row of candidates) {
    if (!test(row.doc)) continue
    matched.push(row)
    if (matched.length >= stopAt) break
  }
  return sortRows(matched, window.order).slice(window.offset, window.offset + window.limit)
}

/** The stages a request may use (mingo's set without the writing ones, `$out` and `$merge`). */
const STAGES = new Set([
  '$addFields', '$bucket', '$bucketAuto', '$count', '$densify', '$facet', '$fill', '$graphLookup', '$group', '$limit', '$lookup',
  '$match', '$project', '$redact', '$replaceRoot', '$replaceWith', '$sample', '$set', '$setWindowFields', '$skip', '$sort',
  '$sortByCount', '$unionWith', '$unset', '$unwind',
])

/** Validates the stage names of a pipeline (values are validated by mingo when it runs). */
export function checkPipeline(pipeline: Doc[]): void {
  for (const stage of pipeline) {
    const keys = Object.keys(stage)
    if (keys.length !== 1) throw invalid('aggregate: each stage must have exactly one key')
    const name = keys[0]!
    if (name === '$geoNear') throw invalid('aggregate: geo operators are not supported by the emulator ($geoNear)')
    if (!STAGES.has(name)) throw invalid(`aggregate: unsupported stage ${name}`)
  }
}

/**
 * Runs a pipeline over documents the caller has already copied (mingo's stages modify their
 * input). `resolve` gives copies of another collection for `$lookup`, `$graphLookup` and `$unionWith`.
 */
export function runPipeline(docs: Doc[], pipeline: Doc[], resolve: (name: string) => Doc[]): Doc[] {
  try {
    const result = new Aggregator(pipeline, { ...MINGO_OPTIONS, collectionResolver: resolve }).run(docs) as unknown[]
    return result.map((d) => {
      if (!isPlainObject(d)) throw invalid('aggregate: every result must be a document')
      return d
    })
  } catch (err) {
    if (err instanceof CloudError) throw err
    throw engineError(err, 'aggregate')
  }
}
