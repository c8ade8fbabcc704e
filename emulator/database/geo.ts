import type { Options } from 'mingo/types'
import { CloudError } from '../errors'
import { type Doc, isPlainObject } from './ejson'
import { valuesAtPath } from './values'

/**
 * Geo queries as CloudBase runs them on MongoDB's 2dsphere: `$nearSphere` (what `_.geoNear` compiles
 * to), `$geoWithin` and `$geoIntersects` over GeoJSON, on a sphere, with edges as great-circle arcs.
 * Sources are cited in docs/emulator.md.
 */

/** MongoDB's Earth radius for spherical queries (`kRadiusOfEarthInMeters`, src/mongo/db/geo/geoconstants.h). */
export const EARTH_RADIUS_M = 6_378_100

/** A point on the unit sphere. */
type Vec = readonly [number, number, number]

/** A geometry in unit vectors: its lone points, polylines, and polygons (rings, the first one outer). */
interface Shape {
  points: Vec[]
  lines: Vec[][]
  polygons: Vec[][][]
}

/** Below this angle (about 6 mm on the ground) two points are the same point. */
const EPS = 1e-9
const RAD = Math.PI / 180

/** MongoDB's answer to a bad geo query or document: a BadValue, which CloudBase passes on as -502001. */
function badValue(message: string): CloudError {
  return new CloudError('DATABASE_REQUEST_FAILED', `(BadValue) ${message}`)
}

const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
const norm = (a: Vec): number => Math.hypot(a[0], a[1], a[2])
const scale = (a: Vec, k: number): Vec => [a[0] * k, a[1] * k, a[2] * k]

function toVec(lng: number, lat: number): Vec {
  const cosLat = Math.cos(lat * RAD)
  return [cosLat * Math.cos(lng * RAD), cosLat * Math.sin(lng * RAD), Math.sin(lat * RAD)]
}

/** The angle between two points, stable for tiny and near-antipodal angles alike. */
function angle(a: Vec, b: Vec): number {
  return Math.atan2(norm(cross(a, b)), dot(a, b))
}

/** The normal of the great circle through a and b, or null when they are (nearly) the same or opposite. */
function normal(a: Vec, b: Vec): Vec | null {
  const n = cross(a, b)
  const len = norm(n)
  return len < 1e-15 ? null : scale(n, 1 / len)
}

/** p, on the great circle of the arc a→b (normal n), lies between a and b. */
function between(p: Vec, a: Vec, b: Vec, n: Vec): boolean {
  return dot(cross(a, p), n) >= -1e-15 && dot(cross(p, b), n) >= -1e-15
}

/** The smallest angle from p to any point of the arc a→b. */
function arcDistance(p: Vec, a: Vec, b: Vec): number {
  const ends = Math.min(angle(p, a), angle(p, b))
  const n = normal(a, b)
  if (!n) return ends
  const off = dot(p, n)
  const foot = [p[0] - n[0] * off, p[1] - n[1] * off, p[2] - n[2] * off] as const
  const len = norm(foot)
  if (len < 1e-15 || !between(scale(foot, 1 / len), a, b, n)) return ends
  return Math.min(ends, Math.asin(Math.min(1, Math.abs(off))))
}

/** Where two arcs cross, or null; arcs on one great circle "cross" where they overlap. */
function crossing(a1: Vec, b1: Vec, a2: Vec, b2: Vec): Vec | null {
  const n1 = normal(a1, b1)
  const n2 = normal(a2, b2)
  if (!n1 || !n2) return null
  const d = cross(n1, n2)
  const len = norm(d)
  if (len < 1e-15) {
    for (const [p, a, b] of [[a1, a2, b2], [b1, a2, b2], [a2, a1, b1], [b2, a1, b1]] as const) if (arcDistance(p, a, b) < EPS) return p
    return null
  }
  for (const c of [scale(d, 1 / len), scale(d, -1 / len)]) if (between(c, a1, b1, n1) && between(c, a2, b2, n2)) return c
  return null
}

/**
 * Whether a ring (closed: first = last) winds around p: the signed angles at p from each vertex to
 * the next, summed in p's tangent plane, come to ±2π inside and 0 outside.
 */
