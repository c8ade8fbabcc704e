import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { PRIVACY_MANIFEST } from '../../src/content'
import { declaredPrivacyUsages } from '../../src/domain/policy'
import { undeclaredUsages, unusedDeclarations } from '../../tools/privacy-api-scan'

/**
 * WeChat compares the privacy guide with the APIs the code calls and disables undeclared ones (or
 * rejects the review). This keeps the code and the manifest matched both ways: any WeChat privacy API,
 * open-type, component or authorize scope that the manifest does not declare fails `npm test`, and so
 * does one the manifest declares but no code uses (the policy would tell of a collection that never happens).
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

  it('the scanner fails on a declared but unused API or scope (self-check)', () => {
    const source = "import Taro from '@tarojs/taro'\nexport const f = () => Taro.getLocation({ type: 'gcj02' })"
    const planted = [{ path: 'src/pages/planted/used.ts', source }]
    // Declared: getLocation (used), chooseAddress and scope.camera (not used). A comment is not a use.
    const withComment = [{ path: 'src/pages/planted/comment.ts', source: `${source}\n// Taro.chooseAddress({})` }]
    expect(unusedDeclarations(planted, new Set(['getLocation', 'chooseAddress', 'scope.camera']))).toEqual(['chooseAddress', 'scope.camera'])
    expect(unusedDeclarations(withComment, new Set(['getLocation', 'chooseAddress']))).toEqual(['chooseAddress'])
    expect(unusedDeclarations(planted, new Set(['getLocation']))).toEqual([])
  })

  const files = () => sourceFiles(SRC).map((path) => ({ path: relative(ROOT, path), source: readFileSync(path, 'utf8') }))

  it('src/** (outside src/content and src/domain) calls no undeclared privacy API', () => {
    const all = files()
    expect(all.length).toBeGreaterThan(0)
    const undeclared = undeclaredUsages(all, declared).map((u) => `${u.file}:${u.line} ${u.via} ${u.api}`)
    expect(undeclared).toEqual([])
  }, 180_000) // the scan type-checks all of src, slow on a busy machine

  it('the manifest declares no privacy API the code does not use', () => {
    expect(unusedDeclarations(files(), declared)).toEqual([])
  }, 180_000)
})
