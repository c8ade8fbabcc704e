import { scanPrivacyUsages, stripComments, undeclaredUsages } from '../../../src/domain/policy'

function apis(source: string): string[] {
  return scanPrivacyUsages(source).map((u) => `${u.via}:${u.api}@${u.line}`)
}

describe('scanPrivacyUsages', () => {
  it('finds Taro and wx calls, optional chaining and bracket access, with line numbers', () => {
    const src = ["import Taro from '@tarojs/taro'", 'await Taro.getLocation({ type: "gcj02" })', 'wx.chooseMedia({ count: 2 })', 'Taro?.setClipboardData({ data })', "Taro['saveImageToPhotosAlbum']({ filePath })"].join('\n')
    expect(apis(src)).toEqual(['call:getLocation@2', 'call:chooseMedia@3', 'call:setClipboardData@4', 'call:saveImageToPhotosAlbum@5'])
  })

  it('finds an API passed on without being called, and named imports from @tarojs/taro', () => {
    expect(apis('const pick = promisify(Taro.chooseImage)')).toEqual(['call:chooseImage@1'])
    expect(apis("import { getFuzzyLocation as where, useDidShow } from '@tarojs/taro'")).toEqual(['import:getFuzzyLocation@1'])
    expect(apis("import type { getLocation } from '@tarojs/taro'")).toEqual([])
  })

  it('finds open-types in JSX, including combined ones', () => {
    expect(apis(`<Button openType='getPhoneNumber|agreePrivacyAuthorization' onGetPhoneNumber={f} />`)).toEqual(['open-type:getPhoneNumber@1'])
    expect(apis(`<Button openType={"chooseAvatar"} />`)).toEqual(['open-type:chooseAvatar@1'])
    expect(apis(`<Button openType='agreePrivacyAuthorization' />`)).toEqual([])
  })

  it('finds the camera component and scope strings, however they reach authorize', () => {
    expect(apis('return <Camera devicePosition="back" />')).toEqual(['component:camera@1'])
    expect(apis("Taro.authorize({ scope: 'scope.record' })")).toEqual(['scope:scope.record@1'])
    expect(apis("export const SCOPES = ['scope.userLocation', \"scope.camera\"] as const\nTaro.authorize({ scope })")).toEqual(['scope:scope.userLocation@1', 'scope:scope.camera@1'])
    expect(apis("const s = 'scope.notAScope'")).toEqual([])
  })

  it('ignores comments that merely mention an API', () => {
    const src = ['// wx.getLocation() is never called here', '/* Taro.chooseImage({}) */ const a = 1', '/**', ' * uses `Taro.startRecord`', ' */'].join('\n')
    expect(apis(src)).toEqual([])
  })

  it('ignores lookalikes: other objects, other open-types, longer names', () => {
    expect(apis("store.getLocation(); myTaro.chooseMedia(); Taro.getLocationLater(); Taro.openSetting(); Taro.getSetting()")).toEqual([])
  })

  it('is not fooled by // inside strings or templates', () => {
    const src = ["const url = 'https://maps.example.com'; Taro.getLocation()", 'const t = `${a ? `//x` : "y"}`; wx.chooseMedia()'].join('\n')
    expect(apis(src)).toEqual(['call:getLocation@1', 'call:chooseMedia@2'])
  })
})

describe('stripComments', () => {
  it('keeps every offset and line so positions still point at the source', () => {
    const src = 'a // c\n/* x\ny */ b\n"//s"'
    const out = stripComments(src)
    expect(out).toHaveLength(src.length)
    expect(out.split('\n')).toHaveLength(src.split('\n').length)
    expect(out).toBe('a     \n    \n     b\n"//s"')
  })
})

describe('undeclaredUsages', () => {
  const declared = new Set(['getLocation', 'scope.userLocation'])

  it('passes code that calls only declared APIs', () => {
    expect(undeclaredUsages([{ path: 'src/pages/stores/index.tsx', source: 'Taro.getLocation()' }], declared)).toEqual([])
  })

  it('fails on an undeclared call, naming the file, line and API', () => {
    const files = [{ path: 'src/pages/x/index.tsx', source: 'Taro.getLocation()\nTaro.chooseAddress()' }]
    expect(undeclaredUsages(files, declared)).toEqual([{ file: 'src/pages/x/index.tsx', line: 2, api: 'chooseAddress', via: 'call' }])
  })

  it('fails on an undeclared scope passed to authorize', () => {
    expect(undeclaredUsages([{ path: 'a.ts', source: "wx.authorize({ scope: 'scope.camera' })" }], declared)).toEqual([{ file: 'a.ts', line: 1, api: 'scope.camera', via: 'scope' }])
  })
})
