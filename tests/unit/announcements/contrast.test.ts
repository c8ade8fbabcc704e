import { readFileSync } from 'node:fs'
import path from 'node:path'

// WCAG 2 contrast of the banner's text and links on its backgrounds, read from the stylesheets themselves.
const ROOT = path.join(__dirname, '..', '..', '..')
const scss = (file: string) => readFileSync(path.join(ROOT, file), 'utf8')
const vars = (source: string) => Object.fromEntries([...source.matchAll(/^\$([\w-]+):\s*(#[0-9a-fA-F]{6});/gm)].map((m) => [m[1]!, m[2]!]))
const colours = { ...vars(scss('src/styles/_tokens.scss')), ...vars(scss('src/components/announcement-banner/index.scss')) }

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}
const ratio = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

describe('announcement banner contrast', () => {
  it.each([
    ['incident-fg', 'incident-bg'],
    ['text', 'incident-bg'],
    ['link', 'incident-bg'],
    ['notice-fg', 'notice-bg'],
    ['text', 'notice-bg'],
    ['link', 'notice-bg'],
  ])('%s on %s is at least 4.5:1', (fg, bg) => {
    expect(colours[fg]).toBeDefined()
    expect(colours[bg]).toBeDefined()
    expect(ratio(colours[fg]!, colours[bg]!)).toBeGreaterThanOrEqual(4.5)
  })

  it('an incident looks different from a notice', () => {
    expect(colours['incident-bg']).not.toBe(colours['notice-bg'])
    expect(ratio('#000000', '#ffffff')).toBeCloseTo(21)
  })
})
