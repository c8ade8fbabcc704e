import { type CertPhotoLimits, PlatformError } from './types'
import { stampWatermark } from './watermark'

/**
 * The h5 build's photo encoder (WeChat's compressImage stands in for it in weapp): a canvas scales the
 * picture to the longest edge, stamps the watermark if asked, and encodes JPEG at falling quality until
 * it fits. DOM only, so the upload bench runs exactly this in Chromium.
 */
export async function canvasJpeg(file: { tempFilePath: string }, limits: CertPhotoLimits): Promise<string> {
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
