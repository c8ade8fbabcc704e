import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { MAIN_PACKAGE_BUDGET_BYTES, packageSizes } from '../support/weapp-packages'
import type { BenchSection } from './types'

const ROOT = path.resolve(__dirname, '..', '..')
const DIST = path.join(ROOT, 'dist', 'weapp')
const KB = 1024

/** Builds the weapp and measures the main package as WeChat counts it (code and assets, not sub-packages). */
export default async function bench(): Promise<BenchSection> {
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'weapp'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } })
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'check-weapp.ts'), DIST], { cwd: ROOT, encoding: 'utf8' })
  const { files, quality } = JSON.parse(out.trim().split('\n').pop()!) as { files: Record<string, number>; quality: Array<{ name: string; detail?: Record<string, number> }> }
  const { main, subPackages } = packageSizes(DIST, files)
  const sub = Object.values(subPackages).reduce((a, b) => a + b, 0)
  const ciMain = quality.find((q) => q.name === 'PACKAGE_SIZE_LIMIT')?.detail?.__APP__
  return {
    title: 'Weapp package size',
    rows: [
      { measure: 'main package (our count: all files outside sub-packages)', bytes: main, KB: (main / KB).toFixed(1), budget: `≤ ${MAIN_PACKAGE_BUDGET_BYTES / KB} KB (WeChat limit 2 MB)` },
      { measure: 'main package as miniprogram-ci counts it (__APP__)', bytes: ciMain ?? 'n/a', KB: ciMain ? (ciMain / KB).toFixed(1) : 'n/a', budget: '' },
      { measure: 'sub-packages', bytes: sub, KB: (sub / KB).toFixed(1), budget: '' },
      ...Object.entries(subPackages).map(([root, bytes]) => ({ measure: `sub-package ${root}`, bytes, KB: (bytes / KB).toFixed(1), budget: '≤ 2 MB (WeChat limit)' })),
    ],
    notes: ['Production build (`taro build --type weapp`), minified; licence files and project.config.json excluded from our count.'],
  }
}

if (require.main === module) bench().then((s) => console.log(JSON.stringify(s, null, 2)))
