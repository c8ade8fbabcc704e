import path from 'node:path'
import { buildSync } from 'esbuild'
import { PHOTO_EDGE_PX, PHOTO_MAX_BYTES, PHOTO_SLOTS, WATERMARKED_SLOTS } from '../../src/domain/certification/certification-form'
import { launchBrowser } from '../support/browser'
import type { BenchSection } from './types'

const ROOT = path.resolve(__dirname, '..', '..')
const KB = 1024

/**
 * What a certification upload sends after the phone has compressed it: three 4000×3000 camera photos
 * (ID front, ID back, licence) through the app's own h5 encoder (`src/platform/canvas-jpeg.ts`, bundled
 * as is) in Chromium, the ID photos watermarked. The photos are drawn to resemble a document shot:
 * a card on a textured desk with printed lines and sensor noise, saved as a 92 % camera JPEG.
 */
export default async function bench(): Promise<BenchSection> {
  const encoder = buildSync({ entryPoints: [path.join(ROOT, 'src', 'platform', 'canvas-jpeg.ts')], bundle: true, write: false, format: 'iife', globalName: '__encoder', platform: 'browser' }).outputFiles[0]!.text
  const browser = await launchBrowser()
  try {
    const page = await browser.context.newPage()
    await page.goto('about:blank')
    // tsx compiles this file with esbuild's keepNames, which wraps functions in `__name`; give the page one.
    await page.addScriptTag({ content: `window.__name = (f) => f;\n${encoder}` })
    const results = await page.evaluate(
      async ({ slots, watermarked, edge, maxBytes }) => {
        let seed = 7
        const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
        const out: Array<{ slot: string; cameraBytes: number; sentBytes: number; base64Chars: number; ms: number }> = []
        for (const slot of slots) {
          const c = document.createElement('canvas')
          c.width = 4000
          c.height = 3000
          const ctx = c.getContext('2d')!
          const desk = ctx.createLinearGradient(0, 0, 4000, 3000)
          desk.addColorStop(0, '#8d6e63')
          desk.addColorStop(1, '#5d4037')
          ctx.fillStyle = desk
          ctx.fillRect(0, 0, 4000, 3000)
          for (let i = 0; i < 4000; i++) {
            ctx.fillStyle = `rgba(${(rand() * 80) | 0},${(rand() * 60) | 0},${(rand() * 40) | 0},0.15)`
            ctx.fillRect(rand() * 4000, rand() * 3000, 2 + rand() * 60, 1 + rand() * 6)
          }
          ctx.fillStyle = '#eef3f8'
          ctx.fillRect(500, 450, 3000, 2100)
          ctx.fillStyle = '#1f2329'
          for (let line = 0; line < 14; line++) {
            ctx.font = `${60 + (line % 3) * 10}px sans-serif`
            ctx.fillText('示例 SAMPLE 0123456789 虚构资料'.slice(0, 10 + (line % 7) * 3), 650, 620 + line * 130)
          }
          const img = ctx.getImageData(0, 0, 4000, 3000)
          for (let i = 0; i < img.data.length; i += 4) {
            const n = (rand() - 0.5) * 18
            img.data[i] += n
            img.data[i + 1] += n
            img.data[i + 2] += n
          }
          ctx.putImageData(img, 0, 0)
          const camera = await new Promise<Blob>((resolve) => c.toBlob((b) => resolve(b!), 'image/jpeg', 0.92))
          const url = URL.createObjectURL(camera)
          const start = performance.now()
          const watermark = watermarked.includes(slot) ? '仅用于示例商城门店认证 2026-12-01' : undefined
          const base64 = await (window as unknown as { __encoder: { canvasJpeg(f: { tempFilePath: string }, l: object): Promise<string> } }).__encoder.canvasJpeg({ tempFilePath: url }, { edge, maxBytes, ...(watermark ? { watermark } : {}) })
          const ms = performance.now() - start
          URL.revokeObjectURL(url)
          out.push({ slot, cameraBytes: camera.size, sentBytes: Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0), base64Chars: base64.length, ms })
        }
        return out
      },
      { slots: [...PHOTO_SLOTS], watermarked: [...WATERMARKED_SLOTS], edge: PHOTO_EDGE_PX, maxBytes: PHOTO_MAX_BYTES },
    )
    const camera = results.reduce((a, r) => a + r.cameraBytes, 0)
    const sent = results.reduce((a, r) => a + r.sentBytes, 0)
    const wire = results.reduce((a, r) => a + r.base64Chars, 0)
    return {
      title: 'Certification upload (three 4000×3000 photos)',
      rows: [
        ...results.map((r) => ({ photo: r.slot, 'camera JPEG KB': (r.cameraBytes / KB).toFixed(0), 'uploaded JPEG KB': (r.sentBytes / KB).toFixed(1), 'base64 on the wire KB': (r.base64Chars / KB).toFixed(1), 'encode ms': r.ms.toFixed(0), budget: `≤ ${PHOTO_MAX_BYTES / KB} KB` })),
        { photo: 'all three', 'camera JPEG KB': (camera / KB).toFixed(0), 'uploaded JPEG KB': (sent / KB).toFixed(1), 'base64 on the wire KB': (wire / KB).toFixed(1), 'encode ms': '', budget: `ratio ${(sent / camera).toFixed(3)} of the camera files` },
      ],
      notes: [
        `The app's own encoder in Chromium (h5 build path): longest edge ${PHOTO_EDGE_PX} px, JPEG quality 0.8 falling to 0.2 until the photo fits ${PHOTO_MAX_BYTES / KB} KB; ID photos watermarked before encoding.`,
        'Each photo is one callFunction of its base64 (4/3 of the bytes). The weapp build encodes on WeChat\'s offscreen canvas with the same limits and watermark; it was not measured here.',
      ],
    }
  } finally {
    await browser.close()
  }
}

if (require.main === module) bench().then((s) => console.log(JSON.stringify(s, null, 2)))
