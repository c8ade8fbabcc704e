import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { appJsonPermission, requiredPrivateInfos } from '../../src/domain/policy/manifest-derive'
import { PRIVACY_MANIFEST } from '../../src/content/privacy-manifest'
import { MAIN_PACKAGE_BUDGET_BYTES, packageSizes } from '../support/weapp-packages'

/**
 * The weapp build (made by `npm test` before Jest) checked with WeChat's own tools: wcc / wcsc compile
 * every .wxml / .wxss under dist, and miniprogram-ci's code-quality check passes its hard rules.
 */
const ROOT = path.resolve(__dirname, '..', '..')
const DIST = path.join(ROOT, 'dist', 'weapp')

interface QualityItem {
  name: string
  success: boolean
  text: string
}
interface CheckOutput {
  wxmlBytes: number
  wxssBytes: number
  quality: QualityItem[]
  files: Record<string, number>
}

let check: CheckOutput

beforeAll(() => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'check-weapp.ts'), DIST], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
  check = JSON.parse(out.trim().split('\n').pop()!) as CheckOutput
}, 150_000)

describe('weapp build', () => {
  it('has the app entry files WeChat loads', () => {
    for (const f of ['app.js', 'app.json', 'app.wxss']) expect(existsSync(path.join(DIST, f))).toBe(true)
  })

  it('compiles with wcc and wcsc', () => {
    expect(check.wxmlBytes).toBeGreaterThan(0)
    expect(check.wxssBytes).toBeGreaterThan(0)
  })

  it("passes miniprogram-ci's package-size and lazy-loading checks", () => {
    const byName = new Map(check.quality.map((q) => [q.name, q]))
    expect(byName.get('PACKAGE_SIZE_LIMIT')?.success).toBe(true)
    expect(byName.get('LAZY_CODE_LOADING')?.success ?? true).toBe(true)
  })

  it('keeps the main package within its budget, with zod and the reply schemas of its own calls only', () => {
    const { main } = packageSizes(DIST, check.files)
    expect(main).toBeLessThanOrEqual(MAIN_PACKAGE_BUDGET_BYTES)
    const mainJs = Object.keys(check.files)
      .filter((f) => f.endsWith('.js') && !f.startsWith('packages/'))
      .map((f) => readFileSync(path.join(DIST, f), 'utf8'))
      .join('\n')
    // The main package's calls check their replies (src/services/cloud.ts): zod is there, with the reply
    // schemas of those calls and nothing a sub-package's call needs (field names of their replies).
    expect(mainJs).toContain('firstSeenAt')
    expect(mainJs).toContain('invalid_type')
    for (const subPackageOnly of ['inventoryHash', 'coolingOffDays', 'withdrawalMethod']) expect(mainJs).not.toContain(subPackageOnly)
  })

  it('declares in app.json exactly the permissions the privacy manifest derives', () => {
    const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as { permission?: unknown; requiredPrivateInfos?: unknown; lazyCodeLoading?: string }
    expect(app.permission).toEqual(appJsonPermission(PRIVACY_MANIFEST))
    expect(app.requiredPrivateInfos).toEqual(requiredPrivateInfos(PRIVACY_MANIFEST))
    expect(app.lazyCodeLoading).toBe('requiredComponents')
  })

  it('ships nothing of the h5 gateway or simulator', () => {
    const js = ['app.js', 'common.js', 'vendors.js', 'taro.js'].map((f) => readFileSync(path.join(DIST, f), 'utf8')).join('\n')
    expect(js).not.toContain('/gateway/callFunction')
    expect(js).not.toContain('__wxSim')
  })
})