function inRing(p: Vec, ring: readonly Vec[]): boolean {
  const tangent = (v: Vec): Vec => {
    const k = dot(p, v)
    return [v[0] - p[0] * k, v[1] - p[1] * k, v[2] - p[2] * k]
  }
  let sum = 0
  let prev = tangent(ring[0]!)
  for (let i = 1; i < ring.length; i++) {
    const next = tangent(ring[i]!)
    sum += Math.atan2(dot(p, cross(prev, next)), dot(prev, next))
    prev = next
  }
  return Math.abs(sum) > Math.PI
}

function* edgesOf(ring: readonly Vec[]): Iterable<[Vec, Vec]> {
  for (let i = 1; i < ring.length; i++) yield [ring[i - 1]!, ring[i]!]
}

function* allEdges(s: Shape): Iterable<[Vec, Vec]> {
  for (const line of s.lines) yield* edgesOf(line)
  for (const polygon of s.polygons) for (const ring of polygon) yield* edgesOf(ring)
}

/** Inside a polygon, its boundary included, its holes' insides excluded. */
function inPolygon(p: Vec, rings: readonly Vec[][]): boolean {
  for (const ring of rings) for (const [a, b] of edgesOf(ring)) if (arcDistance(p, a, b) < EPS) return true
  return inRing(p, rings[0]!) && !rings.slice(1).some((hole) => inRing(p, hole))
}

/** Every vertex of a shape (the outer ring stands for a polygon). */
function vertices(s: Shape): Vec[] {
  return [...s.points, ...s.lines.flat(), ...s.polygons.map((rings) => rings[0]!).flat()]
}

/** The smallest angle from p to the shape: 0 inside one of its polygons. */
function angleTo(p: Vec, s: Shape): number {
  if (s.polygons.some((rings) => inPolygon(p, rings))) return 0
  let best = Infinity
  for (const q of s.points) best = Math.min(best, angle(p, q))
  for (const [a, b] of allEdges(s)) best = Math.min(best, arcDistance(p, a, b))
  return best
}

function touches(p: Vec, s: Shape): boolean {
  return angleTo(p, s) < EPS
}

function intersects(s: Shape, q: Shape): boolean {
  if (vertices(s).some((p) => touches(p, q)) || vertices(q).some((p) => touches(p, s))) return true
  for (const [a1, b1] of allEdges(s)) for (const [a2, b2] of allEdges(q)) if (crossing(a1, b1, a2, b2)) return true
  return false
}

/** Within a region of polygons: every vertex inside one, and no edge leaving through a boundary. */
function withinPolygons(s: Shape, region: Shape): boolean {
  if (!vertices(s).every((p) => region.polygons.some((rings) => inPolygon(p, rings)))) return false
  const near = (c: Vec, ends: Vec[]) => ends.some((e) => angle(c, e) < EPS)
  for (const [a1, b1] of allEdges(s)) {
    for (const [a2, b2] of allEdges(region)) {
      const c = crossing(a1, b1, a2, b2)
      if (c && !near(c, [a1, b1, a2, b2])) return false
    }
  }
  return true
}

// ---- GeoJSON ----

function position(v: unknown): Vec | null {
  if (!Array.isArray(v) || v.length < 2) return null
  const [lng, lat] = v
  if (typeof lng !== 'number' || typeof lat !== 'number' || !(Math.abs(lng) <= 180) || !(Math.abs(lat) <= 90)) return null
  return toVec(lng, lat)
}

function positions(v: unknown, min: number): Vec[] | null {
  if (!Array.isArray(v) || v.length < min) return null
  const out = v.map(position)
  return out.every((p): p is Vec => p !== null) ? out : null
}

function polygon(v: unknown): Vec[][] | null {
  if (!Array.isArray(v) || v.length === 0) return null
  const rings = v.map((ring) => positions(ring, 4))
  if (!rings.every((r): r is Vec[] => r !== null)) return null
  // A ring must close: its last position repeats its first.
  return rings.every((r) => angle(r[0]!, r[r.length - 1]!) === 0) ? rings : null
}

const EMPTY = (): Shape => ({ points: [], lines: [], polygons: [] })

function merge(into: Shape, s: Shape): Shape {
  into.points.push(...s.points)
  into.lines.push(...s.lines)
  into.polygons.push(...s.polygons)
  return into
}

