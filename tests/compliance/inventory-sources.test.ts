import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { COLLECTION_SOURCES, NOT_HELD, STORAGE_SOURCES } from '../../cloudfunctions/_shared/inventory-sources'
import { PRIVACY_MANIFEST } from '../../src/content/privacy-manifest'

/**
 * The inventory (view, export, cancellation) can only cover what it knows of. These checks fail when a
 * collection or storage prefix is added without saying which manifest category it holds.
 */
const ROOT = path.resolve(__dirname, '..', '..')
const REPOS = path.join(ROOT, 'cloudfunctions', '_shared', 'repositories')
const declared = (JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions', 'collections.json'), 'utf8')) as { collections: string[] }).collections

/** Collection names the repositories use (`export const NAME = 'collection'`). */
const usedCollections = readdirSync(REPOS).flatMap((file) => [...readFileSync(path.join(REPOS, file), 'utf8').matchAll(/export const (?![A-Z_]*_PREFIX )[A-Z_]+ = '([a-z_]+)'/g)].map((m) => m[1]!))
/** Storage prefixes the code writes to (`cloudPath: '<prefix>/…'` or a `*_PREFIX` constant). */
const usedPrefixes = readdirSync(REPOS).flatMap((file) => [...readFileSync(path.join(REPOS, file), 'utf8').matchAll(/export const [A-Z_]+_PREFIX = '([a-z-]+)'/g)].map((m) => m[1]!))

describe('every place that holds user data maps to a manifest category', () => {
  it('every collection the repositories use is created at deploy and has a source entry', () => {
    expect(usedCollections.length).toBeGreaterThan(5)
    for (const name of usedCollections) {
      expect(declared).toContain(name)
      expect(Object.keys(COLLECTION_SOURCES)).toContain(name)
    }
  })

  it('every deployed collection says what it holds', () => {
    for (const name of declared) expect(COLLECTION_SOURCES[name]).toBeDefined()
  })

  it('every storage prefix in use has a source entry', () => {
    for (const prefix of usedPrefixes) expect(Object.keys(STORAGE_SOURCES)).toContain(prefix)
  })

  it('sources name only categories the manifest declares, and every category is held or listed as not held, never both', () => {
    const ids = new Set(PRIVACY_MANIFEST.dataCategories.map((c) => c.id))
    const held = new Set(
      [...Object.values(COLLECTION_SOURCES), ...Object.values(STORAGE_SOURCES)].flatMap((s) => (s.kind === 'user-data' ? s.categories : [])),
    )
    for (const category of held) expect(ids).toContain(category)
    for (const category of Object.keys(NOT_HELD)) {
      expect(ids).toContain(category)
      expect(held.has(category)).toBe(false)
    }
    for (const category of ids) expect(held.has(category) || category in NOT_HELD).toBe(true)
  })
})
