import { readFileSync } from 'node:fs'
import path from 'node:path'
import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { STORES } from '../../src/content/stores'
import { ROOT, type RunningEmulator } from '../support/emulator'
import { LOCATION, POLICY_TARGET, decision, cloudSuite, invoker, user } from '../support/consent'


// The built `stores` function (npm run build:cloud), with the consent ledger it depends on.
describe('stores function', () => {
  let emu: RunningEmulator
  let stores: ReturnType<typeof invoker>
  let consent: ReturnType<typeof invoker>
  const JINGAN = { latitude: 31.2286, longitude: 121.4488 }
  const PEOPLES_SQUARE = { latitude: 31.2304, longitude: 121.4737 }
  const URUMQI = { latitude: 43.8, longitude: 87.6 }
  const nearby = (openid: string, at = JINGAN) => stores({ action: 'nearby', ...at }, user(openid))
  /** A location decision; a grant comes with the policy agreement, which nearby needs as well. */
  const decide = (openid: string, d: 'grant' | 'deny' | 'withdraw') => {
    const { target: _t, decision: _d, ...common } = decision({ method: 'permission-dialog' })
    const decisions = [...(d === 'grant' ? [{ target: POLICY_TARGET, decision: 'grant' }] : []), { target: LOCATION, decision: d }]
    return consent({ action: 'decide', request: { ...common, decisions } }, user(openid))
  }
  /** Every stored row of every collection, as text: where a kept position would show. */
  const everything = async () => {
    const { collections } = JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions', 'collections.json'), 'utf8')) as { collections: string[] }
    const rows = await Promise.all(collections.filter((c) => c !== 'stores').map(async (c) => (await settled(database().collection(c).limit(1000).get())).data))
    return JSON.stringify(rows)
  }

  cloudSuite((e) => {
    emu = e
    stores = invoker(emu, 'stores')
    consent = invoker(emu, 'consent')
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
    expect(await everything()).not.toMatch(/31\.2286|121\.4488/)
  })

  it('nearby: with a grant, stores by great-circle distance; the position is used for the query and stored nowhere', async () => {
    await decide('o_test_user_1', 'grant')
    const reply = (await nearby('o_test_user_1')).result
    const found = reply?.data.stores as Array<{ id: string; distanceM: number }>
    expect(found[0]).toMatchObject({ id: 'sh-jingan', distanceM: 0 })
    expect(found.map((s) => s.distanceM)).toEqual([...found.map((s) => s.distanceM)].sort((a, b) => a - b))
    await nearby('o_test_user_1', { latitude: 30.2591, longitude: 120.1487 })
    expect(await everything()).not.toMatch(/30\.2591|120\.1487/)
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

  it('withdrawing the location permission stops nearby', async () => {
    await decide('o_test_user_1', 'grant')
    expect((await nearby('o_test_user_1')).result).toMatchObject({ ok: true })
    expect((await decide('o_test_user_1', 'withdraw')).result).toMatchObject({ ok: true })
    expect((await nearby('o_test_user_1')).result).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
  })

  it('user actions refuse callers without an openid, even with a timer-shaped event', async () => {
    const timerLike = { Type: 'Timer', TriggerName: 'purgeAnything', Time: new Date().toISOString() }
    expect((await stores({ action: 'list', city: 'shanghai' }, null)).result).toMatchObject({ ok: false, code: 'COMMON.UNAUTHENTICATED' })
    expect((await stores(timerLike, null)).result).toMatchObject({ ok: false, code: 'COMMON.UNAUTHENTICATED' })
    expect((await stores(timerLike, user('o_test_user_1'))).result).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
  })
})
