/**
 * # Platform: the only module that touches WeChat privacy and permission APIs
 *
 * One typed API ({@link PlatformApi}), two implementations chosen at build time:
 * - **weapp** — this file. Real `Taro.*` calls wrapped in promises, WeChat `errMsg`s mapped to a
 *   {@link PlatformError} with a stable `code`. WeChat enforces everything itself: the privacy
 *   agreement (synced only by the `agreePrivacyAuthorization` button, see `./agree-button`), the
 *   `authSetting` tri-state, `openSetting` from a tap only, the 10-second re-prompt suppression.
 * - **h5** — `index.h5.ts`, which Taro picks over this file in the h5 build (so the weapp bundle never
 *   contains the simulator). It drives `./simulator`, a model of those same WeChat rules with system
 *   dialogs drawn as DOM overlays, state in localStorage and test hooks on `window.__wxSim`.
 *
 * Rules for callers: call {@link initPlatform} once at start-up; register the privacy listener with
 * {@link onNeedPrivacyAuthorization} before any privacy API can run; call {@link openSetting} only from a
 * tap handler. Pages never import `@tarojs/taro` privacy APIs themselves; `npm test` checks that the
 * APIs used here are declared in the privacy manifest.
 *
 * Taro notes (reference/taro-toolchain.md §5): its privacy typings return `void`, so those calls use
 * success/fail callbacks; `Taro.xxx()` is always called directly (the h5 babel plugin rewrites member
 * calls, so aliases or casts break); missing APIs become warn-only stubs on weapp, hence `canIUse`.
 */
import Taro from '@tarojs/taro'
import { toPlatformError } from './errors'
import { PrivacyListenerHub } from './privacy-listeners'
import { base64Bytes, stampWatermark, type WatermarkContext } from './watermark'
import {
  type AuthSetting,
  type CertPhotoLimits,
  type ChooseMediaOptions,
  type Location,
  type MediaFile,
  type NeedPrivacyListener,
  type PlatformConfig,
  PlatformError,
  type PrivacySetting,
  SCOPES,
  type Scope,
} from './types'

export * from './types'

const hub = new PrivacyListenerHub()
let hooked = false

function pickScopes(authSetting: AuthSetting): AuthSetting {
  const picked: AuthSetting = {}
  for (const scope of SCOPES) {
    const value = authSetting[scope]
    if (typeof value === 'boolean') picked[scope] = value
  }
  return picked
}

/** Runs a promise-returning Taro call, turning its failure into a PlatformError. */
async function attempt<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    throw toPlatformError(err)
  }
}

/** weapp reads the contract name, declared types and purposes from the MP console and app.json; nothing to do. */
export function initPlatform(_config: PlatformConfig): void {}

/** Whether the user still has to agree to the privacy guide (again, if WeChat's declared types grew). */
export function getPrivacySetting(): Promise<PrivacySetting> {
  return new Promise((resolve, reject) => {
    // Base libraries before 2.32.3 do not intercept privacy APIs: nothing to agree to.
    if (!Taro.canIUse('getPrivacySetting')) {
      resolve({ needAuthorization: false, privacyContractName: '' })
      return
    }
    Taro.getPrivacySetting({
      success: (res) => resolve({ needAuthorization: res.needAuthorization, privacyContractName: res.privacyContractName }),
      fail: (err) => reject(toPlatformError(err)),
    })
  })
}

/**
 * Subscribes the listener WeChat calls when a privacy API runs before agreement (the call waits for
 * `resolve`). The latest subscribed listener handles each request; returns an unsubscribe function.
 */
export function onNeedPrivacyAuthorization(listener: NeedPrivacyListener): () => void {
  if (!hooked && Taro.canIUse('onNeedPrivacyAuthorization')) {
    hooked = true
    Taro.onNeedPrivacyAuthorization((resolve, info) => hub.dispatch(resolve, { referrer: info.referrer }))
  }
  return hub.add(listener)
}

/** Asks for the privacy agreement before a feature starts; resolves at once if already agreed. */
export function requirePrivacyAuthorize(): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!Taro.canIUse('requirePrivacyAuthorize')) {
      resolve()
      return
    }
    Taro.requirePrivacyAuthorize({ success: () => resolve(), fail: (err) => reject(toPlatformError(err)) })
  })
}

/** Opens WeChat's page for the privacy guide configured in the MP console. */
export function openPrivacyContract(): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!Taro.canIUse('openPrivacyContract')) {
      reject(new PlatformError('PLATFORM.FAILED', 'openPrivacyContract:fail not supported by this base library'))
      return
    }
    Taro.openPrivacyContract({ success: () => resolve(), fail: (err) => reject(toPlatformError(err)) })
  })
}

/** The scopes' tri-state: absent = never asked, true = granted, false = refused. */
export function getAuthSetting(): Promise<AuthSetting> {
  return attempt(async () => pickScopes((await Taro.getSetting()).authSetting))
}

/** Shows the scope dialog if never asked; fails with PLATFORM.SCOPE_DENIED if refused now or before. */
export function authorize(scope: Scope): Promise<void> {
  return attempt(async () => {
    await Taro.authorize({ scope })
  })
}

/** WeChat's settings page (asked scopes only); call it from a tap handler or it fails with PLATFORM.NOT_FROM_TAP. */
export function openSetting(): Promise<AuthSetting> {
  return attempt(async () => pickScopes((await Taro.openSetting()).authSetting))
}

/** The phone's position in GCJ-02, the coordinate system of Tencent Maps and of store records. */
export function getLocation(): Promise<Location> {
  return attempt(async () => {
    const res = await Taro.getLocation({ type: 'gcj02' })
    return { latitude: res.latitude, longitude: res.longitude }
  })
}

