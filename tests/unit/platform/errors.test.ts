import { platformErrorFrom, toPlatformError } from '../../../src/platform/errors'
import { PlatformError } from '../../../src/platform/types'

describe('WeChat errMsg → PlatformError code', () => {
  it.each([
    ['getLocation:fail privacy permission is not authorized', 'PLATFORM.PRIVACY_NOT_AUTHORIZED'],
    ['requirePrivacyAuthorize:fail privacy permission is not authorized', 'PLATFORM.PRIVACY_NOT_AUTHORIZED'],
    ['getLocation:fail api scope is not declared in the privacy agreement', 'PLATFORM.PRIVACY_NOT_DECLARED'],
    ['getLocation:fail the api need to be declared in the requiredPrivateInfos field in app.json/ext.json', 'PLATFORM.PRIVACY_NOT_DECLARED'],
    ['openSetting:fail can only be invoked by user TAP gesture.', 'PLATFORM.NOT_FROM_TAP'],
    ['getLocation:fail system permission denied', 'PLATFORM.SYSTEM_DENIED'],
    ['getLocation:fail:ERROR_NOCELL&WIFI_LOCATIONSWITCHOFF', 'PLATFORM.SYSTEM_DENIED'],
    ['getLocation:fail auth deny', 'PLATFORM.SCOPE_DENIED'],
    ['authorize:fail auth deny', 'PLATFORM.SCOPE_DENIED'],
    ['saveImageToPhotosAlbum:fail auth denied', 'PLATFORM.SCOPE_DENIED'],
    ['authorize:fail:auth denied', 'PLATFORM.SCOPE_DENIED'],
    ['chooseMedia:fail cancel', 'PLATFORM.USER_CANCELLED'],
    ['saveImageToPhotosAlbum:fail:cancel', 'PLATFORM.USER_CANCELLED'],
    ['getLocation:fail timeout', 'PLATFORM.FAILED'],
  ])('%s → %s', (errMsg, code) => {
    const err = platformErrorFrom(errMsg)
    expect(err).toBeInstanceOf(PlatformError)
    expect([err.code, err.errMsg]).toEqual([code, errMsg])
  })

  it('reads errMsg from callback results and messages from Errors; passes PlatformErrors through', () => {
    const original = new PlatformError('PLATFORM.NOT_FROM_TAP', 'x')
    expect(toPlatformError(original)).toBe(original)
    expect(toPlatformError({ errMsg: 'authorize:fail auth deny' }).code).toBe('PLATFORM.SCOPE_DENIED')
    expect(toPlatformError(new Error('chooseMedia:fail cancel')).code).toBe('PLATFORM.USER_CANCELLED')
    expect(toPlatformError(undefined)).toMatchObject({ code: 'PLATFORM.FAILED', errMsg: 'undefined' })
  })
})