/** A GeoJSON geometry, or null when the value is not one MongoDB accepts. */
function geoJson(v: unknown): Shape | null {
  if (!isPlainObject(v)) return null
  const c = v.coordinates
  const all = <T>(items: unknown, one: (x: unknown) => T | null): T[] | null => {
    if (!Array.isArray(items) || items.length === 0) return null
    const out = items.map(one)
    return out.every((x): x is T => x !== null) ? out : null
  }
  switch (v.type) {
    case 'Point': {
      const p = position(c)
      return p && { ...EMPTY(), points: [p] }
    }
    case 'MultiPoint': {
      const ps = positions(c, 1)
      return ps && { ...EMPTY(), points: ps }
    }
    case 'LineString': {
      const line = positions(c, 2)
      return line && { ...EMPTY(), lines: [line] }
    }
    case 'MultiLineString': {
      const lines = all(c, (l) => positions(l, 2))
      return lines && { ...EMPTY(), lines }
    }
    case 'Polygon': {
      const rings = polygon(c)
      return rings && { ...EMPTY(), polygons: [rings] }
    }
    case 'MultiPolygon': {
      const polygons = all(c, polygon)
      return polygons && { ...EMPTY(), polygons }
    }
    case 'GeometryCollection': {
      const parts = all(v.geometries, geoJson)
      return parts && parts.reduce(merge, EMPTY())
    }
  }
  return null
}

/**
 * The geometry a stored field holds, as a 2dsphere index reads it: GeoJSON, a legacy `[lng, lat]`
 * pair, or an array of those; 'none' when absent or null (the index is sparse), 'bad' otherwise.
 */
function storedShape(values: readonly unknown[]): Shape | 'none' | 'bad' {
  const shape = EMPTY()
  let found = false
  const add = (v: unknown): boolean => {
    if (v === undefined || v === null) return true
    const s = geoJson(v) ?? (Array.isArray(v) && v.length === 2 ? geoJson({ type: 'Point', coordinates: v }) : null)
    if (s) {
      merge(shape, s)
      found = true
      return true
    }
    return Array.isArray(v) && v.every(add)
  }
  if (!values.every(add)) return 'bad'
  return found ? shape : 'none'
}

function shapeAt(doc: unknown, path: readonly string[]): Shape | 'none' | 'bad' {
  return storedShape(valuesAtPath(doc, path))
}

// ---- query operators ----

/** A `$nearSphere` condition: the field, the centre, and the distance band in metres. */
export interface Near {
  field: string
  center: Vec
  minM: number
  maxM: number
}

function parseNear(field: string, spec: unknown): Near {
  if (!isPlainObject(spec) || !('$geometry' in spec)) throw badValue('$nearSphere: the emulator supports only the GeoJSON form {$geometry, $maxDistance, $minDistance} (what _.geoNear sends)')
  const point = geoJson(spec.$geometry)
  if (!point || point.points.length !== 1 || (spec.$geometry as Doc).type !== 'Point') throw badValue('$nearSphere: $geometry must be a GeoJSON Point')
  // MongoDB's checks and words (geoquery.cpp); null is no number, and inside `_.and` the SDK sends null
  // for a distance left unset.
  const distance = (key: string, fallback: number): number => {
    const v = spec[key]
    if (v === undefined) return fallback
    if (typeof v !== 'number') throw badValue(`${key} must be a number`)
    if (!(v >= 0)) throw badValue(`${key} must be non-negative`)
    return v
  }
  return { field, center: point.points[0]!, minM: distance('$minDistance', 0), maxM: distance('$maxDistance', Infinity) }
}

/** Metres from the centre of a near query to a document's geometry; NaN when it has none. */
export function nearDistance(near: Near, doc: Doc): number {
  const shape = shapeAt(doc, near.field.split('.'))
  return typeof shape === 'string' ? NaN : angleTo(near.center, shape) * EARTH_RADIUS_M
}

function inBand(near: Near, metres: number): boolean {
  return metres >= near.minM && metres <= near.maxM
}

type Predicate = (doc: Doc) => boolean

const $nearSphere = (selector: string, value: unknown): Predicate => {
  const near = parseNear(selector, value)
  return (doc) => inBand(near, nearDistance(near, doc))
}