/** Lets the user pick images; needs the privacy agreement but no scope. */
export function chooseMedia(options: ChooseMediaOptions = {}): Promise<MediaFile[]> {
  return new Promise((resolve, reject) => {
    // Not promisified by Taro; callbacks keep wx from returning a promise nobody awaits.
    Taro.chooseMedia({
      count: options.count ?? 1,
      mediaType: ['image'],
      sourceType: options.sourceType ?? ['album'],
      success: (res) => resolve(res.tempFiles.map((f) => ({ tempFilePath: f.tempFilePath, size: f.size }))),
      fail: (err) => reject(toPlatformError(err)),
    })
  })
}

/** Saves an image to the phone's album (scope.writePhotosAlbum). */
export function saveImageToPhotosAlbum(filePath: string): Promise<void> {
  return attempt(async () => {
    await Taro.saveImageToPhotosAlbum({ filePath })
  })
}

/** Copies text to the clipboard; needs the privacy agreement (clipboard is a declared privacy API). */
export function setClipboardData(data: string): Promise<void> {
  return attempt(async () => {
    await Taro.setClipboardData({ data })
  })
}

/**
 * Shrinks a picked photo on the phone before it is uploaded: WeChat's compressImage scales it to
 * `edge` px wide, lowering the quality until the JPEG fits `maxBytes`; answered as base64.
 */
export function avatarJpeg(file: MediaFile, limits: { edge: number; maxBytes: number }): Promise<string> {
  return attempt(async () => {
    for (const quality of [80, 60, 40, 20]) {
      const { tempFilePath } = await Taro.compressImage({ src: file.tempFilePath, quality, compressedWidth: limits.edge })
      const fs = Taro.getFileSystemManager()
      const { size } = fs.statSync(tempFilePath) as { size: number }
      if (size <= limits.maxBytes) return fs.readFileSync(tempFilePath, 'base64') as string
    }
    throw new PlatformError('PLATFORM.FAILED', 'the photo does not shrink below the avatar limit')
  })
}

/** WeChat's 2D offscreen canvas as this file uses it (Taro's typings leave out the 2D half). */
interface Canvas2d {
  width: number
  height: number
  getContext(type: '2d'): WatermarkContext & { fillRect(x: number, y: number, w: number, h: number): void; drawImage(image: unknown, x: number, y: number, w: number, h: number): void }
  createImage(): { onload: (() => void) | null; onerror: ((err: unknown) => void) | null; src: string; width: number; height: number }
  toDataURL?: (type: string, quality: number) => string
}

/**
 * A certification photo, made on the phone: an offscreen 2D canvas scales it to `edge` px on its
 * longest side, stamps the watermark across it (ID photos), then encodes JPEG at falling quality
 * until it fits `maxBytes`; answered as base64. The original never leaves the phone.
 */
export function certPhotoJpeg(file: MediaFile, limits: CertPhotoLimits): Promise<string> {
  return attempt(async () => {
    const info = await Taro.getImageInfo({ src: file.tempFilePath })
    const scale = Math.min(1, limits.edge / Math.max(info.width, info.height))
    const width = Math.max(1, Math.round(info.width * scale))
    const height = Math.max(1, Math.round(info.height * scale))
    const canvas = Taro.createOffscreenCanvas({ type: '2d', width, height }) as unknown as Canvas2d
    const ctx = canvas.getContext('2d')
    const picture = canvas.createImage()
    await new Promise<void>((resolve, reject) => {
      picture.onload = () => resolve()
      picture.onerror = (err) => reject(new PlatformError('PLATFORM.FAILED', `the photo could not be read: ${String(err)}`))
      picture.src = info.path
    })
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, width, height)
    ctx.drawImage(picture, 0, 0, width, height)
    if (limits.watermark) stampWatermark(ctx, width, height, limits.watermark)
    const fs = Taro.getFileSystemManager()
    for (const quality of [0.8, 0.6, 0.4, 0.2]) {
      let b64: string
      if (typeof canvas.toDataURL === 'function') {
        const url = canvas.toDataURL('image/jpeg', quality)
        b64 = url.slice(url.indexOf(',') + 1)
      } else {
        const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as unknown as Taro.Canvas, fileType: 'jpg', quality, destWidth: width, destHeight: height })
        b64 = fs.readFileSync(tempFilePath, 'base64') as string
      }
      if (base64Bytes(b64) <= limits.maxBytes) return b64
    }
    throw new PlatformError('PLATFORM.FAILED', 'the photo does not shrink below the size limit')
  })
}

/** WeChat's subscribe-message dialog; each template answers `accept`, `reject` or `ban`. */
export function requestSubscribeMessage(tmplIds: string[]): Promise<Record<string, string>> {
  return attempt(async () => {
    const res = (await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] })) as unknown as Record<string, string>
    return Object.fromEntries(tmplIds.map((id) => [id, res[id] ?? 'reject']))
  })
}

/**
 * Device-only storage (WeChat local storage), for what is remembered on this phone and never sent:
 * a failure to read or write (storage full, cleared) reads as absent.
 */
export function readLocal(key: string): string | undefined {
  try {
    const value: unknown = Taro.getStorageSync(key)
    return typeof value === 'string' && value !== '' ? value : undefined
  } catch {
    return undefined
  }
}

export function writeLocal(key: string, value: string): void {
  try {
    Taro.setStorageSync(key, value)
  } catch {
    // Not remembered: at worst the user sees it once more.
  }
}
