import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { apiPlacementViolations, dependencyViolations, layerViolations, type LayerViolation } from '../../tools/layers'

/**
 * The layer rules of docs/architecture.md hold on the real tree, and each one catches a break: a small
 * tree that breaks every rule once (a mutation check) must be reported rule by rule, and the files
 * that keep the rules must not be.
 */
const ROOT = path.join(__dirname, '..', '..')
const TARO = "import Taro from '@tarojs/taro'"

// Inside the repository, so `@tarojs/taro`, `react` and `wx-server-sdk` resolve from its node_modules.
const FIXTURE: Record<string, string> = {
  // Allowed: the transport behind services, the SDK behind the adapter, the simulator behind the platform.
  'src/services/transport.ts': `${TARO}\nexport const invoke = (name: string) => Taro.cloud.callFunction({ name })`,
  'src/services/cloud.ts': "import { invoke } from './transport'\nexport const me = () => invoke('account')",
  'cloudfunctions/_shared/adapters/wx.ts': "import cloud from 'wx-server-sdk'\nexport const db = () => cloud.database()",
  'cloudfunctions/_shared/repositories/profiles.ts': "import { db } from '../adapters/wx'\nexport const profiles = () => db().collection('profiles')",
  'src/platform/simulator/simulator.ts': 'export const simulated = true',
  'src/platform/index.ts': `${TARO}\nimport { simulated } from './simulator/simulator'\nexport const where = () => (simulated ? null : Taro.getLocation({ type: 'gcj02' }))`,
  'src/pages/ok/index.tsx': `${TARO}\nimport { me } from '@/services/cloud'\nimport { where } from '@/platform'\nexport const go = () => Taro.navigateTo({ url: '/x' }).then(me).then(where)`,
  'src/domain/ok.ts': "import { z } from 'zod'\nexport const id = z.string()",

  // Each of these breaks one rule.
  'src/pages/transport/index.tsx': "import { invoke } from '@/services/transport'\nexport const f = () => invoke('x')",
  'src/components/cloud-alias/index.tsx': `${TARO}\nconst t = Taro\nexport const f = () => t.cloud.callFunction({ name: 'x' })`,
  'src/flows/server-sdk.ts': "import cloud from 'wx-server-sdk'\nexport const c = cloud",
  'cloudfunctions/_shared/repositories/direct-sdk.ts': "import cloud from 'wx-server-sdk'\nexport const c = cloud",
  'src/pages/simulator/index.tsx': "import { simulated } from '../../platform/simulator/simulator'\nexport const s = simulated",
  'src/domain/taro.ts': `${TARO}\nexport const t = Taro`,
  'src/domain/react.ts': "import type { ReactNode } from 'react'\nexport type N = ReactNode",
  'src/domain/sdk.ts': "import cloud from 'wx-server-sdk'\nexport const c = cloud",
  'src/contracts/taro.ts': "import type { TaroStatic } from '@tarojs/taro'\nexport type T = TaroStatic",
  'src/domain/repository.ts': "import { profiles } from '../../cloudfunctions/_shared/repositories/profiles'\nexport const p = profiles",
  'src/pages/repository/index.tsx': "import { profiles } from '../../../cloudfunctions/_shared/repositories/profiles'\nexport const p = profiles",
  'src/components/adapter/index.tsx': "import type { db } from '../../../cloudfunctions/_shared/adapters/wx'\nexport type D = typeof db",
  'src/pages/location/index.tsx': `${TARO}\nexport const f = () => Taro.getLocation({ type: 'gcj02' })`,
  'src/pages/alias/index.tsx': `${TARO}\nconst t = Taro\nexport const f = () => t.chooseMedia({})`,
  'src/pages/destructure/index.tsx': `${TARO}\nconst { authorize } = Taro\nexport const f = () => authorize({ scope: 'scope.userLocation' })`,
  'src/pages/element/index.tsx': `${TARO}\nexport const f = () => Taro['openSetting']()`,
  'src/pages/wx-global/index.tsx': "export const f = () => wx.getPrivacySetting({})",
  'src/pages/reexport/taro-api.ts': "export { setClipboardData } from '@tarojs/taro'",
  'src/pages/reexport/index.tsx': "import { setClipboardData } from './taro-api'\nexport const f = () => setClipboardData({ data: '' })",
  'src/components/all-taro.ts': "export * from '@tarojs/taro'",
  'src/components/open-type/index.tsx': "import { Button } from '@tarojs/components'\nexport const B = () => <Button openType='agreePrivacyAuthorization' />",
}

