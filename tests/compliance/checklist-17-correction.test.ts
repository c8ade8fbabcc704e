import { CORRECTIONS } from '../../cloudfunctions/_shared/repositories/corrections'
import { CERT_ENV, tinyJpeg, validCertFields } from '../support/certification'
import { decision } from '../support/consent'
import { OPS_ENV } from '../support/ops'
import { cloudSuite, POLICY_3 } from './checklist-harness'

/**
 * Checklist 17 (PIPL Art. 46; GB/T 35273 §8.2): the user corrects their data in the app; the change is
 * applied at once and logged (which fields, never the values), and corrected legal-person data goes
 * through review again before it counts.
 */
describe('checklist 17: correction', () => {
  const c = cloudSuite({ env: { ...OPS_ENV, ...CERT_ENV } })
  const ME = 'o_test_user_1701'
  const CONTACT = { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '示例路 88 弄 8 号' }

  it('a contact is corrected in place, and the history names the changed field without its value', async () => {
    await c.agree(ME)
    const added = await c.call('personal', ME, { action: 'addContact', clientRequestId: c.rid(), contact: CONTACT })
    const id = added.data.contacts[0].id as string
    const fixed = await c.call('personal', ME, { action: 'updateContact', clientRequestId: c.rid(), recordId: id, contact: { ...CONTACT, mobile: '13912345678' } })
    expect(fixed).toMatchObject({ ok: true, data: { contacts: [{ id, mobile: '13912345678' }] } })
    const history = await c.rows(CORRECTIONS)
    expect(history.map((h) => [h.action, h.fields])).toContainEqual(['update', ['mobile']])
    expect(JSON.stringify(history)).not.toMatch(/13912345678|13812345678/)
  })

  it('corrected certification data is reviewed again before it counts', async () => {
    await c.agree(ME)
    await c.call('consent', ME, { action: 'record', request: decision({ policy: POLICY_3, target: { kind: 'purpose', id: 'store-certification' }, method: 'purpose-prompt' }) })
    for (const [slot, fill] of [['idFront', 1], ['idBack', 2], ['licence', 3]] as const) await c.call('certification', ME, { action: 'setPhoto', clientRequestId: c.rid(), slot, image: tinyJpeg(fill) })
    expect(await c.call('certification', ME, { action: 'submit', clientRequestId: c.rid(), fields: validCertFields() })).toMatchObject({ ok: true })
    const id = (await c.ops({ action: 'listCertifications' })).data.rows[0].applicationId
    expect(await c.ops({ action: 'rejectCertification', applicationId: id, reason: '法定代表人姓名与执照不一致' })).toMatchObject({ ok: true })

    const corrected = await c.call('certification', ME, { action: 'submit', clientRequestId: c.rid(), fields: validCertFields({ legalName: '张三丰' }) })
    expect(corrected).toMatchObject({ ok: true, data: { application: { status: 'submitted', version: 2 } } })
    expect(await c.ops({ action: 'approveCertification', applicationId: id })).toMatchObject({ ok: true, data: { status: 'approved' } })
    const history = (await c.call('certification', ME, { action: 'status' })).data.application.history.map((h: { event: string }) => h.event)
    expect(history.slice(-3)).toEqual(['reject', 'submit', 'approve'])
  })
})
