import { DEFAULT_NEARBY_RADIUS_KM, nearbyRadiusKm } from '../../../cloudfunctions/_shared/usecases/stores'

// The stores function's NEARBY_RADIUS_KM: a plain positive decimal, anything else the default.
describe('nearbyRadiusKm', () => {
  it('defaults to 50 km when unset or empty', () => {
    expect(DEFAULT_NEARBY_RADIUS_KM).toBe(50)
    expect(nearbyRadiusKm(undefined)).toBe(50)
    expect(nearbyRadiusKm('')).toBe(50)
    expect(nearbyRadiusKm('  ')).toBe(50)
  })

  it.each([
    ['30', 30],
    ['7.5', 7.5],
    [' 120 ', 120],
    ['0.5', 0.5],
  ])('reads %j as %d km', (raw, km) => {
    expect(nearbyRadiusKm(raw)).toBe(km)
  })

  it.each(['0', '0.0', '-5', 'abc', '30km', '1e3', 'Infinity', 'NaN', '.5', '5.', '0x10'])('falls back to the default for %j', (raw) => {
    expect(nearbyRadiusKm(raw)).toBe(DEFAULT_NEARBY_RADIUS_KM)
  })
})
