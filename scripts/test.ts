import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * `npm test`: type-check, check the layer rules, build what the tests inspect (cloud bundles, weapp, h5),
 * then every Jest suite. Ends with one "N passed, N failed" line so any CI can read the result.
 */
const ROOT = path.resolve(__dirname, '..')
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name)

function step(title: string, cmd: string, args: string[], env: Record<string, string> = {}): void {
  const started = Date.now()
  console.log(`\n▶ ${title}`)
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } })
  if (res.status !== 0) {
    console.error(`✖ ${title} failed (exit ${res.status ?? res.signal})`)
    console.log('0 passed, 1 failed')
    process.exit(1)
  }
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}

step('type-check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'])
step('layers (imports by dependency-cruiser, WeChat APIs by the API scan)', process.execPath, ['--import', 'tsx', 'tools/check-layers.ts'])
step('build cloud functions', process.execPath, ['--import', 'tsx', 'config/build-cloudfunctions.ts'])
step('build weapp', bin('taro'), ['build', '--type', 'weapp'], { NODE_ENV: 'production' })
step('build h5', bin('taro'), ['build', '--type', 'h5'], { NODE_ENV: 'production' })

const report = path.join(ROOT, 'tests', '.artifacts', 'jest-report.json')
mkdirSync(path.dirname(report), { recursive: true })
const jest = spawnSync(bin('jest'), ['--json', `--outputFile=${report}`, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' })
let passed = 0
let failed = 1
try {
  const summary = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numRuntimeErrorTestSuites: number }
  passed = summary.numPassedTests
  failed = summary.numFailedTests + summary.numRuntimeErrorTestSuites
} catch {
  // No report means Jest itself failed to start; counted as one failure.
}
console.log(`\ntests: ${passed} passed, ${failed} failed`)
process.exit(jest.status === 0 && failed === 0 && passed > 0 ? 0 : 1)
