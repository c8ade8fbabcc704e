/**
 * h5 build of the platform API (Taro picks this file over `index.ts`): every call goes to the WeChat
 * simulator, never to `Taro.*`, whose h5 privacy stubs silently "succeed". See `index.ts` for the API.
 */
import { PRIVACY_MANIFEST } from '../content/privacy-manifest'
import { appJsonPermission } from '../domain/policy/manifest-derive'
import { simulator } from './simulator/browser'
import { canvasJpeg } from './canvas-jpeg'
import { type AuthSetting, type CertPhotoLimits, type ChooseMediaOptions, type Location, type MediaFile, type NeedPrivacyListener, type PlatformConfig, type PrivacySetting, type Scope } from './types'

export * from './types'

/** The simulated scope dialog shows the purposes app.json declares for weapp (derived here, so the weapp main package never carries the manifest). */
export function initPlatform(config: PlatformConfig): void {
  simulator.configure({ permission: appJsonPermission(PRIVACY_MANIFEST), ...config })
}

export function getPrivacySetting(): Promise<PrivacySetting> {
  return simulator.getPrivacySetting()
}

export function onNeedPrivacyAuthorization(listener: NeedPrivacyListener): () => void {
  return simulator.onNeedPrivacyAuthorization(listener)
}

export function requirePrivacyAuthorize(): Promise<void> {
  return simulator.requirePrivacyAuthorize()
}

export function openPrivacyContract(): Promise<void> {
  return simulator.openPrivacyContract()
}

export function getAuthSetting(): Promise<AuthSetting> {
  return simulator.getSetting()
}

export function authorize(scope: Scope): Promise<void> {
  return simulator.authorize(scope)
}

export function openSetting(): Promise<AuthSetting> {
  return simulator.openSetting()
}

export function getLocation(): Promise<Location> {
  return simulator.getLocation()
}

export function chooseMedia(options?: ChooseMediaOptions): Promise<MediaFile[]> {
  return simulator.chooseMedia(options)
}

export function saveImageToPhotosAlbum(filePath: string): Promise<void> {
  return simulator.saveImageToPhotosAlbum(filePath)
}

export function setClipboardData(data: string): Promise<void> {
  return simulator.setClipboardData(data)
}

/** The h5 build's stand-in for compressImage: a canvas scales the picture and encodes it as JPEG. */
export function avatarJpeg(file: MediaFile, limits: { edge: number; maxBytes: number }): Promise<string> {
  return canvasJpeg(file, limits)
}

/** As avatarJpeg, with the watermark drawn on the canvas before it is encoded. */
export function certPhotoJpeg(file: MediaFile, limits: CertPhotoLimits): Promise<string> {
  return canvasJpeg(file, limits)
}

export function requestSubscribeMessage(tmplIds: string[]): Promise<Record<string, string>> {
  return simulator.requestSubscribeMessage(tmplIds)
}

/** Device-only storage: the browser's localStorage (see index.ts). */
export function readLocal(key: string): string | undefined {
  try {
    return window.localStorage.getItem(key) ?? undefined
  } catch {
    return undefined
  }
}

export function writeLocal(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value)
  } catch {
    // Not remembered: at worst the user sees it once more.
  }
}
