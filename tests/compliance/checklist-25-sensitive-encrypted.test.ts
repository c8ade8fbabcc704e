import { CERTIFICATIONS } from '../../cloudfunctions/_shared/repositories/certifications'
import { PHOTO_URL_MAX_AGE_S } from '../../cloudfunctions/_shared/usecases/certification-data'
import { CERT_ENV, fictionalId, tinyJpeg, validCertFields } from '../support/certification'
import { decision } from '../support/consent'
import { cloudSuite, POLICY_3 } from './checklist-harness'

/**
 * Checklist 25 (GB/T 35273 §6.3): sensitive PI is encrypted at rest, field by field for the ID number,
 * and ID photos sit in private storage under paths that name no one, served only through short-lived links.
 * (In transit: the functions are reached only through WeChat's own TLS channel, so there is nothing of ours to test.)
 */
describe('checklist 25: sensitive personal information encrypted at rest, photos private', () => {
  const c = cloudSuite({ env: CERT_ENV })
  const ME = 'o_test_user_2501'
  const ID_NUMBER = fictionalId('19850612', '110105', '417')
  const MOBILE = '13987654321'

  it('the stored row holds the ID number and mobile only as ciphertext; photos are private and named by random ids', async () => {
    await c.agree(ME)
    await c.call('consent', ME, { action: 'record', request: decision({ policy: POLICY_3, target: { kind: 'purpose', id: 'store-certification' }, method: 'purpose-prompt' }) })
    for (const [slot, fill] of [['idFront', 1], ['idBack', 2], ['licence', 3]] as const) {
      expect(await c.call('certification', ME, { action: 'setPhoto', clientRequestId: c.rid(), slot, image: tinyJpeg(fill) })).toMatchObject({ ok: true })
    }
    const submitted = await c.call('certification', ME, { action: 'submit', clientRequestId: c.rid(), fields: validCertFields({ idNumber: ID_NUMBER, mobile: MOBILE }) })
    expect(submitted).toMatchObject({ ok: true })

    const [row] = await c.rows(CERTIFICATIONS)
    const stored = JSON.stringify(row)
    expect(stored).not.toContain(ID_NUMBER)
    expect(stored).not.toContain(MOBILE)
    expect(Object.keys(row!.sealed)).toEqual(expect.arrayContaining(['idNumber', 'mobile', 'legalName']))
    expect(row!.masked.idNumber).toBe(`110***********${ID_NUMBER.slice(-4)}`)
    // Photos: paths name no one, and a link needs the owner (a stranger gets nothing).
    const fileIds = JSON.stringify(row!.photos)
    expect(fileIds).not.toContain(ME)
    expect(fileIds).toMatch(/certification\/[A-Za-z0-9_-]+\//)
    const urls = Object.values(submitted.data.application.photos).map((p: any) => p.thumbnailUrl as string)
    expect(urls.length).toBe(3)
    expect(PHOTO_URL_MAX_AGE_S).toBeLessThanOrEqual(300)
    expect(await c.call('certification', 'o_test_user_2502', { action: 'status' })).toEqual({ ok: true, data: {} })
  })
})
