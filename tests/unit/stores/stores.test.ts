import { distanceMeters, nearestStores, type Store } from '../../../src/domain/stores/stores'
import { STORES } from '../../../src/content/stores'

const JINGAN = { latitude: 31.2286, longitude: 121.4488 }
const KM = 1000

const store = (id: string, latitude: number, longitude: number): Store => ({ id, city: 'test', name: id, address: id, latitude, longitude, rank: 1, url: '' })

describe('nearestStores', () => {
  it('leaves out stores beyond the radius: from Jing’an, 50 km holds Shanghai only', () => {
    const found = nearestStores(STORES, JINGAN, { radiusM: 50 * KM, limit: 20 })
    expect(found.map((s) => s.city)).toEqual(['shanghai', 'shanghai', 'shanghai', 'shanghai'])
    expect(found.every((s) => s.distanceM <= 50 * KM)).toBe(true)
    // Hangzhou is ~165 km away, Beijing > 1,000 km: neither is nearby.
    expect(nearestStores(STORES, JINGAN, { radiusM: 150 * KM, limit: 20 }).map((s) => s.city)).not.toContain('hangzhou')
    expect(nearestStores(STORES, JINGAN, { radiusM: 200 * KM, limit: 20 }).map((s) => s.city)).toContain('hangzhou')
  })

  it('is empty when no store is within the radius', () => {
    expect(nearestStores(STORES, { latitude: 43.8, longitude: 87.6 }, { radiusM: 50 * KM, limit: 20 })).toEqual([])
    expect(nearestStores([], JINGAN, { radiusM: 50 * KM, limit: 20 })).toEqual([])
  })

  it('includes a store exactly on the radius and excludes one a metre beyond', () => {
    const far = store('far', 31.5, 121.4488)
    const d = distanceMeters(JINGAN, far)
    expect(nearestStores([far], JINGAN, { radiusM: d, limit: 20 }).map((s) => s.id)).toEqual(['far'])
    expect(nearestStores([far], JINGAN, { radiusM: d - 1, limit: 20 })).toEqual([])
    expect(nearestStores([store('here', JINGAN.latitude, JINGAN.longitude)], JINGAN, { radiusM: 0, limit: 20 })).toMatchObject([{ id: 'here', distanceM: 0 }])
  })

  it('sorts nearest first, ties by id, whatever the catalogue order', () => {
    const catalogue = [store('c', 31.3, 121.4488), store('b', 31.25, 121.4488), store('a', 31.25, 121.4488), store('d', 31.2286, 121.45)]
    const found = nearestStores(catalogue, JINGAN, { radiusM: 50 * KM, limit: 20 })
    expect(found.map((s) => s.id)).toEqual(['d', 'a', 'b', 'c'])
    expect(found.map((s) => s.distanceM)).toEqual([...found.map((s) => s.distanceM)].sort((x, y) => x - y))
    expect(found[0].distanceM).toBe(distanceMeters(JINGAN, catalogue[3]))
  })

  it('returns at most `limit` stores, the nearest ones, after the radius is applied', () => {
    const near = nearestStores(STORES, JINGAN, { radiusM: 50 * KM, limit: 2 })
    expect(near.map((s) => s.id)).toEqual(nearestStores(STORES, JINGAN, { radiusM: 50 * KM, limit: 20 }).slice(0, 2).map((s) => s.id))
    expect(near[0].id).toBe('sh-jingan')
    expect(nearestStores(STORES, JINGAN, { radiusM: 50 * KM, limit: 0 })).toEqual([])
    expect(nearestStores(STORES, JINGAN, { radiusM: 50_000 * KM, limit: 100 })).toHaveLength(STORES.length)
  })
})
