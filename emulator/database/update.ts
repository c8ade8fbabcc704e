import { update as mingoUpdate } from 'mingo/updater'
import { assertStorable, cloneValue, type Doc, invalid, isBsonValue, isPlainObject } from './ejson'
import { engineError, MINGO_OPTIONS } from './query'
import { fieldOf, sameValue } from './values'

/** `modifyDocument.data`: operators to apply (merge: true) or a whole replacement (merge: false). */
export type UpdateSpec = { kind: 'operators'; ops: Doc } | { kind: 'replace'; doc: Doc }

const OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pop', '$addToSet', '$pull', '$pullAll', '$currentDate', '$bit'])

/**
 * Validates `data` of a modifyDocument request. With merge, plain fields mean `$set`
 * (the SDK already flattens nested objects into dotted paths); mixing both is refused.
 */
export function compileUpdate(data: Doc, merge: boolean): UpdateSpec {
  const keys = Object.keys(data)
  const ops = keys.filter((k) => k.startsWith('$'))
  if (!merge) {
    if (ops.length > 0) throw invalid(`data: a replacement (set) cannot contain the operator ${ops[0]}`)
    assertStorable(data, 'data')
    return { kind: 'replace', doc: data }
  }
  if (ops.length === 0) return compileOperators({ $set: data })
  if (ops.length !== keys.length) throw invalid('data: cannot mix update operators and plain fields')
  return compileOperators(data)
}

function compileOperators(ops: Doc): UpdateSpec {
  const paths: string[] = []
  for (const [op, fields] of Object.entries(ops)) {
    if (!OPERATORS.has(op)) throw invalid(`data: unknown update operator ${op}`)
    if (!isPlainObject(fields)) throw invalid(`data: the value of ${op} must be an object`)
    for (const [path, value] of Object.entries(fields)) {
      if (path === '' || path.split('.').includes('')) throw invalid(`data: bad field path ${JSON.stringify(path)}`)
      if (path === '_id' || path.startsWith('_id.')) throw invalid('data: _id cannot be updated')
      if ((op === '$inc' || op === '$mul') && typeof value !== 'number') throw invalid(`data: ${op} needs a number for ${path}`)
      if (op === '$rename') {
        if (typeof value !== 'string' || value === '') throw invalid(`data: $rename of ${path} needs a field name`)
        if (value === '_id' || value.startsWith('_id.')) throw invalid('data: _id cannot be updated')
        paths.push(value)
      }
      paths.push(path.split('.$')[0]!)
    }
  }
  // MongoDB refuses two operators touching the same path, or a path and one of its parents.
  const all = new Set<string>()
  for (const p of paths) {
    if (all.has(p)) throw invalid(`data: updating the path ${p} would create a conflict`)
    all.add(p)
  }
  for (const p of paths) {
    const segs = p.split('.')
    for (let i = 1; i < segs.length; i++) if (all.has(segs.slice(0, i).join('.'))) throw invalid(`data: updating the path ${p} would create a conflict`)
  }
  return { kind: 'operators', ops }
}

/** Value at a plain dotted path (no array fan-out), for the checks MongoDB makes before `$inc`. */
function plainValueAt(doc: Doc, path: string): unknown {
  let cur: unknown = doc
  for (const seg of path.split('.')) {
    if (!isPlainObject(cur) && !Array.isArray(cur)) return undefined
    cur = fieldOf(cur as Doc, seg)
  }
  return cur
}

/** What a missing field counts as for the operators that read it before writing (MongoDB's semantics). */
const MISSING_AS = new Map<string, (operand: unknown) => unknown>([
  ['$inc', () => 0],
  ['$mul', () => 0],
  ['$bit', () => 0],
  ['$push', () => []],
  ['$addToSet', () => []],
  ['$min', cloneValue],
  ['$max', cloneValue],
])
/** Operators that never create a field. */
const REMOVING = new Set(['$unset', '$pop', '$pull', '$pullAll'])
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype))

/**
 * mingo reads fields through the prototype chain, so a missing `constructor` or `toString` is a
 * function to it: `$inc` or `$push` on one changes nothing, and a path through one sets nothing.
 * For a creating operator's path (through documents, no positional `$`) that holds such a name,
 * create what is missing first: parents as empty documents, as MongoDB would, and a leaf the
 * operator reads as the value MongoDB starts from.
 */
