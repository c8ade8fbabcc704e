import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { OUT, WX_SERVER_SDK_VERSION, functionNames } from '../../config/build-cloudfunctions'

/** `npm test` builds the functions before Jest runs; these check what would be uploaded. */
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])

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

  it('exports main when loaded the way CloudBase loads it', () => {
    const mod = require(path.join(dir, 'index.js')) as { main?: unknown }
    expect(typeof mod.main).toBe('function')
  })
})
