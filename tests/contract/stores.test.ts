import { LOCATIONS } from '../../cloudfunctions/_shared/repositories/locations'
import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { STORES } from '../../src/content/stores'
import { removeDataDir, startEmulator, type RunningEmulator } from '../support/emulator'
import { LOCATION, decision, freshCloud, invoker, user } from '../support/consent'

type Row = { _id: string; openid: string; latitude: number; longitude: number; createdAt: Date }

// The built `stores` function (npm run build:cloud), with the consent ledger it depends on.
describe('stores function', () => {
  let emu: RunningEmulator
  let stores: ReturnType<typeof invoker>
  let consent: ReturnType<typeof invoker>
  const JINGAN = { latitude: 31.2286, longitude: 121.4488 }
  const PEOPLES_SQUARE = { latitude: 31.2304, longitude: 121.4737 }
  const URUMQI = { latitude: 43.8, longitude: 87.6 }
  const nearby = (openid: string, at = JINGAN) => stores({ action: 'nearby', ...at }, user(openid))
  const decide = (openid: string, d: 'grant' | 'deny' | 'withdraw') => consent({ action: 'record', request: decision({ target: LOCATION, decision: d, method: 'permission-dialog' }) }, user(openid))
  const location = async (openid: string) => (await settled(database().collection(LOCATIONS).where({ _id: openid }).get())).data[0] as Row | undefined

  beforeAll(async () => {
    emu = await startEmulator()
    stores = invoker(emu, 'stores')
    consent = invoker(emu, 'consent')
  })
  beforeEach(() => freshCloud(emu))
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('list: one city’s stores by popularity, with no personal data needed', async () => {
    const reply = (await stores({ action: 'list', city: 'shanghai' }, user('o_test_user_1'))).result
    expect(reply?.data.stores.map((s: { id: string }) => s.id)).toEqual(STORES.filter((s) => s.city === 'shanghai').sort((a, b) => a.rank - b.rank).map((s) => s.id))
    expect(reply?.data.stores[0]).toEqual({ id: 'sh-jingan', name: '示例商城 静安店', city: 'shanghai', address: '上海市静安区示例路 101 号' })
    expect((await stores({ action: 'list', city: 'atlantis' }, user('o_test_user_1'))).result).toEqual({ ok: true, data: { stores: [] } })
    expect((await stores({ action: 'list', city: 'Shanghai!' }, user('o_test_user_1'))).result).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
  })

  it('nearby: refused with CONSENT.REQUIRED without a standing location grant, and nothing stored', async () => {
    expect((await nearby('o_test_user_1')).result).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    await decide('o_test_user_1', 'deny')
    expect((await nearby('o_test_user_1')).result).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    await consent({ action: 'record', request: decision() }, user('o_test_user_2'))
    expect((await nearby('o_test_user_2')).result).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    expect(await location('o_test_user_1')).toBeUndefined()
    expect(await location('o_test_user_2')).toBeUndefined()
  })

  it('nearby: with a grant, stores by great-circle distance; the position is kept, one row per user', async () => {
    await decide('o_test_user_1', 'grant')
    const reply = (await nearby('o_test_user_1')).result
    const found = reply?.data.stores as Array<{ id: string; distanceM: number }>
    expect(found[0]).toMatchObject({ id: 'sh-jingan', distanceM: 0 })
    expect(found.map((s) => s.distanceM)).toEqual([...found.map((s) => s.distanceM)].sort((a, b) => a - b))
    await nearby('o_test_user_1', { latitude: 30.2592, longitude: 120.1489 })
    expect(await location('o_test_user_1')).toMatchObject({ openid: 'o_test_user_1', latitude: 30.2592, longitude: 120.1489 })
    expect((await settled(database().collection(LOCATIONS).count())).total).toBe(1)
  })

  it('nearby: only stores within the radius (50 km by default), nearest first; none far from every store', async () => {
    await decide('o_test_user_1', 'grant')
    const reply = (await nearby('o_test_user_1', PEOPLES_SQUARE)).result
    expect(reply).toMatchObject({ ok: true, data: { radiusKm: 50 } })
    const found = reply?.data.stores as Array<{ id: string; city: string; distanceM: number }>
    expect(found.map((s) => s.id).sort()).toEqual(STORES.filter((s) => s.city === 'shanghai').map((s) => s.id).sort())
    expect(found.map((s) => s.city)).not.toContain('hangzhou')
    expect(found.every((s) => s.distanceM <= 50_000)).toBe(true)
    expect(found.map((s) => s.distanceM)).toEqual([...found.map((s) => s.distanceM)].sort((a, b) => a - b))
    expect((await nearby('o_test_user_1', URUMQI)).result).toEqual({ ok: true, data: { stores: [], radiusKm: 50 } })
  })

  it('withdrawing the location permission deletes the stored position and stops nearby', async () => {
    await decide('o_test_user_1', 'grant')
    await nearby('o_test_user_1')
    expect(await location('o_test_user_1')).toBeDefined()
    expect((await decide('o_test_user_1', 'withdraw')).result).toMatchObject({ ok: true })
    expect(await location('o_test_user_1')).toBeUndefined()
    expect((await nearby('o_test_user_1')).result).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
  })

  it('the purge timer deletes positions older than 24 hours and keeps recent ones', async () => {
    const hoursAgo = (h: number) => ({ $date: new Date(Date.now() - h * 3_600_000).toISOString() })
    await emu.control('/seed', {
      collections: {
        [LOCATIONS]: [
          { _id: 'o_test_user_1', openid: 'o_test_user_1', latitude: 31.2, longitude: 121.4, createdAt: hoursAgo(25) },
          { _id: 'o_test_user_2', openid: 'o_test_user_2', latitude: 31.2, longitude: 121.4, createdAt: hoursAgo(1) },
        ],
      },
    })
    const run = await emu.control<{ result?: unknown }>('/timers/run', { name: 'stores', trigger: 'purgeLocations' })
    expect(run.result).toEqual({ ok: true, data: { removed: 1 } })
    expect(await location('o_test_user_1')).toBeUndefined()
    expect(await location('o_test_user_2')).toBeDefined()
  })

  it('user actions refuse callers without an openid, even with a timer-shaped event', async () => {
    const timerLike = { Type: 'Timer', TriggerName: 'purgeLocations', Time: new Date().toISOString() }
    expect((await stores({ action: 'list', city: 'shanghai' }, null)).result).toMatchObject({ ok: false, code: 'COMMON.UNAUTHENTICATED' })
    expect((await stores(timerLike, null)).result).toMatchObject({ ok: false, code: 'COMMON.UNAUTHENTICATED' })
    expect((await stores(timerLike, user('o_test_user_1'))).result).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
  })
})
