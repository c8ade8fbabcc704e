import { type Doc, invalid, isPlainObject } from './ejson'
import { compileFilter } from './query'

type Slice = { skip: number; limit: number } | { count: number }

/** A projection node: a leaf rule, or the rules of the fields below a dotted prefix. */
type Rule = { kind: 'include' } | { kind: 'exclude' } | { kind: 'slice'; slice: Slice } | { kind: 'elemMatch'; test: (v: unknown) => boolean }
type Tree = Map<string, Rule | Tree>

/**
 * A compiled `field()` projection with MongoDB 4.4 semantics: inclusion or exclusion (never both,
 * except `_id: 0`), `$slice` and `$elemMatch`. A `$slice`/`$elemMatch` alone keeps the other fields.
 */
export interface Projection {
  inclusive: boolean
  keepId: boolean
  tree: Tree
}

/** Validates and compiles a projection spec (after EJSON decoding). */
export function compileProjection(spec: Doc): Projection {
  let inclusive = false
  let exclusive = false
  let keepId = true
  const tree: Tree = new Map()
  for (const [field, value] of Object.entries(spec)) {
    if (field === '' || field.startsWith('$') || field.split('.').includes('')) throw invalid(`projection: bad field name ${JSON.stringify(field)}`)
    const rule = toRule(field, value)
    if (field === '_id' && (rule.kind === 'include' || rule.kind === 'exclude')) {
      keepId = rule.kind === 'include'
      // `{_id: 1}` alone is an inclusion projection that keeps only `_id`.
      if (keepId) inclusive = true
      continue
    }
    if (rule.kind === 'include') inclusive = true
    if (rule.kind === 'exclude') exclusive = true
    insert(tree, field.split('.'), rule, field)
  }
  if (inclusive && exclusive) throw invalid('projection: cannot mix inclusion and exclusion')
  return { inclusive, keepId, tree }
}

function toRule(field: string, value: unknown): Rule {
  if (typeof value === 'boolean' || typeof value === 'number') return value ? { kind: 'include' } : { kind: 'exclude' }
  if (!isPlainObject(value) || Object.keys(value).length !== 1) throw invalid(`projection: unsupported value for ${field}`)
  if ('$slice' in value) return { kind: 'slice', slice: toSlice(field, value.$slice) }
  if ('$elemMatch' in value) {
    if (field.includes('.')) throw invalid(`projection: $elemMatch cannot be used on the nested field ${field}`)
    const cond = value.$elemMatch
    if (!isPlainObject(cond)) throw invalid(`projection: $elemMatch of ${field} must be an object`)
    // A condition made of operators ({$gt: 1}) tests the element itself; otherwise the element is a document.
    const onValue = Object.keys(cond).length > 0 && Object.keys(cond).every((k) => k.startsWith('$') && k !== '$and' && k !== '$or' && k !== '$nor')
    const test = compileFilter(onValue ? { v: cond } : cond)
    return { kind: 'elemMatch', test: (el) => (onValue ? test({ v: el }) : isPlainObject(el) && test(el)) }
  }
  throw invalid(`projection: unsupported operator ${Object.keys(value)[0]} for ${field}`)
}

function toSlice(field: string, v: unknown): Slice {
  if (Number.isInteger(v)) return { count: v as number }
  if (Array.isArray(v) && v.length === 2 && Number.isInteger(v[0]) && Number.isInteger(v[1]) && (v[1] as number) > 0) {
    return { skip: v[0] as number, limit: v[1] as number }
  }
  throw invalid(`projection: $slice of ${field} must be an integer or [skip, limit > 0]`)
}

function insert(tree: Tree, path: string[], rule: Rule, field: string): void {
  let node = tree
  for (let i = 0; i < path.length - 1; i++) {
    const next = node.get(path[i]!)
    if (next === undefined) node.set(path[i]!, (node = new Map()))
    else if (next instanceof Map) node = next
    else throw invalid(`projection: path collision at ${field}`)
  }
  const last = path[path.length - 1]!
  if (node.has(last)) throw invalid(`projection: path collision at ${field}`)
  node.set(last, rule)
}

/** Applies a projection; builds a new document and never modifies the stored one. */
export function project(doc: Doc, p: Projection): Doc {
  if (p.inclusive) {
    const out = pick(doc, p.tree)
    return p.keepId && '_id' in doc ? { _id: doc._id, ...out } : out
  }
  const out = drop(doc, p.tree)
  if (!p.keepId) delete out._id
  return out
}

/** Inclusion: only the listed paths (arrays of sub-documents are projected element by element). */
function pick(doc: Doc, tree: Tree): Doc {
  const out: Doc = {}
  for (const [key, value] of Object.entries(doc)) {
    const node = tree.get(key)
    if (node === undefined) continue
    const v = node instanceof Map ? pickValue(value, node) : applyRule(value, node)
    if (v !== undefined) out[key] = v
  }
  return out
}

function pickValue(value: unknown, tree: Tree): unknown {
  if (Array.isArray(value)) return value.filter(isPlainObject).map((el) => pick(el, tree))
  return isPlainObject(value) ? pick(value, tree) : undefined
}

/** Exclusion (or only `$slice`/`$elemMatch`): everything except the listed paths. */
function drop(doc: Doc, tree: Tree): Doc {
  const out: Doc = {}
  for (const [key, value] of Object.entries(doc)) {
    const node = tree.get(key)
    if (node === undefined) out[key] = value
    else if (node instanceof Map) out[key] = dropValue(value, node)
    else {
      const v = applyRule(value, node)
      if (v !== undefined) out[key] = v
    }
  }
  return out
}

function dropValue(value: unknown, tree: Tree): unknown {
  if (Array.isArray(value)) return value.map((el) => (isPlainObject(el) ? drop(el, tree) : el))
  return isPlainObject(value) ? drop(value, tree) : value
}

function applyRule(value: unknown, rule: Rule): unknown {
  switch (rule.kind) {
    case 'include':
      return value
    case 'exclude':
      return undefined
    case 'slice':
      return Array.isArray(value) ? slice(value, rule.slice) : value
    case 'elemMatch': {
      if (!Array.isArray(value)) return undefined
      const hit = value.find(rule.test)
      return hit === undefined ? undefined : [hit]
    }
  }
}

function slice(arr: unknown[], s: Slice): unknown[] {
  if ('count' in s) return s.count >= 0 ? arr.slice(0, s.count) : arr.slice(s.count)
  const start = s.skip >= 0 ? s.skip : Math.max(0, arr.length + s.skip)
  return arr.slice(start, start + s.limit)
}
