import { PRIVACY_MANIFEST } from '../../src/content'
import { NEARBY_STORES_PURPOSE } from '../../src/content/nearby-purpose'
import { CERT_CATEGORIES, NECESSITY } from '../../src/packages/merchant/texts'
import { appPrivacy } from '../../scripts/derive-app-privacy'
import { repoText } from './checklist-harness'

/**
 * Checklist 6 (认定方法 §2(3); PIPL Arts. 17, 30): before location is asked, a photo is picked or an ID
 * number typed, a short purpose line is on screen. The words come from the manifest, and every page that
 * asks for a scope renders the purpose prompt first; the certification consent screen says why each item is needed.
 */
describe('checklist 6: the purpose is stated at the point of request', () => {
  const purposeOf = (id: string) => PRIVACY_MANIFEST.purposes.find((p) => p.id === id)

  it('every feature that asks for a scope or picks photos has a purpose line and what refusing means, in Chinese', () => {
    const asking = PRIVACY_MANIFEST.features.filter((f) => f.scope !== undefined || f.privacyApis.includes('chooseMedia'))
    expect(asking.map((f) => f.id)).toEqual(expect.arrayContaining(['nearby-stores', 'cert-photos', 'save-poster']))
    for (const f of asking) {
      expect((f.useNote?.['zh-CN'] ?? '').length).toBeGreaterThan(3)
      const p = purposeOf(f.purpose)!
      expect(p.description['zh-CN'].length).toBeGreaterThan(5)
      expect(p.ifRefused['zh-CN'].length).toBeGreaterThan(5)
    }
  })

  it('app.json gives WeChat’s location dialog the manifest’s purpose line', () => {
    const nearby = PRIVACY_MANIFEST.features.find((f) => f.id === 'nearby-stores')!
    expect(appPrivacy().permission['scope.userLocation']).toEqual({ desc: nearby.useNote!['zh-CN'] })
    // The home page shows the manifest's own purpose object, so the two cannot differ.
    expect(purposeOf('nearby-stores')).toBe(NEARBY_STORES_PURPOSE)
  })

  it('each page that asks for a scope renders the purpose prompt, and asks only from its continue button', () => {
    for (const page of ['src/pages/index/index.tsx', 'src/packages/privacy/pages/album/index.tsx', 'src/packages/privacy/pages/permissions/index.tsx']) {
      const source = repoText(page)
      expect([page, /<PurposePrompt[^>]*onContinue=/.test(source)]).toEqual([page, true])
    }
  })

  it('the certification consent screen states why each sensitive item is needed, before any field', () => {
    expect(CERT_CATEGORIES.map((c) => c.id)).toEqual(expect.arrayContaining(['id-number', 'id-card-images']))
    for (const c of CERT_CATEGORIES) expect([c.id, (NECESSITY[c.id]?.['zh-CN'] ?? '').length > 5]).toEqual([c.id, true])
  })
})
