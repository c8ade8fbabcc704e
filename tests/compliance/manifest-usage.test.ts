import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { PRIVACY_MANIFEST } from '../../src/content'
import { declaredPrivacyUsages } from '../../src/domain/policy'
import { undeclaredUsages } from '../../tools/privacy-api-scan'

/**
 * WeChat compares the privacy guide with the APIs the code calls and disables undeclared ones (or
 * rejects the review). This keeps the code inside the manifest: any WeChat privacy API, open-type,
 * component or authorize scope that the manifest does not declare fails `npm test`.
 */
const ROOT = join(__dirname, '..', '..')
const SRC = join(ROOT, 'src')
// Declarations and pure logic only: they name APIs without calling them.
const EXCLUDED = [join(SRC, 'content'), join(SRC, 'domain')]

function sourceFiles(dir: string): string[] {
  if (EXCLUDED.includes(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name)
    if (d.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts') ? [path] : []
  })
}

describe('privacy APIs used by the code are declared in the manifest', () => {
  const declared = declaredPrivacyUsages(PRIVACY_MANIFEST)

  it('the scanner fails on an undeclared call (self-check)', () => {
    const planted = [{ path: 'src/pages/planted/index.tsx', source: "import Taro from '@tarojs/taro'\nconst t = Taro\nexport const f = () => t.chooseAddress({})" }]
    expect(undeclaredUsages(planted, declared)).toEqual([{ file: 'src/pages/planted/index.tsx', line: 3, api: 'chooseAddress', via: 'call' }])
    expect(undeclaredUsages([{ path: 'src/pages/planted/ok.ts', source: "import Taro from '@tarojs/taro'\nTaro.getLocation({})" }], declared)).toEqual([])
  })

  it('src/** (outside src/content and src/domain) calls no undeclared privacy API', () => {
    const files = sourceFiles(SRC).map((path) => ({ path: relative(ROOT, path), source: readFileSync(path, 'utf8') }))
    expect(files.length).toBeGreaterThan(0)
    const undeclared = undeclaredUsages(files, declared).map((u) => `${u.file}:${u.line} ${u.via} ${u.api}`)
    expect(undeclared).toEqual([])
  }, 180_000) // the scan type-checks all of src, slow on a busy machine
})
