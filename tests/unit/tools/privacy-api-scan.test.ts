import { isPrivacyUsage, scanWxApis, undeclaredUsages, type SourceText } from '../../../tools/privacy-api-scan'

// The first scan parses the Taro, React and WeChat typings, which takes long on a busy machine.
jest.setTimeout(180_000)

// Snippets live in a folder of their own under the repository, so `@tarojs/taro` resolves as in src.
const DIR = 'tests/.artifacts/privacy-api-scan'
const TARO = "import Taro from '@tarojs/taro'"

function file(name: string, ...lines: string[]): SourceText {
  return { path: `${DIR}/${name}`, source: lines.join('\n') }
}

/** `via:api@line` for each privacy usage, as a file's author would read them. */
function apis(...files: SourceText[]): string[] {
  return scanWxApis(files)
    .filter(isPrivacyUsage)
    .map((u) => `${u.file.slice(DIR.length + 1)} ${u.via}:${u.api}@${u.line}`)
}

describe('scanWxApis', () => {
  it('finds Taro and wx members, optional chaining and element access, with line numbers', () => {
    const src = file('direct.ts', TARO, 'await Taro.getLocation({ type: "gcj02" })', 'wx.chooseMedia({ count: 2 })', 'Taro?.setClipboardData({ data: "" })', "Taro['saveImageToPhotosAlbum']({ filePath: '' })")
    expect(apis(src)).toEqual(['direct.ts call:getLocation@2', 'direct.ts call:chooseMedia@3', 'direct.ts call:setClipboardData@4', 'direct.ts call:saveImageToPhotosAlbum@5'])
  })

  it('follows an alias of Taro or wx, whatever it is called', () => {
    const src = file('alias.ts', TARO, 'const t = Taro', 't.getLocation({})', 'const w = wx', 'w.chooseImage({})', 'const api = { ui: Taro }', 'api.ui.chooseAddress()')
    expect(apis(src)).toEqual(['alias.ts call:getLocation@3', 'alias.ts call:chooseImage@5', 'alias.ts call:chooseAddress@7'])
  })

  it('finds APIs destructured from Taro or wx, renamed or not', () => {
    const src = file('destructure.ts', TARO, 'const { getLocation, chooseMedia: pick } = Taro', "const { 'setClipboardData': copy } = wx", 'const t = Taro', 'const { getWeRunData } = t')
    expect(apis(src)).toEqual(['destructure.ts call:getLocation@2', 'destructure.ts call:chooseMedia@2', 'destructure.ts call:setClipboardData@3', 'destructure.ts call:getWeRunData@5'])
  })

  it('finds element access by a string literal, a template without substitutions, or a const', () => {
    const src = file('element.ts', TARO, "Taro['getLocation']()", 'wx[`chooseAddress`]()', "const key = 'chooseImage'", 'Taro[key]()')
    expect(apis(src)).toEqual(['element.ts call:getLocation@2', 'element.ts call:chooseAddress@3', 'element.ts call:chooseImage@5'])
  })

  it('finds the wx global even where a local declaration types it as any', () => {
    expect(apis(file('wx.ts', 'wx.getLocation({})', 'export {}'))).toEqual(['wx.ts call:getLocation@1'])
    expect(apis(file('wx-any.ts', 'declare const wx: any', 'wx.startRecord()', 'export {}'))).toEqual(['wx-any.ts call:startRecord@2'])
  })

  it('finds an API passed on without being called, and named imports from @tarojs/taro', () => {
    expect(apis(file('passed.ts', TARO, 'declare function promisify(f: unknown): unknown', 'export const pick = promisify(Taro.chooseImage)'))).toEqual(['passed.ts call:chooseImage@3'])
    expect(apis(file('named.ts', "import { getFuzzyLocation as where, useDidShow } from '@tarojs/taro'", 'where({}); useDidShow(() => {})'))).toEqual(['named.ts import:getFuzzyLocation@1'])
    expect(apis(file('type-only.ts', "import type { getLocation } from '@tarojs/taro'", 'export type G = typeof getLocation'))).toEqual([])
  })

  it('follows re-exports: the module that re-exports (`export *` as every API), and each module that uses what it re-exports', () => {
    const barrel = file('barrel.ts', "export { getLocation, default as T } from '@tarojs/taro'", "export * from '@tarojs/taro'", "import Taro from '@tarojs/taro'", 'export const api = Taro')
    const user = file('user.ts', "import { getLocation as here, T, api } from './barrel'", 'here({})', 'T.chooseAddress()', 'api.setClipboardData({ data: "" })')
    expect(apis(barrel, user)).toEqual([
      'barrel.ts export:getLocation@1',
      'barrel.ts export:*@2',
      'user.ts import:getLocation@1',
      'user.ts call:chooseAddress@3',
      'user.ts call:setClipboardData@4',
    ])
  })

  it('finds open-types in JSX, written or held in a variable, including combined ones', () => {
    const src = file(
      'open-type.tsx',
      "import { Button } from '@tarojs/components'",
      "export const A = () => <Button openType='getPhoneNumber|agreePrivacyAuthorization' />",
      'export const B = () => <Button openType={"chooseAvatar"} />',
      "declare const kind: 'getRealtimePhoneNumber' | 'share'",
      'export const C = () => <Button openType={kind} />',
    )
    expect(apis(src)).toEqual(['open-type.tsx open-type:getPhoneNumber@2', 'open-type.tsx open-type:chooseAvatar@3', 'open-type.tsx open-type:getRealtimePhoneNumber@5'])
  })

  it('finds the camera component, also renamed, and scope strings however they reach authorize', () => {
    expect(apis(file('camera.tsx', "import { Camera as Lens } from '@tarojs/components'", 'export const V = () => <Lens devicePosition="back" />'))).toEqual(['camera.tsx component:camera@2'])
    expect(apis(file('scope.ts', TARO, "Taro.authorize({ scope: 'scope.record' })"))).toEqual(['scope.ts scope:scope.record@2'])
    expect(apis(file('scopes.ts', "export const SCOPES = ['scope.userLocation', \"scope.camera\"] as const", "const s = 'scope.notAScope'"))).toEqual(['scopes.ts scope:scope.userLocation@1', 'scopes.ts scope:scope.camera@1'])
  })

  it('ignores comments, other objects, longer names and members of what an API returns', () => {
    const src = file(
      'lookalikes.ts',
      TARO,
      '// wx.getLocation() is never called here',
      '/* Taro.chooseImage({}) */ const store = { getLocation: () => 1 }',
      'store.getLocation()',
      "const url = 'https://maps.example.com'; Taro.openSetting()",
      'const ctx = Taro.createMapContext("m"); ctx.getCenterLocation({})',
    )
    expect(apis(src)).toEqual([])
  })

  it('reports every API member, not only privacy ones, so layers can place e.g. Taro.cloud', () => {
    const usages = scanWxApis([file('cloud.ts', TARO, "Taro.cloud.callFunction({ name: 'x' })", "Taro.navigateTo({ url: '/x' })")])
    expect(usages.map((u) => `${u.via}:${u.api}@${u.line}`)).toEqual(['call:cloud@2', 'call:navigateTo@3'])
  })
})

describe('undeclaredUsages', () => {
  const declared = new Set(['getLocation', 'scope.userLocation'])

  it('passes code that uses only declared APIs', () => {
    expect(undeclaredUsages([file('ok.tsx', TARO, 'Taro.getLocation({})')], declared)).toEqual([])
  })

  it('fails on an undeclared use, naming the file, line and API', () => {
    const files = [file('x.tsx', TARO, 'Taro.getLocation({})', 'const { chooseAddress } = Taro')]
    expect(undeclaredUsages(files, declared)).toEqual([{ file: `${DIR}/x.tsx`, line: 3, api: 'chooseAddress', via: 'call' }])
  })

  it('fails on a module that re-exports all of Taro: every API, which no manifest declares', () => {
    expect(undeclaredUsages([file('all.ts', "export * from '@tarojs/taro'")], declared)).toEqual([{ file: `${DIR}/all.ts`, line: 1, api: '*', via: 'export' }])
  })

  it('fails on an undeclared scope passed to authorize', () => {
    expect(undeclaredUsages([file('a.ts', "wx.authorize({ scope: 'scope.camera' })", 'export {}')], declared)).toEqual([{ file: `${DIR}/a.ts`, line: 1, api: 'scope.camera', via: 'scope' }])
  })
})