/** A `$geoWithin` region: polygons (`$geometry`) or a spherical cap (`$centerSphere`, radius in radians). */
function withinTest(value: unknown): (s: Shape) => boolean {
  if (!isPlainObject(value)) throw badValue('$geoWithin needs {$geometry} or {$centerSphere}')
  if ('$geometry' in value) {
    const type = isPlainObject(value.$geometry) ? value.$geometry.type : undefined
    const region = geoJson(value.$geometry)
    if (!region || (type !== 'Polygon' && type !== 'MultiPolygon')) throw badValue('$geoWithin: $geometry must be a GeoJSON Polygon or MultiPolygon')
    return (s) => withinPolygons(s, region)
  }
  if ('$centerSphere' in value) {
    const spec = value.$centerSphere
    const center = Array.isArray(spec) && spec.length === 2 ? position(spec[0]) : null
    const radius = Array.isArray(spec) ? spec[1] : undefined
    if (!center || typeof radius !== 'number' || !(radius >= 0)) throw badValue('$centerSphere needs [[lng, lat], radius in radians]')
    return (s) => vertices(s).every((p) => angle(center, p) <= radius)
  }
  throw badValue('$geoWithin: the emulator supports $geometry and $centerSphere (what _.geoWithin sends)')
}

const $geoWithin = (selector: string, value: unknown): Predicate => {
  const test = withinTest(value)
  const path = selector.split('.')
  return (doc) => {
    const s = shapeAt(doc, path)
    return typeof s !== 'string' && test(s)
  }
}

const $geoIntersects = (selector: string, value: unknown): Predicate => {
  const query = isPlainObject(value) ? geoJson(value.$geometry) : null
  if (!query) throw badValue('$geoIntersects needs {$geometry: <GeoJSON>}')
  const path = selector.split('.')
  return (doc) => {
    const s = shapeAt(doc, path)
    return typeof s !== 'string' && intersects(s, query)
  }
}

/** The geo query operators, in mingo's shape (options unused: the tests need no sub-queries). */
export const GEO_QUERY_OPERATORS: Record<string, (selector: string, value: unknown, options: Options) => Predicate> = { $nearSphere, $geoWithin, $geoIntersects }

/**
 * The filter's `$nearSphere`, or null. MongoDB takes one, as a condition of the whole filter (the top
 * level or a top-level `$and`), never under `$or`, `$nor`, `$not` or `$elemMatch`.
 */
export function nearOf(filter: Doc): Near | null {
  const allowed: Near[] = []
  const top = (f: Doc): void => {
    for (const [field, cond] of Object.entries(f)) {
      if (field === '$and' && Array.isArray(cond)) cond.forEach((part) => isPlainObject(part) && top(part))
      else if (!field.startsWith('$') && isPlainObject(cond) && '$nearSphere' in cond) allowed.push(parseNear(field, cond.$nearSphere))
    }
  }
  top(filter)
  const count = (v: unknown): number => {
    if (Array.isArray(v)) return v.reduce((n: number, x) => n + count(x), 0)
    if (!isPlainObject(v)) return 0
    return Object.entries(v).reduce((n, [k, x]) => n + (k === '$nearSphere' ? 1 : 0) + count(x), 0)
  }
  const total = count(filter)
  if (total > allowed.length) throw badValue('geo near must be a condition of the whole query, not under $or, $nor, $not or $elemMatch')
  if (allowed.length > 1) throw badValue('Too many geoNear expressions')
  return allowed[0] ?? null
}

/** What CloudBase answers for a near query on a field without a geo index (a reported -502001). */
export function noGeoIndex(field: string): CloudError {
  return new CloudError('DATABASE_REQUEST_FAILED', `(BadValue) error processing query: GEONEAR field=${field}: planner returned error: unable to find index for $geoNear query`)
}

// ---- the 2dsphere index ----

/** Cell size of the grid, degrees (about 5.5 km north-south). */
const CELL = 0.05
const LNG_CELLS = Math.round(360 / CELL)
const LAT_CELLS = Math.round(180 / CELL)

function cellOf(v: Vec): number {
  const lat = Math.asin(Math.max(-1, Math.min(1, v[2]))) / RAD
  const lng = Math.atan2(v[1], v[0]) / RAD
  const row = Math.min(LAT_CELLS - 1, Math.floor((lat + 90) / CELL))
  const col = Math.min(LNG_CELLS - 1, Math.floor((lng + 180) / CELL))
  return row * LNG_CELLS + col
}

/**
 * The cells of the lat/lng box around a spherical cap (every point within `radius` radians of c), or
 * null when the box reaches a pole or holds more than `most` cells (reading every cell is then cheaper).
 */