function ownPrototypeNames(doc: Doc, ops: Doc): void {
  for (const [op, fields] of Object.entries(ops)) {
    if (REMOVING.has(op) || !isPlainObject(fields)) continue
    for (const [path, operand] of Object.entries(fields)) {
      // $rename creates its target, and only when the source exists.
      if (op === '$rename' && plainValueAt(doc, path) === undefined) continue
      const segs = (op === '$rename' ? String(operand) : path).split('.')
      if (!segs.some((seg) => PROTOTYPE_NAMES.has(seg)) || segs.some((seg) => seg.startsWith('$'))) continue
      let cur: unknown = doc
      for (const [i, seg] of segs.entries()) {
        if (!isPlainObject(cur)) break
        if (!Object.prototype.hasOwnProperty.call(cur, seg)) {
          const start = MISSING_AS.get(op)
          if (i < segs.length - 1) cur[seg] = {}
          else if (start && PROTOTYPE_NAMES.has(seg)) cur[seg] = start(operand)
        }
        cur = fieldOf(cur, seg)
      }
    }
  }
}

/**
 * The document after the update, as a new object (the stored one is left untouched), and whether
 * it differs. `filter` is the query, for the positional `$` operator; `now` feeds `$currentDate`.
 */
export function applyUpdate(doc: Doc, spec: UpdateSpec, filter: Doc, now: number): { doc: Doc; changed: boolean } {
  if (spec.kind === 'replace') {
    if ('_id' in spec.doc && !sameValue(spec.doc._id, doc._id)) throw invalid('data: _id cannot be changed')
    const next: Doc = { _id: doc._id, ...cloneValue(spec.doc) }
    return { doc: next, changed: !sameValue(next, doc) }
  }
  const next = cloneValue(doc)
  const ops: Doc = { ...spec.ops }
  for (const op of ['$inc', '$mul']) {
    for (const path of Object.keys((ops[op] as Doc | undefined) ?? {})) {
      const current = plainValueAt(next, path)
      // Arithmetic on a Long no double holds, or on a Decimal128, is not emulated: refused rather than wrong.
      if (isBsonValue(current) && current._bsontype !== 'Binary' && current._bsontype !== 'Timestamp') throw invalid(`data: ${op} of the ${current._bsontype} field ${path} is not supported by the emulator`)
      if (current !== undefined && current !== null && typeof current !== 'number') throw invalid(`data: cannot apply ${op} to the non-numeric field ${path}`)
    }
  }
  if (ops.$currentDate) {
    // mingo would read the wall clock; the emulator's clock is injected.
    const set: Doc = { ...((ops.$set as Doc | undefined) ?? {}) }
    for (const path of Object.keys(ops.$currentDate as Doc)) set[path] = new Date(now)
    ops.$set = set
    delete ops.$currentDate
  }
  ownPrototypeNames(next, ops)
  let changedPaths: string[]
  try {
    // mingo ignores $sort when $push creates the array; MongoDB sorts it. Start from an empty array.
    for (const [path, mod] of Object.entries((ops.$push as Doc | undefined) ?? {})) {
      if (isPlainObject(mod) && '$sort' in mod && plainValueAt(next, path) === undefined) mingoUpdate(next, { $set: { [path]: [] } } as never)
    }
    changedPaths = mingoUpdate(next, cloneValue(ops) as never, [], filter as never, { cloneMode: 'deep', queryOptions: MINGO_OPTIONS })
  } catch (err) {
    throw engineError(err, 'update')
  }
  assertStorable(next, 'data')
  return { doc: next, changed: changedPaths.length > 0 || !sameValue(next, doc) }
}

/**
 * The document an upsert inserts when nothing matched: the equality fields of the filter, then
 * the update (operators) or the replacement.
 */
export function upsertDocument(id: unknown, filter: Doc, spec: UpdateSpec, now: number): Doc {
  if (spec.kind === 'replace') {
    if ('_id' in spec.doc && !sameValue(spec.doc._id, id)) throw invalid('data: _id cannot be changed')
    return { _id: id, ...cloneValue(spec.doc) }
  }
  const base: Doc = { _id: id }
  for (const [field, cond] of Object.entries(filter)) {
    if (field.startsWith('$') || field === '_id') continue
    if (isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith('$'))) continue
    if (cond instanceof RegExp) continue
    try {
      const set = { $set: { [field]: cloneValue(cond) } }
      ownPrototypeNames(base, set)
      mingoUpdate(base, set as never)
    } catch (err) {
      throw engineError(err, 'upsert')
    }
  }
  // The filter already failed to match: it must not gate the update of the new document.
  return applyUpdate(base, spec, {}, now).doc
}
