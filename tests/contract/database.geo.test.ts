import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { connectSdk, removeDataDir, type RunningEmulator, startEmulator } from '../support/emulator'

/**
 * Geo data and queries through the real wx-server-sdk, pinned to what CloudBase documents: GeoJSON on
 * MongoDB's 2dsphere (a sphere of radius 6,378.1 km, distances in metres, radians for centerSphere),
 * `_.geoNear` nearest first and only with a geo index, boundaries part of a shape (docs/emulator.md).
 */
describe('database: geo data and queries through the real wx-server-sdk', () => {
  const functionsDir = mkdtempSync(path.join(os.tmpdir(), 'pc-fn-empty-'))
  let emu: RunningEmulator
  let db: any
  let _: any
  const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] })
  const box = (w: number, s: number, e: number, n: number) => [[w, s], [e, s], [e, n], [w, n], [w, s]]
  /** One degree of a great circle on MongoDB's sphere, in metres: 6,378,100 × π / 180. */
  const DEGREE_M = 111_318.845
  const PLACES = [
    { _id: 'p0', kind: 'shop', location: point(0, 0) },
    { _id: 'p1', kind: 'kiosk', location: point(0, 0.5) },
    { _id: 'p2', kind: 'shop', location: point(0, 1) },
    { _id: 'p3', kind: 'shop', location: point(0, 2) },
    { _id: 'line', kind: 'road', location: { type: 'LineString', coordinates: [[1.5, -1], [1.5, 1]] } },
    { _id: 'far', kind: 'shop', location: point(120, 30) },
    { _id: 'none', kind: 'shop' },
  ]
  const ids = async (coll: string, where: unknown) => (await db.collection(coll).where(where).get()).data.map((d: any) => d._id)
  const near = (opts: Record<string, unknown> = {}) => ({ location: _.geoNear({ geometry: db.Geo.Point(0, 0), ...opts }) })

  beforeAll(async () => {
    emu = await startEmulator({ functionsDir })
    db = connectSdk(emu).database()
    _ = db.command
  })
  beforeEach(async () => {
    await emu.control('/reset', {})
    await emu.control('/seed', {
      collections: { places: PLACES, unindexed: PLACES, shapes: [] },
      indexes: { places: [{ name: 'location_2dsphere', keys: [{ field: 'location', order: '2dsphere' }] }] },
    })
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
    removeDataDir(functionsDir)
  })

  describe('geometries round-trip as the SDK’s Geo classes', () => {
    it('stores each geometry as GeoJSON and reads it back as Point, LineString, Polygon and the Multi kinds', async () => {
      const G = db.Geo
      const P = (lng: number, lat: number) => G.Point(lng, lat)
      const ring = (pts: number[][]) => G.LineString(pts.map(([lng, lat]) => P(lng!, lat!)))
      const values = {
        point: P(121.4737, 31.2304),
        line: G.LineString([P(0, 0), P(1, 1), P(2, 0)]),
        polygon: G.Polygon([ring(box(0, 0, 4, 4)), ring(box(1, 1, 2, 2))]),
        multiPoint: G.MultiPoint([P(0, 0), P(-73.5, 40.7)]),
        multiLine: G.MultiLineString([G.LineString([P(0, 0), P(1, 1)]), G.LineString([P(5, 5), P(6, 6)])]),
        multiPolygon: G.MultiPolygon([G.Polygon([ring(box(0, 0, 1, 1))]), G.Polygon([ring(box(10, 10, 11, 11))])]),
      }
      const { _id } = await db.collection('shapes').add({ data: { ...values, nested: { at: P(1, 2) } } })
      const { data } = await db.collection('shapes').doc(_id).get()
      // db.Geo.* are factories over @cloudbase/database's classes: compare the classes by name.
      for (const [key, value] of Object.entries(values)) {
        expect(data[key].constructor.name).toBe(value.constructor.name)
        expect(data[key].toJSON()).toEqual(value.toJSON())
      }
      expect(Object.values(values).map((v) => v.constructor.name)).toEqual(['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon'])
      expect([data.point.longitude, data.point.latitude]).toEqual([121.4737, 31.2304])
      expect(data.nested.at.constructor.name).toBe('Point')
      // An update keeps a Point whole (the SDK sets `nested.at` to the GeoJSON, not its parts).
      await db.collection('shapes').doc(_id).update({ data: { nested: { at: P(3, 4) } } })
      expect((await db.collection('shapes').doc(_id).get()).data.nested.at.toJSON()).toEqual({ type: 'Point', coordinates: [3, 4] })
    })

    it('hands back any stored GeoJSON as the SDK class, whoever wrote it', async () => {
      const { data } = await db.collection('places').doc('p1').get()
      expect(data.location.constructor.name).toBe('Point')
      expect([data.location.longitude, data.location.latitude]).toEqual([0, 0.5])
    })
  })

  describe('geoNear', () => {
    it('returns documents nearest first, any geometry kind, those without a location left out', async () => {
      expect(await ids('places', near())).toEqual(['p0', 'p1', 'p2', 'line', 'p3', 'far'])
    })

    it('measures in metres on a 6,378.1 km sphere: maxDistance and minDistance are inclusive bounds', async () => {
      expect(await ids('places', near({ maxDistance: Math.floor(DEGREE_M) }))).toEqual(['p0', 'p1'])
      expect(await ids('places', near({ maxDistance: Math.ceil(DEGREE_M) }))).toEqual(['p0', 'p1', 'p2'])
      expect(await ids('places', near({ minDistance: Math.floor(DEGREE_M / 2), maxDistance: 1.9 * DEGREE_M }))).toEqual(['p1', 'p2', 'line'])
      expect(await ids('places', near({ minDistance: Math.ceil(DEGREE_M / 2), maxDistance: 1.9 * DEGREE_M }))).toEqual(['p2', 'line'])
      expect(await ids('places', near({ maxDistance: 0 }))).toEqual(['p0'])
    })

    it('pages nearest first, combines with other conditions, and an orderBy re-sorts the matches', async () => {
      expect((await db.collection('places').where(near()).skip(1).limit(2).get()).data.map((d: any) => d._id)).toEqual(['p1', 'p2'])
      expect(await ids('places', { ...near({ maxDistance: 3 * DEGREE_M }), kind: 'shop' })).toEqual(['p0', 'p2', 'p3'])
      expect(await ids('places', _.and([near({ minDistance: 0, maxDistance: 3 * DEGREE_M }), { kind: _.neq('road') }]))).toEqual(['p0', 'p1', 'p2', 'p3'])
      // Inside _.and the SDK sends null for a distance left unset, and MongoDB wants a number.
      await expect(db.collection('places').where(_.and([near(), { kind: 'shop' }])).get()).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringContaining('must be a number') })
      const sorted = await db.collection('places').where(near({ maxDistance: 3 * DEGREE_M })).orderBy('kind', 'asc').get()
      expect(sorted.data.map((d: any) => d.kind)).toEqual(['kiosk', 'road', 'shop', 'shop', 'shop'])
    })

    it('follows writes: an added, moved or removed document is found where it now is', async () => {
      await db.collection('places').add({ data: { _id: 'new', kind: 'shop', location: db.Geo.Point(0.1, 0) } })
      expect(await ids('places', near({ maxDistance: DEGREE_M / 4 }))).toEqual(['p0', 'new'])
      await db.collection('places').doc('new').update({ data: { location: db.Geo.Point(0, 3) } })
      await db.collection('places').doc('p0').remove()
      expect(await ids('places', near({ maxDistance: DEGREE_M / 4 }))).toEqual([])
      expect(await ids('places', near({ minDistance: 2.5 * DEGREE_M, maxDistance: 4 * DEGREE_M }))).toEqual(['new'])
    })

    it('needs a geo index on the field: without one CloudBase answers -502001 "unable to find index"', async () => {
      await expect(db.collection('unindexed').where(near()).get()).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringContaining('unable to find index for $geoNear query') })
      await emu.control('/seed', { collections: {}, indexes: { unindexed: [{ name: 'geo', keys: [{ field: 'location', order: '2dsphere' }] }] } })
      expect(await ids('unindexed', near({ maxDistance: 1 }))).toEqual(['p0'])
    })

    it('is a condition of the whole query: under _.or it is refused, as is a second one', async () => {
      await expect(db.collection('places').where(_.or([near(), { kind: 'shop' }])).get()).rejects.toMatchObject({ errCode: -502001 })
      await expect(db.collection('places').where(_.and([near({ minDistance: 0, maxDistance: 1 }), near({ minDistance: 0, maxDistance: 1 })])).get()).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringContaining('Too many geoNear') })
    })

    it('refuses to store what the geo index cannot hold, and stores anything in a field without one', async () => {
      await expect(db.collection('places').add({ data: { location: { type: 'Point', coordinates: [200, 0] } } })).rejects.toMatchObject({ errCode: -502001 })
      await expect(db.collection('places').doc('p1').update({ data: { location: 'here' } })).rejects.toMatchObject({ errCode: -502001 })
      expect((await db.collection('places').doc('p1').get()).data.location.toJSON()).toEqual(point(0, 0.5))
      await db.collection('unindexed').add({ data: { location: 'here' } })
    })
  })

  describe('geoWithin (no index needed)', () => {
    const polygon = (...rings: number[][][]) => db.Geo.Polygon(rings.map((r) => db.Geo.LineString(r.map(([lng, lat]) => db.Geo.Point(lng, lat)))))

    it('keeps documents entirely inside a polygon, its boundary included, outside its holes', async () => {
      expect(await ids('unindexed', { location: _.geoWithin({ geometry: polygon(box(-1, -0.75, 2, 0.75)) }) })).toEqual(['p0', 'p1'])
      expect(await ids('unindexed', { location: _.geoWithin({ geometry: polygon(box(-1, -1, 2, 1)) }) })).toEqual(['p0', 'p1', 'p2', 'line'])
      expect(await ids('unindexed', { location: _.geoWithin({ geometry: polygon(box(-1, -0.75, 2, 0.75), box(-0.1, -0.1, 0.1, 0.1)) }) })).toEqual(['p1'])
      const multi = db.Geo.MultiPolygon([polygon(box(-0.1, -0.1, 0.1, 0.1)), polygon(box(-0.1, 1.9, 0.1, 2.1))])
      expect(await ids('unindexed', { location: _.geoWithin({ geometry: multi }) })).toEqual(['p0', 'p3'])
    })

    it('draws polygon edges as great-circle arcs, not straight lines on the map', async () => {
      await db.collection('shapes').add({ data: [{ _id: 'north', location: db.Geo.Point(45, 62) }, { _id: 'south', location: db.Geo.Point(45, 55) }] })
      // The edge from (0°, 60°) to (90°, 60°) bows north to about 67.8° at 45°E; the one along 50° to about 59.3°.
      expect(await ids('shapes', { location: _.geoWithin({ geometry: polygon([[0, 60], [90, 60], [90, 50], [0, 50], [0, 60]]) }) })).toEqual(['north'])
    })

    it('takes centerSphere as [centre, radius in radians], the centre a Point or [lng, lat]', async () => {
      const oneDegree = Math.PI / 180
      expect(await ids('unindexed', { location: _.geoWithin({ centerSphere: [db.Geo.Point(0, 0), oneDegree * 0.999] }) })).toEqual(['p0', 'p1'])
      expect(await ids('unindexed', { location: _.geoWithin({ centerSphere: [[0, 0], oneDegree * 1.001] }) })).toEqual(['p0', 'p1', 'p2'])
      // 60 km on the 6,378.1 km sphere, as MongoDB converts distances to radians.
      expect(await ids('unindexed', { location: _.geoWithin({ centerSphere: [[0, 0], 60 / 6378.1] }) })).toEqual(['p0', 'p1'])
    })
  })

  describe('geoIntersects (no index needed)', () => {
    it('matches geometries sharing any point with the query, shared edges included', async () => {
      const P = db.Geo.Point
      const ring = (pts: number[][]) => db.Geo.LineString(pts.map(([lng, lat]) => P(lng, lat)))
      expect(await ids('unindexed', { location: _.geoIntersects({ geometry: db.Geo.Polygon([ring(box(-1, -0.75, 2, 0.75))]) }) })).toEqual(['p0', 'p1', 'line'])
      expect(await ids('unindexed', { location: _.geoIntersects({ geometry: db.Geo.LineString([P(1, 0), P(2, 0)]) }) })).toEqual(['line'])
      expect(await ids('unindexed', { location: _.geoIntersects({ geometry: P(1.5, 0) }) })).toEqual(['line'])
      expect(await ids('unindexed', { location: _.geoIntersects({ geometry: db.Geo.MultiPoint([P(0, 0), P(0, 2), P(50, 50)]) }) })).toEqual(['p0', 'p3'])
      await db.collection('shapes').add({ data: { _id: 'square', location: db.Geo.Polygon([ring(box(10, 10, 11, 11))]) } })
      expect(await ids('shapes', { location: _.geoIntersects({ geometry: db.Geo.Polygon([ring(box(11, 10, 12, 11))]) }) })).toEqual(['square'])
      expect(await ids('shapes', { location: _.geoIntersects({ geometry: db.Geo.Polygon([ring(box(11.5, 10, 12, 11))]) }) })).toEqual([])
    })
  })

  it('keeps a declared geo index across a restart', async () => {
    const dataDir = emu.dataDir
    await emu.stop()
    emu = await startEmulator({ functionsDir, dataDir })
    db = connectSdk(emu).database()
    _ = db.command
    expect(await ids('places', near({ maxDistance: 60_000 }))).toEqual(['p0', 'p1'])
    await expect(db.collection('unindexed').where(near()).get()).rejects.toMatchObject({ errCode: -502001 })
  })
})