function capCells(c: Vec, radius: number, most: number): number[] | null {
  const lat = Math.asin(Math.max(-1, Math.min(1, c[2]))) / RAD
  const lng = Math.atan2(c[1], c[0]) / RAD
  const dLat = radius / RAD
  if (lat + dLat >= 90 || lat - dLat <= -90 || radius >= Math.PI / 2) return null
  const dLng = Math.asin(Math.min(1, Math.sin(radius) / Math.cos(lat * RAD))) / RAD
  const firstRow = Math.floor((lat - dLat + 90) / CELL)
  const lastRow = Math.min(LAT_CELLS - 1, Math.floor((lat + dLat + 90) / CELL))
  const firstCol = Math.floor((lng - dLng + 180) / CELL)
  const span = Math.min(LNG_CELLS - 1, Math.floor((lng + dLng + 180) / CELL) - firstCol)
  if ((lastRow - firstRow + 1) * (span + 1) > most) return null
  const out: number[] = []
  for (let row = firstRow; row <= lastRow; row++) {
    for (let k = 0; k <= span; k++) out.push(row * LNG_CELLS + ((((firstCol + k) % LNG_CELLS) + LNG_CELLS) % LNG_CELLS))
  }
  return out
}

/**
 * A declared 2dsphere index on one field, kept in step with every write: documents holding only
 * points sit in grid cells, others (lines, polygons) in a short list that every near query checks.
 * A near query grows its search radius until the cells it has read hold everything closer.
 */
export class GeoIndex {
  private readonly cells = new Map<number, Map<string, Vec[]>>()
  private readonly wide = new Set<string>()
  private readonly path: readonly string[]

  constructor(readonly field: string) {
    this.path = field.split('.')
  }

  /** Refuses a document the index cannot hold, as MongoDB does ("Can't extract geo keys"). */
  check(doc: Doc): void {
    if (shapeAt(doc, this.path) === 'bad') throw badValue(`Can't extract geo keys: ${this.field} is not a GeoJSON geometry or a [longitude, latitude] pair within range`)
  }

  add(key: string, doc: Doc): void {
    const s = shapeAt(doc, this.path)
    if (typeof s === 'string') return
    if (s.lines.length > 0 || s.polygons.length > 0) return void this.wide.add(key)
    for (const p of s.points) {
      const id = cellOf(p)
      let cell = this.cells.get(id)
      if (!cell) this.cells.set(id, (cell = new Map()))
      const list = cell.get(key)
      if (list) list.push(p)
      else cell.set(key, [p])
    }
  }

  remove(key: string, doc: Doc): void {
    const s = shapeAt(doc, this.path)
    if (typeof s === 'string') return
    this.wide.delete(key)
    for (const p of s.points) {
      const id = cellOf(p)
      const cell = this.cells.get(id)
      cell?.delete(key)
      if (cell?.size === 0) this.cells.delete(id)
    }
  }

  /** Keys of documents within the query's band, nearest first (ties in no set order), lazily. */
  *nearest(near: Near, docOf: (key: string) => Doc | undefined): Iterable<string> {
    const seen = new Set<number>()
    const done = new Set<string>()
    let pending: Array<{ key: string; m: number }> = []
    const consider = (key: string, m: number) => {
      if (!done.has(key) && inBand(near, m)) pending.push({ key, m })
    }
    for (const key of this.wide) {
      const doc = docOf(key)
      if (doc) consider(key, nearDistance(near, doc))
    }
    for (let radius = (CELL * RAD) / 2; ; radius *= 2) {
      const box = capCells(near.center, radius, this.cells.size)
      const ids = box ?? this.cells.keys()
      for (const id of ids) {
        if (seen.has(id)) continue
        seen.add(id)
        for (const [key, points] of this.cells.get(id) ?? []) for (const p of points) consider(key, angle(near.center, p) * EARTH_RADIUS_M)
      }
      const reach = box === null ? Infinity : radius * EARTH_RADIUS_M
      pending.sort((a, b) => a.m - b.m)
      let i = 0
      for (; i < pending.length && pending[i]!.m <= reach; i++) {
        const { key } = pending[i]!
        if (done.has(key)) continue
        done.add(key)
        yield key
      }
      // Everything in the band is now yielded once the search reaches its far edge.
      if (reach >= near.maxM) return
      pending = pending.slice(i)
    }
  }
}
