/**
 * h5 build of the platform API (Taro picks this file over `index.ts`): every call goes to the WeChat
 * simulator, never to `Taro.*`, whose h5 privacy stubs silently "succeed". See `index.ts` for the API.
 */
import { simulator } from './simulator/browser'
import type { AuthSetting, ChooseMediaOptions, Location, MediaFile, NeedPrivacyListener, PlatformConfig, PrivacySetting, Scope } from './types'

export * from './types'

export function initPlatform(config: PlatformConfig): void {
  simulator.configure(config)
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