const EXPECTED_IMPORTS = [
  ['cloud-only-in-services', 'src/pages/transport/index.tsx'],
  ['client-no-server-sdk', 'src/domain/sdk.ts'],
  ['client-no-server-sdk', 'src/flows/server-sdk.ts'],
  ['server-sdk-only-in-adapter', 'cloudfunctions/_shared/repositories/direct-sdk.ts'],
  ['privacy-simulator-only-in-platform', 'src/pages/simulator/index.tsx'],
  ['domain-pure', 'src/domain/react.ts'],
  ['domain-pure', 'src/domain/sdk.ts'],
  ['domain-pure', 'src/domain/taro.ts'],
  ['no-taro-in-shared-code', 'src/contracts/taro.ts'],
  ['src-no-cloudfunctions', 'src/components/adapter/index.tsx'],
  ['src-no-cloudfunctions', 'src/domain/repository.ts'],
  ['src-no-cloudfunctions', 'src/pages/repository/index.tsx'],
]

const EXPECTED_APIS = [
  ['cloud-api-only-in-services', 'src/components/cloud-alias/index.tsx'],
  ['privacy-apis-only-in-platform', 'src/components/all-taro.ts'],
  ['privacy-apis-only-in-platform', 'src/components/open-type/index.tsx'],
  ['privacy-apis-only-in-platform', 'src/pages/alias/index.tsx'],
  ['privacy-apis-only-in-platform', 'src/pages/destructure/index.tsx'],
  ['privacy-apis-only-in-platform', 'src/pages/element/index.tsx'],
  ['privacy-apis-only-in-platform', 'src/pages/location/index.tsx'],
  ['privacy-apis-only-in-platform', 'src/pages/reexport/index.tsx'],
  ['privacy-apis-only-in-platform', 'src/pages/reexport/taro-api.ts'],
  ['privacy-apis-only-in-platform', 'src/pages/wx-global/index.tsx'],
]

const pairs = (vs: LayerViolation[]) => [...new Set(vs.map((v) => JSON.stringify([v.rule, v.from])))].map((s) => JSON.parse(s) as string[]).sort()

describe('layer rules (docs/architecture.md)', () => {
  let fixture: string

  beforeAll(() => {
    mkdirSync(path.join(ROOT, 'tests', '.artifacts'), { recursive: true })
    fixture = mkdtempSync(path.join(ROOT, 'tests', '.artifacts', 'layers-'))
    for (const [file, source] of Object.entries(FIXTURE)) {
      mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true })
      writeFileSync(path.join(fixture, file), source)
    }
    // The real compiler options, so `@/` resolves inside the fixture as it does in src.
    const tsconfig = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] }
    writeFileSync(path.join(fixture, 'tsconfig.json'), JSON.stringify({ ...tsconfig, include: ['src', 'cloudfunctions'] }))
  })

  afterAll(() => rmSync(fixture, { recursive: true, force: true }))

  it('dependency-cruiser reports each broken import rule, and only those', () => {
    expect(pairs(dependencyViolations(fixture))).toEqual([...EXPECTED_IMPORTS].sort())
  }, 120_000)

  it('the API scan reports privacy, permission and cloud APIs outside their layer, however they are reached', () => {
    const found = apiPlacementViolations(fixture)
    expect(pairs(found)).toEqual([...EXPECTED_APIS].sort())
    // Scope strings are data: the page that authorizes is reported for `authorize`, not for its scope.
    expect(found.filter((v) => v.from === 'src/pages/destructure/index.tsx').map((v) => v.to)).toEqual(['authorize (line 2)'])
  }, 120_000)

  it('the real tree keeps every rule', () => {
    expect(layerViolations()).toEqual([])
  }, 180_000)
})
