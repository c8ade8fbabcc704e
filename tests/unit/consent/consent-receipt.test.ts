import { MANIFEST_2026_1, MANIFEST_2026_2 } from '../../../src/content'
import { DomainError } from '../../../src/domain/common/errors'
import { isDeclaredTarget, purposesForTarget, requireDeclaredTarget, targetKey, toReceipt } from '../../../src/domain/consent'
import { SUBJECT, V1, V2, chain } from './ledger-fixtures'

/** Kantara Consent Receipt v1.1 required fields, plus the ISO/IEC TS 27560 ones we add. */
const REQUIRED = [
  'version',
  'jurisdiction',
  'consentTimestamp',
  'collectionMethod',
  'consentReceiptID',
  'language',
  'piiPrincipalId',
  'piiControllers',
  'policyUrl',
  'services',
  'sensitive',
  'spiCat',
  'eventState',
  'eventType',
  'withdrawalMethod',
  'storageLocation',
  'policyVersion',
  'policyHash',
]

describe('toReceipt', () => {
  const [grant, withdraw, deny] = chain([
    { target: { kind: 'scope', id: 'scope.userLocation' }, method: 'permission-dialog', page: 'pages/stores/index' },
    { target: { kind: 'scope', id: 'scope.userLocation' }, decision: 'withdraw', method: 'settings-toggle' },
    { target: { kind: 'purpose', id: 'save-poster' }, decision: 'deny', method: 'purpose-prompt', language: 'en' },
  ])

  it('has every required field', () => {
    const r = toReceipt(grant, MANIFEST_2026_1)
    for (const field of REQUIRED) expect(r).toHaveProperty(field)
    expect(r).toMatchObject({
      version: 'KI-CR-v1.1.0',
      jurisdiction: 'CN',
      consentTimestamp: Date.UTC(2026, 0, 1) / 1000,
      eventTime: '2026-01-01T00:00:00.000Z',
      consentReceiptID: 'evt-1',
      language: 'zh-CN',
      piiPrincipalId: SUBJECT,
      policyUrl: 'https://mall.example.com/privacy/2026.1',
      policyVersion: V1.version,
      policyHash: V1.hash,
      eventType: 'explicit',
      eventState: 'given',
      collectionMethod: 'permission-dialog @ pages/stores/index (h5 0.1.0)',
    })
    expect(r.piiControllers).toEqual([{ piiController: '示例科技有限公司', contact: 'privacy@example.com', address: expect.stringContaining('虚构'), email: 'privacy@example.com', url: 'https://mall.example.com/privacy', onBehalf: false }])
  })

  it('describes the purposes behind a scope, with the sensitive data it touches', () => {
    const r = toReceipt(grant, MANIFEST_2026_1)
    expect(r.services).toHaveLength(1)
    expect(r.services[0].service).toBe('示例商城')
    expect(r.services[0].purposes).toEqual([
      {
        purposeId: 'nearby-stores',
        purpose: '根据你当前的位置查找附近门店并显示距离。',
        purposeCategory: ['附近门店'],
        consentType: 'explicit',
        legalBasis: 'separate-consent',
        piiCategory: ['精确位置'],
        primaryPurpose: false,
        termination: '仅用于本次查询，服务器最多保存 24 小时；撤回授权时立即删除',
        thirdPartyDisclosure: false,
      },
    ])
    expect(r).toMatchObject({ sensitive: true, spiCat: ['精确位置'] })
  })

  it('maps decisions to 27560 event states', () => {
    expect(toReceipt(withdraw, MANIFEST_2026_1).eventState).toBe('withdrawn')
    expect(toReceipt(deny, MANIFEST_2026_1).eventState).toBe('refused')
  })

  it('is written in the language the user saw', () => {
    const r = toReceipt(deny, MANIFEST_2026_1)
    expect(r.language).toBe('en')
    expect(r.services[0]).toMatchObject({ service: 'Example Mall', purposes: [{ purposeCategory: ['Save posters'], piiCategory: [], termination: 'No personal information is collected or kept' }] })
    expect(r.withdrawalMethod).toMatch(/^Turn off the matching switch/)
    expect(r).toMatchObject({ sensitive: false, spiCat: [] })
  })

  it('names recipients when a purpose discloses to a third party', () => {
    const [policy] = chain([{}])
    const purposes = toReceipt(policy, MANIFEST_2026_1).services[0].purposes
    const orders = purposes.find((p) => p.purposeId === 'order-fulfilment')!
    expect(orders).toMatchObject({ thirdPartyDisclosure: true, thirdPartyName: expect.stringContaining('入驻商家'), primaryPurpose: true })
    // The general agreement does not cover purposes that need separate consent.
    expect(purposes.map((p) => p.purposeId)).not.toContain('store-certification')
  })

  it('marks merchant certification as sensitive, with its special categories', () => {
    const [cert] = chain([{ target: { kind: 'purpose', id: 'store-certification' }, method: 'purpose-prompt' }])
    expect(toReceipt(cert, MANIFEST_2026_1)).toMatchObject({ sensitive: true, spiCat: ['身份证号码', '身份证正反面照片'] })
  })

  it('carries the chain proof', () => {
    expect(toReceipt(withdraw, MANIFEST_2026_1).proof).toEqual({ seq: 2, prevHash: grant.hash, hash: withdraw.hash, algorithm: 'SHA-256', canonicalization: 'RFC 8785' })
  })

  it('refuses a target the cited policy did not declare', () => {
    const [recs] = chain([{ target: { kind: 'purpose', id: 'personalised-recommendations' }, policy: V1 }])
    expect(() => toReceipt(recs, MANIFEST_2026_1)).toThrow(DomainError)
    expect(toReceipt({ ...recs, policy: V2 }, MANIFEST_2026_2).services[0].purposes[0].purposeId).toBe('personalised-recommendations')
  })
})

describe('targets', () => {
  it('traces a scope to the purposes of the features using it', () => {
    expect(purposesForTarget(MANIFEST_2026_2, { kind: 'scope', id: 'scope.writePhotosAlbum' }).map((p) => p.id)).toEqual(['save-poster'])
  })

  it('accepts only declared purposes and scopes', () => {
    expect(isDeclaredTarget(MANIFEST_2026_2, { kind: 'policy', id: 'privacy-policy' })).toBe(true)
    expect(isDeclaredTarget(MANIFEST_2026_2, { kind: 'purpose', id: 'account-identity' })).toBe(true)
    expect(isDeclaredTarget(MANIFEST_2026_2, { kind: 'purpose', id: 'marketing' })).toBe(false)
    expect(isDeclaredTarget(MANIFEST_2026_2, { kind: 'scope', id: 'scope.camera' })).toBe(false)
    expect(isDeclaredTarget(MANIFEST_2026_1, { kind: 'purpose', id: 'personalised-recommendations' })).toBe(false)
    expect(() => requireDeclaredTarget(MANIFEST_2026_1, { kind: 'purpose', id: 'personalised-recommendations' })).toThrow(expect.objectContaining({ code: 'CONSENT.UNKNOWN_TARGET' }))
    expect(() => requireDeclaredTarget(MANIFEST_2026_2, { kind: 'purpose', id: 'personalised-recommendations' })).not.toThrow()
  })

  it('keys targets stably for maps and indexes', () => {
    expect(targetKey({ kind: 'scope', id: 'scope.userLocation' })).toBe('scope:scope.userLocation')
  })
})
