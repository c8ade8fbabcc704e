import { main as consent } from '../../cloudfunctions/consent/index'
import { main as personal } from '../../cloudfunctions/personal/index'
import { POLICY_VERSIONS } from '../../src/content'
import { isMainlandRegion, MAINLAND_REGIONS } from '../../src/domain/common/region'
import { repoText } from './checklist-harness'

/**
 * Checklist 28 (PIPL Arts. 38–40): data stays in mainland China. Every manifest version declares a mainland
 * region; every function refuses to run anywhere else before reading or writing anything; and no SDK
 * is embedded that could send data abroad (checklist 13).
 */
describe('checklist 28: data stays in mainland China', () => {
  const saved = process.env.TENCENTCLOUD_REGION
  afterEach(() => {
    if (saved === undefined) delete process.env.TENCENTCLOUD_REGION
    else process.env.TENCENTCLOUD_REGION = saved
  })

  it('every manifest version stores in a mainland region, and says so in the policy', () => {
    for (const p of POLICY_VERSIONS) {
      expect([p.version, isMainlandRegion(p.manifest.storage.region)]).toEqual([p.version, true])
      expect(p.manifest.storage.location['zh-CN']).toContain('中国境内')
      expect(p.manifest.sdks).toEqual([])
    }
    expect(MAINLAND_REGIONS.some((r) => /hongkong|singapore|tokyo|seoul|ashburn|frankfurt/.test(r))).toBe(false)
  })

  it.each(['ap-hongkong', 'ap-singapore', 'na-siliconvalley'])('functions refuse to run in %s', async (region) => {
    process.env.TENCENTCLOUD_REGION = region
    await expect(consent({ action: 'policy' })).resolves.toMatchObject({ ok: false, code: 'COMMON.REGION_NOT_ALLOWED' })
    await expect(personal({ action: 'inventory' })).resolves.toMatchObject({ ok: false, code: 'COMMON.REGION_NOT_ALLOWED' })
  })

  it('every cloud function goes through the handler that holds the guard', () => {
    for (const fn of ['account', 'certification', 'consent', 'export', 'ops', 'orders', 'personal', 'stores', 'wxpush']) {
      expect([fn, /define\w*Handler\(/.test(repoText(`cloudfunctions/${fn}/index.ts`))]).toEqual([fn, true])
    }
    expect(repoText('cloudfunctions/_shared/handler.ts')).toMatch(/isMainlandRegion\(/)
  })
})
