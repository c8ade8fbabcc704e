/**
 * h5 build of the platform API (Taro picks this file over `index.ts`): every call goes to the WeChat
 * simulator, never to `Taro.*`, whose h5 privacy stubs silently "succeed". See `index.ts` for the API.
 */
import { simulator } from './simulator/browser'
import { stampWatermark } from './watermark'
import { type AuthSetting, type CertPhotoLimits, type ChooseMediaOptions, type Location, type MediaFile, type NeedPrivacyListener, PlatformError, type PlatformConfig, type PrivacySetting, type Scope } from './types'

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

/** The h5 build's stand-in for compressImage: a canvas scales the picture and encodes it as JPEG. */
export function avatarJpeg(file: MediaFile, limits: { edge: number; maxBytes: number }): Promise<string> {
  return canvasJpeg(file, limits)
}

/** As avatarJpeg, with the watermark drawn on the canvas before it is encoded. */
export function certPhotoJpeg(file: MediaFile, limits: CertPhotoLimits): Promise<string> {
  return canvasJpeg(file, limits)
}

async function canvasJpeg(file: MediaFile, limits: CertPhotoLimits): Promise<string> {
  const picture = await createImageBitmap(await (await fetch(file.tempFilePath)).blob())
  const scale = Math.min(1, limits.edge / Math.max(picture.width, picture.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(picture.width * scale))
  canvas.height = Math.max(1, Math.round(picture.height * scale))
  const ctx = canvas.getContext('2d')!
  // JPEG has no transparency: a transparent PNG gets a white background, not a black one.
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.drawImage(picture, 0, 0, canvas.width, canvas.height)
  if (limits.watermark) stampWatermark(ctx, canvas.width, canvas.height, limits.watermark)
  for (const quality of [0.8, 0.6, 0.4, 0.2]) {
    const jpeg = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))
    if (jpeg && jpeg.size <= limits.maxBytes) {
      const bytes = new Uint8Array(await jpeg.arrayBuffer())
      let binary = ''
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
      return btoa(binary)
    }
  }
  throw new PlatformError('PLATFORM.FAILED', 'the photo does not shrink below the size limit')
}

export function requestSubscribeMessage(tmplIds: string[]): Promise<Record<string, string>> {
  return simulator.requestSubscribeMessage(tmplIds)
}
