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
