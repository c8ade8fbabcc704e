/** The part of a 2D canvas context the watermark needs; the h5 canvas and WeChat's 2D canvas both have it. */
export interface WatermarkContext {
  save(): void
  restore(): void
  translate(x: number, y: number): void
  rotate(angle: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  font: string
  fillStyle: unknown
  globalAlpha: number
  textAlign: unknown
  textBaseline: unknown
}

/**
 * Stamps `text` across the whole picture: semi-transparent, diagonal, repeated in staggered rows, so
 * no part of an ID photo can be cropped out without it. Drawn before encoding, on the phone.
 */
export function stampWatermark(ctx: WatermarkContext, width: number, height: number, text: string): void {
  const size = Math.max(14, Math.round(Math.min(width, height) / 16))
  ctx.save()
  ctx.globalAlpha = 0.38
  ctx.fillStyle = '#d0021b'
  ctx.font = `bold ${size}px sans-serif`
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.translate(width / 2, height / 2)
  ctx.rotate(-Math.PI / 6)
  const step = ctx.measureText(text).width + size * 2
  const half = Math.hypot(width, height) / 2 + step
  for (let row = 0, y = -half; y <= half; row++, y += size * 3.5) {
    for (let x = -half + (row % 2) * (step / 2); x <= half; x += step) ctx.fillText(text, x, y)
  }
  ctx.restore()
}

/** Bytes a base64 string decodes to. */
export function base64Bytes(b64: string): number {
  return Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0)
}
