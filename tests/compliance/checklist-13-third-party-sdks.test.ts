import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { LATEST_POLICY, POLICY_VERSIONS } from '../../src/content'
import { ROOT } from '../support/emulator'

/**
 * Checklist 13 (认定方法 §2(1), §5). Not applicable as a list: the mini-program embeds no third-party SDK
 * or plugin besides WeChat's own base library (docs/compliance.md). What must hold: every manifest version
 * declares no SDK, the policy says so and lists the one processor, app.json declares no plugin, and the
 * app's code imports no package outside the short list of UI, schema and hashing libraries that send nothing anywhere.
 */
const APP_PACKAGES = new Set(['@tarojs/taro', '@tarojs/components', '@tarojs/runtime', '@tarojs/react', '@tarojs/plugin-framework-react', 'react', 'react-dom', 'zod', 'canonicalize', '@noble/hashes', 'chinese-days', '@noble/curves'])

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name)
    return d.isDirectory() ? files(p) : /\.tsx?$/.test(d.name) ? [p] : []
  })
}

const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!)

describe('checklist 13: third-party SDKs and plugins', () => {
  it('no manifest version declares a third-party SDK; the policy says none is embedded and names the processor', () => {
    for (const p of POLICY_VERSIONS) expect([p.version, p.manifest.sdks]).toEqual([p.version, []])
    const sdks = LATEST_POLICY.sections.find((s) => s.id === 'sdks')!
    const words = sdks.blocks.map((b) => (b.kind === 'paragraph' ? b.text['zh-CN'] : '')).join('')
    expect(words).toContain('没有在小程序中接入任何第三方 SDK')
    expect(sdks.blocks.some((b) => b.kind === 'table' && b.table === 'processors')).toBe(true)
    expect(LATEST_POLICY.manifest.processors.map((p) => p.id)).toEqual(['tencent-cloudbase'])
  })

  it('app.json declares no plugin', () => {
    const config = readFileSync(path.join(ROOT, 'src', 'app.config.ts'), 'utf8')
    expect(config).not.toMatch(/\bplugins\s*:/)
  })

  it('the app imports only packages on the no-network list, besides its own modules', () => {
    const imported = new Set<string>()
    for (const file of files(path.join(ROOT, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"]([^'"]+)['"]/g)) {
        const spec = m[1]!
        if (spec.startsWith('.') || spec.startsWith('@/')) continue
        imported.add(packageOf(spec))
      }
    }
    expect(imported.size).toBeGreaterThan(0)
    expect([...imported].filter((p) => !APP_PACKAGES.has(p) && !p.startsWith('node:'))).toEqual([])
  })

  it('the shipped dependencies are that list too (a new one must be reviewed here first)', () => {
    const { dependencies } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    const unknown = Object.keys(dependencies).filter((d) => !APP_PACKAGES.has(d) && !/^@tarojs\/(helper|shared|plugin-platform-(h5|weapp))$/.test(d) && d !== '@babel/runtime')
    expect(unknown).toEqual([])
  })
})
