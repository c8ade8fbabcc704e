import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { BUNDLE_BUDGET_BYTES, OUT, ROOT, WX_SERVER_SDK_VERSION, functionNames } from '../../config/build-cloudfunctions'

/** `npm test` builds the functions before Jest runs; these check what would be uploaded. */
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])

/**
 * Run by `node --enable-source-maps`: loads a bundle with a stub SDK whose getWXContext records the stack,
 * then calls main; the frame below the stub is the bundle's own (the handler reading the identity).
 */
const STACK_PROBE = `
const Module = require('node:module')
const load = Module._load
let stack = ''
const sdk = { DYNAMIC_CURRENT_ENV: Symbol('env'), init() {}, getWXContext() { stack = new Error('probe').stack; return {} } }
Module._load = function (request, ...rest) { return request === 'wx-server-sdk' ? sdk : load.call(this, request, ...rest) }
process.env.TENCENTCLOUD_REGION = 'ap-shanghai'
require(process.argv[1]).main({}).then(() => process.stdout.write(stack.split('\\n')[2]))
`

function requiredModules(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] as string)
}

describe.each(functionNames())('cloud function %s', (name) => {
  const dir = path.join(OUT, name)

  it('requires nothing but wx-server-sdk and Node built-ins', () => {
    const found = requiredModules(readFileSync(path.join(dir, 'index.js'), 'utf8'))
    const foreign = found.filter((m) => m !== 'wx-server-sdk' && !builtins.has(m))
    expect(foreign).toEqual([])
    expect(found).toContain('wx-server-sdk')
  })

  it('pins wx-server-sdk exactly in its package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> }
    expect(pkg.dependencies).toEqual({ 'wx-server-sdk': WX_SERVER_SDK_VERSION })
    expect(pkg.main).toBe('index.js')
  })

  it('ships its config.json with a timeout', () => {
    const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as { timeout?: number }
    expect(config.timeout).toBeGreaterThan(0)
  })

  it(`stays within the cold-start budget of ${BUNDLE_BUDGET_BYTES / 1024} KB`, () => {
    expect(statSync(path.join(dir, 'index.js')).size).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES)
  })

  it('maps stack traces back to the TypeScript sources through its external source map', () => {
    expect(existsSync(path.join(dir, 'index.js.map'))).toBe(true)
    const frame = execFileSync(process.execPath, ['--enable-source-maps', '-e', STACK_PROBE, path.join(dir, 'index.js')], { encoding: 'utf8' })
    expect(frame).toContain(`${path.join(ROOT, 'cloudfunctions', '_shared', 'adapters', 'wx.ts')}:`)
  })

  it('exports main when loaded the way CloudBase loads it', () => {
    const mod = require(path.join(dir, 'index.js')) as { main?: unknown }
    expect(typeof mod.main).toBe('function')
  })
})
