import { CERTIFICATIONS } from '../../cloudfunctions/_shared/repositories/certifications'
import { CERT_ENV, tinyJpeg, validCertFields } from '../support/certification'
import { decision } from '../support/consent'
import { cloudSuite, POLICY_3 } from './checklist-harness'

/**
 * Checklist 10 (PIPL Arts. 28–30; GB/T 35273 §5.4, Annex B): certification data (the legal person's ID
 * number and ID-card photos) needs its own consent, separate from the policy agreement. The function
 * refuses every write without a grant for the purpose `store-certification`, and the grant's receipt
 * marks the data sensitive.
 */
describe('checklist 10: separate consent for sensitive personal information', () => {
  const c = cloudSuite({ env: CERT_ENV })
  const ME = 'o_test_user_1001'
  const CERT = { kind: 'purpose', id: 'store-certification' } as const
  const writes = (openid: string) => [
    { action: 'saveDraft', clientRequestId: c.rid(), fields: validCertFields() },
    { action: 'setPhoto', clientRequestId: c.rid(), slot: 'idFront', image: tinyJpeg(1) },
    { action: 'submit', clientRequestId: c.rid(), fields: validCertFields() },
  ].map((event) => c.call('certification', openid, event))

  it('the policy agreement alone, or a refusal, lets nothing be collected; the separate grant does', async () => {
    await c.agree(ME)
    for (const reply of await Promise.all(writes(ME))) expect(reply).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    await c.call('consent', ME, { action: 'record', request: decision({ policy: POLICY_3, target: CERT, decision: 'deny', method: 'purpose-prompt' }) })
    for (const reply of await Promise.all(writes(ME))) expect(reply).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    expect(await c.rows(CERTIFICATIONS)).toEqual([])

    const grant = await c.call('consent', ME, { action: 'record', request: decision({ policy: POLICY_3, target: CERT, decision: 'grant', method: 'purpose-prompt' }) })
    expect(grant).toMatchObject({ ok: true })
    const receipt = await c.call('consent', ME, { action: 'receipt', eventId: grant.data.event.eventId })
    expect(receipt.data).toMatchObject({ sensitive: true })
    expect(await c.call('certification', ME, { action: 'saveDraft', clientRequestId: c.rid(), fields: { storeName: '示例小店' } })).toMatchObject({ ok: true })
    expect(await c.rows(CERTIFICATIONS)).toHaveLength(1)
  })
})
