import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AgreeButton as H5AgreeButton } from '../../../src/platform/agree-button.h5'
import type { AgreeButton as WeappAgreeButton } from '../../../src/platform/agree-button'
import type * as Weapp from '../../../src/platform/index'
import type * as H5 from '../../../src/platform/index.h5'
import type { PlatformApi } from '../../../src/platform/types'

/**
 * Taro swaps `index.ts` for `index.h5.ts` (and the agree button likewise) at build time, so pages
 * compile against the weapp file only. These checks keep the two builds interchangeable: the type
 * assertions fail `tsc` (part of `npm test`) on any signature drift, the test on any missing export.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const sameModuleTypes: Same<typeof Weapp, typeof H5> = true
const sameButtonTypes: Same<typeof WeappAgreeButton, typeof H5AgreeButton> = true
const weappImplementsApi: [typeof Weapp] extends [PlatformApi] ? true : false = true

const DIR = join(__dirname, '..', '..', '..', 'src', 'platform')

function exportsOf(file: string): string[] {
  const src = readFileSync(join(DIR, file), 'utf8')
  const names = [...src.matchAll(/^export (?:async )?(?:function|const|class) (\w+)/gm)].map((m) => m[1])
  const reexports = [...src.matchAll(/^export \* from '([^']+)'/gm)].map((m) => `* from ${m[1]}`)
  return [...names, ...reexports].sort()
}

describe('weapp and h5 builds of src/platform', () => {
  it('have the same signatures (checked by tsc)', () => {
    expect([sameModuleTypes, sameButtonTypes, weappImplementsApi]).toEqual([true, true, true])
  })

  it('index.ts and index.h5.ts export the same names, covering PlatformApi', () => {
    const weapp = exportsOf('index.ts')
    expect(exportsOf('index.h5.ts')).toEqual(weapp)
    const api: Record<keyof PlatformApi, true> = {
      initPlatform: true,
      getPrivacySetting: true,
      onNeedPrivacyAuthorization: true,
      requirePrivacyAuthorize: true,
      openPrivacyContract: true,
      getAuthSetting: true,
      authorize: true,
      openSetting: true,
      getLocation: true,
      chooseMedia: true,
      saveImageToPhotosAlbum: true,
      setClipboardData: true,
      avatarJpeg: true,
      certPhotoJpeg: true,
      requestSubscribeMessage: true,
    }
    expect(weapp).toEqual(expect.arrayContaining(Object.keys(api)))
  })

  it('agree-button.tsx and agree-button.h5.tsx export the same names', () => {
    expect(exportsOf('agree-button.h5.tsx')).toEqual(exportsOf('agree-button.tsx'))
  })

  it('the weapp build never imports the simulator', () => {
    for (const file of ['index.ts', 'agree-button.tsx', 'errors.ts', 'privacy-listeners.ts', 'types.ts']) {
      expect(readFileSync(join(DIR, file), 'utf8')).not.toMatch(/from '\.\/simulator/)
    }
  })
})
