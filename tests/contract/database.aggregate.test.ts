import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { removeDataDir, startEmulator, type RunningEmulator, connectSdk } from '../support/emulator'

// collection.aggregate() pipelines built by the real SDK (stages sent as {stageKey, stageValue}).
describe('database: aggregate through the real wx-server-sdk', () => {
  // The function runner is not under test: an empty functions folder.
  const functionsDir = mkdtempSync(path.join(os.tmpdir(), 'pc-fn-empty-'))
  let emu: RunningEmulator
  let db: any
  let _: any
  let $: any

  beforeAll(async () => {
    emu = await startEmulator({ functionsDir })
    db = connectSdk(emu).database()
    _ = db.command
    $ = db.command.aggregate
    await emu.control('/seed', {
      collections: {
        orders: [
          { _id: 'o1', user: 'u1', total: 30, items: ['pen', 'ink'], at: { $date: '2024-01-05T00:00:00Z' } },
          { _id: 'o2', user: 'u2', total: 10, items: ['pad'], at: { $date: '2024-02-05T00:00:00Z' } },
          { _id: 'o3', user: 'u1', total: 5, items: ['ink'], at: { $date: '2024-03-05T00:00:00Z' } },
          { _id: 'o4', user: 'u3', total: 50, items: [], at: { $date: '2024-04-05T00:00:00Z' } },
        ],
        users: [
          { _id: 'u1', name: 'Ann' },
          { _id: 'u2', name: 'Bo' },
        ],
      },
    })
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
    removeDataDir(functionsDir)
  })

  it('runs $match, $group, $sort, $limit', async () => {
    const { list } = await db.collection('orders').aggregate()
      .match({ total: _.gte(5) })
      .group({ _id: '$user', sum: $.sum('$total'), count: $.sum(1), last: $.max('$at') })
      .sort({ sum: -1 })
      .limit(2)
      .end()
    expect(list).toEqual([
      { _id: 'u3', sum: 50, count: 1, last: new Date('2024-04-05T00:00:00Z') },
      { _id: 'u1', sum: 35, count: 2, last: new Date('2024-03-05T00:00:00Z') },
    ])
  })

  it('runs $project with expressions, $skip and $count', async () => {
    const { list } = await db.collection('orders').aggregate()
      .sort({ total: 1 })
      .project({ _id: 0, user: 1, double: $.multiply(['$total', 2]), month: $.month('$at') })
      .skip(1)
      .end()
    expect(list).toEqual([
      { user: 'u2', double: 20, month: 2 },
      { user: 'u1', double: 60, month: 1 },
      { user: 'u3', double: 100, month: 4 },
    ])
    const counted = await db.collection('orders').aggregate().match({ user: 'u1' }).count('n').end()
    expect(counted.list).toEqual([{ n: 2 }])
  })

  it('joins another collection with $lookup (localField and pipeline forms) and flattens with $unwind', async () => {
    const joined = await db.collection('orders').aggregate()
      .match({ user: _.in(['u1', 'u2']) })
      .lookup({ from: 'users', localField: 'user', foreignField: '_id', as: 'who' })
      .unwind('$who')
      .project({ _id: 1, name: '$who.name' })
      .end()
    expect(joined.list).toEqual([{ _id: 'o1', name: 'Ann' }, { _id: 'o2', name: 'Bo' }, { _id: 'o3', name: 'Ann' }])
    const piped = await db.collection('users').aggregate()
      .lookup({ from: 'orders', let: { uid: '$_id' }, pipeline: $.pipeline().match(_.expr($.eq(['$user', '$$uid']))).project({ _id: 1 }).done(), as: 'orders' })
      .end()
    expect(piped.list).toEqual([
      { _id: 'u1', name: 'Ann', orders: [{ _id: 'o1' }, { _id: 'o3' }] },
      { _id: 'u2', name: 'Bo', orders: [{ _id: 'o2' }] },
    ])
    const missing = await db.collection('users').aggregate().lookup({ from: 'nowhere', localField: '_id', foreignField: 'x', as: 'none' }).end()
    expect(missing.list.map((u: any) => u.none)).toEqual([[], []])
  })

  it('unwinds arrays and counts by value; leaves the stored documents untouched', async () => {
    const { list } = await db.collection('orders').aggregate().unwind('$items').sortByCount('$items').end()
    expect(list).toEqual(expect.arrayContaining([{ _id: 'ink', count: 2 }, { _id: 'pen', count: 1 }, { _id: 'pad', count: 1 }]))
    expect(list[0]).toEqual({ _id: 'ink', count: 2 })
    await db.collection('orders').aggregate().addFields({ total: 0, 'extra.x': 1 }).end()
    const after = await db.collection('orders').doc('o1').get()
    expect(after.data).toEqual({ _id: 'o1', user: 'u1', total: 30, items: ['pen', 'ink'], at: new Date('2024-01-05T00:00:00Z') })
  })

  // Expected values are those of CloudBase's operator docs and MongoDB's (cited in docs/emulator.md).
  describe('string and date expressions as CloudBase answers them', () => {
    const project = async (collection: string, spec: unknown) => (await db.collection(collection).aggregate().project({ _id: 0, ...(spec as object) }).end()).list

    beforeAll(async () => {
      await emu.control('/seed', {
        collections: {
          students: [
            { _id: 's1', birthday: '1999/12/12', firstName: 'Yuanxin', city: '深圳南山' },
            { _id: 's2', birthday: '1998/11/11', firstName: 'Weijia', city: null },
            { _id: 's3', birthday: '1997/10/10', firstName: 'Chengxi' },
          ],
          dates: [
            { _id: 'd1', date: { $date: '2019-05-14T09:38:51.686Z' } },
            { _id: 'd2', date: { $date: '2016-01-01T00:00:00Z' } },
            { _id: 'd3', date: { $date: '1998-11-01T00:00:00Z' } },
            { _id: 'd4' },
          ],
        },
      })
    })

    it('$indexOfCP counts code points; $indexOfBytes counts UTF-8 bytes', async () => {
      expect(await project('students', { i: $.indexOfCP(['$firstName', 'a']) })).toEqual([{ i: 2 }, { i: 5 }, { i: -1 }])
      expect(await project('students', { cp: $.indexOfCP(['$city', '南山']), bytes: $.indexOfBytes(['$city', '南山']) })).toEqual([
        { cp: 2, bytes: 6 },
        { cp: null, bytes: null },
        { cp: null, bytes: null },
      ])
      const [row] = await project('students', {
        from: $.indexOfCP(['foo.bar.fi', '.', 5]),
        window: $.indexOfCP(['vanilla', 'll', 0, 2]),
        past: $.indexOfCP(['vanilla', 'll', 12]),
        accent: $.indexOfCP(['cafétéria', 'é']),
      })
      expect(row).toEqual({ from: 7, window: -1, past: -1, accent: 3 })
      // aggregate() keeps the string code and reports errCode -1 (wx-server-sdk's mapping for this API).
      await expect(project('students', { i: $.indexOfCP(['vanilla', 'll', -1]) })).rejects.toMatchObject({ code: 'INVALID_PARAM', errCode: -1 })
    })

    it('$substr and $substrBytes: a negative length runs to the end, a negative start gives ""', async () => {
      expect(await project('students', { year: $.substr(['$birthday', 0, 4]), month: $.substrBytes(['$birthday', 5, 2]), day: $.substrBytes(['$birthday', 8, -1]) })).toEqual([
        { year: '1999', month: '12', day: '12' },
        { year: '1998', month: '11', day: '11' },
        { year: '1997', month: '10', day: '10' },
      ])
      const [row] = await project('students', {
        negativeStart: $.substr(['$firstName', -1, 2]),
        pastEnd: $.substrBytes(['$firstName', 3, 100]),
        startPastEnd: $.substrBytes(['$firstName', 50, 2]),
        chinese: $.substrBytes(['$city', 0, 6]),
        rest: $.substrBytes(['$city', 3, -1]),
      })
      expect(row).toEqual({ negativeStart: '', pastEnd: 'nxin', startPastEnd: '', chinese: '深圳', rest: '圳南山' })
      // A range that splits a character is an error, as is a negative code point count.
      await expect(project('students', { s: $.substrBytes(['$city', 1, 3]) })).rejects.toMatchObject({ code: 'INVALID_PARAM', errMsg: expect.stringContaining('UTF-8') })
      await expect(project('students', { s: $.substrCP(['$firstName', 1, -1]) })).rejects.toMatchObject({ code: 'INVALID_PARAM', errMsg: expect.stringContaining('nonnegative') })
    })

    it('$toUpper and $toLower of null or a missing field give ""', async () => {
      expect(await project('students', { up: $.toUpper('$city'), low: $.toLower('$firstName') })).toEqual([
        { up: '深圳南山', low: 'yuanxin' },
        { up: '', low: 'weijia' },
        { up: '', low: 'chengxi' },
      ])
    })

    it('$week counts Sunday-based weeks (2019-05-14 is week 19); ISO weeks and years follow ISO 8601', async () => {
      expect(await project('dates', { week: $.week('$date'), isoWeek: $.isoWeek('$date'), isoWeekYear: $.isoWeekYear('$date'), dayOfWeek: $.dayOfWeek('$date') })).toEqual([
        { week: 19, isoWeek: 20, isoWeekYear: 2019, dayOfWeek: 3 },
        { week: 0, isoWeek: 53, isoWeekYear: 2015, dayOfWeek: 6 },
        { week: 44, isoWeek: 44, isoWeekYear: 1998, dayOfWeek: 1 },
        { week: null, isoWeek: null, isoWeekYear: null, dayOfWeek: null },
      ])
      const zoned = await project('dates', { week: $.week({ date: '$date', timezone: '-0500' }), shanghai: $.hour({ date: '$date', timezone: 'Asia/Shanghai' }), utc: $.hour({ date: '$date', timezone: 'UTC' }) })
      expect(zoned.slice(0, 3)).toEqual([
        { week: 19, shanghai: 17, utc: 9 },
        { week: 52, shanghai: 8, utc: 0 },
        { week: 43, shanghai: 8, utc: 0 },
      ])
    })

    it('$dateToString prints %U, %w, %G and %% as MongoDB does', async () => {
      const [row] = await project('dates', {
        sunday: $.dateToString({ date: '$date', format: '%U %w %j %%' }),
        iso: $.dateToString({ date: '$date', format: '%G-W%V-%u' }),
        local: $.dateToString({ date: '$date', format: '%Y-%m-%d %H:%M:%S.%L %z', timezone: 'Asia/Shanghai' }),
      })
      expect(row).toEqual({ sunday: '19 3 134 %', iso: '2019-W20-2', local: '2019-05-14 17:38:51.686 +0800' })
      const [, newYear] = await project('dates', { iso: $.dateToString({ date: '$date', format: '%G-W%V' }) })
      expect(newYear).toEqual({ iso: '2015-W53' })
    })
  })

  it('refuses stages it cannot run: $geoNear and unknown stages (INVALID_PARAM)', async () => {
    await expect(db.collection('orders').aggregate().geoNear({ near: db.Geo.Point(113, 23), distanceField: 'd' }).end()).rejects.toMatchObject({ errMsg: expect.stringContaining('geo') })
    const res = await fetch(`${emu.adminUrl}?env=${emu.envId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.aggregateDocuments', collectionName: 'orders', stages: [{ stageKey: '$indexStats', stageValue: '{}' }] }),
    })
    expect(await res.json()).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('unsupported stage $indexStats') })
  })
})
